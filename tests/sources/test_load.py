"""load(): files and URLs in, Documents out; limits checked before reading."""

from __future__ import annotations

import hashlib
import os

import pytest

from casefile.errors import CaptureError
from casefile.sources.document import Document, guess_language
from casefile.sources.load import is_url, load, load_file

from .conftest import KAZAKH, RUSSIAN, SEEDS


def test_load_seed_file():
    path = SEEDS / "003_f89e069e06429913.txt"
    doc = load(str(path))
    raw = path.read_bytes()
    assert doc.raw == raw
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.origin == path.name  # the name only: local folders are not recorded
    assert doc.text == raw.decode("utf-8")
    assert doc.kind == "text" and doc.language == "en" and doc.title is None


def test_document_is_frozen_and_repr_is_short():
    doc = load(str(SEEDS / "002_4d79a11425cdae3c.txt"))
    with pytest.raises(AttributeError):
        doc.text = "changed"  # type: ignore[misc]
    assert len(repr(doc)) < 400


def test_pdf_and_docx_files(tmp_path, seed_pdfs):
    name, pdf = next(iter(seed_pdfs.items()))
    path = tmp_path / "report.bin"  # no telling extension: the bytes decide
    path.write_bytes(pdf)
    doc = load(str(path))
    assert doc.kind == "pdf" and doc.origin == "report.bin"


def test_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 3000)

    def no_open(*args, **kwargs):
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr("builtins.open", no_open)
    with pytest.raises(CaptureError, match=r"^file is 2.9 KB, over the 1 KB limit \(CASEFILE_MAX"):
        load(str(path), max_bytes=1024)


def test_default_limit_message(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:  # sparse: 51 MB on paper, nothing on disk
        fh.truncate(51 * 1024 * 1024)
    with pytest.raises(
        CaptureError,
        match=r"^file is 51 MB, over the 50 MB limit \(CASEFILE_MAX_SOURCE_BYTES\)$",
    ):
        load(str(path))
    monkeypatch.setenv("CASEFILE_MAX_SOURCE_BYTES", str(60 * 1024 * 1024))
    with pytest.raises(CaptureError, match="binary data"):  # now read: all NUL bytes
        load(str(path))


def test_missing_file_directory_and_fifo(tmp_path):
    with pytest.raises(CaptureError, match="^no such file: "):
        load(str(tmp_path / "nope.pdf"))
    with pytest.raises(CaptureError, match="is a directory, not a file"):
        load(str(tmp_path))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(CaptureError, match="is not a regular file"):  # and must not block
        load_file(fifo)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(CaptureError, match="^empty source$"):
        load(str(path))


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "ftp://example.org/x.pdf", "data:text/html,<p>x</p>",
     "javascript:alert(1)", "FILE:///etc/hostname", "gopher://127.0.0.1/x"],
)  # fmt: skip
def test_non_http_urls_are_refused(target):
    assert is_url(target)
    with pytest.raises(CaptureError, match="unsupported URL scheme"):
        load(target)


def test_paths_are_not_urls():
    assert not is_url("/tmp/report.pdf")
    assert not is_url("C:\\reports\\a.pdf")
    assert not is_url("notes: kazakhstan.txt")
    assert is_url("https://example.org/a")


def test_load_url(server):
    doc = load(server + "/page")
    assert doc.kind == "html" and doc.title == "Page"
    assert doc.text == "Суд вынес приговор активисту."  # charset from the HTTP header
    assert doc.origin == server + "/page"
    assert doc.language == "ru"


def test_load_url_origin_is_final_url(server):
    doc = load(server + "/chain/2")
    assert doc.origin == server + "/chain/0"
    assert doc.text == "end of chain"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RUSSIAN, "ru"),
        (KAZAKH, "kk"),
        ("Human Rights Watch said the verdict was unfair.", "en"),
        (RUSSIAN + " Қайрат Әбдірахманов.", "ru"),  # a Kazakh name in Russian text
        ("Суд. " + "The English report quotes one Russian word at length. " * 3, "en"),
        ("12345 — 2022.01.05", None),
    ],
)
def test_guess_language(text, expected):
    assert guess_language(text) == expected


def test_document_rejects_unknown_kind():
    with pytest.raises(ValueError, match="unknown document kind"):
        Document(b"x", "0" * 64, "exe", "application/x", "x", "x", None, None)

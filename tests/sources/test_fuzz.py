"""Arbitrary bytes never crash capture: the result is a Document or a CaptureError."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile.errors import CaptureError
from casefile.sources.document import Document
from casefile.sources.load import load_bytes

# Random bytes rarely look like a format, so also start them with each format's signature.
PREFIXES = [
    b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"<!doctype html><body>", b"<p>",
    codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"<?xml version='1.0'?>",
]  # fmt: skip
SUFFIXES = [b"", b"\n%%EOF\n", b"</p></body></html>"]


def capture(raw: bytes) -> None:
    try:
        doc = load_bytes(raw, origin="fuzz", max_bytes=1_000_000)
    except CaptureError as exc:
        message = str(exc)
        assert message and "\n" not in message  # one line naming the problem
        return
    assert isinstance(doc, Document)
    assert doc.raw == raw and doc.text.strip()
    assert "\r" not in doc.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash(prefix, body, suffix):
    capture(prefix + body + suffix)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-16", "cp1251", "utf-8-sig"]))
def test_arbitrary_text_never_crashes(text, encoding):
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return
    capture(raw)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_utf8_text_is_kept_exactly(text):
    """Plain UTF-8 text comes back unchanged apart from newline normalisation: random text is
    never taken for hard-wrapped text (hardwrap.py), which alone would rejoin its lines."""
    raw = text.encode("utf-8")
    try:
        doc = load_bytes(raw, origin="t")
    except CaptureError:
        return  # empty, or it looks like HTML/XML
    if doc.kind == "text":
        assert doc.text == text.removeprefix("\ufeff")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["pdf", "pdf-list", "docx"]),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    st.floats(0.05, 1),
)
def test_damaged_real_documents_never_crash(real_documents, kind, flips, keep):
    """Real PDFs and DOCX files with bytes overwritten and tails cut off."""
    raw = bytearray(real_documents[kind])
    for where, value in flips:
        raw[int(where * len(raw))] = value
    capture(bytes(raw[: max(1, int(keep * len(raw)))]))

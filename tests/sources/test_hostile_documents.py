"""Hostile documents: the whole text or a clear refusal, and never an unbounded parse.

The files are built here: HTML nested deeper than libxml2's limits, text nodes and pages
larger than its buffers, a PDF whose page tree lists one page 90,000 times, a DOCX whose
document.xml declares 1,000 bytes and holds 100 MB.
"""

from __future__ import annotations

import tracemalloc

import pytest

from casefile.errors import CaptureError
from casefile.sources import htmltext
from casefile.sources.load import load_bytes, load_file
from casefile.sources.packaged import docx_text

from .hostile import (
    docx_bytes,
    lying_docx,
    many_pages_pdf,
    page_tree_pdf,
    reused_page_tree_pdf,
)

ENTRY = "<font color=red>Entry {n:05d}: Arman Suleimenov was sentenced to five years. "


def _nested(depth: int) -> str:
    """An old page: every entry opens a <font> (or <div>) that is never closed."""
    entries = "".join(ENTRY.format(n=n).replace("font color=red", tag)
                      for n in range(depth) for tag in ["font color=red" if n % 2 else "div"])
    return f"<html><head><title>List</title></head><body>{entries}THE LAST WORDS</body></html>"


@pytest.mark.parametrize("depth", [300, 3000])
def test_deeply_nested_html_is_read_whole(depth):
    """300 levels passed libxml2's default limit of 256; 3,000 pass even its huge_tree limit
    of 2,048, and the page is read again as a stream."""
    doc = load_bytes(_nested(depth).encode(), origin="list.html")
    assert doc.title == "List"
    for n in (0, 255, 256, depth - 1):
        assert f"Entry {n:05d}:" in doc.text
    assert doc.text.count("was sentenced to five years") == depth
    assert doc.text.rstrip().endswith("THE LAST WORDS")


def test_text_node_over_10_mb_is_kept_whole():
    words = "Detained activist Arman Suleimenov appealed the sentence. " * 190_000  # 11 MB
    page = f"<html><body><p>{words}THE LAST WORDS</p></body></html>"
    doc = load_bytes(page.encode(), origin="big.html")
    assert doc.text.count("appealed the sentence.") == 190_000
    assert doc.text.rstrip().endswith("THE LAST WORDS")


def test_52_mb_one_line_page_is_read(monkeypatch):
    """One line of 52 MB in four text nodes of 13 MB: refused as "no readable text" before."""
    monkeypatch.setenv("CASEFILE_MAX_SOURCE_BYTES", str(60 * 1024 * 1024))
    words = "Arman Suleimenov was sentenced to five years. " * 284_000  # 13 MB
    page = f"<html><body><p>{words}<br>{words}<br>{words}<br>{words}THE LAST WORDS</p></body>"
    assert len(page) > 52_000_000 and "\n" not in page
    doc = load_bytes(page.encode(), origin="huge.html")
    assert doc.text.count("was sentenced to five years.") == 4 * 284_000
    assert doc.text.rstrip().endswith("THE LAST WORDS")


def test_text_lost_after_the_parse_is_a_refusal(monkeypatch):
    """The text kept is checked against the visible characters the parser delivered."""
    walk = htmltext._visible_text
    monkeypatch.setattr(htmltext, "_visible_text", lambda root: walk(root)[:-20])
    monkeypatch.setattr(htmltext, "_main_text", lambda root: "")
    with pytest.raises(CaptureError, match="cut"):
        htmltext.html_text("<html><body><p>" + "A sentence of the page. " * 10 + "</p>")


def test_pdf_page_tree_reusing_one_page_is_refused():
    raw = reused_page_tree_pdf()  # 90,000 pages from about 4 KB
    assert len(raw) < 5000
    with pytest.raises(CaptureError, match="page tree lists the same page"):
        load_bytes(raw, origin="bomb.pdf")


def test_pdf_page_tree_with_a_cycle_is_refused():
    raw = page_tree_pdf(b"3 0 R", 1, branch_kids=b"4 0 R 2 0 R")
    with pytest.raises(CaptureError, match="page tree"):
        load_bytes(raw, origin="cycle.pdf")


def test_pdf_over_the_page_limit_is_refused(monkeypatch):
    monkeypatch.setenv("CASEFILE_MAX_PDF_PAGES", "10")
    assert "penal colony" in load_bytes(many_pages_pdf(10), origin="ten.pdf").text
    with pytest.raises(CaptureError, match="more than 10 pages.*CASEFILE_MAX_PDF_PAGES"):
        load_bytes(many_pages_pdf(11), origin="eleven.pdf")


def test_a_parse_over_the_time_limit_is_stopped(monkeypatch):
    """20,000 real pages take far more than a second of CPU: the worker is stopped."""
    monkeypatch.setenv("CASEFILE_MAX_PDF_PAGES", "100000")
    monkeypatch.setenv("CASEFILE_PARSE_SECONDS", "1")
    with pytest.raises(CaptureError, match=r"more than 1 s \(CASEFILE_PARSE_SECONDS\)"):
        load_bytes(many_pages_pdf(20_000), origin="long.pdf")
    monkeypatch.delenv("CASEFILE_PARSE_SECONDS")  # and the next document is read as usual
    assert "penal colony" in load_bytes(many_pages_pdf(2), origin="two.pdf").text


def test_a_parse_over_the_memory_limit_is_stopped(monkeypatch):
    monkeypatch.setenv("CASEFILE_PARSE_MEMORY_MB", "64")  # less than the worker already has
    page = "<html><body><p>" + "Arman Suleimenov was detained. " * 400_000 + "</p></body></html>"
    with pytest.raises(CaptureError, match=r"more than 64 MB.*CASEFILE_PARSE_MEMORY_MB"):
        load_bytes(page.encode(), origin="big.html")


def test_docx_whose_entry_lies_about_its_size_is_refused_before_inflating():
    """document.xml declares 1,000 bytes (with the CRC of its first 1,000) and holds 100 MB:
    refused having inflated no more than a step past the declared size."""
    raw = lying_docx(real_mb=100)
    tracemalloc.start()
    try:
        with pytest.raises(CaptureError, match="declares 1000 bytes but holds more"):
            docx_text(raw, max_bytes=50 * 1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
    with pytest.raises(CaptureError, match="ZIP bomb"):
        load_bytes(raw, origin="bomb.docx")


def test_honest_docx_still_reads():
    doc = load_bytes(docx_bytes(["Arman Suleimenov was sentenced.", "He appealed."]),
                     origin="ok.docx")
    assert doc.kind == "docx" and "He appealed." in doc.text


def test_empty_file_name_is_named_as_such():
    with pytest.raises(CaptureError, match="no file name given"):
        load_file("")


def test_large_plain_text_is_read_under_the_limits_too(monkeypatch):
    """Short text is decoded in this process; beyond 256 KB it goes to the worker."""
    monkeypatch.setenv("CASEFILE_PARSE_MEMORY_MB", "64")  # less than the worker already has
    line = "Arman Suleimenov was sentenced to five years.\n"
    assert "five years" in load_bytes((line * 4000).encode(), origin="short.txt").text
    with pytest.raises(CaptureError, match="CASEFILE_PARSE_MEMORY_MB"):
        load_bytes((line * 40_000).encode(), origin="long.txt")

"""The renderers with hostile words: markup, control characters and quotes from a source end
up as text in both formats (escaped in the PDF's HTML, stripped of what XML forbids in the
DOCX), and LibreOffice still opens the DOCX."""

from __future__ import annotations

import io
import subprocess

from docx import Document
from pypdf import PdfReader

from casefile.drafts import render
from casefile.drafts.model import MARKING, Draft, Fact, Note, Paragraph, Section
from casefile.reports.citations import Citation, Quoted

HOSTILE = 'He said <script>alert("x")</script> & left\x01\x0b at "dawn"'


def _draft() -> Draft:
    cite = Citation(7, "<b>Title</b> & more", "Pub <i>", "2024-01-02",
                    "https://example.org/a?b=1&c=<2>", "file.txt", (Quoted(HOSTILE),))
    body = Section("1. <Facts> & more", (
        Paragraph(("Before ", Fact(HOSTILE, 1), " after.")),
        Paragraph(("An item",), "item"), Paragraph(("“A quoted rule”",), "quote")))
    return Draft("extradition", "A <draft> & title", "X", "2024-02-03", (body,),
                 (Note(1, cite, "ab" * 32),))


def _flat(text: str) -> str:
    return "".join(text.split())


def test_pdf_escapes_everything_and_marks_the_page():
    text = _flat(PdfReader(io.BytesIO(render(_draft(), "pdf"))).pages[0].extract_text())
    assert _flat('<script>alert("x")</script>') in text
    assert _flat("A <draft> & title") in text and _flat("<b>Title</b> & more") in text
    assert _flat(MARKING) in text and "[1]" in text


def test_docx_keeps_the_words_without_control_characters(tmp_path):
    data = render(_draft(), "docx")
    doc = Document(io.BytesIO(data))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert '<script>alert("x")</script>' in body and "\x01" not in body
    assert doc.sections[0].header.paragraphs[0].text == MARKING
    path = tmp_path / "hostile.docx"
    path.write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = _flat(PdfReader(tmp_path / "hostile.pdf").pages[0].extract_text())
    assert _flat(MARKING) in text and _flat("<script>alert") in text

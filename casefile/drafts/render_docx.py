"""A draft as a Word document (python-docx), for the lawyer to edit.

python-docx has no footnote API (real footnotes need raw WordprocessingML), so facts carry
endnote-style numbers, "[3]" in superscript, and the numbered sources follow the text. The
marking is the page header, so it is on every page."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from casefile.drafts.model import Draft, Fact, Note, Paragraph, clean

if TYPE_CHECKING:
    from docx.document import Document as Docx

STYLES = {"text": None, "item": "List Bullet", "quote": "Quote"}


def render(draft: Draft) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    header = doc.sections[0].header.paragraphs[0]
    header.add_run(draft.marking).bold = True
    doc.add_heading(clean(draft.title), 0)
    doc.add_paragraph(f"Drafted from the Casefile registry as of {draft.as_of}: only facts "
                      "editors accepted, each with the number of its source.")
    for p in draft.preamble:
        _paragraph(doc, p)
    for section in draft.sections:
        doc.add_heading(clean(section.heading), 1)
        for p in section.paragraphs:
            _paragraph(doc, p)
    doc.add_heading("Sources", 1)
    for note in draft.notes:
        par = doc.add_paragraph()
        par.add_run(f"[{note.number}] ").bold = True
        par.add_run(clean(source_line(note)))
        quoted = doc.add_paragraph(style="Quote")
        quoted.add_run(clean(f"“{note.quote}”"))
        if note.editors:
            quoted.add_run(clean(f" ({note.editors})")).italic = True
        for run in quoted.runs:
            run.font.size = Pt(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def source_line(note: Note) -> str:
    """The source as the list's exports cite it (Citation.heading), with its sha256 when it
    is a captured source."""
    return note.citation.heading() + (f"; sha256 {note.sha256}" if note.sha256 else "")


def _paragraph(doc: Docx, p: Paragraph) -> None:
    par = doc.add_paragraph(style=STYLES.get(p.style))
    for part in p.parts:
        if isinstance(part, Fact):
            par.add_run(clean(part.text))
            par.add_run(f"[{part.note}]").font.superscript = True
        else:
            par.add_run(clean(part))

"""Documents drafted for lawyers from the registry's accepted facts, each fact cited.

Three kinds: a request to INTERPOL's Commission for the Control of Files (`ccf`), an
extradition-defence dossier (`extradition`) and a sanctions proposal for an official
(`sanctions`). Each kind builds the same document model (model.py) from what an editor
accepted (evidence.py), and the model is written as DOCX (render_docx.py) or PDF
(render_pdf.py). Every page says it is a draft for a lawyer, not legal advice.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from casefile.drafts.model import Draft

KINDS = ("ccf", "extradition", "sanctions")
FORMATS = ("docx", "pdf")


def build(kind: str, s: Session, person_id: int, as_of: str) -> Draft:
    from casefile.drafts import ccf, extradition, sanctions

    builders: dict[str, Callable[[Session, int, str], Draft]] = {
        "ccf": ccf.build, "extradition": extradition.build, "sanctions": sanctions.build}
    return builders[kind](s, person_id, as_of)


def render(draft: Draft, fmt: str) -> bytes:
    from casefile.drafts import render_docx, render_pdf

    return {"docx": render_docx.render, "pdf": render_pdf.render}[fmt](draft)

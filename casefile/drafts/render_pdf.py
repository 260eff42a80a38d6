"""A draft as PDF: HTML laid out by WeasyPrint, as the list's PDF export is
(casefile.reports.export_pdf.write_pdf: nothing fetched). The template escapes every value
(Jinja autoescape); the marking is a running header, on every page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from casefile.drafts.model import Draft, Fact, clean
from casefile.drafts.render_docx import source_line
from casefile.reports.export_pdf import write_pdf


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.tests["fact"] = lambda part: isinstance(part, Fact)
    env.globals.update(source_line=source_line)
    return env


def html(draft: Draft) -> str:
    return clean(environment().get_template("draft.html").render(draft=draft))


def render(draft: Draft) -> bytes:
    return write_pdf(html(draft))

"""The prisoner list as a standalone HTML page (no scripts, no external requests), each row
citing its sources: linked titles (http(s) only, rel="noopener nofollow"), publisher, date,
the address printed too (a printed page has no links), and the quoted words."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from casefile.reports.citations import Citations
from casefile.reports.prisoners import PrisonerList, counts_line, labels, number, term_text


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(labels=labels, term_text=term_text, number=number)
    return env


def render(plist: PrisonerList, cites: Citations) -> str:
    return environment().get_template("prisoners.html").render(
        plist=plist, counts_line=counts_line(plist), cites=cites)

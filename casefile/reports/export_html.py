"""The prisoner list as a standalone HTML page (no scripts, no external requests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from casefile.reports.prisoners import PrisonerList, counts_line, labels, number, term_text


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(labels=labels, term_text=term_text, number=number)
    return env


def render(plist: PrisonerList) -> str:
    return environment().get_template("prisoners.html").render(
        plist=plist, counts_line=counts_line(plist))

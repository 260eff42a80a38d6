"""`casefile report`: publish the list of political prisoners."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from casefile.cli import app
from casefile.errors import CasefileError
from casefile.extract.places import country_code
from casefile.registry import db
from casefile.reports import export_csv, export_html, export_json, export_markdown, export_pdf
from casefile.reports.citations import cite
from casefile.reports.prisoners import prisoner_list

report_app = typer.Typer(help="Publish reports from the registry.", no_args_is_help=True)
app.add_typer(report_app, name="report")


class Format(StrEnum):
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"
    pdf = "pdf"


RENDERERS = {Format.md: export_markdown.render, Format.html: export_html.render,
             Format.csv: export_csv.render, Format.json: export_json.render}


@report_app.command("prisoners")
def prisoners(
    country: Annotated[str, typer.Option(help="ISO country code, e.g. KZ.")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Date YYYY-MM-DD the list describes; default today.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.md,
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """The list of political prisoners as of a date, grouped by status and category."""
    day = as_of or date.today().isoformat()
    try:
        date.fromisoformat(day)
    except ValueError:
        raise CasefileError(f"--as-of must be a date YYYY-MM-DD, not {day!r}") from None
    if fmt is Format.pdf and output is None and sys.stdout.isatty():
        raise CasefileError("a PDF is not for the terminal: give --output FILE")
    with db.session() as s:
        plist = prisoner_list(s, country_code(country), day)
        cites = cite(s, plist.entries)
    data = export_pdf.render(plist, cites) if fmt is Format.pdf else \
        RENDERERS[fmt](plist, cites).encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CasefileError(f"cannot write {output}: {exc.strerror or exc}") from None
        typer.echo(f"wrote {output}", err=True)

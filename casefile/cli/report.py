"""`casefile report`: publish the list of political prisoners."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from casefile.cli import app
from casefile.cli import as_of as checked_day
from casefile.errors import CasefileError
from casefile.i18n import _

if TYPE_CHECKING:
    from casefile.reports.citations import Citations
    from casefile.reports.prisoners import PrisonerList

report_app = typer.Typer(help="Publish reports from the registry.", no_args_is_help=True)
app.add_typer(report_app, name="report")


class Format(StrEnum):
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"
    pdf = "pdf"


@report_app.command("prisoners")
def prisoners(
    country: Annotated[str, typer.Option(help="ISO country code, e.g. KZ.")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Date YYYY-MM-DD the list describes; default today.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.md,
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """The list of political prisoners as of a date, grouped by status and category."""
    day = checked_day(as_of)
    if fmt is Format.pdf and output is None and sys.stdout.isatty():
        raise CasefileError(_("a PDF is not for the terminal: give --output FILE"))
    from casefile.extract.places import country_code
    from casefile.registry import db
    from casefile.reports.citations import cite
    from casefile.reports.prisoners import prisoner_list

    with db.session() as s:
        plist = prisoner_list(s, country_code(country), day)
        cites = cite(s, plist.entries)
    data = _render(plist, cites, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CasefileError(_("cannot write %(path)s: %(why)s") % {
                "path": output, "why": exc.strerror or exc}) from None
        typer.echo(_("wrote %(path)s") % {"path": output}, err=True)


def _render(plist: PrisonerList, cites: Citations, fmt: Format) -> bytes:
    """The list in `fmt`; each exporter is imported only when asked for (WeasyPrint, for the
    PDF, takes a second to load)."""
    if fmt is Format.pdf:
        from casefile.reports import export_pdf

        return export_pdf.render(plist, cites)
    from casefile.reports import export_csv, export_html, export_json, export_markdown

    renderers = {Format.md: export_markdown.render, Format.html: export_html.render,
                 Format.csv: export_csv.render, Format.json: export_json.render}
    return renderers[fmt](plist, cites).encode("utf-8")

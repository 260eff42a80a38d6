"""`casefile statistics`: persons detained per year by article, region, gender or category,
the numbers the /statistics page draws (casefile.reports.statistics)."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

import typer

from casefile.cli import app
from casefile.i18n import _


class Dimension(StrEnum):
    article = "article"
    region = "region"
    gender = "gender"
    category = "category"


class FigureFormat(StrEnum):
    """Figures, unlike records, also go to spreadsheets: a table, JSON, or the CSV the site
    serves beside the chart."""

    table = "table"
    json = "json"
    csv = "csv"


@app.command("statistics")
def statistics_cmd(
    by: Annotated[Dimension, typer.Option("--by", help="What to count by.")],
    country: Annotated[str | None, typer.Option(
        help="ISO 3166-1 alpha-2 code of the cases' country; default: the country with the "
        "most cases.")] = None,
    fmt: Annotated[FigureFormat, typer.Option("--format", help="Output format.")]
    = FigureFormat.table,
) -> None:
    """Persons whose case a list or an assessment recognises, by the year of their first
    detention or arrest, per article, region, gender or category (public claims only;
    withheld persons are not counted)."""
    from casefile.errors import CasefileError
    from casefile.registry import db
    from casefile.reports.statistics import statistics, to_csv
    from casefile.web.listing import default_country

    if country is not None and not (len(country) == 2 and country.isascii()
                                    and country.isalpha()):
        raise CasefileError(_("--country must be a two-letter code, not %(value)r")
                            % {"value": country})
    with db.session() as s:
        st = statistics(s, country or default_country(s), by.value)
    if fmt is FigureFormat.json:
        typer.echo(json.dumps(asdict(st), ensure_ascii=False, indent=1))
        return
    if fmt is FigureFormat.csv:
        typer.echo(to_csv(st), nl=False)
        return
    rows = st.table()
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(c.rjust(w) if k else c.ljust(w)
                             for k, (c, w) in enumerate(zip(row, widths, strict=True))))
    typer.echo(_("%(n)d persons with a known year; %(m)d without a public date of detention "
                 "or arrest") % {"n": st.persons, "m": st.undated}, err=True)

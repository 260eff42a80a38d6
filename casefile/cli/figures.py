"""`casefile figures`: figures of persecution side by side, per measure and event."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from casefile.cli import app
from casefile.errors import CasefileError
from casefile.i18n import _


class FigureFormat(StrEnum):
    """A table for people, JSON for programs, CSV for spreadsheets (the rows of /figures.csv)."""

    table = "table"
    json = "json"
    csv = "csv"


@app.command("figures")
def figures_cmd(
    country: Annotated[str | None, typer.Option(
        help="Only figures of sources about this country (ISO code, e.g. KZ).")] = None,
    measure: Annotated[str | None, typer.Option(
        help="Only this measure (killed, detained, convicted ...: casefile/data/figures.yml); "
        "a mass event type gives those events.")] = None,
    fmt: Annotated[FigureFormat, typer.Option(
        "--format", help="Output format.")] = FigureFormat.table,
    editors: Annotated[bool, typer.Option(
        "--editors", help="Editors' view: proposed claims too.")] = False,
) -> None:
    """Counts of people by measure and event, each as its counter states it (qualifier, who
    counts, date, source and quote), side by side and never averaged; then mass events."""
    from casefile import vocab
    from casefile.registry import db
    from casefile.reports import figures_csv
    from casefile.reports.figures import figure_groups, figure_records

    data = vocab.load("figures.yml")
    if measure is not None and measure not in data["measures"] \
            and measure not in data["mass_events"]:
        raise CasefileError(_("unknown measure %(measure)r: see casefile/data/figures.yml")
                            % {"measure": measure})
    with db.session() as s:
        records = figure_records(s, public=not editors, country=country, measure=measure)
    if fmt is FigureFormat.csv:
        typer.echo(figures_csv.render([r for r in records if r.kind == "figure"]), nl=False)
        return
    if fmt is FigureFormat.json:
        typer.echo(json.dumps({
            "figures": [{"measure": g.measure, "event": g.event_key, "event_words": g.event,
                         "figures": [r.public() for r in g.figures]}
                        for g in figure_groups(records)],
            "mass_events": [r.public() for r in records if r.kind == "mass_event"]},
            ensure_ascii=False, indent=1))
        return
    for g in figure_groups(records):
        typer.echo(f"{vocab.figure_label('measures', g.measure)} — "
                   f"{g.heading() or _('event not stated')}")
        for r in g.figures:
            typer.echo(f"  {_count(r.count, r.qualifier):>16}  "
                       f"{r.who_name or vocab.figure_label('counters', r.who)}  "
                       f"{r.date or _('undated')}  ({_('source')} {r.source})"
                       f"\n{'':20}“{_short(r.quote or '')}”")
    for r in (r for r in records if r.kind == "mass_event"):
        typer.echo(f"{r.date or _('undated')}  {vocab.figure_label('mass_events', r.measure)}"
                   + (f": {_count(r.count, r.qualifier)}" if r.count is not None else "")
                   + f"  ({_('source')} {r.source})\n{'':12}“{_short(r.quote or '')}”")
    typer.echo(_("%(n)d figure(s)") % {"n": len(records)}, err=True)


def _count(count: int | None, qualifier: str | None) -> str:
    """"about 256": the qualifier's words before the count, as data/figures.yml keys it."""
    return (qualifier.replace("_", " ") + " " if qualifier else "") + f"{count:,}"


def _short(quote: str, limit: int = 160) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[:limit - 1] + "…"

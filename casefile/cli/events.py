"""`casefile events`: the events the registry holds, each with its quote."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from casefile import vocab
from casefile.cli import Output, app
from casefile.errors import CasefileError


@app.command("events")
def events_cmd(
    person: Annotated[str | None, typer.Option(
        help="Only this person's events (any spelling, script or case form).")] = None,
    etypes: Annotated[list[str] | None, typer.Option(
        "--type", help="Only events of this type (see casefile/data/event-types.yml); give "
        "it again for several types.")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """Public events by person and date: type, date and its precision, acting and requesting
    state, outcome, the quote and its source."""
    from casefile.registry import db
    from casefile.reports.events import event_records

    unknown = [t for t in etypes or () if t not in vocab.event_types()]
    if unknown:
        raise CasefileError(f"unknown event type {unknown[0]!r}: see "
                            "casefile/data/event-types.yml")
    with db.session() as s:
        records = event_records(s, person, etypes or ())
    if fmt is Output.json:
        typer.echo(json.dumps([r.public() for r in records], ensure_ascii=False, indent=1))
        return
    for r in records:
        where = "/".join(c for c in (r.country, r.requesting_country and
                                     f"at the request of {r.requesting_country}") if c)
        typer.echo(f"{r.date or 'undated':<10}  {r.person}  {r.type}"
                   + (f" ({r.outcome})" if r.outcome else "") + (f"  [{where}]" if where else "")
                   + (f"\n            “{_short(r.quote)}” (source {r.source})" if r.quote else ""))
    typer.echo(f"{len(records)} events", err=True)


def _short(quote: str, limit: int = 160) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[:limit - 1] + "…"

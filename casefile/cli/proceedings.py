"""`casefile proceedings`: a person's proceedings abroad (Interpol notices, wanted listings,
extradition, asylum, removal orders, travel bans), each with its dated decisions."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from casefile.cli import Output, app
from casefile.errors import CasefileError


@app.command("proceedings")
def proceedings_cmd(
    person: Annotated[str | None, typer.Option(
        help="Only this person's proceedings (any spelling, script or case form); "
        "default: every person who has any.")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Only what the sources known on this day (YYYY-MM-DD) state.")] = None,
    editors: Annotated[bool, typer.Option(
        "--editors", help="Editors' view: proposed and confidential claims too, and persons "
        "not published.")] = False,
) -> None:
    """Proceedings abroad as records: kind, requesting and host state, status from the
    latest decision, and each decision with its date, outcome, claim, quote and source."""
    from sqlalchemy import select

    from casefile import cli
    from casefile.assess.proceedings import proceedings_of
    from casefile.registry import db
    from casefile.registry.clusters import clusters
    from casefile.registry.models import Case, Event, Person
    from casefile.reports.events import persons_named

    day = cli.as_of(as_of) if as_of is not None else None
    with db.session() as s:
        if person is not None:
            ids = sorted(persons_named(s, person))
            if not ids:
                raise CasefileError(f"no person named {person!r}")
        else:
            cluster = clusters(s)
            ids = sorted({cluster.get(p, p) for p in s.scalars(
                select(Case.person_id).join(Event, Event.case_id == Case.id).distinct())})
        names = {pid: name for pid, name in s.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(ids)))}
        found = [(pid, proceedings_of(s, pid, public=not editors, as_of=day)) for pid in ids]
    found = [(pid, ps) for pid, ps in found if ps]
    if fmt is Output.json:
        typer.echo(json.dumps([{"person": names.get(pid), "person_id": pid,
                                "proceedings": [asdict(p) for p in ps]} for pid, ps in found],
                              ensure_ascii=False, indent=1))
        return
    for pid, ps in found:
        typer.echo(f"{names.get(pid)} (person {pid})")
        for p in ps:
            states = ", ".join(x for x in (p.requesting_state and f"requested by "
                                           f"{p.requesting_state}",
                                           p.host_state and f"in {p.host_state}") if x)
            typer.echo(f"  {p.kind} [{p.status}]" + (f"  {states}" if states else ""))
            for d in p.decisions:
                typer.echo(f"    {d.date or 'undated':<10}  {d.type}"
                           + (f" ({d.outcome})" if d.outcome else "")
                           + f"  claim {d.claim_id[:10]}, source {d.source_id}"
                           + ("" if d.state == "accepted" else f"  [{d.state}]"))
    typer.echo(f"{sum(len(ps) for _, ps in found)} proceedings", err=True)

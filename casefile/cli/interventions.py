"""`casefile interventions` (what editors filed for whom, and what is due) and `casefile
recommendations` (what sources recommend to institutions, and how far it was implemented)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from casefile.cli import Editor, Output, app, editor
from casefile.cli.labels import Choices
from casefile.i18n import _

interventions_app = typer.Typer(help="The interventions log: letters, communications and "
                                "appeals filed for persons (editors only).",
                                no_args_is_help=True)
app.add_typer(interventions_app, name="interventions")
recommendations_app = typer.Typer(help="Recommendations sources make to institutions, and "
                                  "their implementation.", no_args_is_help=True)
app.add_typer(recommendations_app, name="recommendations")


@interventions_app.command("add")
def add_cmd(
    kind: Annotated[str, typer.Option(
        parser=Choices("casefile.registry.interventions", "KINDS"), help="What was filed.")],
    addressee: Annotated[str, typer.Option(
        help="To whom: the institution, office or embassy it was sent to.")],
    person: Annotated[str | None, typer.Option(
        help="For whom: a person id, or the name as the registry holds it; none for a "
        "general letter.")] = None,
    filed: Annotated[str | None, typer.Option(
        help="The date it was filed, YYYY-MM-DD (not needed with --status drafted).")] = None,
    follow_up: Annotated[str | None, typer.Option(
        help="When to check on it, YYYY-MM-DD (see `interventions due`).")] = None,
    status: Annotated[str, typer.Option(
        parser=Choices("casefile.registry.interventions", "STATUSES"),
        help="Where it stands.")] = "filed",
    reference: Annotated[str | None, typer.Option(
        help="The addressee's reference number.")] = None,
    note: Annotated[str | None, typer.Option(
        help="Editors' note: confidential, never public, kept out of the audit log.")] = None,
    who: Editor = None,
) -> None:
    """Record an intervention filed for a person (or a general letter)."""
    from casefile.registry import db
    from casefile.registry import interventions as iv

    with db.transaction() as s:
        person_id = iv.person_named(s, person).id if person else None
        row = iv.add(s, iv.NewIntervention(
            kind=kind, addressee=addressee, editor=editor(who), person_id=person_id,
            filed=filed, status=status, follow_up=follow_up, reference=reference, notes=note))
        typer.echo(_("added intervention %(id)s: %(kind)s to %(to)s")
                   % {"id": row.id, "kind": row.kind, "to": row.addressee})


@interventions_app.command("list")
def list_cmd(
    person: Annotated[str | None, typer.Option(
        help="Only this person's (an id, or the name as the registry holds it).")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """Every intervention, newest filed first, with its editors' notes."""
    from casefile.registry import db
    from casefile.registry import interventions as iv

    with db.session() as s:
        person_id = iv.person_named(s, person).id if person else None
        _print([iv.record(r) for r in iv.listed(s, person_id)], fmt)


@interventions_app.command("due")
def due_cmd(
    by: Annotated[str | None, typer.Option(
        help="Due on or before this date, YYYY-MM-DD; default today.")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """Open interventions whose follow-up date has come."""
    from casefile.cli import as_of
    from casefile.registry import db
    from casefile.registry import interventions as iv

    day = as_of(by) if by is None else by  # the registry checks a given date, naming --by
    with db.session() as s:
        _print([iv.record(r) for r in iv.due(s, day)], fmt)


@interventions_app.command("update")
def update_cmd(
    intervention_id: Annotated[int, typer.Argument(help="The intervention's id.")],
    status: Annotated[str | None, typer.Option(
        parser=Choices("casefile.registry.interventions", "STATUSES"),
        help="Its new status.")] = None,
    follow_up: Annotated[str | None, typer.Option(
        help="A new follow-up date, YYYY-MM-DD.")] = None,
    who: Editor = None,
) -> None:
    """Move an intervention on: a new status, a new follow-up date."""
    from casefile.registry import db
    from casefile.registry import interventions as iv

    with db.transaction() as s:
        row = iv.update(s, intervention_id, editor(who), status=status, follow_up=follow_up)
        typer.echo(_("intervention %(id)s: %(status)s, follow-up %(day)s")
                   % {"id": row.id, "status": row.status, "day": row.follow_up or "—"})


def _print(records: list, fmt: Output) -> None:
    if fmt is Output.json:
        typer.echo(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=1))
        return
    for r in records:
        typer.echo(f"{r.id:>4}  {r.filed or 'drafted':<10}  {r.status:<12}  "
                   f"{r.follow_up or '':<10}  {r.kind:<20}  {r.person or '(general)'}"
                   f"  → {r.addressee}" + (f"  [{r.reference}]" if r.reference else ""))
    typer.echo(_("%(n)d interventions") % {"n": len(records)}, err=True)


@recommendations_app.command("list")
def recommendations_list(
    addressee: Annotated[str | None, typer.Option(
        help="Only those to this institution: a key (european_parliament, pace, osce, un, "
        "eu, interpol, government ...) or words of the addressee as written.")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """Recommendations the registry's sources make, with their progress (editors' view)."""
    from casefile.registry import db
    from casefile.reports.recommendations import recommendation_records

    with db.session() as s:
        records = recommendation_records(s, public=False, addressee=addressee)
    if fmt is Output.json:
        typer.echo(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=1))
        return
    for r in records:
        names = ", ".join(p.name for p in r.persons)
        typer.echo(f"{r.id[:12]}  {r.date or 'undated':<10}  {r.status or '—':<15}  "
                   f"source {r.source_id}  to {r.addressee[:60]}: {_short(r.text)}"
                   + (f"  [{names}]" if names else ""))
    typer.echo(_("%(n)d recommendations") % {"n": len(records)}, err=True)


@recommendations_app.command("track")
def track_cmd(
    recommendation_id: Annotated[str, typer.Argument(
        help="The recommendation's id (its first 12 characters do, as `list` prints them).")],
    status: Annotated[str, typer.Option(
        parser=Choices("casefile.registry.interventions", "PROGRESS"),
        help="How far it was implemented.")],
    date: Annotated[str, typer.Option(help="As of when, YYYY-MM-DD.")],
    evidence: Annotated[int | None, typer.Option(
        help="The source id that shows it (with --quote).")] = None,
    quote: Annotated[str | None, typer.Option(
        help="The exact words of that source that show it.")] = None,
    note: Annotated[str | None, typer.Option(
        help="Or an editors' note (never public) instead of a source.")] = None,
    who: Editor = None,
) -> None:
    """Record how far a recommendation was implemented, as of a date, and on what evidence."""
    from casefile.registry import db
    from casefile.registry import recommendations as recs

    with db.transaction() as s:
        rec = recs.find(s, recommendation_id)
        row = recs.track(s, recs.Progress(recommendation_id=rec.id, status=status, date=date,
                                          editor=editor(who), source_id=evidence,
                                          quote=quote, note=note))
        typer.echo(_("recommendation %(id)s: %(status)s as of %(day)s")
                   % {"id": rec.id[:12], "status": row.status, "day": row.date})


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"

"""`casefile persons`: the people in the registry, and the editors' decisions about them."""

from __future__ import annotations

import getpass
import json
from typing import Annotated

import typer
from sqlalchemy import func, select

from casefile.assess.pace import assess, parse_criteria
from casefile.cli import app
from casefile.errors import CasefileError, NotFound
from casefile.registry import audit, db
from casefile.registry.models import Claim, Person

persons_app = typer.Typer(help="List and manage persons.", invoke_without_command=True)
app.add_typer(persons_app, name="persons")
PUBLICATION = ("public", "anonymised", "withheld")


@persons_app.callback()
def persons_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List persons with their names and how many claims and sources speak of them."""
    if ctx.invoked_subcommand is not None:
        return
    with db.session() as s:
        rows = s.execute(
            select(Person, func.count(Claim.id), func.count(func.distinct(Claim.source_id)))
            .outerjoin(Claim, Claim.person_id == Person.id).group_by(Person.id)
            .order_by(Person.display_name)).all()
        for p, n_claims, n_sources in rows:
            names = sorted({n.name for n in p.names} - {p.display_name})
            if as_json:
                typer.echo(json.dumps({"id": p.id, "name": p.display_name, "names": names,
                                       "claims": n_claims, "sources": n_sources,
                                       "publication": p.publication}, ensure_ascii=False))
            else:
                also = f"  (also: {'; '.join(names)})" if names else ""
                typer.echo(f"{p.id:>5}  {p.display_name}{also}  — {n_claims} claims, "
                           f"{n_sources} source(s)")
        if not as_json:
            typer.echo(f"{len(rows)} persons", err=True)


@persons_app.command("publication")
def publication(person_id: int, value: Annotated[str, typer.Argument(
        help="public | anonymised | withheld")]) -> None:
    """Set whether a person may be named in public outputs."""
    if value not in PUBLICATION:
        raise CasefileError(f"publication must be one of {', '.join(PUBLICATION)}")
    with db.transaction() as s:
        p = s.get(Person, person_id)
        if p is None:
            raise NotFound(f"no person with id {person_id}")
        before, p.publication = p.publication, value
        audit.record(s, getpass.getuser(), "publication", f"person:{p.id}",
                     before=before, after=value)
    typer.echo(f"person {person_id}: publication {value}")


@persons_app.command("assess")
def assess_cmd(
    person_id: int,
    decision: Annotated[str, typer.Option(
        help="political_prisoner | politically_persecuted | not")],
    country: Annotated[str, typer.Option(help="ISO country code of the case.")],
    criterion: Annotated[list[str] | None, typer.Option(
        "--criterion", "-c", help="PACE criterion as KEY=yes|no|unknown[:rationale], e.g. "
        "-c a=yes:'peaceful speech'. Repeat for a–e.")] = None,
    rationale: Annotated[str | None, typer.Option(help="Why, in a sentence.")] = None,
) -> None:
    """Record a PACE Resolution 1900 (2012) assessment for a person's case."""
    with db.transaction() as s:
        a = assess(s, person_id, country, parse_criteria(criterion or []), decision,
                   getpass.getuser(), rationale)
    typer.echo(f"assessment {a.id} recorded: {decision}")

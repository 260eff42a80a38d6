"""`casefile claims add`: editors add the facts the software missed, with their provenance."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from casefile.cli import app
from casefile.extract.details import FIELDS
from casefile.registry import db
from casefile.registry.manual import KINDS, ManualFact, add

claims_app = typer.Typer(help="Facts entered by editors.", no_args_is_help=True)
app.add_typer(claims_app, name="claims")


@claims_app.command("add")
def add_cmd(
    person: Annotated[int, typer.Option(help="The person id the fact is about.")],
    kind: Annotated[str, typer.Option(help=f"What is added: {', '.join(KINDS)}.")],
    value: Annotated[str, typer.Option(
        help="An event type, a name, an article (405-2), a term in months, a status, a "
        "role, or a detail's text (a court's name, a judge's name ...).")],
    reason: Annotated[str, typer.Option(help="Why: kept in the audit log, never published.")],
    date: Annotated[str | None, typer.Option(
        help="When: YYYY, YYYY-MM or YYYY-MM-DD (the precision the evidence gives).")] = None,
    source: Annotated[int | None, typer.Option(
        help="The source id that states the fact (with --quote).")] = None,
    quote: Annotated[str | None, typer.Option(
        help="The exact words of that source that state it.")] = None,
    lang: Annotated[str | None, typer.Option(
        help="For a name: the language it is written in (ru, kk, en).")] = None,
    field: Annotated[str | None, typer.Option(
        help=f"For a detail: which one ({', '.join(FIELDS)}).")] = None,
    confidential: Annotated[bool, typer.Option(
        "--confidential", help="Keep the fact off every public output.")] = False,
    editor: Annotated[str | None, typer.Option(
        "--as", envvar="CASEFILE_EDITOR", help="The editor, for the audit log.")] = None,
) -> None:
    """Add a fact about a person. Without --source it quotes an editors' note that says who
    entered it and when; with --source it quotes the words given."""
    fact = ManualFact(person_id=person, kind=kind, value=value, reason=reason,
                      editor=editor or getpass.getuser(), date=date, source_id=source,
                      quote=quote, lang=lang, field=field, confidential=confidential)
    with db.transaction() as s:
        claim = add(s, fact)
        typer.echo(f"added claim {claim.id[:12]}: {claim.predicate} = {claim.value}"
                   + (f" [{claim.date}]" if claim.date else "")
                   + f", quoting source {claim.source_id}: “{claim.quote[:80]}”")

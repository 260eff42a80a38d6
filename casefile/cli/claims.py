"""`casefile claims add`: editors add the facts the software missed, with their provenance."""

from __future__ import annotations

from typing import Annotated

import typer

from casefile.cli import Editor, app, editor
from casefile.cli.labels import Choices
from casefile.extract.details import FIELDS
from casefile.i18n import _

claims_app = typer.Typer(help="Facts entered by editors.", no_args_is_help=True)
app.add_typer(claims_app, name="claims")


@claims_app.command("add")
def add_cmd(
    person: Annotated[int, typer.Option(help="The person id the fact is about.")],
    kind: Annotated[str, typer.Option(parser=Choices("casefile.registry.manual", "KINDS"),
                                      help="What is added.")],
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
    country: Annotated[str | None, typer.Option(
        "--country", help="For an event abroad: the state that acted (FR or France).")] = None,
    requesting: Annotated[str | None, typer.Option(
        help="For an extradition, notice or wanted listing: the state that asked for the "
        "person (KZ or Kazakhstan).")] = None,
    confidential: Annotated[bool, typer.Option(
        "--confidential", help="Keep the fact off every public output.")] = False,
    who: Editor = None,
) -> None:
    """Add a fact about a person. Without --source it quotes an editors' note that says who
    entered it and when; with --source it quotes the words given."""
    from casefile.registry import db
    from casefile.registry.manual import ManualFact, add

    fact = ManualFact(person_id=person, kind=kind, value=value, reason=reason,
                      editor=editor(who), date=date, source_id=source,
                      quote=quote, lang=lang, field=field, confidential=confidential,
                      country=country, requesting=requesting)
    with db.transaction() as s:
        claim = add(s, fact)
        typer.echo(_("added claim %(id)s: %(what)s, quoting source %(source)s: “%(quote)s”")
                   % {"id": claim.id[:12], "source": claim.source_id, "quote": claim.quote[:80],
                      "what": f"{claim.predicate} = {claim.value}"
                      + (f" [{claim.date}]" if claim.date else "")})

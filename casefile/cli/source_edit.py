"""`casefile sources edit`: correct what capture recorded about a source, its country first.

The country decides which of a person's cases the source's facts are filed under; a wrong
one splits a person's facts between two cases (casefile.registry.source_edit).
"""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from casefile.cli import app
from casefile.errors import CasefileError
from casefile.extract.country import case_country
from casefile.registry import db
from casefile.registry.models import Source
from casefile.registry.source_edit import set_country

sources_app = typer.Typer(help="Captured sources: correct what capture recorded.",
                          no_args_is_help=True)
app.add_typer(sources_app, name="sources")
GUESS = "guess"


@sources_app.command("edit")
def edit(
    source_id: Annotated[int, typer.Argument(min=1, max=2**31 - 1, help="The source's id.")],
    country: Annotated[str, typer.Option(
        help="ISO code of the case's country (KZ, BY, ...), or 'guess' to take the one the "
             "text gives (its code, the persecuting state, its courts, its places).")],
    reason: Annotated[str | None, typer.Option(help="Why, for the audit log.")] = None,
) -> None:
    """Set a source's country and move its charges and events to its persons' cases there
    (logged)."""
    with db.transaction() as s:
        if country.strip().lower() == GUESS:
            src = s.get(Source, source_id)
            if src is None:
                raise CasefileError(f"no source with id {source_id}")
            guess = case_country(src.text)
            if guess.country is None:
                raise CasefileError("the text names no court, code or place of a known "
                                    "country: give --country CC")
            for line in guess.reasons(3):
                typer.echo(f"  {line}")
            country = guess.country
        change = set_country(s, source_id, country, getpass.getuser(), reason)
    if not change.changed:
        typer.echo(f"source {source_id} is already {change.new}: nothing changed")
        return
    typer.echo(f"source {source_id}: country {change.old or 'unknown'} -> {change.new}; "
               f"{change.moved} facts moved, {change.added} filed, {change.removed_cases} "
               f"empty cases removed ({change.persons} persons)")

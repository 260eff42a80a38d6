"""`casefile sources`: the inventory of captured sources, what capture recorded about them
corrected (`edit`), and extraction run again (`reextract`).

The country decides which of a person's cases the source's facts are filed under; a wrong
one splits a person's facts between two cases (casefile.registry.source_edit). The other
fields are metadata (casefile.registry.inventory); the preserved text never changes.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer

from casefile.cli import Editor, app, editor
from casefile.errors import CasefileError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

sources_app = typer.Typer(help="Captured sources: list them, correct what capture recorded, "
                          "extract again.", invoke_without_command=True)
app.add_typer(sources_app, name="sources")
GUESS = "guess"


@sources_app.callback()
def inventory_cmd(
    ctx: typer.Context,
    publisher: Annotated[str | None, typer.Option(help="Part of the publisher's name.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code of the cases.")] = None,
    language: Annotated[str | None, typer.Option(help="en, ru or kk.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY[-MM[-DD]].")
                     ] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY[-MM[-DD]].")
                     ] = None,
    pending: Annotated[bool, typer.Option(
        "--pending", help="Only sources with claims waiting for review.")] = False,
    story: Annotated[int | None, typer.Option(
        min=1, max=2**31 - 1, help="Only the sources of this story (one report told by "
        "several outlets).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="How many to show.")] = 200,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List the captured sources, newest publication first (when no action is given)."""
    if ctx.invoked_subcommand is not None:
        return
    if fmt not in ("table", "json"):
        raise CasefileError(f"--format is table or json, not {fmt!r}")
    from rich.console import Console
    from rich.table import Table

    from casefile.registry import db, inventory

    filters = inventory.Filters(publisher, country, language, since, until, None, pending,
                                story)
    with db.session() as s:
        rows, total = inventory.sources(s, filters, limit)
    if fmt == "json":
        typer.echo(json.dumps({"total": total, "sources": [asdict(r) for r in rows]},
                              ensure_ascii=False, default=str, indent=1))
        return
    table = Table("id", "published", "title", "publisher", "country", "lang", "claims",
                  "pending", "story", title=f"{total} source(s)")
    for r in rows:
        table.add_row(str(r.id), r.published_at or "-", (r.title or r.origin)[:60],
                      r.publisher or "-", r.country or "-", r.language or "-", str(r.claims),
                      str(r.pending),
                      f"{r.story_id} ({r.story_sources} sources)" if r.story_id else "-")
    Console().print(table)


@sources_app.command("edit")
def edit(
    source_id: Annotated[int, typer.Argument(min=1, max=2**31 - 1, help="The source's id.")],
    country: Annotated[str | None, typer.Option(
        help="ISO code of the case's country (KZ, BY, ...), or 'guess' to take the one the "
             "text gives (its code, the persecuting state, its courts, its places).")] = None,
    title: Annotated[str | None, typer.Option(help="The source's title.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date YYYY[-MM[-DD]].")] = None,
    language: Annotated[str | None, typer.Option(help="en, ru or kk.")] = None,
    url: Annotated[str | None, typer.Option(
        help="Where readers find it: an http(s) address (\"\" removes it).")] = None,
    reason: Annotated[str | None, typer.Option(help="Why, for the audit log.")] = None,
    who: Editor = None,
) -> None:
    """Correct what capture recorded about a source (each change logged); a new country moves
    its charges and events to its persons' cases there."""
    from casefile.registry import db, inventory

    change = inventory.Metadata(title, publisher, published, language, url)
    if country is None and change == inventory.Metadata():
        raise CasefileError("say what to change: --title, --publisher, --published, "
                            "--language, --url or --country")
    name = editor(who)
    with db.transaction() as s:  # one transaction: all of it is recorded, or none
        done = inventory.edit(s, source_id, change, name, reason)
        moved = _country(s, source_id, country, name, reason) if country is not None else None
    for field, (old, new) in done.items():
        typer.echo(f"source {source_id}: {field} {old or '-'} -> {new}")
    if moved is not None:
        typer.echo(moved)
    elif not done:
        typer.echo(f"source {source_id}: nothing changed")


@sources_app.command("reextract")
def reextract(
    source_id: Annotated[int, typer.Argument(min=1, max=2**31 - 1, help="The source's id.")],
    who: Editor = None,
) -> None:
    """Run today's extractors on a source again: new claims are proposed for review; claims
    already there and the decisions on them stay as they are."""
    from casefile.registry import db, inventory

    with db.transaction() as s:
        added = inventory.reextract(s, source_id, editor(who))
    typer.echo(f"source {source_id}: {added} new claim(s) proposed"
               + (f" (see `casefile review --source {source_id}`)" if added else ""))


@sources_app.command("stories")
def stories_cmd(who: Editor = None) -> None:
    """Look for the stories of sources captured before Casefile looked for them (a registry
    older than migration 0014): each is compared with the sources before it, as a capture
    does; sources already compared are left as they are."""
    from casefile.registry import audit, db, stories

    with db.transaction() as s:
        done, joined = stories.link_earlier(s)
        if done:
            audit.record(s, editor(who), "stories", "sources", compared=done, joined=joined)
    typer.echo(f"{done} source(s) compared, {joined} joined a story")


def _country(s: Session, source_id: int, country: str, who: str, reason: str | None) -> str:
    """Set the country (or the text's guess) and say what moved."""
    from casefile.extract.country import case_country
    from casefile.registry.models import Source
    from casefile.registry.source_edit import set_country

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
    change = set_country(s, source_id, country, who, reason)
    if not change.changed:
        return f"source {source_id} is already {change.new}: nothing changed"
    return (f"source {source_id}: country {change.old or 'unknown'} -> {change.new}; "
            f"{change.moved} facts moved, {change.added} filed, {change.removed_cases} "
            f"empty cases removed ({change.persons} persons)")

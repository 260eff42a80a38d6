"""`casefile import ftm FILE`: FollowTheMoney files (ours or partners') into the registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casefile.cli import Editor, app, editor

import_app = typer.Typer(help="Import files from partners (FollowTheMoney).",
                         no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("ftm")
def ftm_cmd(
    file: Annotated[Path, typer.Argument(
        help="A FollowTheMoney file (JSON lines): a casefile export or a partner's.",
        dir_okay=False)],
    trusted: Annotated[bool, typer.Option(
        "--trusted", help="Accept the facts that carry this registry's own provenance (an "
        "accepted claim of a casefile export); everything else stays proposed for "
        "review.")] = False,
    actor: Editor = None,
) -> None:
    """Keep FILE as a source (its bytes unchanged) and read its persons, names, birth dates,
    nationality, positions, proposed sanctions and events as claims of it. The whole file is
    checked first: a bad line is an error and nothing is imported."""
    from casefile.registry.ftm_import import run

    done = run(file, trusted=trusted, actor=editor(actor))
    if not done.created:
        typer.echo(f"already imported as source {done.source_id}; nothing added")
        return
    skipped = ", ".join(f"{n} {schema}" for schema, n in sorted(done.skipped.items()))
    typer.echo(f"source {done.source_id}: {done.persons} persons ({done.new_persons} new), "
               f"{done.claims} claims ({done.accepted} accepted)"
               + (f"; skipped {skipped}" if skipped else ""))

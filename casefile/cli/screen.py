"""`casefile screen FILE`: which registry persons may be on a list from outside; with
`--queue`, each hit becomes an item of the editors' queue (`screen hits`, `screen decide`)."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from casefile.cli import Editor, Output, _Group, app, editor


class _ScreenGroup(_Group):
    """`casefile screen FILE` reads as `casefile screen file FILE`: a first word that is no
    subcommand (nor --help) is the list file."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["file", *args]
        return super().parse_args(ctx, args)


screen_app = typer.Typer(
    cls=_ScreenGroup, no_args_is_help=True,
    help="Screen the registry's persons against a list from outside (FollowTheMoney JSON "
    "lines), offline: `casefile screen FILE [--queue]`; the editors' queue of hits: "
    "`screen hits`, `screen decide`.")
app.add_typer(screen_app, name="screen")


class State(StrEnum):
    open = "open"
    confirmed = "confirmed"
    dismissed = "dismissed"


class Decision(StrEnum):
    confirmed = "confirmed"
    dismissed = "dismissed"


@screen_app.command("file")
def screen_cmd(
    file: Annotated[Path, typer.Argument(
        help="A FollowTheMoney file (JSON lines) of listed persons: a wanted list, a national "
        "'extremist' list, a partner's export.", exists=True, dir_okay=False)],
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
    possible: Annotated[bool, typer.Option(
        "--possible/--same-only", help="Also list pairs the names layer finds only possibly "
        "the same.")] = True,
    to_queue: Annotated[bool, typer.Option(
        "--queue", help="Open an item of the editors' queue for each hit (none twice for the "
        "same file); the file is kept in the blob store.")] = False,
    actor: Editor = None,
) -> None:
    """Compare every person of FILE with every registry person, offline, through the names
    layer (any script, spelling or Russian case form). The whole file is checked first: a bad
    line is an error and nothing is reported. (Also `casefile screen FILE`.)"""
    from casefile.registry import db
    from casefile.registry.screening import queue, read_list, screen

    listed = read_list(file)
    if to_queue:
        with db.transaction() as s:
            hits = [h for h in screen(s, listed.persons) if possible or h.decision == "same"]
            done = queue(s, hits, listed, file.name, editor(actor))
    else:
        with db.session() as s:
            hits = [h for h in screen(s, listed.persons) if possible or h.decision == "same"]
    if fmt is Output.json:
        typer.echo(json.dumps({"listed": len(listed.persons), "skipped": listed.skipped,
                               "hits": [asdict(h) for h in hits],
                               **({"queued": asdict(done)} if to_queue else {})},
                              ensure_ascii=False, indent=1))
        return
    for h in hits:
        topics = f" [{', '.join(h.topics)}]" if h.topics else ""
        typer.echo(f"{h.score:.2f} {h.decision:<8} person {h.person_id} {h.person} ~ "
                   f"{h.listed_name} ({h.listed_id}, line {h.line}){topics}")
        if h.reasons:
            typer.echo(f"     {'; '.join(h.reasons)}")
    skipped = ", ".join(f"{n} {schema}" for schema, n in sorted(listed.skipped.items()))
    typer.echo(f"{len(hits)} possible matches among {len(listed.persons)} listed persons"
               + (f" (skipped: {skipped})" if skipped else ""), err=True)
    if to_queue:
        typer.echo(f"queued {done.opened} new item(s); {done.known} already queued", err=True)


@screen_app.command("hits")
def hits_cmd(
    state: Annotated[State | None, typer.Option(
        "--state", help="Only items in this state (default: all).")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """The editors' queue of screening hits."""
    from casefile.registry import db
    from casefile.registry.screening import queued

    with db.session() as s:
        items = queued(s, state.value if state else None)
        if fmt is Output.json:
            typer.echo(json.dumps([{
                "id": h.id, "state": h.state, "person_id": h.person_id,
                "person": h.person.display_name, "listed_id": h.listed_id,
                "listed_name": h.listed_name, "topics": h.topics, "dataset": h.dataset,
                "score": h.score, "decision": h.decision, "reasons": h.reasons,
                "list_sha256": h.list_sha256, "decided_by": h.decided_by,
                "decided_at": h.decided_at.isoformat() if h.decided_at else None}
                for h in items], ensure_ascii=False, indent=1))
            return
        for h in items:
            topics = f" [{', '.join(h.topics)}]" if h.topics else ""
            by = f" by {h.decided_by}" if h.decided_by else ""
            typer.echo(f"#{h.id} {h.state}{by}: {h.score:.2f} person {h.person_id} "
                       f"{h.person.display_name} ~ {h.listed_name} ({h.listed_id}, "
                       f"{h.dataset}){topics}")
    typer.echo(f"{len(items)} item(s)", err=True)


@screen_app.command("decide")
def decide_cmd(
    hit_id: Annotated[int, typer.Argument(help="The item's number (`screen hits`).")],
    decision: Annotated[Decision, typer.Argument(
        help="confirmed: the listed entity is this person; dismissed: it is not.")],
    actor: Editor = None,
) -> None:
    """Confirm or dismiss an item of the screening queue (audited)."""
    from casefile.registry import db
    from casefile.registry.screening import decide

    with db.transaction() as s:
        hit = decide(s, hit_id, decision.value, editor(actor))
        typer.echo(f"#{hit.id} {hit.state}: {hit.person.display_name} ~ {hit.listed_name}")

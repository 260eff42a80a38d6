"""`casefile screen FILE`: which registry persons may be on a list from outside."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from casefile.cli import app


class Format(StrEnum):
    table = "table"
    json = "json"


@app.command("screen")
def screen_cmd(
    file: Annotated[Path, typer.Argument(
        help="A FollowTheMoney file (JSON lines) of listed persons: a wanted list, a national "
        "'extremist' list, a partner's export.", exists=True, dir_okay=False)],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    possible: Annotated[bool, typer.Option(
        "--possible/--same-only", help="Also list pairs the names layer finds only possibly "
        "the same.")] = True,
) -> None:
    """Compare every person of FILE with every registry person, offline, through the names
    layer (any script, spelling or Russian case form). The whole file is checked first: a bad
    line is an error and nothing is reported."""
    from casefile.registry import db
    from casefile.registry.screening import read_list, screen

    listed = read_list(file)
    with db.session() as s:
        hits = [h for h in screen(s, listed.persons) if possible or h.decision == "same"]
    if fmt is Format.json:
        typer.echo(json.dumps({"listed": len(listed.persons), "skipped": listed.skipped,
                               "hits": [asdict(h) for h in hits]},
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

"""`casefile export ftm`: the public registry in a format partners load."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from casefile.cli import app
from casefile.cli import as_of as checked_day

export_app = typer.Typer(help="Export the public registry for partners (FollowTheMoney).",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("ftm")
def ftm_cmd(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (JSON lines) instead of standard output.",
        dir_okay=False, writable=True)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Describe each person's situation on this date (YYYY-MM-DD); "
        "default today.")] = None,
    editors: Annotated[bool, typer.Option(
        "--editors", help="Everything editors see: every person and every claim not rejected "
        "(proposed ones too), for the editors' own tools. Never confidential claims or notes; "
        "do not publish the file.")] = False,
) -> None:
    """Persons, their sources and events as FollowTheMoney entities, one JSON object per
    line: persons with every name form, birth dates and nationality, positions held
    (Position, Occupancy), proposed sanctions, events, their sources, and the provenance of
    each fact (Documentation with the claim id and quote). By default what the public site
    shows: withheld and anonymised persons are left out."""
    from casefile.registry import db
    from casefile.reports.export_ftm import write

    day = checked_day(as_of)
    with db.session() as s:
        if output is None:
            counts = write(s, sys.stdout, day, editors=editors)
        else:
            tmp = output.with_name(output.name + ".part")
            with tmp.open("w", encoding="utf-8") as out:
                counts = write(s, out, day, editors=editors)
            tmp.replace(output)  # a half-written export never takes the file's name
    typer.echo(f"exported {counts.line() or 'nothing'}", err=True)

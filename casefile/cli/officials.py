"""`casefile officials`: officials the sources name, with their offices, their acts in cases
and the sanctions recommended for them (casefile.assess.officials)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from casefile.cli import Output, app


@app.command("officials")
def officials_cmd(
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
    editors: Annotated[bool, typer.Option(
        "--editors", help="Everything not rejected, of every official, published or not "
                          "(default: what the public side shows).")] = False,
) -> None:
    """Officials named in the sources: names in every script, birth date, offices with dates,
    acts as judge or prosecutor, sanctions recommended. Public (only officials an editor has
    published with `persons publication ID public`) unless --editors."""
    from casefile.assess.officials import officials
    from casefile.registry import db

    with db.session() as s:
        found = officials(s, public=not editors)
    if fmt is Output.json:
        typer.echo(json.dumps([{**asdict(o), "current": [asdict(p) for p in o.current]}
                               for o in found], ensure_ascii=False, indent=1))
        return
    for o in found:
        others = ", ".join(n.name for n in o.names if n.name != o.name)
        typer.echo(f"{o.person_id:>6}  {o.name}" + (f" ({others})" if others else "")
                   + (f", born {o.birth_date}" if o.birth_date else "")
                   + (f"  [{o.publication}{'' if o.published else ', not yet published'}]"
                      if editors else ""))
        for p in o.positions:
            when = "–".join(x or "" for x in (p.start, p.end)) if p.start or p.end else \
                ("former" if p.former else "")
            typer.echo(f"        {p.title}" + (f" ({when})" if when else ""))
        for a in o.acts:
            typer.echo(f"        {a.function} in the case of {a.person_name or 'a person'}"
                       + (f", {a.court}" if a.court else "") + f" (source {a.source_id})")
        if o.sanctions:
            typer.echo(f"        sanctions recommended (source "
                       f"{', '.join(str(x.source_id) for x in o.sanctions)})")
    typer.echo(f"{len(found)} officials", err=True)

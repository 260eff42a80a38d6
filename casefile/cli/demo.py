"""`casefile demo`: the whole flow on the sample seeds, ending with the web site."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from casefile.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "seeds"
# The sample list (seed 002) is an NGO's own published list: the demo trusts it, as an editor
# would after checking it; the news items stay proposed for review.
TRUSTED = "002_"


@app.command("demo")
def demo(
    samples: Annotated[Path | None, typer.Option(
        help="Folder of sample sources.", show_default="samples/seeds of the project")] = None,
    as_of: Annotated[str, typer.Option("--as-of", help="Date of the list shown.")] = "2023-09-01",
    serve: Annotated[bool, typer.Option(help="Start the web site afterwards.")] = True,
    host: Annotated[str, typer.Option(help="Address for the web site.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for the web site.")] = 8000,
) -> None:
    """Capture the sample sources, print the list of political prisoners, serve the site."""
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.reports import export_markdown
    from casefile.reports.prisoners import counts_line, prisoner_list

    samples = samples or SAMPLES
    files = sorted(p for p in samples.iterdir() if p.is_file()) if samples.is_dir() else []
    if not files:
        typer.echo(f"no sample files in {samples}", err=True)
        raise typer.Exit(1)
    for path in files:
        r = capture(str(path), trusted=path.name.startswith(TRUSTED), actor="demo")
        state = f"{r.claims} claims, {r.persons} persons" if r.created else "already captured"
        typer.echo(f"{path.name}: source {r.source_id}, {state}")
    with db.session() as s:
        plist = prisoner_list(s, "KZ", as_of)
    typer.echo("\n" + export_markdown.render(plist))
    binary = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else "casefile"
    typer.echo(f"{counts_line(plist)} (as of {as_of}).\nThe same in other formats: "
               f"{binary} report prisoners --country KZ --as-of {as_of} --format "
               "md|html|csv|json|pdf")
    if serve:
        try:
            from casefile.web.server import run
        except ModuleNotFoundError:
            typer.echo("the web site is not part of this build yet", err=True)
            return
        typer.echo(f"\nThe site: http://{host}:{port}/  (Ctrl+C stops it)")
        run(host=host, port=port)

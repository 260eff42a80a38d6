"""`casefile capture`: preserve sources and extract their claims."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from casefile.cli import app
from casefile.errors import CasefileError
from casefile.i18n import _
from casefile.registry.ingest import capture

err = Console(stderr=True)


@app.command("capture")
def capture_cmd(
    targets: Annotated[list[str], typer.Argument(
        help="Files (text, HTML, PDF, DOCX) or http(s) URLs.")],
    publisher: Annotated[str | None, typer.Option(help="Who published the source.")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date YYYY[-MM[-DD]]; default: the latest date the text states.")] = None,
    trusted: Annotated[bool, typer.Option(
        "--trusted", help="Accept this source's claims without review (logged).")] = False,
    country: Annotated[str | None, typer.Option(
        help="The publisher's country (ISO code): the case country when the text does not "
        "name one by its code, courts, persecuting state or places.")] = None,
) -> None:
    """Capture sources: keep the raw bytes (sha256), extract claims, store them in one go."""
    failures = 0
    with Progress(console=err, transient=True, disable=len(targets) < 2) as progress:
        task = progress.add_task("capturing", total=len(targets))
        for target in targets:
            try:
                r = capture(target, publisher=publisher, published=published, trusted=trusted,
                            country=country)
            except CasefileError as exc:
                failures += 1
                shown = target if target.strip() else repr(target)  # '' rather than nothing
                typer.echo(_("error: %(what)s: %(why)s") % {"what": shown, "why": exc}, err=True)
            else:
                if r.created and not r.extracted:
                    typer.echo(_("captured %(target)s as source %(id)s (sha256 %(sha)s…): kept "
                                 "and searchable; no extractor for language %(lang)r yet, so "
                                 "no claims") % {"target": target, "id": r.source_id,
                                                 "sha": r.sha256[:12], "lang": r.language})
                elif r.created:
                    where = r.country or _(
                        "not told by the text: facts of persons without a case wait for "
                        "`casefile sources edit %(id)s --country CC`") % {"id": r.source_id}
                    typer.echo(_("captured %(target)s as source %(id)s (sha256 %(sha)s…): "
                                 "%(claims)s claims, %(persons)s persons; country %(where)s")
                               % {"target": target, "id": r.source_id, "sha": r.sha256[:12],
                                  "claims": r.claims, "persons": r.persons, "where": where})
                for flag in r.flags:
                    typer.echo(_("note: %(flag)s (see `casefile review --source %(id)s`)")
                               % {"flag": flag, "id": r.source_id}, err=True)
                if not r.created:
                    typer.echo(_("already captured as source %(id)s (sha256 %(sha)s…): "
                                 "nothing changed") % {"id": r.source_id, "sha": r.sha256[:12]})
            progress.advance(task)
    if failures:
        raise typer.Exit(1)

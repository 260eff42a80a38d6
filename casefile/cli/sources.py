"""`casefile capture`: preserve sources and extract their claims."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated

import typer

from casefile.cli import Editor, app, editor
from casefile.errors import CasefileError
from casefile.i18n import _

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from casefile.progress import Stage

SHOW_AFTER = 1.0  # seconds: a quicker capture shows no bar at all


class _Bar:
    """The capture's progress on stderr, only on a terminal (never in piped or JSON output,
    nor in tests) and only once a capture has taken over a second: one line for the batch
    (n of N) when there are several targets, one for the current target's stage, in bytes
    while fetching."""

    def __init__(self, targets: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self.progress: Progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(), console=console,
            transient=True, disable=not console.is_terminal)
        self.targets = targets
        self.batch: TaskID | None = (self.progress.add_task(
            "sources", total=targets, detail=f"0 of {targets}") if targets > 1 else None)
        self.current: TaskID = self.progress.add_task("", total=None, detail="")
        self._download = DownloadColumn()
        self._timer = threading.Timer(SHOW_AFTER, self.progress.start)
        self._timer.daemon = True

    def __enter__(self) -> _Bar:
        if not self.progress.disable:
            self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        if self._timer.is_alive():
            self._timer.join()  # a start already under way ends before the stop
        self.progress.stop()

    def begin(self, target: str) -> None:
        shown = target if len(target) <= 40 else "…" + target[-39:]
        self.progress.reset(self.current, description=shown, total=None, detail="")

    def __call__(self, stage: Stage, done: int = 0, total: int | None = None) -> None:
        if stage == "fetching":
            self.progress.update(self.current, completed=done, total=total)
            task = self.progress.tasks[self.current]
            self.progress.update(self.current, detail=f"fetching {self._download.render(task)}")
        else:
            self.progress.update(self.current, total=None, completed=0, detail=stage)

    def advance(self) -> None:
        if self.batch is not None:
            self.progress.advance(self.batch)
            done = int(self.progress.tasks[self.batch].completed)
            self.progress.update(self.batch, detail=f"{done} of {self.targets}")


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
    listing: Annotated[bool, typer.Option(
        "--listing", help="Each target is a listing (a news page, a text of dated items, an "
        "RSS or Atom feed): keep it and capture each of its items as a source of its own, "
        "dated by the listing; a second capture adds only new and changed items.")] = False,
    who: Editor = None,
) -> None:
    """Capture sources: keep the raw bytes (sha256), extract claims, store them in one go."""
    from casefile.registry.ingest import capture

    actor = editor(who)
    if listing and published:
        raise typer.BadParameter(_("each item of a listing takes its date from the listing; "
                                   "--published does not apply"), param_hint="--published")
    failures = 0
    with _Bar(len(targets)) as bar:
        for target in targets:
            bar.begin(target)
            if listing:
                failures += not _capture_listing(target, publisher, trusted, country, actor, bar)
                bar.advance()
                continue
            try:
                r = capture(target, publisher=publisher, published=published, trusted=trusted,
                            country=country, actor=actor, progress=bar)
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
                if r.story_id is not None:
                    typer.echo(_("the same story as source %(story)s from another outlet (see "
                                 "`casefile sources --story %(story)s`)") % {"story": r.story_id})
                for flag in r.flags:
                    typer.echo(_("note: %(flag)s (see `casefile review --source %(id)s`)")
                               % {"flag": flag, "id": r.source_id}, err=True)
                if not r.created:
                    typer.echo(_("already captured as source %(id)s (sha256 %(sha)s…): "
                                 "nothing changed") % {"id": r.source_id, "sha": r.sha256[:12]})
            bar.advance()
    if failures:
        raise typer.Exit(1)


def _capture_listing(target: str, publisher: str | None, trusted: bool, country: str | None,
                     actor: str, bar: _Bar) -> bool:
    """Capture one listing and say what it added; False when it was refused."""
    from casefile.registry.listings import capture_listing

    try:
        r = capture_listing(target, trusted=trusted, publisher=publisher, country=country,
                            actor=actor, progress=bar)
    except CasefileError as exc:
        shown = target if target.strip() else repr(target)
        typer.echo(_("error: %(what)s: %(why)s") % {"what": shown, "why": exc}, err=True)
        return False
    ids = ", ".join(str(i) for i in (*r.new_item_ids, *r.changed_item_ids)) or "-"
    typer.echo(_("captured listing %(target)s as source %(id)s: %(new)s new items, %(changed)s "
                 "changed, %(same)s unchanged; %(claims)s claims (item sources: %(ids)s)")
               % {"target": target, "id": r.listing_id, "new": len(r.new_item_ids),
                  "changed": len(r.changed_item_ids), "same": r.unchanged, "claims": r.claims,
                  "ids": ids})
    for source_id, flag in r.flags:
        typer.echo(_("note: %(flag)s (see `casefile review --source %(id)s`)")
                   % {"flag": flag, "id": source_id}, err=True)
    return True

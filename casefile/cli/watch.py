"""`casefile watch`: listings (news pages, RSS/Atom feeds) fetched again on a schedule, only
their new items captured. `watch run` is meant for cron: runs started together share the
watches between them, and each due watch is fetched once (casefile.registry.watch_run)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from casefile.cli import Editor, Output, app, editor
from casefile.i18n import _

watch_app = typer.Typer(help="Watches: listings fetched on a schedule, new items captured.",
                        no_args_is_help=True)
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="The listing's http(s) URL: a news page or an "
                                            "RSS/Atom feed (told apart by its bytes).")],
    publisher: Annotated[str | None, typer.Option(help="Who publishes it.")] = None,
    country: Annotated[str | None, typer.Option(
        help="Country (ISO code) of its cases when an item does not say.")] = None,
    every: Annotated[int, typer.Option(help="Minutes between two fetches.")] = 60,
    trusted: Annotated[bool, typer.Option(
        "--trusted", help="Its items' claims are accepted without review.")] = False,
    who: Editor = None,
) -> None:
    """Watch a listing; it is due at once (`watch run`)."""
    from casefile.registry import db, watches

    with db.transaction() as s:
        watch = watches.add(s, url, actor=editor(who), publisher=publisher, country=country,
                            every_minutes=every, trusted=trusted)
        typer.echo(_("watch %(id)s: %(url)s, every %(every)s minutes")
                   % {"id": watch.id, "url": watch.url, "every": watch.every_minutes})


@watch_app.command("list")
def list_watches(
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """Every watch: its schedule, last run and result, failures since its last success and
    its last error, and when it is next due."""
    from casefile.registry import db, watches

    with db.session() as s:
        found = watches.listed(s)
    if fmt is Output.json:
        typer.echo(json.dumps([asdict(w) for w in found], ensure_ascii=False, indent=1))
        return
    if not found:
        typer.echo(_("no watches yet"))
        return
    for w in found:
        typer.echo(f"{w.id:>4}  {w.url}  {w.every_minutes}m  "
                   f"{w.last_result or '-'}  {w.last_run_at or '-'}  "
                   + _("next %(when)s") % {"when": w.next_run_at or _("now")}
                   + (f"  ({_('failures: %(n)s') % {'n': w.failures}})" if w.failures else "")
                   + (f"  {w.last_note}" if w.last_note else ""))


@watch_app.command("remove")
def remove(
    watch_id: Annotated[int, typer.Argument(help="The watch's id (watch list).")],
    who: Editor = None,
) -> None:
    """Stop watching a listing; what it captured stays."""
    from casefile.registry import db, watches

    with db.transaction() as s:
        watches.remove(s, watch_id, editor(who))
    typer.echo(_("watch %(id)s removed") % {"id": watch_id})


@watch_app.command("run")
def run(
    watch_ids: Annotated[list[int] | None, typer.Argument(
        help="Watches to run now, due or not; none: every due watch.")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
    who: Editor = None,
) -> None:
    """Fetch the due watches (or those named) and capture their new items. Safe from cron:
    runs at once never fetch one watch twice; requests to one host are spaced by
    CASEFILE_WATCH_HOST_INTERVAL; an unchanged listing answers 304 and stores nothing;
    robots.txt is obeyed; a failure keeps what was captured and is retried after a back-off.
    On PostgreSQL the runs are handed to the job queue instead, for `watch worker`s."""
    from casefile.registry import watch_queue, watch_run

    if watch_queue.used():
        queued = watch_queue.defer(watch_ids or (), actor=editor(who))
        if fmt is Output.json:
            typer.echo(json.dumps([asdict(q) for q in queued], ensure_ascii=False, indent=1))
            return
        if not queued:
            typer.echo(_("no watch is due"))
        for q in queued:
            typer.echo(f"{q.watch_id:>4}  " + (_("queued (job %(job)s)") % {"job": q.job_id}
                                                if q.job_id else _("already queued"))
                       + f"  {q.url}")
        return
    done = watch_run.run(watch_ids or (), actor=editor(who))
    if fmt is Output.json:
        typer.echo(json.dumps([asdict(r) for r in done], ensure_ascii=False, indent=1))
        return
    if not done:
        typer.echo(_("no watch is due"))
    for r in done:
        typer.echo(f"{r.watch_id:>4}  {r.result}  {r.url}  {r.note}")


@watch_app.command("worker")
def worker(
    once: Annotated[bool, typer.Option(
        "--once", help="Stop when no watch job is left, instead of waiting for more.")]
    = False,
) -> None:
    """Process the watch jobs `watch run` queued on a PostgreSQL registry; run one or more
    on any machine that reaches the database (a service, or `--once` after `watch run` in
    cron). Two workers never fetch one URL at once. On SQLite `watch run` fetches by itself."""
    from casefile.errors import CasefileError
    from casefile.registry import watch_queue

    if not watch_queue.used():
        raise CasefileError(_("watch worker needs a PostgreSQL registry; on SQLite `watch run` "
                              "fetches the watches itself"))
    watch_queue.work(once=once)

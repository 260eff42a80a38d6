"""Watch runs on the team server: a job queue on PostgreSQL (procrastinate) that workers on
several machines share.

On a PostgreSQL registry `casefile watch run` does not fetch: it defers one job per watch
to run, and `casefile watch worker` processes them. Each job is deferred with the watch's URL
as its queueing lock (a second `watch run` before a worker took the job adds no second job)
and as its lock (procrastinate never runs two jobs of one lock at once), and the job itself
runs through casefile.registry.watch_run, whose claim of the watch row decides last: a job
for a watch that another job has just fetched finds it no longer due and fetches nothing.
The queue's tables are created by migration 0013. SQLite has no queue: runs stay in-process.
procrastinate is imported only where the queue is used, so `used()` costs the web nothing.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import make_url

from casefile import settings
from casefile.registry import db, watches
from casefile.registry.models import utcnow

if TYPE_CHECKING:
    import procrastinate

QUEUE = "watches"
STALLED_SECONDS = 60  # a worker sends a heartbeat every 10 s
TASK = "casefile.watch"


@dataclass(frozen=True)
class Queued:
    """A watch a `watch run` handed to the workers: its job, or none when one is waiting."""

    watch_id: int
    url: str
    job_id: int | None  # None: a job for this URL was already waiting


def used(url: str | None = None) -> bool:
    """Do watch runs go through the queue? On PostgreSQL, yes."""
    return db.engine(url).dialect.name == "postgresql"


def defer(ids: Sequence[int] = (), *, actor: str, url: str | None = None) -> list[Queued]:
    """A job for each of the watches `ids` (run due or not), or with none given for each due
    watch (run if still due when a worker takes it). CasefileError for an id that is no
    watch, before anything is deferred."""
    with db.session(url) as s:
        targets = [watches.get(s, i) for i in ids] if ids else \
            [watches.get(s, i) for i in watches.due(s, utcnow())]
    from procrastinate.exceptions import AlreadyEnqueued

    app = _app(url or settings.database_url())
    done: list[Queued] = []
    with app.open():
        for w in targets:
            deferrer = app.configure_task(TASK, queue=QUEUE, lock=w.url, queueing_lock=w.url)
            try:
                job = deferrer.defer(watch_id=w.id, only_due=not ids, actor=actor)
            except AlreadyEnqueued:
                done.append(Queued(w.id, w.url, None))
            else:
                done.append(Queued(w.id, w.url, job))
    return done


def work(*, once: bool, url: str | None = None) -> None:
    """Process watch jobs: with `once`, until none is left, else until stopped (SIGINT or
    SIGTERM, after the job under way). Jobs that succeeded are deleted (the watch's row
    keeps the outcome); a failed job stays for inspection. Called from a thread that runs an
    event loop already (a server or a harness embedding Casefile), the worker gets a thread
    and a loop of its own: asyncio.run refuses to nest."""
    app = _app(url or settings.database_url())
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_work(app, once))
        return
    failed: list[BaseException] = []

    def _own_loop() -> None:
        try:
            asyncio.run(_work(app, once))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            failed.append(exc)

    worker = threading.Thread(target=_own_loop, name="watch-worker")
    worker.start()
    worker.join()
    if failed:
        raise failed[0]


async def _work(app: procrastinate.App, once: bool) -> None:
    """First end the jobs of workers that died mid-job (no heartbeat for STALLED_SECONDS) as
    failed: such a job still holds its URL's lock, and no job of that URL would run again.
    They are not retried here: the watch's row is the schedule (still due, its claim lapses
    after CASEFILE_WATCH_CLAIM_MINUTES), and the next `watch run` queues it again."""
    from procrastinate.jobs import Status

    async with app.open_async():
        for job in await app.job_manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=STALLED_SECONDS):
            await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
        await app.run_worker_async(queues=[QUEUE], wait=not once, concurrency=1,
                                   delete_jobs="successful", install_signal_handlers=not once,
                                   stalled_worker_timeout=STALLED_SECONDS)


@cache
def _app(url: str) -> procrastinate.App:
    """The queue of the registry at `url` (SQLAlchemy's form), its task registered."""
    import procrastinate

    from casefile.registry import watch_run  # fetching and ingest: not in a web server

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=conninfo, min_size=1, max_size=2))

    # One worker's requests to a host are spaced as one in-process run's are (a worker runs
    # one job at a time); robots.txt is read again by each job.
    polite = watch_run.Polite(settings.watch_host_interval())

    @app.task(name=TASK, queue=QUEUE)
    def _run(watch_id: int, only_due: bool, actor: str) -> str:
        """One watch, as `watch run ID` would run it in-process: the outcome is kept on the
        watch's row; the job's result is its one-line summary."""
        done = watch_run.run_one(watch_id, actor=actor, only_due=only_due, url=url,
                                 polite=polite)
        return f"{done.result}: {done.note}"

    return app

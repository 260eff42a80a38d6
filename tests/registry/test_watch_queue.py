"""The team server's watch queue: on PostgreSQL `watch run` defers one job per due watch and
two `watch worker` processes share them against one database: each URL is fetched once and
each item captured once. On SQLite there is no queue."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from casefile.registry import db, watch_run, watches
from casefile.registry.models import Source, Watch, utcnow
from tests.conftest import ROOT
from tests.helpers import run
from tests.watch_server import Site, page, rss, serving

FEEDS = {f"/feed{n}.xml": rss(*[(f"{n}-{i}", f"Item {i}", f"Mon, 0{i} Mar 2020 09:30:00 +0600",
                                 f"Police detained activist number {n}{i} in Almaty.")
                                for i in (1, 2)]) for n in range(1, 5)}
PAGE = page(("/news/1", "Fine", "2022-11-07", "A court fined Oleg Sidorov for a picket."),
            ("/news/2", "Arrest", "2022-11-08", "Police arrested poet Aron Atabek in Almaty."))


@pytest.fixture
def site(monkeypatch) -> Iterator[Site]:
    monkeypatch.setenv("CASEFILE_WATCH_HOST_INTERVAL", "0")
    with serving() as news:
        yield news


def _postgres(registry: str) -> None:
    if not registry.startswith("postgresql"):
        pytest.skip("the queue is PostgreSQL's")


def _workers(n: int) -> list[subprocess.CompletedProcess]:
    """`casefile watch worker --once` in `n` processes started together."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "casefile", "watch", "worker", "--once"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(n)]
    done = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return done


def test_two_workers_share_the_jobs_and_fetch_each_url_once(registry, site: Site):
    _postgres(registry)
    paths = {**{p: (body, "application/rss+xml") for p, body in FEEDS.items()},
             "/news/": (PAGE, "text/html; charset=utf-8")}
    for path, served in paths.items():
        site.files[path] = served
        site.stall[path] = 1.0  # each job lasts, so both workers are taking jobs at once
        assert run("watch", "add", site.url(path), "--as", "anna").exit_code == 0
    queued = run("watch", "run", "--as", "cron")
    assert queued.output.count("queued (job") == len(paths) and site.seen == []
    again = run("watch", "run", "--as", "cron")  # before any worker: one job per URL waits
    assert again.output.count("already queued") == len(paths)
    for worker in _workers(2):
        assert worker.returncode == 0, worker.stderr.decode()[-2000:]
    assert {p: len(site.gets(p)) for p in paths} == dict.fromkeys(paths, 1)
    assert site.most_in_flight == 2  # both workers were fetching, each one URL at a time
    with db.session() as s:
        per_key = s.execute(select(Source.item_key, func.count()).where(
            Source.item_key.is_not(None)).group_by(Source.item_key)).all()
        results = list(s.scalars(select(Watch.last_result)))
    assert sorted(n for _, n in per_key) == [1] * (2 * len(FEEDS) + 2)
    assert results == ["new"] * len(paths)
    assert "no watch is due" in run("watch", "run", "--as", "cron").output


def test_a_job_for_a_watch_just_fetched_fetches_nothing(registry, site: Site):
    _postgres(registry)
    site.files["/feed1.xml"] = (FEEDS["/feed1.xml"], "application/rss+xml")
    assert run("watch", "add", site.url("/feed1.xml"), "--as", "anna").exit_code == 0
    assert "queued (job" in run("watch", "run", "--as", "cron").output
    with db.session() as s:
        [wid] = watches.due(s, utcnow())
    watch_run.run([wid], actor="anna")  # fetched in-process meanwhile (`watch run ID` on SQLite)
    [worker] = _workers(1)
    assert worker.returncode == 0, worker.stderr.decode()[-2000:]
    assert len(site.gets("/feed1.xml")) == 1


def test_a_worker_killed_mid_fetch_holds_its_url_only_until_the_next_worker(registry,
                                                                         site: Site):
    _postgres(registry)
    site.files["/feed1.xml"] = (FEEDS["/feed1.xml"], "application/rss+xml")
    site.stall["/feed1.xml"] = 120
    assert run("watch", "add", site.url("/feed1.xml"), "--as", "anna").exit_code == 0
    assert "queued (job" in run("watch", "run", "--as", "cron").output
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    doomed = subprocess.Popen([sys.executable, "-m", "casefile", "watch", "worker", "--once"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while site.in_flight == 0 and time.monotonic() < deadline:  # until it is fetching
        time.sleep(0.05)
    doomed.kill()
    doomed.wait()
    assert "queued (job" in run("watch", "run", "--as", "cron").output  # due, not yet done
    with db.transaction() as s:  # an hour passes: the dead worker's heartbeat and claim age
        s.execute(text("UPDATE procrastinate_workers "
                       "SET last_heartbeat = now() - interval '1 hour'"))
        s.execute(update(Watch).values(claimed_until=utcnow() - timedelta(minutes=1)))
    site.stall.clear()
    worker = run("watch", "worker", "--once")
    assert worker.exit_code == 0, worker.output
    with db.session() as s:
        assert list(s.scalars(select(Watch.last_result))) == ["new"]
        assert list(s.scalars(text("SELECT status::text FROM procrastinate_jobs"))) == [
            "failed"]  # the dead worker's job, kept; the one that ran is deleted
        assert s.scalar(select(func.count()).select_from(Source).where(
            Source.item_key.is_not(None))) == 2
    assert [g.status for g in site.gets("/feed1.xml")] == [200]  # the dead one's: unanswered


def test_on_sqlite_runs_stay_in_process_and_there_is_no_worker(registry, site: Site):
    if not registry.startswith("sqlite"):
        pytest.skip("SQLite's case")
    site.files["/feed1.xml"] = (FEEDS["/feed1.xml"], "application/rss+xml")
    assert run("watch", "add", site.url("/feed1.xml"), "--as", "anna").exit_code == 0
    assert "  new  " in run("watch", "run", "--as", "cron").output
    refused = run("watch", "worker", "--once")
    assert refused.exit_code == 1 and "PostgreSQL" in refused.output

"""CPU per page, cold: what one list page, dossier or search costs without the page cache.

    python -m bench.web.page_cpu DIR [--kind list|person|search|api-search|missing]
        [--calls 300] [--rounds 2] [--cached] [--profile 25] [--protect 0]
        [--database-url URL] [--unsettled] 2> /dev/null

DIR is a registry made by `python -m bench.web.generate` (it is opened, so it is brought to
the newest migration: use a copy). The process starts as `casefile serve`'s does: templates
compiled, then what it holds frozen out of the garbage collector's passes
(casefile.web.server.settle; `--unsettled` leaves that out, the baseline). Only the page
cache is off: what the site keeps per registry version (the list's counts and filter values)
stays, as it does on a cold server after its first list page. The paths are the web
benchmark's own (bench/web/sample.py: list pages by number, by name and by category;
dossiers of listed persons; searches for a word of a listed name). `missing` asks for a path
no route has (the framework's routing and the 404 page). Each page goes through the whole
app, its middlewares included (the access log too, as when served: its lines go to standard
error; CASEFILE_ACCESS_LOG=0 leaves it out), called as ASGI in this process (no HTTP server,
no test client), so the figure is the process's CPU per page: routing, the statements (on
SQLite the database's work too), the template. On PostgreSQL the server's work is not in it;
the wall clock, one page at a time, is. Each round asks every path once; the best round is
printed too, as neighbours on a shared machine only add time. `--cached` leaves the page
cache on (its default size): the rounds after the first then measure kept pages. `--protect
N` first marks N random persons withheld or anonymised (half each), so redaction is on the
path. `--profile K` runs the paths once more under cProfile, in this thread (views declared
`def` are called in it too), and lists the K functions of most own time and of most
cumulative time. Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

KINDS = ("list", "person", "search", "api-search", "missing")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--kind", choices=KINDS, default="person")
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--profile", type=int, default=0, help="functions to list")
    ap.add_argument("--protect", type=int, default=0)
    ap.add_argument("--cached", action="store_true",
                    help="page cache on: after the first round, every page is a kept one")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--unsettled", action="store_true",
                    help="leave the started process's objects to the garbage collector's "
                    "full passes (casefile.web.server.settle not called): the baseline")
    ap.add_argument("--database-url")
    args = ap.parse_args()
    if not args.cached:
        os.environ["CASEFILE_PAGE_CACHE_MB"] = "0"
    os.environ["CASEFILE_RATE_EXPENSIVE"] = "0"
    os.environ["CASEFILE_HOME"] = str(args.dir)
    url = args.database_url or f"sqlite:///{args.dir / 'casefile.db'}"

    from casefile.web import pages, server
    from casefile.web.app import create_app

    rnd = random.Random(args.seed)
    if args.protect:
        _protect(url, args.protect, rnd)
    paths = _paths(url, args.kind, args.calls, rnd)
    pages.warm()  # as `casefile serve` starts
    app = create_app(url)
    if not args.unsettled:
        server.settle()
    asyncio.run(_run(app, paths, args.rounds, args.profile))


def _protect(url: str, n: int, rnd: random.Random) -> None:
    from sqlalchemy import select

    from casefile.registry import audit, db
    from casefile.registry.models import Person

    with db.transaction(url) as s:
        ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        for i, pid in enumerate(rnd.sample(ids, n)):
            s.get_one(Person, pid).publication = "anonymised" if i % 2 else "withheld"
        audit.record(s, "bench", "publication", "bench", protected=n)


def _paths(url: str, kind: str, n: int, rnd: random.Random) -> list[str]:
    """The benchmark's paths of one kind, drawn from the kept list of the registry."""
    from bench.web.sample import Listed, casefile_paths
    from casefile.registry import db
    from casefile.reports import list_rows

    with db.transaction(url) as s:
        list_rows.ready(s)
        entries = list_rows.full(s, "KZ").entries
    listed = Listed(ids=[e.person_id for e in entries if e.person_id],
                    words=sorted({w for e in entries for w in e.name.split() if w.isalpha()}),
                    categories=sorted({e.category for e in entries if e.category}) or [""],
                    total=len(entries))
    if kind == "missing":
        return [f"/no-such-page/{i}" for i in range(n)]
    if kind == "api-search":
        kinds = ("person", "event", "source")
        return [f"/api/v1/search?q={quote(rnd.choice(listed.words))}&kind={kinds[i % 3]}"
                for i in range(n)]
    return casefile_paths(listed, rnd, n)[kind]


async def _get(app: Any, path: str) -> int:
    """One GET through the whole app; its status (the body is read and dropped)."""
    route, _, query = path.partition("?")
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app({"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
               "method": "GET", "scheme": "http", "path": route, "raw_path": route.encode(),
               "root_path": "", "query_string": query.encode(),
               "headers": [(b"host", b"localhost"), (b"accept-encoding", b"gzip")],
               "client": ("127.0.0.1", 50000), "server": ("localhost", 80),
               "state": {}}, receive, send)
    return status


async def _run(app: Any, paths: list[str], rounds: int, profile: int) -> None:
    async with app.router.lifespan_context(app):  # as a server runs it
        await _get(app, paths[0])  # imports, templates, the protected set of this version
        codes: set[int] = set()
        means: list[float] = []
        for r in range(rounds):
            cpu: list[float] = []
            wall: list[float] = []
            for path in paths:
                t, w = time.process_time(), time.perf_counter()
                codes.add(await _get(app, path))
                cpu.append(1000 * (time.process_time() - t))
                wall.append(1000 * (time.perf_counter() - w))
            means.append(statistics.mean(cpu))
            print(f"round {r + 1}, {len(paths)} pages, status {sorted(codes)}")
            for name, ms in (("CPU of this process", cpu), ("wall clock", wall)):
                ms.sort()
                print(f"  {name} per page: mean {statistics.mean(ms):.2f} ms, "
                      f"p50 {ms[len(ms) // 2]:.2f}, p95 {ms[int(len(ms) * 0.95)]:.2f}, "
                      f"max {ms[-1]:.1f}")
        print(f"best round: CPU {min(means):.2f} ms a page")
        if profile:
            await _profile(app, paths, profile)


async def _profile(app: Any, paths: list[str], top: int) -> None:
    """cProfile of one more round, views run in this thread (the thread pool escapes it)."""
    import anyio.to_thread  # Starlette's run_in_threadpool looks it up at each call

    async def inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return func(*args)

    saved = anyio.to_thread.run_sync
    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        for path in paths:
            await _get(app, path)
        profiler.disable()
    finally:
        anyio.to_thread.run_sync = saved
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)
    pstats.Stats(profiler).sort_stats("cumtime").print_stats(top)


if __name__ == "__main__":
    main()

"""CPU per search page, cold: what one GET /search?q=WORD costs without the page cache.

    python -m bench.web.search_cpu DIR [--calls 200] [--profile 25] [--protect 0]
        [--database-url URL]

DIR is a registry made by `python -m bench.web.generate` (it is opened, so it is brought to
the newest migration: use a copy). WORD is a random word of a listed person's name, as the
web benchmark asks (bench/web/sample.py). Each call goes through the app in this process
(TestClient, page cache off), so the figure is the process's CPU time per page: routing,
the search, its excerpts and the template, all of it (on SQLite the database's work too; on
PostgreSQL the server's is not in it: the wall clock, one page at a time, is). `--api`
times /api/v1/search (one kind per call, the three in turn) instead. `--protect N` first
marks N random persons withheld or anonymised in DIR (half each), so redaction is on the
path. `--profile K` prints the functions that took most of the view's own work. Not a
test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import time
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import parse_qsl, quote

Kind = Literal["person", "event", "source"]  # a kind the API asks for


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--calls", type=int, default=200)
    ap.add_argument("--profile", type=int, default=0, help="functions to list, by own time")
    ap.add_argument("--protect", type=int, default=0)
    ap.add_argument("--api", action="store_true", help="/api/v1/search instead of /search")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--database-url")
    args = ap.parse_args()
    os.environ["CASEFILE_PAGE_CACHE_MB"] = "0"
    os.environ["CASEFILE_RATE_EXPENSIVE"] = "0"
    os.environ["CASEFILE_HOME"] = str(args.dir)
    url = args.database_url or f"sqlite:///{args.dir / 'casefile.db'}"

    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from casefile.registry import audit, db
    from casefile.registry.models import Person
    from casefile.reports import list_rows
    from casefile.web.app import create_app

    rnd = random.Random(args.seed)
    with db.transaction(url) as s:
        if args.protect:
            ids = list(s.scalars(select(Person.id).order_by(Person.id)))
            for i, pid in enumerate(rnd.sample(ids, args.protect)):
                s.get_one(Person, pid).publication = "anonymised" if i % 2 else "withheld"
            audit.record(s, "bench", "publication", "bench", protected=args.protect)
    with db.transaction(url) as s:
        list_rows.ready(s)
        names = [row.name for row in list_rows.full(s, "KZ").entries]
    words = sorted({w for n in names for w in n.split() if w.isalpha()})
    kinds = ("person", "event", "source")
    if args.api:
        paths = [f"/api/v1/search?q={quote(rnd.choice(words))}&kind={kinds[i % 3]}"
                 for i in range(args.calls)]
    else:
        paths = [f"/search?q={quote(rnd.choice(words))}" for _ in range(args.calls)]
    app = create_app(url)
    client = TestClient(app)
    client.get(paths[0])  # imports, templates and the protected set of this version
    cpu: list[float] = []
    wall: list[float] = []
    codes: set[int] = set()
    for path in paths:
        t, w = time.process_time(), time.perf_counter()
        codes.add(client.get(path).status_code)
        cpu.append(1000 * (time.process_time() - t))
        wall.append(1000 * (time.perf_counter() - w))
    print(f"{len(words)} words, {len(paths)} pages, status {sorted(codes)}")
    for name, ms in (("CPU of this process", cpu), ("wall clock", wall)):
        ms.sort()
        print(f"  {name} per page: mean {statistics.mean(ms):.1f} ms, "
              f"p50 {ms[len(ms) // 2]:.1f}, p95 {ms[int(len(ms) * 0.95)]:.1f}, max {ms[-1]:.1f}")
    if args.profile:
        _profile(app, url, paths, args.profile)


def _profile(app: Any, url: str, paths: list[str], top: int) -> None:
    """The view's own work for each path, called in this thread (the app's threads escape
    cProfile): the search of each kind, the excerpts and the page's template."""
    from starlette.requests import Request

    from casefile.registry import db
    from casefile.web.views import api, search

    profiler = cProfile.Profile()
    for path in paths:
        route, _, query = path.partition("?")
        params = dict(parse_qsl(query))
        request = Request({"type": "http", "app": app, "method": "GET", "path": route,
                           "headers": [], "query_string": query.encode()})
        with db.session(url) as s:
            profiler.enable()
            if route == "/search":
                search.search_page(request, q=params["q"], s=s, account=None)
            else:
                api.search_api(q=params["q"], kind=cast(Kind, params["kind"]), s=s)
            profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)
    pstats.Stats(profiler).sort_stats("cumtime").print_stats(top)


if __name__ == "__main__":
    main()

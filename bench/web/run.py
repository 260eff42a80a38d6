"""Web benchmark: the four conditions of issue 16 in one sitting, on one generated registry.

    python -m bench.web.run DIR [--seconds 20] [--warmup 30] [--clients 20] [--workers 1]
        [--conditions warm,cold,captures,datasette] [--datasette PATH] [--database-url URL]

DIR is a registry made by `python -m bench.web.generate DIR` (10,000 persons / 200,000 claims
by default). Each condition gets a freshly started server, --warmup seconds of the same load
unmeasured (a site that has been up for a while), then --seconds measured, with --clients
connections split 7 list / 7 person / 6 search (of 20), all at once:
- warm: Casefile with its page cache on and nobody editing;
- cold: the page cache off (CASEFILE_PAGE_CACHE_MB=0): what a first visit to a page costs;
- captures: the page cache on, and an editor capturing a real document every 10 s through
  the server (POST /capture, logged in as a browser is; bench/web/editor.py), on a copy of
  the registry in a temporary folder, since captures write (they never reach DIR);
- datasette: Datasette 0.65 with its defaults serving the same file (bench/web/servers.py
  says how it is started, bench/web/sample.py which of its pages stand for ours). It is not a
  project dependency: install it in a venv of its own (`python3 -m venv /work/dsvenv &&
  /work/dsvenv/bin/pip install 'datasette==0.65.*'`) and pass --datasette; without it, or on
  PostgreSQL, the condition is skipped.
Before them, a server is started once to bring DIR to the newest migration and build what
the registry keeps (untimed; DIR is written to; the server gives the rebuilt list's tables
their planner statistics itself, casefile.reports.list_rows), then
the first list and the first home page are timed, each on a freshly started server (page
cache on), for Casefile and Datasette.
The report gives p50 / p95 / p99, requests/s, errors and peak RSS per kind and condition
beside the issue's targets, and Casefile's figures as ratios of Datasette's
(bench/web/report.py).

The server and everything it spawns run on core 0 (`taskset -c 0`), wrk and this script on
core 1: a server that borrows the load generator's core is flattered. With --database-url
(PostgreSQL; DIR then holds only the blobs) the captures go into that database itself.
Not a test: the figures depend on the machine and on what else it is running.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import httpx

from bench.web import editor, load, sample
from bench.web.report import Condition, First, render
from bench.web.servers import CLIENT_CORE, Casefile, Datasette, Served

CONDITIONS = ("warm", "cold", "captures", "datasette")
CAPTURE_EVERY = 10.0  # seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--seconds", type=float, default=20, help="measured, per condition")
    ap.add_argument("--warmup", type=float, default=30, help="unmeasured load before it")
    ap.add_argument("--clients", type=int, default=20, help="concurrent connections (>= 3)")
    ap.add_argument("--workers", type=int, default=1, help="Casefile server processes")
    ap.add_argument("--conditions", default=",".join(CONDITIONS))
    ap.add_argument("--datasette", type=Path, default=shutil.which("datasette"),
                    help="the datasette executable (0.65.x), in a venv of its own")
    ap.add_argument("--database-url", help="a PostgreSQL registry instead of DIR/casefile.db")
    ap.add_argument("--logs", type=Path, help="keep each server's output in this folder "
                    "(with CASEFILE_ACCESS_LOG=1, every request and its time)")
    args = ap.parse_args()
    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)
        Served.logs = args.logs
    wanted = [c.strip() for c in args.conditions.split(",") if c.strip()]
    if unknown := set(wanted) - set(CONDITIONS):
        raise SystemExit(f"unknown condition(s): {', '.join(sorted(unknown))}")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: the load generator is wrk (apt-get install wrk)")
    if args.clients < 3:
        raise SystemExit("--clients must be at least 3 (the load splits them by kind)")
    file = args.dir / "casefile.db"
    url = args.database_url or f"sqlite:///{file}"
    notes = ["", "Taken on a shared machine: re-take figures for publication on a quiet one.",
             f"load average (1, 5, 15 min) at the start: {_load_average()}"]
    if "datasette" in wanted:
        skip = ("on PostgreSQL (Datasette serves SQLite files)" if args.database_url else
                "no datasette executable (give --datasette PATH)" if args.datasette is None
                or not Path(args.datasette).is_file() else "")
        if skip:
            print(f"datasette condition skipped: {skip}")
            notes.append(f"datasette condition skipped: {skip}")
            wanted.remove("datasette")
    if (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {CLIENT_CORE})  # the editor and the RSS watch are clients too
    else:
        notes.append("one core only: server and load generator were NOT pinned apart")

    firsts, listed = _firsts(args, url, file if "datasette" in wanted else None)
    rnd = random.Random(0)
    paths = {"casefile": sample.casefile_paths(listed, rnd),
             "datasette": sample.datasette_paths(listed, rnd)}
    share = load.split(args.clients)
    done: list[Condition] = []
    with tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        files = {system: _write(Path(tmp), system, p) for system, p in paths.items()}
        for name in wanted:
            if name == "captures":
                done.append(_captures(args, url, Path(tmp), files["casefile"], share))
                continue
            server: Served = (Datasette(args.datasette, file) if name == "datasette" else
                              Casefile(args.dir, url, args.workers,
                                       "0" if name == "cold" else None))
            with server:
                results = _load(server, share, args, files[server.name])[0]
            done.append(Condition(name, results, server.memory))
            if name == "datasette":
                notes.append("datasette: plain `datasette serve FILE` (defaults, not "
                             "--immutable); list /casefile/persons?_next=ID,\n  person "
                             "/casefile/persons/ID, search ?display_name__contains=WORD")
            print(f"{name}: done", flush=True)
    notes.append(f"load average at the end: {_load_average()} ({os.cpu_count()} cores)")
    print()
    print(render(done, firsts, args.clients, args.seconds, args.warmup, notes))


def _load_average() -> str:
    """What else the machine was doing: a sitting beside other work reads slower."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _firsts(args: argparse.Namespace, url: str, file: Path | None
            ) -> tuple[list[First], sample.Listed]:
    """The first list and first home page of fresh servers; the persons for the paths.

    A server is started and asked for both once beforehand, untimed: it brings the registry
    to the newest migration and builds what the registry keeps (today's list), as a site
    that has been deployed before has them; a restart is what is timed."""
    t = time.monotonic()
    with Casefile(args.dir, url, args.workers) as server:
        for path in ("/prisoners", "/"):
            httpx.get(server.base + path, timeout=1800)
    print(f"registry prepared (migrations, kept list, statistics) in "
          f"{time.monotonic() - t:.1f} s", flush=True)
    firsts = []
    with Casefile(args.dir, url, args.workers) as server:
        firsts.append(_first(server, "list", "/prisoners"))
        listed = sample.read_list(server.base)
    with Casefile(args.dir, url, args.workers) as server:
        firsts.append(_first(server, "home", "/"))
    if file is not None:
        with Datasette(args.datasette, file) as ds:
            firsts.append(_first(ds, "list", "/casefile/persons"))
        with Datasette(args.datasette, file) as ds:
            firsts.append(_first(ds, "home", "/"))
    print(f"{listed.total} persons on the list; first pages timed", flush=True)
    return firsts, listed


def _first(server: Served, page: str, path: str) -> First:
    t = time.monotonic()
    status = httpx.get(server.base + path, timeout=600).status_code
    return First(server.name, page, path, (time.monotonic() - t) * 1000, status)


def _write(tmp: Path, system: str, paths: dict[str, list[str]]) -> dict[str, Path]:
    out = {}
    for kind, lines in paths.items():
        out[kind] = tmp / f"{system}-{kind}.txt"
        out[kind].write_text("\n".join(lines) + "\n")
    return out


def _load(server: Served, share: dict[str, int], args: argparse.Namespace,
          files: dict[str, Path]) -> tuple[dict[str, load.Result], float, float]:
    """The warm-up, then the measured run: its results and when it began and ended."""
    if args.warmup > 0:
        load.mixed(server.base, share, args.warmup, files)
    began = time.monotonic()
    results = load.mixed(server.base, share, args.seconds, files)
    if not server.alive():
        raise SystemExit(f"{server.name} exited under load:\n{server.tail()}")
    return results, began, time.monotonic()


def _captures(args: argparse.Namespace, url: str, tmp: Path, files: dict[str, Path],
              share: dict[str, int]) -> Condition:
    """The page cache on and an editor capturing every 10 s, on a copy of the registry."""
    home = args.dir
    if not args.database_url:
        home = tmp / "registry"
        shutil.copytree(args.dir, home)
        url = f"sqlite:///{home / 'casefile.db'}"
    server = Casefile(home, url, args.workers)
    username = f"bench-editor-{int(time.time())}"
    editor.add_editor(server.env(), username)
    with server:
        writer = editor.Editor(server.base, username, CAPTURE_EVERY)
        writer.start()
        results, measured_from, measured_to = _load(server, share, args, files)
        captures = writer.stop()
    if not args.database_url:
        shutil.rmtree(home)
    print("captures: done", flush=True)
    return Condition("captures", results, server.memory,
                     captures=captures.within(measured_from, measured_to),
                     captures_all=[s for _, s in captures.done],
                     capture_failures=captures.failed)


if __name__ == "__main__":
    main()

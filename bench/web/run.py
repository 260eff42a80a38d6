"""Web benchmark: serve a generated registry on loopback and measure latency under load.

Targets (issue 3), at 20 concurrent clients: list p95 < 100 ms, person p95 < 50 ms,
search p95 < 150 ms; server RSS < 400 MB. Not a test: numbers depend on the machine.

The load comes from wrk (a C program, `apt-get install wrk`), not from Python threads: those
took a large share of the CPU the server needs, which distorted the figures. Two phases:
- mixed: the clients split over three wrk processes run at once (list 7, person 7, search 6
  of 20), as a site under real traffic sees them;
- alone: each kind on its own with all the clients, one after the other, which tells whether
  a slow kind is slow by itself or only slowed down by the others.
Every connection is closed-loop (sends its next request when the last one is answered) and
picks a random path of its kind for each request (bench/web/paths.lua): any person on the
list, any word of their names, any page of the list. Each phase gets a freshly started
server, so it begins with an empty page cache (casefile/web/pagecache.py), then --warmup
seconds of the same load, not measured, as a site that has been up for a while has had;
the whole run is then repeated with the page cache off (CASEFILE_PAGE_CACHE_MB=0), the
baseline that shows what the cache does and what a first visit to a page costs.
Usage: python -m bench.web.run DIR [--seconds 20] [--clients 20] [--workers 1]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[2]
LUA = Path(__file__).with_name("paths.lua")
KINDS = ("list", "person", "search")
TARGET_P95_MS = {"list": 100.0, "person": 50.0, "search": 150.0}
TARGET_RSS_MB = 400.0


@dataclass
class Result:
    """One wrk run: figures for one kind of page in one phase."""

    kind: str
    mode: str
    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    non200: int
    socket_errors: int
    rss_mb: float = 0.0  # peak server RSS over the phase (shared by a phase's runs)
    config: str = ""  # page cache on or off

    @property
    def errors(self) -> int:
        return self.non200 + self.socket_errors

    @property
    def met(self) -> bool:
        return self.p95_ms < TARGET_P95_MS[self.kind] and self.errors == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--seconds", type=float, default=20, help="per phase and per kind alone")
    ap.add_argument("--clients", type=int, default=20, help="concurrent connections (>= 3)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--warmup", type=float, default=30, help="unmeasured load before each run")
    ap.add_argument("--no-baseline", action="store_true", help="skip the run without cache")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: the load generator is wrk (apt-get install wrk)")
    if args.clients < 3:
        raise SystemExit("--clients must be at least 3 (the mixed phase splits them by kind)")
    configs = {"cache": None} if args.no_baseline else {"cache": None, "no cache": "0"}
    with Server(args.dir, args.workers) as server:
        paths = _cold(server.base)
    share = _split(args.clients)
    phases = [("mixed", share)] + [("alone", {kind: args.clients}) for kind in KINDS]
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        files = {kind: Path(tmp) / f"{kind}.txt" for kind in KINDS}
        for kind, file in files.items():
            file.write_text("\n".join(paths[kind]) + "\n")
        for config, cache_mb in configs.items():
            for mode, clients in phases:
                with Server(args.dir, args.workers, cache_mb) as server:
                    _warm(server.base, paths)
                    warm = _phase(server, config, mode, clients, args.warmup, files)
                    measured = _phase(server, config, mode, clients, args.seconds, files)
                    for r in measured:  # the peak over the warm-up too
                        r.rss_mb = max(r.rss_mb, warm[0].rss_mb)
                    results += measured
    _report(results, args.clients, args.seconds)


class Server:
    """`casefile serve` on a free loopback port over the registry in `home`."""

    def __init__(self, home: Path, workers: int, cache_mb: str | None = None) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "CASEFILE_HOME": str(home),
                    "CASEFILE_DATABASE_URL": f"sqlite:///{home / 'casefile.db'}"}
        if cache_mb is not None:
            self.env["CASEFILE_PAGE_CACHE_MB"] = cache_mb
        self.workers = workers
        # The server's output goes to a file, not a pipe nobody reads (a full pipe blocks it).
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "casefile", "serve", "--port", str(self.port),
             "--workers", str(self.workers)], cwd=ROOT, env=self.env,
            stdout=self.log, stderr=subprocess.STDOUT)
        _wait(self.base, self.proc, self.log)
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None and self.proc.poll() is not None:
            self.log.seek(0)  # "Shutting down" in its log: a signal from outside
            print(f"server exited ({self.proc.returncode}); its log ends:\n"
                  f"{self.log.read()[-2000:]}", file=sys.stderr)
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(base: str, server: subprocess.Popen[bytes], log: IO[str]) -> None:
    deadline = time.time() + 60
    while time.time() < deadline and server.poll() is None:
        try:
            if httpx.get(base + "/api/v1/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    log.seek(0)
    raise SystemExit("server did not start:\n" + log.read()[-2000:])


def _cold(base: str) -> dict[str, list[str]]:
    """Time the first list build and the home page; read the whole list for the paths."""
    t = time.time()
    listed = httpx.get(base + "/api/v1/prisoners?limit=500", timeout=120).json()
    print(f"first list build (cold): {time.time() - t:.2f} s, {listed['total']} on the list")
    t = time.time()
    status = httpx.get(base + "/", timeout=300).status_code
    print(f"home page (cold): {time.time() - t:.2f} s (status {status})")
    persons = listed["persons"]
    while len(persons) < listed["total"]:
        page = httpx.get(base + f"/api/v1/prisoners?limit=500&offset={len(persons)}",
                         timeout=60).json()
        if not page["persons"]:
            break
        persons += page["persons"]
    paths = _paths(persons, listed["total"], random.Random(0))
    print("distinct paths: " + ", ".join(f"{k} {len(set(v))}" for k, v in paths.items()))
    return paths


def _warm(base: str, paths: dict[str, list[str]]) -> None:
    """Build the list once before measuring (seconds at 10,000 persons, once per registry
    version); what is timed is serving it."""
    httpx.get(base + "/prisoners?page=1", timeout=300)
    httpx.get(base + "/api/v1/prisoners?limit=1", timeout=300)


def _paths(persons: list[dict], total: int, rnd: random.Random,
           n: int = 30_000) -> dict[str, list[str]]:
    """A sample of n paths per kind, URL-encoded; wrk picks among them uniformly. n is large
    enough that nearly every person on the list is among them (a smaller sample would leave
    out most dossiers and flatter the page cache).

    Sampled here rather than enumerated so the list kind keeps its mix: a third each of
    page-by-number, page-by-name and category pages (categories are few, pages are many).
    """
    ids = [p["id"] for p in persons] or list(range(1, 1000))
    words = sorted({w for p in persons for w in p["name"].split() if w.isalpha()}) or ["detained"]
    categories = sorted({p["category"] for p in persons if p["category"]}) or [""]
    pages = max(1, total // 100)
    lists = [lambda: f"/prisoners?page={rnd.randint(1, pages)}",
             lambda: f"/prisoners?sort=name&page={rnd.randint(1, pages)}",
             lambda: "/prisoners?category=" + quote(rnd.choice(categories))]
    return {"list": [rnd.choice(lists)() for _ in range(n)],
            "person": [f"/persons/{rnd.choice(ids)}" for _ in range(n)],
            "search": ["/search?q=" + quote(rnd.choice(words)) for _ in range(n)]}


def _split(clients: int) -> dict[str, int]:
    """Clients per kind in the mixed phase: thirds, the remainder to list then person (7/7/6)."""
    third, rest = divmod(clients, 3)
    return {"list": third + (rest > 0), "person": third + (rest > 1), "search": third}


def _phase(server: Server, config: str, mode: str, share: dict[str, int], seconds: float,
           files: dict[str, Path]) -> list[Result]:
    """Run one wrk per kind in share, all at once, while watching the server's RSS."""
    watcher = RssWatcher(server.proc.pid)
    watcher.start()
    # A long --timeout: wrk leaves requests slower than it out of the latency figures.
    procs = {kind: subprocess.Popen(
        ["wrk", "--latency", "--threads", "1", "--connections", str(n),
         "--duration", f"{max(1, round(seconds))}s", "--timeout", "60s",
         "--script", str(LUA), server.base, "--", str(files[kind])],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for kind, n in share.items()}
    outputs = {kind: proc.communicate()[0] for kind, proc in procs.items()}
    peak = watcher.stop()
    if server.proc.poll() is not None:
        raise SystemExit(f"server exited during the {mode} phase ({', '.join(share)})")
    results = [_parse(out, kind, f"{mode}", share[kind]) for kind, out in outputs.items()]
    for r in results:
        r.config = config
    for r in results:
        r.rss_mb = peak
    return results


def _parse(output: str, kind: str, mode: str, connections: int) -> Result:
    """Read the RESULT line paths.lua's done() prints (wrk's own report has no p95)."""
    m = re.search(r"^RESULT (.*)$", output, re.M)
    if m is None:
        raise SystemExit(f"wrk ({kind}, {mode}) gave no result:\n{output}")
    v = {k: int(x) for k, x in (f.split("=") for f in m.group(1).split())}
    return Result(kind, mode, connections, v["requests"], v["duration_us"] / 1e6,
                  v["p50_us"] / 1000, v["p95_us"] / 1000, v["p99_us"] / 1000, v["non200"],
                  v["connect"] + v["read"] + v["write"] + v["timeout"])


class RssWatcher:
    """Peak RSS of the server and its descendants (uvicorn workers), sampled every 0.5 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak

    def _watch(self) -> None:
        while True:
            self.peak = max(self.peak, _rss_mb(_descendants(self.pid)))
            if self._stop.wait(0.5):
                return


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1024


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            # the command may contain spaces and parentheses: ppid follows the last ")"
            with contextlib.suppress(FileNotFoundError, ProcessLookupError, ValueError,
                                     IndexError):
                parents[int(p.name)] = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
    out = [pid]
    for member in out:  # grows while iterated: breadth-first over the process tree
        out += [child for child, parent in parents.items() if parent == member]
    return out


def _report(results: list[Result], clients: int, seconds: float) -> None:
    print(f"\n{clients} connections in total, {seconds:.0f} s per run after the warm-up; "
          "latency in ms; "
          "errors = non-200 answers + socket errors")
    print(f"{'config':8} {'kind':7} {'mode':6} {'conns':>5} {'requests':>8} {'req/s':>7} "
          f"{'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6} {'RSS MB':>6}  target p95")
    for r in results:
        print(f"{r.config:8} {r.kind:7} {r.mode:6} {r.connections:5d} {r.requests:8d} "
              f"{r.requests / r.seconds:7.1f} {r.p50_ms:7.1f} {r.p95_ms:7.1f} {r.p99_ms:7.1f} "
              f"{r.errors:6d} {r.rss_mb:6.0f}  < {TARGET_P95_MS[r.kind]:.0f}: "
              f"{'met' if r.met else 'NOT met'}")
        if r.errors:
            print(f"        ^ {r.non200} non-200, {r.socket_errors} socket errors")
    for config in dict.fromkeys(r.config for r in results):
        peak = max(r.rss_mb for r in results if r.config == config)
        print(f"server peak RSS ({config}): {peak:.0f} MB (target < {TARGET_RSS_MB:.0f}: "
              f"{'met' if peak < TARGET_RSS_MB else 'NOT met'})")


if __name__ == "__main__":
    main()

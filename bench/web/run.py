"""Web benchmark: serve a generated registry on loopback and measure latency under load.

20 concurrent clients (closed loop: each sends its next request when the last one answered)
fetch list pages, person pages and searches; p50/p95 per kind and the server's peak RSS are
printed. Targets (issue 3): list p95 < 100 ms, person p95 < 50 ms, search p95 < 150 ms,
RSS < 400 MB. Not a test: numbers depend on the machine.
Usage: python -m bench.web.run DIR [--seconds 20] [--clients 20] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    out = [pid]
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if int((p / "stat").read_text().split()[3]) == pid:
                    out.append(int(p.name))
            except (FileNotFoundError, ValueError, IndexError):
                pass
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    port = _free_port()
    env = {**os.environ, "CASEFILE_HOME": str(args.dir),
           "CASEFILE_DATABASE_URL": f"sqlite:///{args.dir / 'casefile.db'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "casefile", "serve", "--port", str(port),
         "--workers", str(args.workers)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base)
        run(base, server.pid, args.seconds, args.clients)
    finally:
        server.terminate()
        server.wait(10)


def _wait(base: str) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/v1/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def run(base: str, pid: int, seconds: float, clients: int) -> None:
    t = time.time()
    listed = httpx.get(base + "/api/v1/prisoners?limit=500", timeout=120).json()
    print(f"first list build (cold): {time.time() - t:.2f} s, {listed['total']} on the list")
    httpx.get(base + "/", timeout=300)
    ids = [p["id"] for p in listed["persons"]] or list(range(1, 1000))
    words = sorted({w for p in listed["persons"] for w in p["name"].split()
                    if w.isalpha()}) or ["detained"]
    categories = sorted({p["category"] for p in listed["persons"] if p["category"]})
    pages = max(1, listed["total"] // 100)
    kinds = {
        "list": lambda r: random.choice([
            f"/prisoners?page={r.randint(1, pages)}",
            f"/prisoners?sort=name&page={r.randint(1, pages)}",
            "/prisoners?category=" + r.choice(categories or [""])]),
        "person": lambda r: f"/persons/{r.choice(ids)}",
        "search": lambda r: "/search?q=" + r.choice(words),
    }
    times: dict[str, list[float]] = {k: [] for k in kinds}
    errors: list[str] = []
    peak = [0.0]
    stop = time.time() + seconds

    def client(n: int) -> None:
        r = random.Random(n)
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.time() < stop:
                kind = r.choice(list(kinds))
                path = kinds[kind](r)
                t0 = time.perf_counter()
                resp = c.get(path)
                times[kind].append((time.perf_counter() - t0) * 1000)
                if resp.status_code != 200:
                    errors.append(f"{resp.status_code} {path}")

    def watch() -> None:
        while time.time() < stop:
            peak[0] = max(peak[0], _rss_mb(_children(pid)))
            time.sleep(0.5)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    threads.append(threading.Thread(target=watch))
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    print(f"{clients} concurrent clients, {seconds:.0f} s")
    for kind, values in times.items():
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1] if values else float("nan")
        print(f"{kind:7s} n={len(values):5d}  p50={statistics.median(values):6.1f} ms  "
              f"p95={p95:6.1f} ms")
    print(f"server peak RSS: {peak[0]:.0f} MB; errors: {len(errors)} {errors[:3]}")


if __name__ == "__main__":
    main()

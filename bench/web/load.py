"""The load: wrk (a C program, `apt-get install wrk`), one process per kind of page, all at
once, on the load generator's core.

Python threads as clients took a large share of the CPU the server needs and distorted the
figures; wrk does not. Every connection is closed-loop (it sends its next request when the last
one is answered) and picks a random path of its kind for each request (paths.lua). wrk's own
report has no p95 and counts only statuses above 399 as errors: paths.lua prints one RESULT
line with the percentiles and every non-200 answer, which `parse` reads.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.web.servers import CLIENT_CORE, pinned

LUA = Path(__file__).with_name("paths.lua")
KINDS = ("list", "person", "search")


@dataclass
class Result:
    """One kind of page under one condition: wrk's figures for its connections."""

    kind: str
    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    non200: int
    socket_errors: int
    last_bad: int = 0  # the status of the last non-200 answer

    @property
    def errors(self) -> int:
        return self.non200 + self.socket_errors

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def split(clients: int) -> dict[str, int]:
    """Connections per kind: thirds, the remainder to list then person (20 -> 7/7/6)."""
    third, rest = divmod(clients, 3)
    return {"list": third + (rest > 0), "person": third + (rest > 1), "search": third}


def mixed(base: str, share: dict[str, int], seconds: float,
          files: dict[str, Path]) -> dict[str, Result]:
    """Run one wrk per kind in `share`, all at once, for `seconds`; their results by kind."""
    # A long --timeout: wrk leaves requests slower than it out of the latency figures.
    procs = {kind: subprocess.Popen(
        pinned(["wrk", "--latency", "--threads", "1", "--connections", str(n),
                "--duration", f"{max(1, round(seconds))}s", "--timeout", "60s",
                "--script", str(LUA), base, "--", str(files[kind])], CLIENT_CORE),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for kind, n in share.items()}
    return {kind: parse(proc.communicate()[0], kind, share[kind])
            for kind, proc in procs.items()}


def parse(output: str, kind: str, connections: int) -> Result:
    """Read the RESULT line paths.lua's done() prints."""
    m = re.search(r"^RESULT (.*)$", output, re.M)
    if m is None:
        raise SystemExit(f"wrk ({kind}) gave no result:\n{output}")
    v = {k: int(x) for k, x in (f.split("=") for f in m.group(1).split())}
    return Result(kind, connections, v["requests"], v["duration_us"] / 1e6,
                  v["p50_us"] / 1000, v["p95_us"] / 1000, v["p99_us"] / 1000, v["non200"],
                  v["connect"] + v["read"] + v["write"] + v["timeout"], v.get("last_bad", 0))

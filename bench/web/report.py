"""The benchmark's printed report: one table of figures per condition and kind with the
issue's targets beside them, then Casefile's figures as ratios of Datasette's from the same
sitting, then first pages, memory and captures.

Targets (issue 16, 10k persons / 200k claims, mixed load, one core): with an editor
capturing every 10 s, p95 list < 100 ms, person < 30 ms, search < 150 ms and every figure at
least 5x better than Datasette's; with no page cache, list < 150, person < 40, search < 250;
first list and home page after start < 300 ms; peak RSS < 150 MB per server process. The
warm condition has no target of its own: it is held to the captures one (a site nobody edits
should do at least as well).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.web.load import KINDS, Result
from bench.web.servers import Memory

TARGET_P95_MS = {
    "warm": {"list": 100.0, "person": 30.0, "search": 150.0},
    "captures": {"list": 100.0, "person": 30.0, "search": 150.0},
    "cold": {"list": 150.0, "person": 40.0, "search": 250.0},
}
TARGET_FIRST_MS = 300.0
TARGET_RSS_MB = 150.0  # per server process
BETTER = 5.0  # than Datasette, every figure, with captures


@dataclass
class Condition:
    """One condition's run: a fresh server, its warm-up, then the measured seconds."""

    name: str
    results: dict[str, Result]
    memory: Memory
    captures: list[float] | None = None  # seconds per capture POST in the measured window
    captures_all: list[float] | None = None  # ... over warm-up and measured window
    capture_failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class First:
    """The first request for a page on a freshly started server (after its first answer)."""

    system: str
    page: str
    path: str
    ms: float
    status: int


def render(conditions: list[Condition], firsts: list[First], clients: int, seconds: float,
           warmup: float, notes: list[str]) -> str:
    out = [f"{clients} connections (list/person/search mixed), {warmup:.0f} s warm-up then "
           f"{seconds:.0f} s measured per condition; latency in ms; errors = non-200 + socket",
           f"{'condition':10} {'kind':7} {'conns':>5} {'requests':>8} {'req/s':>7} "
           f"{'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6} {'RSS MB':>6}  p95 target"]
    for c in conditions:
        for kind in KINDS:
            r = c.results[kind]
            target = TARGET_P95_MS.get(c.name, {}).get(kind)
            met = target is not None and r.p95_ms < target and not r.errors
            verdict = f"< {target:.0f}: {'met' if met else 'NOT met'}" if target else "-"
            out.append(f"{c.name:10} {kind:7} {r.connections:5d} {r.requests:8d} {r.rate:7.1f} "
                       f"{r.p50_ms:7.1f} {r.p95_ms:7.1f} {r.p99_ms:7.1f} {r.errors:6d} "
                       f"{c.memory.total_mb:6.0f}  {verdict}")
            if r.errors:
                out.append(f"{'':19}^ {r.non200} non-200 (the last: {r.last_bad}), "
                           f"{r.socket_errors} socket errors")
    out += _ratios(conditions)
    out += _firsts(firsts)
    out += _memory(conditions)
    out += _captures(conditions)
    return "\n".join(out + notes)


def _ratios(conditions: list[Condition]) -> list[str]:
    base = next((c for c in conditions if c.name == "datasette"), None)
    if base is None:
        return []
    out = ["", f"Casefile / Datasette, same sitting (latency: lower is better, {1 / BETTER:.2f} "
           f"or less is {BETTER:.0f}x better; req/s: {BETTER:.0f} or more is {BETTER:.0f}x better)",
           f"{'condition':10} {'kind':7} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6} "
           f"{'RSS':>6}  {BETTER:.0f}x better on every figure"]
    for c in conditions:
        if c is base:
            continue
        for kind in KINDS:
            r, d = c.results[kind], base.results[kind]
            lat = [_ratio(r.p50_ms, d.p50_ms), _ratio(r.p95_ms, d.p95_ms),
                   _ratio(r.p99_ms, d.p99_ms)]
            rate = _ratio(r.rate, d.rate)
            rss = _ratio(c.memory.total_mb, base.memory.total_mb)
            met = (all(x <= 1 / BETTER for x in lat) and rate >= BETTER
                   and not r.errors)
            out.append(f"{c.name:10} {kind:7} " + " ".join(f"{x:6.2f}" for x in lat)
                       + f" {rate:6.2f} {rss:6.2f}  {'met' if met else 'NOT met'}"
                       + ("" if c.name == "captures" else " (target is for captures)"))
    return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def _firsts(firsts: list[First]) -> list[str]:
    if not firsts:
        return []
    out = ["", f"first page after start (fresh server, page cache on; target < "
           f"{TARGET_FIRST_MS:.0f} ms for Casefile)"]
    for f in firsts:
        verdict = ("" if f.system != "casefile" else
                   f"  {'met' if f.ms < TARGET_FIRST_MS and f.status == 200 else 'NOT met'}")
        out.append(f"  {f.system:9} {f.page:5} {f.path:22} {f.ms:8.0f} ms  (status {f.status})"
                   f"{verdict}")
    return out


def _memory(conditions: list[Condition]) -> list[str]:
    out = ["", f"peak RSS (VmHWM; target < {TARGET_RSS_MB:.0f} MB per Casefile server process)"]
    for c in conditions:
        m = c.memory
        verdict = ("" if c.name == "datasette" else
                   f"  {'met' if m.largest_mb < TARGET_RSS_MB else 'NOT met'}")
        out.append(f"  {c.name:10} {m.total_mb:6.0f} MB over {m.processes} process(es), "
                   f"largest {m.largest_mb:.0f} MB{verdict}")
    return out


def _captures(conditions: list[Condition]) -> list[str]:
    out = []
    for c in conditions:
        if c.captures_all is None or c.captures is None:
            continue
        every = sorted(c.captures_all)
        out += ["", f"captures ({c.name}): {len(every)} made ({len(c.captures)} in the measured "
                f"window), {len(c.capture_failures)} failed; seconds until the POST returned:"
                + (f" min {every[0]:.2f}, median {every[len(every) // 2]:.2f}, "
                   f"max {every[-1]:.2f}" if every else " none")]
        if 0 < len(every) <= 30:
            out.append("  each: " + ", ".join(f"{x:.2f}" for x in c.captures_all))
        out += [f"  failed: {f}" for f in c.capture_failures[:5]]
    return out

"""How long `casefile --help` and `casefile report --help` take to answer, each run as its
own process as a user would run it, beside two baselines measured in the same run: the bare
interpreter (`python -c pass`, the floor) and importing the capture layer
(`casefile.registry.ingest`: SQLAlchemy, Alembic, the extractors), which every call paid
before the command modules moved their heavy imports into the commands.

Usage: python bench/cli_startup.py [--runs N] [--old CHECKOUT]

--old names another checkout of Casefile (e.g. `git worktree add /tmp/old <commit>`) whose
`casefile --help` is timed too, from that checkout's code: the start-up before a change.

Python may write bytecode for the children (an installed Casefile has it; with
PYTHONDONTWRITEBYTECODE every run would compile the sources again), and one untimed run of
each warms the caches. Prints the median and the fastest wall-clock time of N runs and the
median CPU time, in seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = [
    ("interpreter start (python -c pass)", ["-c", "pass"]),
    ("import casefile.registry.ingest (the old eager start)",
     ["-c", "import casefile.registry.ingest"]),
    ("casefile --help", ["-m", "casefile", "--help"]),
    ("casefile report --help", ["-m", "casefile", "report", "--help"]),
    ("casefile report prisoners --help", ["-m", "casefile", "report", "prisoners", "--help"]),
]


def _time(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run. The CPU time hardly moves when
    other work shares the machine; the wall-clock time is what the user waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # `python -m` puts the working folder first on sys.path: run from the checkout timed.
    subprocess.run([sys.executable, *args], env=env, cwd=env["PYTHONPATH"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--old", type=Path, help="another checkout, timed as a baseline")
    opts = parser.parse_args()
    runs = opts.runs
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    env["COLUMNS"] = "80"
    cases = [(label, args, env) for label, args in CASES]
    if opts.old is not None:
        old = {**env, "PYTHONPATH": str(opts.old.resolve())}
        cases.insert(2, (f"casefile --help from {opts.old}", ["-m", "casefile", "--help"], old))
    print(f"{'':<56} {'wall':>6} {'fastest':>8} {'CPU':>6}   (medians of {runs} runs, seconds)")
    for label, args, child_env in cases:
        _time(args, child_env)  # warm: bytecode written, files in the page cache
        runs_ = [_time(args, child_env) for _ in range(runs)]
        wall = [w for w, _ in runs_]
        cpu = statistics.median(c for _, c in runs_)
        print(f"{label:<56} {statistics.median(wall):>6.3f} {min(wall):>8.3f} {cpu:>6.3f}")


if __name__ == "__main__":
    main()

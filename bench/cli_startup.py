"""How long `casefile --help` and `casefile report --help` take to answer, each run as its
own process as a user would run it, beside two baselines measured in the same run: the bare
interpreter (`python -c pass`, the floor) and importing the capture layer
(`casefile.registry.ingest`: SQLAlchemy, Alembic, the extractors), which every call paid
before the command modules moved their heavy imports into the commands.

Usage: python bench/cli_startup.py [--runs N]

Python may write bytecode for the children (an installed Casefile has it; with
PYTHONDONTWRITEBYTECODE every run would compile the sources again), and one untimed run of
each warms the caches. Prints the median and the fastest of N runs, in seconds.
"""

from __future__ import annotations

import argparse
import os
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


def _time(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    env["COLUMNS"] = "80"
    print(f"{'':<56} {'median':>7} {'fastest':>8}   ({runs} runs each, seconds)")
    for label, args in CASES:
        _time(args, env)  # warm: bytecode written, files in the page cache
        times = [_time(args, env) for _ in range(runs)]
        print(f"{label:<56} {statistics.median(times):>7.3f} {min(times):>8.3f}")


if __name__ == "__main__":
    main()

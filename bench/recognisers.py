"""Throughput of the event and article recognisers, English and Russian, each beside a plain
regex tokenisation of the same text in the same run (machines differ; the ratio travels).

    .venv/bin/python bench/recognisers.py

- English: seed 002 (a long NGO report) repeated to about 3 MB, as bench/speed.py does;
- Russian: bench/data/ru/own-news.txt (news, digests and a list written for this benchmark;
  see bench/data/ru/README.md) repeated to about 3 MB with the years varied.
Times are CPU times (time.process_time), best of three, so other work on the machine does not
count against the recognisers. Target (docs/ARCHITECTURE.md, issue 12): the whole extractor at
about 1 MB/s on English and at least 0.5 MB/s on Russian; these two recognisers are a part of it.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cpu_seconds(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def corpus(path: Path, copies: int) -> str:
    """`copies` copies of the file, the years of each copy shifted, so no two are the same."""
    text = path.read_text(encoding="utf-8")
    def shifted(i: int) -> str:
        return re.sub(r"\b20(\d\d)\b", lambda m: str(1990 + (int(m[1]) + i) % 35), text)

    return "\n\n".join(shifted(i) for i in range(copies))


def report(name: str, text: str, lang: str) -> None:
    from casefile.extract.articles import find_articles
    from casefile.extract.events import find_events

    find_events("warm up", lang)
    find_articles("warm up ст. 1", lang)
    mb = len(text.encode()) / 1e6
    tok = cpu_seconds(lambda: re.findall(r"\w+", text))
    ev = cpu_seconds(lambda: find_events(text, lang))
    art = cpu_seconds(lambda: find_articles(text, lang))
    both = ev + art
    print(f"{name}: {mb:.1f} MB  events {mb / ev:.2f} MB/s  articles {mb / art:.2f} MB/s  "
          f"both {mb / both:.2f} MB/s  [regex tokenise {mb / tok:.1f} MB/s; both at "
          f"{100 * tok / both:.1f} % of it]")


def main() -> None:
    seed = next((ROOT / "samples" / "seeds").glob("002_*.txt"))
    report("English, seed 002", corpus(seed, 20), "en")
    own = ROOT / "bench" / "data" / "ru" / "own-news.txt"
    report("Russian, own news", corpus(own, 3_000_000 // own.stat().st_size), "ru")


if __name__ == "__main__":
    main()

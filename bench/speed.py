"""Speed of the foundation, each figure beside a baseline measured in the same run.

    .venv/bin/python bench/speed.py

- capture + extract + store of seed 002 (SQLite, fresh registry), vs reading and hashing it;
- extraction throughput in MB/s on a few MB of seed text, vs a plain regex tokenisation, and
  the same on Russian text (bench/data/ru/own-news.txt repeated);
- the prisoner list of 1,000 persons (generated from the seed's own entries), vs loading
  the same rows with one query.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = next((ROOT / "samples" / "seeds").glob("002_*.txt"))
RUSSIAN = ROOT / "bench" / "data" / "ru" / "own-news.txt"  # written for benchmarks (README)


def clock(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    home = tempfile.mkdtemp(prefix="casefile-bench-")
    os.environ["CASEFILE_HOME"] = home
    os.environ.pop("CASEFILE_DATABASE_URL", None)
    from casefile.extract.document import extract
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.reports.prisoners import prisoner_list

    raw = SEED.read_bytes()
    text = raw.decode("utf-8")
    base = clock(lambda: hashlib.sha256(SEED.read_bytes()).hexdigest())
    db.engine()  # migrations are start-up cost, not capture cost
    t = time.perf_counter()
    r = capture(str(SEED), trusted=True)
    took = time.perf_counter() - t
    print(f"capture+extract+store seed 002 ({len(raw) / 1e3:.0f} kB, {r.claims} claims): "
          f"{took:.3f} s   [baseline read+sha256: {base * 1e3:.2f} ms]  target < 1 s")

    big = "\n".join(text.replace("2023", str(1990 + i)) for i in range(20))
    mb = len(big.encode()) / 1e6
    tok = clock(lambda: re.findall(r"\w+", big), 1)
    ext = clock(lambda: extract(big, "en"), 1)
    print(f"extraction: {mb / ext:.2f} MB/s on {mb:.1f} MB   "
          f"[baseline regex tokenise: {mb / tok:.1f} MB/s, extraction at "
          f"{tok / ext * 100:.1f} % of it]  target >= 1 MB/s")
    ru = "\n".join([RUSSIAN.read_text(encoding="utf-8")] * 40)
    mb = len(ru.encode()) / 1e6
    tok = clock(lambda: re.findall(r"\w+", ru), 1)
    ext = clock(lambda: extract(ru, "ru"), 1)
    print(f"extraction (Russian): {mb / ext:.2f} MB/s on {mb:.1f} MB   "
          f"[baseline regex tokenise: {mb / tok:.1f} MB/s, extraction at "
          f"{tok / ext * 100:.1f} % of it]  target >= 0.5 MB/s")

    with db.session() as s:
        t = time.perf_counter()
        plist = prisoner_list(s, "KZ", "2023-09-01")
        one = time.perf_counter() - t
    print(f"prisoner list, {len(plist.entries)} persons: {one * 1e3:.0f} ms")
    grow(1000)
    with db.session() as s:
        t = time.perf_counter()
        plist = prisoner_list(s, "KZ", "2023-09-01")
        took = time.perf_counter() - t
        from sqlalchemy import text as sql

        base = clock(lambda: s.execute(sql("SELECT * FROM claims")).all(), 1)
        from casefile.reports.citations import cite

        t = time.perf_counter()
        cites = cite(s, plist.entries)
        cited = time.perf_counter() - t
    print(f"prisoner list, {len(plist.entries)} persons: {took:.3f} s   "
          f"[baseline SELECT * FROM claims: {base:.3f} s]  target < 2 s")
    print(f"its citations, {len(cites.quotes)} quotes read and redacted: {cited:.3f} s   "
          "target < 1 s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")


def grow(target: int) -> None:
    """Capture variants of seed 002 with the listed names altered until `target` persons are
    listed: real sentences, distinct people."""
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.reports.prisoners import prisoner_list

    text = SEED.read_text(encoding="utf-8")
    caps = sorted(set(re.findall(r"\b[A-Z][A-Z\-]{3,}\b", text)) - {"CONVICTED", "UNDER",
                                                                      "ARREST", "FACILITY"})
    i = 0
    with tempfile.TemporaryDirectory() as tmp:
        while True:
            with db.session() as s:
                if len(prisoner_list(s, "KZ", "2023-09-01").entries) >= target:
                    return
            i += 1
            variant = text
            for c in caps:
                variant = re.sub(rf"\b{c}\b", c + _suffix(i), variant)
            path = Path(tmp) / f"v{i}.txt"
            path.write_text(variant, encoding="utf-8")
            capture(str(path), trusted=True)


def _suffix(i: int) -> str:
    letters = "ABDEGIKLMNORSTUZ"
    out = ""
    while i:
        i, r = divmod(i, len(letters))
        out += letters[r]
    return out


if __name__ == "__main__":
    main()

"""What redaction costs: uncached public pages with nobody protected and with N protected.

Copies the registry of `bench.web.generate` (the copy is changed, the original is not), marks
N random persons anonymised or withheld (half each), and times, with the page cache off and
one request after another: the list built for a date, 100 dossiers, 30 source pages (the
generated sources are about 420,000 characters each) and 10 searches of sources and of
events. Run it with --protect 0 for the baseline on the same copy. Not a test: the numbers
depend on the machine and its load.
Usage: python -m bench.web.redaction DIR [--protect 100]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import time
from pathlib import Path

WORDS = ("court", "sentenced", "Almaty", "prison", "detained", "article", "activist",
         "journalist", "protest", "Astana")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--protect", type=int, default=100)
    args = ap.parse_args()
    copy = args.dir / "redaction-bench.db"
    shutil.copyfile(args.dir / "casefile.db", copy)
    os.environ["CASEFILE_PAGE_CACHE_MB"] = "0"
    os.environ["CASEFILE_HOME"] = str(args.dir)
    url = f"sqlite:///{copy}"
    run(url, args.protect)


def run(url: str, protect: int) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from casefile.registry import audit, db
    from casefile.registry.models import Person, Source
    from casefile.web.app import create_app

    rnd = random.Random(3)
    with db.transaction(url) as s:
        ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        for i, pid in enumerate(rnd.sample(ids, protect)):
            s.get_one(Person, pid).publication = "anonymised" if i % 2 else "withheld"
        audit.record(s, "bench", "publication", "bench", protected=protect)
        sources = list(s.scalars(select(Source.id)))
    client = TestClient(create_app(url))

    def timed(label: str, paths: list[str]) -> None:
        start = time.perf_counter()
        codes = {client.get(p).status_code for p in paths}
        took = time.perf_counter() - start
        print(f"{label:16} {len(paths):4} in {took:6.2f} s  "
              f"{1000 * took / len(paths):8.1f} ms each  {sorted(codes)}")

    print(f"{protect} persons protected")
    timed("list built", ["/prisoners.json?as_of=2024-01-01"])
    timed("dossiers", [f"/persons/{p}.json" for p in rnd.sample(ids, 100)])
    timed("source pages", [f"/sources/{p}.json" for p in rnd.sample(sources, 30)])
    timed("search sources", [f"/search.json?q={w}&kind=source" for w in WORDS])
    timed("search events", [f"/search.json?q={w}&kind=event" for w in WORDS])


if __name__ == "__main__":
    main()

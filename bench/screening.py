"""Screening at scale: 10,000 listed persons against a registry of 10,000, on one core.

    .venv/bin/python bench/screening.py [--persons 10000] [--listed 10000]

The registry and the list are synthetic, from the name lists of bench/names (scale.py's
persons: given and family names in Latin and Cyrillic, a third with a patronymic). Half of the
listed persons are registry persons written as a wanted list writes them (another spelling,
Cyrillic, "FAMILY, Given", a Russian genitive: scale.py's mentions); the other half are new
people. Reported beside each other, measured in the same run:

- `blocked`: casefile.registry.screening.screen, the command's own code, over a real SQLite
  registry (persons, their names and blocking keys stored as the resolver stores them);
- `all pairs`: the same comparison of every listed name with every registry name, timed on a
  sample and scaled up: what screening would cost without blocking.

Also: hits per listed person, how many planted persons were found ("same"), and the time to
store the hits as items of the editors' queue twice (the second time opens none).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.names import scale  # noqa: E402  (the synthetic persons and their mentions)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", type=int, default=10_000)
    ap.add_argument("--listed", type=int, default=10_000)
    args = ap.parse_args()
    rng = random.Random(7)
    persons = scale.make_persons(args.persons, rng)
    with tempfile.TemporaryDirectory() as home:
        os.environ["CASEFILE_HOME"] = home
        os.environ["CASEFILE_DATABASE_URL"] = f"sqlite:///{home}/registry.db"
        from casefile.names.compare import compare
        from casefile.names.keys import block_keys
        from casefile.registry import db
        from casefile.registry.models import Person
        from casefile.registry.resolve import add_blocks, add_name
        from casefile.registry.screening import Listed, ListFile, queue, screen
        from casefile.sources.document import sha256_hex

        with db.transaction() as s:
            rows = []
            for p in persons:
                person = Person(display_name=p["name"])
                add_name(person, p["name"], "en")
                s.add(person)
                rows.append(person)
            s.flush()
            ids = [r.id for r in rows]
            add_blocks(s, {(r.id, b) for r in rows for n in r.names for b in block_keys(n.name)})
        listed, planted = [], {}
        for i in range(args.listed):
            if i % 2 == 0:
                k = rng.randrange(len(persons))
                name = scale.mention(persons[k], rng)
                planted[f"l{i}"] = ids[k]
            else:
                name = scale.mention(scale.make_persons(1, rng)[0], rng)
            listed.append(Listed(f"l{i}", i + 1, (name,), (), (), ()))
        start = time.process_time()
        with db.session() as s:
            hits = screen(s, listed)
        blocked = time.process_time() - start
        # The hits as items of the editors' queue (`screen FILE --queue`), then once more:
        # the second run must open none.
        raw = "".join(f"{e.id}\t{e.names[0]}\n" for e in listed).encode()
        listfile = ListFile(listed, {}, sha256_hex(raw), raw)
        start = time.process_time()
        with db.transaction() as s:
            opened = queue(s, hits, listfile, "bench.json", "bench").opened
        with db.transaction() as s:
            again = queue(s, hits, listfile, "bench.json", "bench").opened
        queued = time.process_time() - start
        sample = 200
        names = [p["name"] for p in persons[:sample]]
        start = time.process_time()
        for entry in listed[:sample]:
            for other in names:
                with contextlib.suppress(ValueError):
                    compare(entry.names[0], other)
        pairs = (time.process_time() - start) * (args.listed / sample) * (args.persons / sample)
    found = {h.listed_id for h in hits if h.decision == "same"
             and planted.get(h.listed_id) == h.person_id}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.listed:,} listed against {args.persons:,} registry persons")
    print(f"{'method':<12} {'CPU seconds':>12}")
    print(f"{'blocked':<12} {blocked:>12.1f}")
    print(f"{'all pairs':<12} {pairs:>12.0f}   (scaled from {sample}x{sample})")
    print(f"{'queue twice':<12} {queued:>12.1f}   ({opened:,} items opened, then {again})")
    print(f"hits: {len(hits):,} ({len(hits) / args.listed:.2f} per listed person); planted "
          f"persons found as 'same': {len(found):,} of {len(planted):,}; peak RSS "
          f"{rss:.0f} MB")


if __name__ == "__main__":
    main()

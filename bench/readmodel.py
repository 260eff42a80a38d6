"""The read model on a large registry: speed of the list and the dossier, and whether they agree.

    python -m bench.web.generate /tmp/cf10k          # 10,000 persons, 200,000 claims
    python -m bench.readmodel /tmp/cf10k [--dossiers 300]

For each of four dates: the time to build the list, then every person on the list (and, with
--dossiers N, N more persons a list or an assessment names) has their public dossier built as
of the same date, and the dossier must give the status and the prison terms the list gives.
The count over time (`list_sizes`, one count a year) is timed too. Not a test: the 10,000
registry takes half a minute to generate and the check a few minutes to run; the same
agreement on the seeds is tests/reports/test_read_model.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casefile.reports.dossier import PublicDossier

DAYS = ("2022-06-01", "2023-09-01", "2024-06-01", "2025-06-01")  # generated sources: 2024-06-01


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--dossiers", type=int, default=300,
                    help="persons off the list whose dossier is checked too, per date")
    args = ap.parse_args()
    os.environ["CASEFILE_HOME"] = str(args.dir)
    os.environ["CASEFILE_DATABASE_URL"] = f"sqlite:///{args.dir / 'casefile.db'}"

    sys.exit(run(args.dossiers))


def run(extra: int) -> int:
    from sqlalchemy import select

    from casefile.registry import db
    from casefile.registry.models import Claim
    from casefile.reports.dossier import dossier
    from casefile.reports.prisoners import list_sizes, prisoner_list

    bad = 0
    with db.session() as s:
        prisoner_list(s, "KZ", DAYS[0])  # warm: statements, vocabularies, protected set
        listed = sorted({pid for pid in s.scalars(select(Claim.person_id)
                                                  .where(Claim.predicate == "listed"))
                         if pid is not None})
        for day in DAYS:
            t = time.perf_counter()
            plist = prisoner_list(s, "KZ", day)
            took = time.perf_counter() - t
            rows = {e.person_id: e for e in plist.entries if e.person_id is not None}
            others = [p for p in listed if p not in rows][:extra]
            t = time.perf_counter()
            n = 0
            for pid in [*rows, *others]:
                d = dossier(s, pid, as_of=day)
                if d is None:
                    continue
                n += 1
                e = rows.get(d.person_id)
                # On the list: the same status and prison terms. Off it: not held, or a
                # case no list known on the day (nor an assessment) recognises.
                want: tuple[str | None, list[float]] = (
                    (e.status, sorted(e.sentence_months)) if e else (None, []))
                got = (d.status, _months(d)) if e else (
                    (d.status if _recognised(d) else None), [])
                if got != want:
                    bad += 1
                    if bad <= 10:
                        print(f"  disagree {day} person {pid}: list {want}, dossier {got}")
            each = (time.perf_counter() - t) / max(n, 1)
            print(f"{day}: list of {len(plist.entries)} in {took * 1e3:.0f} ms; "
                  f"{n} dossiers, {each * 1e3:.1f} ms each")
        years = [f"{y}-01-01" for y in range(2000, 2027)]
        t = time.perf_counter()
        sizes = list_sizes(s, "KZ", years)
        print(f"list_sizes over {len(years)} days in {(time.perf_counter() - t) * 1e3:.0f} ms "
              f"(last {sizes[-3:]})")
    print(f"disagreements: {bad}")
    return 1 if bad else 0


def _months(d: PublicDossier) -> list[float]:
    return sorted(t.months for t in d.sentence if t.kind == "imprisonment")


def _recognised(d: PublicDossier) -> bool:
    """Whether the list would consider the person: a list names them or an assessment says
    they are a political prisoner, and no assessment says they are not."""
    decision = d.assessment.decision if d.assessment else None
    return decision == "political_prisoner" or (
        decision != "not" and any(t.type == "listed" for t in d.timeline))


if __name__ == "__main__":
    main()

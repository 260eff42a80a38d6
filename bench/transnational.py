"""Transnational events of the seeds against hand-checked gold: `python bench/transnational.py`.

Captures seeds 000 and 002 into a fresh registry (SQLite in a temporary folder), reads the
events back as `casefile events` does, and scores them against
../shared/gold/seed002-transnational.json at three strictness levels, each beside the one
before it:

- `type+date`: person (any spelling), event type and date, with its precision (a gold
  "2021-12" is not matched by "2021" nor by "2021-12-03");
- `+acting`: also the acting state (`country`);
- `+requesting`: also the requesting state, where the gold states one.

Precision counts the extracted events of the transnational types (those that appear in the
gold, plus Red Notice and wanted events) about the gold's persons, in the sources the gold
covers; an extra event there is a false positive. Missed and extra events are listed with
--verbose.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TYPES = {"extradition_arrest", "extradition_request", "extradition_risk", "extradition_decision",
         "asylum_granted", "asylum_refused", "asylum_revoked", "asylum_decision_annulled",
         "removal_order", "red_notice_issued", "wanted", "red_notice_deleted"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", action="store_true", help="list missed and extra events")
    args = ap.parse_args()
    gold = json.loads((SHARED / "gold" / "seed002-transnational.json").read_text())["events"]
    with tempfile.TemporaryDirectory() as home:
        os.environ["CASEFILE_HOME"] = home
        os.environ["CASEFILE_DATABASE_URL"] = f"sqlite:///{home}/registry.db"
        got = _extract({g["source"] for g in gold})
    from casefile.names.compare import compare

    def same(a: str, b: str) -> bool:
        try:
            return compare(a, b).decision == "same"
        except ValueError:
            return False

    persons = {g["person"] for g in gold}
    got = [e for e in got if e["type"] in TYPES | {g["type"] for g in gold}
           and any(same(e["person"], p) for p in persons)]
    levels: list[tuple[str, Callable[[dict[str, Any], dict[str, Any]], bool]]] = [
        ("type+date", lambda g, e: True),
        ("+acting", lambda g, e: g.get("country") == e.get("country")),
        ("+requesting", lambda g, e: not g.get("requesting_country")
         or g["requesting_country"] == e.get("requesting_country")),
    ]
    print(f"{len(gold)} gold events, {len(got)} extracted of those types about those persons")
    print(f"{'level':<12} {'precision':>9} {'recall':>7} {'F1':>6}")
    checks: list[Callable[[dict[str, Any], dict[str, Any]], bool]] = []
    for name, check in levels:
        checks.append(check)
        tp, missed, extra = _match(gold, got, same, list(checks))
        p = tp / len(got) if got else 1.0
        r = tp / len(gold)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<12} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
        if args.verbose:
            for g in missed:
                print("  missed:", g["person"], g["type"], g.get("date"), g.get("country"),
                      g.get("requesting_country"))
            for e in extra:
                print("  extra: ", e["person"], e["type"], e.get("date"), e.get("country"),
                      e.get("requesting_country"), "|", (e.get("quote") or "")[:80])


def _extract(seeds: set[str]) -> list[dict[str, Any]]:
    """Capture the seeds the gold covers and return the public events, as `casefile events
    --format json` gives them."""
    sys.path.insert(0, str(ROOT))
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.reports.events import event_records

    for prefix in sorted(seeds):
        path = next((SHARED / "seeds").glob(f"{prefix}_*.txt"))
        capture(str(path), trusted=True)
    with db.session() as s:
        return [r.public() for r in event_records(s)]


def _match(gold: list[dict[str, Any]], got: list[dict[str, Any]],
           same: Callable[[str, str], bool],
           checks: list[Callable[[dict[str, Any], dict[str, Any]], bool]]
           ) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]]]:
    """One-to-one: each gold event takes the first unused extracted event that fits."""
    used: set[int] = set()
    missed = []
    for g in gold:
        for i, e in enumerate(got):
            if i in used or e["type"] != g["type"] or e.get("date") != g.get("date") \
                    or not same(g["person"], e["person"]) or not all(c(g, e) for c in checks):
                continue
            used.add(i)
            break
        else:
            missed.append(g)
    return len(used), missed, [e for i, e in enumerate(got) if i not in used]


if __name__ == "__main__":
    main()

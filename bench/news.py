"""News listings against hand-checked gold: `python bench/news.py [--verbose]`.

Seeds 001 (a listing of dated items) and 004 (a listing of undated paragraphs) are captured
twice in one run, each way into a fresh registry (SQLite in a temporary folder), as trusted
sources:

- `listing`: `capture_listing`, each item a source of its own dated by the listing;
- `plain`: the baseline, each seed captured as one document.

Printed side by side: the dated items of seed 001 against the gold's `items_001` (count and
dates, in order; the plain capture has no items), and the person events of both seeds, read
back as `casefile events --format json` gives them, scored by the shared evaluation's own
scorer (shared/eval/score.py: person by name matching, type exact or loose, the output's
date starting with the gold's) against samples/gold/seeds-news-events.json. Targets:
recall >= 0.9, precision >= 0.8. --verbose lists missed and extra events.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"  # the seeds and their gold, as the tests read them
# The shared evaluation beside the project (or beside the folder of its worktrees).
EVAL = next((p / "shared" / "eval" for p in (ROOT.parent, ROOT.parent.parent)
             if (p / "shared" / "eval" / "score.py").exists()), ROOT.parent / "shared" / "eval")
SEEDS = ("001", "004")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", action="store_true", help="list missed and extra events")
    args = ap.parse_args()
    gold = json.loads((SAMPLES / "gold" / "seeds-news-events.json").read_text(encoding="utf-8"))
    scorer = _scorer()
    rows = {}
    for way in ("plain", "listing"):
        with tempfile.TemporaryDirectory() as home:
            os.environ["CASEFILE_HOME"] = home
            os.environ["CASEFILE_DATABASE_URL"] = f"sqlite:///{home}/registry.db"
            items, events = _capture(way)
            _forget_engines()
        res = scorer.score_events({"events": gold["events"]}, events)
        rows[way] = (items, res)
    want = [i["date"] for i in gold["items_001"]]
    print(f"{'':10} {'items 001':>14} {'events P':>9} {'R':>6} {'F1':>6} {'strict F1':>10}")
    for way, (items, res) in rows.items():
        p, r, f1 = res["events"]
        strict = res["events_strict_type"][2]
        got = "-" if items is None else f"{sum(a == b for a, b in zip(items, want, strict=False))}"\
            f"/{len(want)}{'' if items == want else ' (!)'}"
        print(f"{way:10} {got:>14} {p:9.3f} {r:6.3f} {f1:6.3f} {strict:10.3f}")
        if args.verbose:
            for line in res["_missing"]:
                print(f"  missed: {line}")
            for line in res["_extra"]:
                print(f"  extra:  {line}")
    print("targets: the ten dated items with their dates; events recall >= 0.9, "
          "precision >= 0.8")


def _capture(way: str) -> tuple[list[str] | None, list[dict[str, Any]]]:
    """Capture the seeds one way; the dated items of 001 (None for plain) and the events."""
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.registry.listings import capture_listing
    from casefile.registry.models import Source
    from casefile.reports.events import event_records

    items: list[str] | None = None
    for prefix in SEEDS:
        path = str(next((SAMPLES / "seeds").glob(f"{prefix}_*.txt")))
        if way == "plain":
            capture(path, trusted=True)
            continue
        done = capture_listing(path, trusted=True)
        if prefix == "001":
            with db.session() as s:
                dates = [s.get(Source, i).published_at_basis == "listing"  # type: ignore[union-attr]
                         and s.get(Source, i).published_at for i in done.new_item_ids]  # type: ignore[union-attr]
            items = [d for d in dates if d]
    with db.session() as s:
        events = [r.public() for r in event_records(s)]
    return items, events


def _forget_engines() -> None:
    from casefile.registry import db

    db.engine.cache_clear()
    db.loop_engine.cache_clear()
    db._sessionmaker.cache_clear()


def _scorer() -> ModuleType:
    """The shared evaluation's scorer (standard library only), loaded from its file."""
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_score"] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    main()

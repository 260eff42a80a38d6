"""Seed 002 captured as trusted, its list as of 2023-09-01 scored against the gold file.

    .venv/bin/python bench/annex.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ["CASEFILE_HOME"] = tempfile.mkdtemp(prefix="casefile-annex-")
    os.environ.pop("CASEFILE_DATABASE_URL", None)
    from bench.gold import load_gold, score
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.reports.citations import Citations
    from casefile.reports.export_json import to_dict
    from casefile.reports.prisoners import prisoner_list

    capture(str(next((ROOT / "samples/seeds").glob("002_*.txt"))), trusted=True)
    with db.session() as s:
        report = to_dict(prisoner_list(s, "KZ", "2023-09-01"), Citations())  # no quotes needed
    got = score(load_gold(ROOT / "samples/gold/seed002-annex1.json"), report)
    print(f"persons          {got['persons']}")
    print(f"status accuracy  {got['status_accuracy']:.3f}")
    print(f"category accuracy {got['category_accuracy']:.3f}")
    print(f"articles         {got['articles']}")
    print(f"sentence months  {got['sentence_months']}")
    print(f"dates            {got['dates']}")
    print(f"counts           {json.dumps(got['counts'])}")
    if got["missing"] or got["extra"]:
        print(f"missing {got['missing']}\nextra   {got['extra']}")


if __name__ == "__main__":
    main()

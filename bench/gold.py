"""Scoring a prisoner list against a hand-checked gold file (precision, recall, F1).

Persons are matched by name key (case- and accent-insensitive); each field is scored over
(person, value) pairs, so a missing person costs recall on every field it carries.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casefile.names.keys import match_key


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp={self.tp} fp={self.fp} fn={self.fn})")


def prf(expected: Counter, got: Counter) -> PRF:
    tp = sum((expected & got).values())
    return PRF(tp, sum(got.values()) - tp, sum(expected.values()) - tp)


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def score(gold: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """Scores of a report (the JSON form of `casefile report prisoners`) against gold."""
    want = {match_key(p["name"]): p for p in gold["persons"]}
    have = {match_key(p["name"]): p for p in report["persons"]}
    both = want.keys() & have.keys()

    def pairs(rows: dict[str, dict], field: str) -> Counter:
        out: Counter = Counter()
        for key, p in rows.items():
            for v in p.get(field) or []:
                out[(key, str(float(v)) if field == "sentence_months" else str(v))] += 1
        return out

    keys = {name for p in gold["persons"] for name in p["dates"]}

    def dates(rows: dict[str, dict]) -> Counter:
        """Only the kinds of date the gold file records (detained, arrested, convicted)."""
        return Counter((k, name, v) for k, p in rows.items() for name, v in p["dates"].items()
                       if name in keys)

    return {
        "persons": prf(Counter(want.keys()), Counter(have.keys())),
        "status_accuracy": sum(want[k]["status"] == have[k]["status"] for k in both)
        / max(1, len(want)),
        "category_accuracy": sum(want[k]["category"] == have[k]["category"] for k in both)
        / max(1, len(want)),
        "articles": prf(pairs(want, "articles"), pairs(have, "articles")),
        "sentence_months": prf(pairs(want, "sentence_months"), pairs(have, "sentence_months")),
        "dates": prf(dates(want), dates(have)),
        "missing": sorted(want.keys() - have.keys()),
        "extra": sorted(have.keys() - want.keys()),
        "counts": report["counts"],
    }

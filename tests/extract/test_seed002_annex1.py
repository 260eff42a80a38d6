"""The three recognisers over the Annex 1 list of seed report 002, scored against the
hand-checked gold file: per-entry article sets and prison-term months must reach F1 >= 0.98."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from casefile.extract.articles import find_articles
from casefile.extract.dates import find_dates
from casefile.extract.terms import find_terms

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "samples" / "gold" / "seed002-annex1.json"
_NUMBERED = re.compile(r"^\d+\.\s")


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation ("CONVICTED", "Others", "Annex 2")."""
    s = line.strip()
    return not s or (len(s) < 120 and not re.search(r"[.!?:;”\")]$", s))


def annex_entries() -> list[str]:
    """Entry texts: a numbered line plus the following lines up to the next entry or heading."""
    [path] = sorted((ROOT / "samples" / "seeds").glob("002_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Annex 1")
    end = next(i for i, line in enumerate(lines) if i > start and line.strip() == "Annex 2")
    entries: list[list[str]] = []
    current: list[str] | None = None
    for line in lines[start + 1 : end]:
        if _NUMBERED.match(line):
            current = [line]
            entries.append(current)
        elif current is not None and _is_heading(line):
            current = None
        elif current is not None:
            current.append(line)
    return ["\n".join(e) for e in entries]


def f1(found: Counter, expected: Counter) -> float:
    tp = sum((found & expected).values())
    precision = tp / max(1, sum(found.values()))
    recall = tp / max(1, sum(expected.values()))
    return 2 * precision * recall / (precision + recall) if tp else 0.0


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, dict]]:
    persons = json.loads(GOLD.read_text(encoding="utf-8"))["persons"]
    entries = annex_entries()
    assert len(entries) == len(persons) == 47
    for text, person in zip(entries, persons, strict=True):
        assert text.startswith(f"{person['list_number']}. ")
    return list(zip(entries, persons, strict=True))


def test_articles_f1(pairs: list[tuple[str, dict]]) -> None:
    found: Counter = Counter()
    expected: Counter = Counter()
    for i, (text, person) in enumerate(pairs):
        arts = {m.article for m in find_articles(text) if m.code == "criminal" and not m.dropped}
        found.update((i, a) for a in arts)
        expected.update((i, a) for a in set(person["articles"]))
    assert f1(found, expected) >= 0.98, (found - expected, expected - found)


def test_sentence_months_f1(pairs: list[tuple[str, dict]]) -> None:
    found: Counter = Counter()
    expected: Counter = Counter()
    for i, (text, person) in enumerate(pairs):
        found.update((i, round(m.months, 2)) for m in find_terms(text) if m.kind == "imprisonment")
        expected.update((i, float(m)) for m in person["sentence_months"] or [])
    assert f1(found, expected) >= 0.98, (found - expected, expected - found)


def test_dropped_suspicions_are_flagged(pairs: list[tuple[str, dict]]) -> None:
    dropped = {
        (person["list_number"], m.article)
        for text, person in pairs[:3]
        for m in find_articles(text)
        if m.dropped
    }
    assert dropped == {(2, "272"), (3, "272")}


def test_entry_dates_are_found(pairs: list[tuple[str, dict]]) -> None:
    expected: Counter = Counter()
    found: Counter = Counter()
    for i, (text, person) in enumerate(pairs):
        values = {m.value for m in find_dates(text)}
        for value in person["dates"].values():
            expected[(i, value)] += 1
            found[(i, value)] += value in values
    recall = sum(found.values()) / sum(expected.values())
    assert recall >= 0.98, expected - found

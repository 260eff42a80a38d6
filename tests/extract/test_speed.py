"""The recognisers run over megabytes of text: guard throughput and pathological inputs.

The bounds are loose (half the 2 MB/s aim) so a slow CI machine does not flake; a regex that
backtracks catastrophically would miss them by orders of magnitude."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from casefile.extract.articles import find_articles
from casefile.extract.dates import find_dates
from casefile.extract.sentences import split_sentences
from casefile.extract.terms import find_terms

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"
ALL = (find_dates, find_terms, find_articles, split_sentences)


def _seconds(text: str) -> float:
    t = time.perf_counter()
    for f in ALL:
        f(text)
    return time.perf_counter() - t


def test_throughput_on_reports() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text = (text + "\n") * 8  # about 1.3 MB
    for f in ALL:
        f("warm up: 5 years’ imprisonment under Article 272 in 2019")
    mb = len(text.encode()) / 1e6
    assert mb / _seconds(text) > 1.0


@pytest.mark.parametrize(
    "text",
    [
        "." * 200_000 + " A",
        "1" * 200_000,
        "Article" + " " * 100_000 + "5",
        "Articles " + ", ".join(str(i % 999 + 1) for i in range(20_000)) + " x",
        "in " * 100_000 + "2019",
        ("sentenced " + "word " * 10) * 5_000 + "5 years",
        "2019-" * 50_000,
        "Article 5 (“" + "a" * 100_000,
        "1," * 100_000,
        "January " * 50_000,
        "5 years and " * 5_000,
    ],
)
def test_pathological_inputs_stay_fast(text: str) -> None:
    assert _seconds(text) < 3

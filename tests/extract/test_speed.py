"""The recognisers never hang on pathological inputs (throughput is measured by
bench/speed.py, not asserted here).

The bound is a hang guard, not a timing: each input takes milliseconds, a regex that
backtracks catastrophically would take hours, and a busy machine cannot make up the
difference."""

from __future__ import annotations

import time

import pytest

from casefile.extract.articles import find_articles
from casefile.extract.dates import find_dates
from casefile.extract.document import extract
from casefile.extract.sentences import split_sentences
from casefile.extract.terms import find_terms

ALL = (find_dates, find_terms, find_articles, split_sentences)
HANG = 60  # seconds


def _seconds(text: str, lang: str = "en") -> float:
    t = time.process_time()  # CPU time: other work on the machine does not count
    for f in ALL:
        f(text, lang)
    extract(text, lang)
    return time.process_time() - t


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
        "Ivan Petrov, " * 20_000 + "were detained.",
        "Ivan (" * 20_000,
        "A: " * 50_000,
        "• " * 50_000 + "Maks Bokayev",
    ],
)
def test_pathological_inputs_do_not_hang(text: str) -> None:
    assert _seconds(text) < HANG


@pytest.mark.parametrize(
    "text",
    ["Иван Петров, " * 20_000 + "задержаны.", "статья " * 50_000 + "5", "к " * 50_000 + "годам",
     "Суд: " * 30_000],
)
def test_pathological_russian_inputs_do_not_hang(text: str) -> None:
    assert _seconds(text, "ru") < HANG

"""The words of figures, compiled: a language's data/lang/<lang>/figures.yml as patterns.

casefile.extract.figures reads text with them; this module only turns the data into regular
expressions (the shapes with their count, people and measure slots, the counters, the
clause breaks, the key-word gate) and reads a count's number. Everything is matched in the
lower-cased text, so the data's fragments are lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from casefile import vocab
from casefile.extract.trie import alternation


@dataclass(frozen=True)
class Words:
    """One language's figures vocabulary as compiled patterns."""

    leading: tuple[re.Pattern[str], ...]  # shapes that open with their count
    scanned: tuple[re.Pattern[str], ...]  # shapes that open with a word
    gate: tuple[re.Pattern[str], re.Pattern[str]]  # a key word; a number
    qualifier_before: re.Pattern[str]  # a qualifier ending where it is searched
    count: re.Pattern[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    separators: str
    qualifiers: dict[str, str]  # words -> key
    who: tuple[tuple[str, re.Pattern[str]], ...]
    named: re.Pattern[str]
    breaks: re.Pattern[str]
    as_of: re.Pattern[str]
    about: re.Pattern[str]
    dispersed: re.Pattern[str]
    not_after: re.Pattern[str]


def _alt(words: list[str]) -> str:
    """An alternation of regex fragments, longest first."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def _lit(words: list[str]) -> str:
    return _alt([re.escape(w) for w in words])


@cache
def words_of(lang: str) -> Words:
    """Compile a language's figures.yml once (the shapes' placeholders filled in)."""
    d = vocab.load(f"lang/{lang}/figures.yml")
    numbers = {str(k): int(v) for k, v in d["numbers"].items()}
    multipliers = {str(k): int(v) for k, v in d["multipliers"].items()}
    word = _lit([*numbers, *multipliers])
    joiner = _lit(d["number_joiners"])
    seps = "".join(d["separators"])
    sep = "[" + re.escape(seps) + "]"
    digits = rf"(?<![\w.,])\d{{1,3}}(?:{sep}\d{{3}})+(?!\d|[.,]\d)|(?<![\w.,])\d+(?!\d|[.,]\d)"
    words = rf"(?<!\w){word}(?:{joiner}{word})*(?!\w)"
    qualifiers = {w: key for key, ws in d["qualifiers"].items() for w in ws}
    count = rf"(?:(?P<q>{_lit(list(qualifiers))}) )?(?P<n>{digits}|{words})"
    # up to two words between a count and its people ("700 peaceful protesters"), neither of
    # them a number ("2023 года семьсот человек" is a year, then a count)
    adjective = rf"(?!{word}(?!\w))[^\W\d][\w-]* "
    people = rf"(?: (?:{adjective}){{0,2}}?{_alt(d['people'])}(?!\w))"
    measures: dict[str, dict[str, list[str]]] = d["measures"]

    def slot(kind: str) -> str:
        return "(?:" + "|".join(f"(?P<{kind}_{m}>{_alt(v[kind])})" for m, v in measures.items()
                                if v.get(kind)) + r")(?!\w)"

    leading: list[re.Pattern[str]] = []
    scanned: list[re.Pattern[str]] = []
    for shape in d["shapes"].values():
        kind = next(k for k in ("verb", "noun", "given") if "{" + k + "}" in shape)
        pattern = (shape.replace("{count}", count).replace("{people?}", people + "?")
                   .replace("{people}", people).replace("{aux}", d["aux"])
                   .replace("{" + kind + "}", slot(kind + "s" if kind != "given" else kind)))
        (leading if shape.startswith("{count}") else scanned).append(re.compile(pattern))
    who = tuple((key, re.compile(rf"(?<!\w){_alt(ws)}(?!\w)")) for key, ws in d["who"].items())
    return Words(
        leading=tuple(leading), scanned=tuple(scanned),
        gate=(re.compile(alternation(d["keys"])), re.compile(rf"\d+|(?<!\w){word}(?!\w)")),
        qualifier_before=re.compile(rf"(?<!\w){_lit(list(qualifiers))} $"),
        count=re.compile(count), numbers=numbers,
        multipliers=multipliers, separators=seps, qualifiers=qualifiers, who=who,
        named=re.compile(rf"(?<!\w){_alt(d['named'])} (?:the )?"),
        breaks=re.compile(_lit(d["clause_breaks"])),
        as_of=re.compile(rf"(?<!\w){_alt(d['as_of'])} $"),
        about=re.compile(rf"(?<!\w){_alt(d['about'])}[^,.;:()\n]*"),
        dispersed=re.compile(rf"(?<!\w){_alt(d['dispersed'])}(?!\w)"),
        not_after=re.compile(rf"(?<!\w){_lit(d['not_after'])} ?$"))


@cache
def figures_data() -> dict[str, Any]:
    """data/figures.yml: measures, counters, mass events and the least counts."""
    return vocab.load("figures.yml")


def count_value(lx: Words, written: str) -> int | None:
    """The number a count writes: digits with the language's group separators ("1,273",
    "1 273", "1.273"), or words ("two hundred and thirty-eight", "семьсот")."""
    if written[0].isdigit():
        return int(re.sub(f"[{re.escape(lx.separators)}]", "", written))
    total = current = 0
    for token in re.findall(r"[^\W\d_]+", written):
        if token in lx.numbers:
            current += lx.numbers[token]
        elif token in lx.multipliers:
            factor = lx.multipliers[token]
            if factor >= 1000:
                total, current = total + max(current, 1) * factor, 0
            else:
                current = max(current, 1) * factor
    return total + current or None

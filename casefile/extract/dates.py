"""Find calendar dates in running text and return them as ISO prefixes with their precision.

Reports state dates in many shapes ("14 January 2022", "July 31, 2023", "10.02.2023", "in
July 2019", "early May"), and facts are only as precise as the text, so a match carries "2022",
"2022-01" or "2022-01-14" rather than an invented day. Words (month names, context prepositions,
qualifiers) come from data/lang/<lang>/dates.yml; this module holds only the shapes.

Rules worth knowing:
- A bare year (1900-2100) is a date only after a context word ("in 2019", "since 2017") or a
  qualifier ("early 2022"), as part of a range ("from 2017 to 2019", "2015–17"), or before a
  year suffix ("2019 года"); so "Article 2019", "2000 people" or "up to 2000" are not years.
- A day range ("9–10 March 2023") returns its first day.
- A month without a year ("early May", "14 January", "in May") takes `default_year`; without
  one it is not matched. A bare month also needs a context word or qualifier ("in May"),
  because a lone capitalised "May" or "March" is too often not a date.
- Impossible dates ("31 February 2023") are not matched at all, not even as a month.
- Matches never overlap: when shapes compete for the same text the earliest, then longest wins.
Speed: every pattern starts with a digit or a month's first letter, so the regex engine can
skip ahead; context words are checked backwards from a candidate, never scanned for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.types import DateMatch

_YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)(?!\d)(?![.,]\d)"  # with a day or month stated
_BARE_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)(?![.,]\d)"  # a year standing alone
_Cand = tuple[int, int, str | None, str | None]  # start, end, ISO value (None: block only), qual


def _alt(words: list[str], ci: bool = True, dotted: frozenset[str] = frozenset()) -> str:
    """Longest-first alternation ("September" before "Sep"); a space matches any whitespace;
    words in `dotted` may end with a period ("Jan."). A leading look-ahead on the first letters
    lets the regex engine skip ahead instead of trying every position."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    if not items:
        return "(?!)"
    body = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") + (r"\.?" if w in dotted else "") for w in items
    )
    first = "".join(sorted({c for w in items for c in (w[0].lower(), w[0].upper())}))
    return f"(?=[{re.escape(first)}])" + (f"(?i:{body})" if ci else f"(?:{body})")


@dataclass(frozen=True)
class _Lang:
    months: dict[str, int]
    qualifiers: dict[str, str]
    digit_shapes: tuple[tuple[str, re.Pattern[str]], ...]
    month: re.Pattern[str]
    year: re.Pattern[str]
    ctx_before: re.Pattern[str]
    qual_before: re.Pattern[str]
    count_after: re.Pattern[str]


@cache
def _lang(lang: str) -> _Lang:
    """Compile one language's shapes once; they are reused over megabytes of text."""
    d = vocab.load(f"lang/{lang}/dates.yml")
    cs = bool(d.get("month_case_sensitive"))
    months: dict[str, int] = {}
    names: list[str] = []
    for num, forms in d["months"].items():
        for name in forms:
            months[name.lower()] = int(num)
            names += [name, name.upper()] if cs else [name]
    dotted = frozenset(a for w in d.get("abbreviations") or [] for a in (w, w.upper()))
    month = rf"(?P<m>{_alt(names, not cs, dotted)})(?![^\W\d_])"
    ords = _alt(d.get("ordinal_suffixes") or [])
    day_range = rf"(?:\s*[-–—]\s*\d\d?(?:{ords})?(?!\d))?"
    suffixes = d.get("year_suffixes") or []
    tail = rf"(?P<tail>\s+{_alt(suffixes)}(?!\w))?" if suffixes else "(?P<tail>)"
    tail2 = tail.replace("?P<tail>", "?:")
    dm_join = _alt(d.get("day_month_joiners") or [])
    my_join = _alt(d.get("month_year_joiners") or [])
    digit_shapes = {
        "iso": r"(?P<y>\d(?<![\d.-]\d)\d{3})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])",
        "num": r"(?P<d>\d(?<![\d.]\d)\d?)\.(?P<m>\d\d?)\.(?P<y>\d{4})(?![\d.]\d)",
        "dmy": rf"(?P<d>\d(?<![\d.,]\d)\d?)(?:{ords})?(?!\d){day_range}\s+(?:{dm_join}\s+)?"
        rf"{month}(?:,?\s+(?P<y>{_YEAR}){tail2})?",
    }
    month_shape = (
        rf"{month}(?:\s+(?P<d>\d\d?)(?:{ords})?(?!\d){day_range}(?:,?\s+(?P<y>{_YEAR}){tail2})?"
        rf"|,?\s+(?:{my_join}\s+)?(?P<y2>{_YEAR}){tail2})?"
    )
    join = _alt(d.get("year_range_joiners") or [])
    year = (
        rf"(?P<y>{_BARE_YEAR}){tail}(?:\s*(?:(?P<jw>{join})\s+|(?P<jd>[-–—])\s*)"
        rf"(?P<y2s>(?P<y2>{_BARE_YEAR}|\d\d(?![\d-])){tail2}))?"
    )
    qualifiers = {re.sub(r"\s+", " ", k.lower()): v for k, v in (d.get("qualifiers") or {}).items()}
    return _Lang(
        months=months,
        qualifiers=qualifiers,
        digit_shapes=tuple((k, re.compile(v)) for k, v in digit_shapes.items()),
        month=re.compile(month_shape),
        year=re.compile(year),
        ctx_before=re.compile(rf"(?<![\w-]){_alt(d.get('year_before') or [])}\s+$"),
        qual_before=re.compile(rf"(?<![\w-])(?P<q>{_alt(list(qualifiers))})(?:\s+|\s*-\s*)$"),
        count_after=re.compile(rf"\s+{_alt(d.get('year_not_before') or [])}\b"),
    )


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    """The ISO prefix for the parts given, or None for an impossible or unknown date."""
    if y is None:
        return None
    try:
        dt.date(y, m or 1, d or 1)
    except ValueError:
        return None
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")


def _qualifier(lx: _Lang, q: re.Match[str] | None) -> str | None:
    return lx.qualifiers[re.sub(r"\s+", " ", q["q"].lower())] if q else None


def _letter_before(text: str, i: int) -> bool:
    return i > 0 and (text[i - 1].isalpha() or text[i - 1] == "_")


def _years(text: str, lx: _Lang) -> Iterator[_Cand]:
    """Bare years, kept only in a date-like context (see the module notes)."""
    for m in lx.year.finditer(text):
        s, e = m.start(), m.end("tail") if m["tail"] else m.end("y")
        q = lx.qual_before.search(text, max(0, s - 40), s)  # "mid-2022", "the end of 2022"
        if not q and s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_.,/-"):
            continue
        ctx = None if q else lx.ctx_before.search(text, max(0, s - 40), s)
        y = int(m["y"])
        first = bool(ctx or q or m["tail"]) and not lx.count_after.match(text, e)
        y2 = m["y2"] and (int(m["y2"]) if len(m["y2"]) == 4 else y // 100 * 100 + int(m["y2"]))
        second = bool(y2 and y2 > y and (m["jd"] or (first and len(m["y2"]) == 4)))
        if first or (second and m["jd"]):
            yield (q.start() if q else s), e, _iso(y), _qualifier(lx, q)
        if second:
            yield m.start("y2s"), m.end("y2s"), _iso(y2), None


def _month_led(text: str, lx: _Lang, default_year: int | None) -> Iterator[_Cand]:
    """ "July 31, 2023", "July 2019", and a bare month after a context word or qualifier."""
    for m in lx.month.finditer(text):
        s, e = m.span()
        if _letter_before(text, s):
            continue
        month = lx.months[m["m"].rstrip(".").lower()]
        if m["d"] is not None:
            yield s, e, _iso(int(m["y"]) if m["y"] else default_year, month, int(m["d"])), None
            continue
        q = lx.qual_before.search(text, max(0, s - 40), s)
        qual = _qualifier(lx, q)
        if m["y2"]:
            yield (q.start() if q else s), e, _iso(int(m["y2"]), month), qual
        elif q or lx.ctx_before.search(text, max(0, s - 40), s):
            yield (q.start() if q else s), e, _iso(default_year, month), qual


def _candidates(text: str, lx: _Lang, default_year: int | None) -> Iterator[_Cand]:
    for name, pat in lx.digit_shapes:
        for m in pat.finditer(text):
            if name == "dmy":
                month, y = lx.months[m["m"].rstrip(".").lower()], m["y"]
                value = _iso(int(y) if y else default_year, month, int(m["d"]))
                yield m.start(), m.end(), value, None
            else:
                yield m.start(), m.end(), _iso(int(m["y"]), int(m["m"]), int(m["d"])), None
    yield from _month_led(text, lx, default_year)
    yield from _years(text, lx)


def find_dates(text: str, lang: str = "en", default_year: int | None = None) -> list[DateMatch]:
    """All dates in `text`, sorted by start, never overlapping; see the module notes for rules."""
    cands = sorted(_candidates(text, _lang(lang), default_year), key=lambda c: (c[0], -c[1]))
    out: list[DateMatch] = []
    last_end = -1
    for start, end, value, qual in cands:
        if start < last_end:
            continue
        last_end = end
        if value is not None:
            out.append(DateMatch(start, end, value, qual))
    return out

"""Find lengths of punishment ("5 years’ imprisonment", "arrested for 20 days") in running text.

A bare count of years is everywhere in a report ("64 years old", "for several years", "12 years
abroad"), so a length counts as a term only with a custody or penalty phrase right next to it:
- after it: an optional possessive mark, at most three filler words, then a kind phrase
  ("5 years’ imprisonment", "8 years in a strict-regime colony", "a 10-year sentence"), or
- before it: a phrase ending at most four filler words before the number ("sentenced to a
  term of", "arrested for", "faces up to", "restriction of liberty for"); "sentenced ... to"
  may hold up to six words in between ("sentenced activist Yergali Kulbayev to").
Everything else is left alone. Ranges ("from three to five years", "3-5 years") are never one
person's term: like "up to"/"faces" phrases they come back as kind "potential" (months = the
upper bound), whether they describe a law or a group of sentences. A
length right after "spent", "served", "after", "requested" ... is time elapsed or asked for,
not imposed, and is skipped. A match spans the length (and a range opening, and the kind phrase
after it when there is one), never the phrase before it.

Kinds: a kind phrase after the length wins over one before it, except "potential". The
unit-dependent kind `arrest` ("arrested for", "detention") means administrative arrest for days
or weeks and a court-ordered pre-trial term for months or years; imprisonment counted in days
or weeks ("sentenced to 15 days", "25 days in jail") is administrative arrest too. Words come from
data/lang/<lang>/terms.yml; this module holds only the shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.types import TermMatch

_FACTOR = {"year": 12.0, "month": 1.0, "week": 7 / 30.4375, "day": 1 / 30.4375}
_RANK = {"year": 0, "month": 1, "week": 2, "day": 3}
_DAYS = {"week": 7, "day": 1}
_SHORT = ("day", "week")
_NOT_LETTER = r"(?![^\W\d_])"
_WORDS = r"(?:\s+[^\s.;:!?]+){0,6}?\s+"


def _head(phrases: list[str]) -> str:
    """A look-ahead on the phrases' first letters, so the regex engine can skip ahead."""
    if not phrases or not all(p[:1].isalpha() for p in phrases):
        return ""
    return (
        "(?=["
        + re.escape("".join(sorted({c for p in phrases for c in p[0] + p[0].upper()})))
        + "])"
    )


def _alt(phrases: list[str], literal: bool) -> str:
    """Longest-first alternation; in a regex fragment a space matches any run of whitespace."""
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    if literal:
        out = [re.escape(p).replace(r"\ ", r"\s+") for p in items]
    else:
        out = [p.replace(" {words} ", "\0").replace(" ", r"\s+") for p in items]
        out = [p.replace("\0", _WORDS) for p in out]
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


@dataclass(frozen=True)
class _Lang:
    numbers: dict[str, float]
    units: dict[str, str]
    kinds: dict[str, str]  # normalised kind phrase after a length -> kind
    part: re.Pattern[str]
    length: re.Pattern[str]
    after: re.Pattern[str]
    then_suspended: re.Pattern[str]
    rng: re.Pattern[str]
    potential: re.Pattern[str]
    before: re.Pattern[str]
    exclude: re.Pattern[str]


@cache
def _lang(lang: str) -> _Lang:
    """Compile one language's patterns once; find_terms runs over megabytes of text."""
    d = vocab.load(f"lang/{lang}/terms.yml")
    numbers = {str(k).lower(): float(v) for k, v in d["numbers"].items()}
    tens = [w for w, v in numbers.items() if v >= 20 and v % 10 == 0]
    ones = [w for w, v in numbers.items() if 1 <= v <= 9 and v == int(v) and len(w) > 2]
    words = rf"(?:{_alt(tens, True)}[-\s]{_alt(ones, True)}|{_alt(list(numbers), True)})"
    num = rf"(?:(?<![\w.,])\d{{1,3}}(?:[.,]\d{{1,2}})?(?!\d)|(?<![\w-]){words}{_NOT_LETTER})"
    units = {w.lower(): u for u, ws in d["units"].items() for w in ws}
    unit = _alt(list(units), True) + _NOT_LETTER
    half = _alt(d.get("and_a_half") or [], True).replace(r"\s+", r"[\s-]+")
    half_of = _alt(d.get("half_of") or [], True)
    part = (
        rf"(?:(?P<hp>{half_of})\s+(?P<u1>{unit})|(?P<n>{num})(?P<h1>[\s-]+{half})?"
        rf"(?:\s*-\s*|\s+)(?P<u2>{unit})(?P<h2>\s+{half}{_NOT_LETTER})?)"
    )
    plain = re.sub(r"\?P<\w+>", "?:", part)
    join = _alt(d.get("joiners") or [], True)
    not_age = _alt(d.get("not_followed_by") or [], True)
    length = rf"{plain}(?:(?:\s*,\s*(?:{join}\s+)?|\s+{join}\s+){plain}){{0,3}}"
    length += rf"(?![\s-]*{not_age}{_NOT_LETTER})"
    kinds = {re.sub(r"\s+", " ", p.lower()): k for k, ps in d["after"].items() for p in ps}
    apos = _alt(d.get("apostrophes") or [], True)
    fill = _alt(d.get("fillers") or [], True)
    after = rf"(?:{apos})?(?:\s+{fill}{_NOT_LETTER}){{0,3}}\s+(?P<kind>{_alt(list(kinds), True)})"
    then_susp = rf"\s*,?\s*{_alt(d.get('then_suspended') or [], True)}{_NOT_LETTER}"
    bfill = rf"(?:\s+{_alt(d.get('before_fillers') or [], True)}{_NOT_LETTER}){{0,4}}\s*$"
    before = dict(d["before"])
    pot_words = before.pop("potential", [])
    potential = _head(pot_words) + r"(?<![\w-])" + _alt(pot_words, False)
    groups = "|".join(f"(?P<{k}>{_alt(v, False)})" for k, v in before.items())
    groups = _head([p for v in before.values() for p in v]) + rf"(?<![\w-])(?:{groups})"
    opn, rj = _alt(d.get("range_open") or [], True), _alt(d.get("range_joiners") or [], True)
    rng = rf"(?:(?<![\w-])(?P<open>{opn})\s+)?(?P<n>{num})(?P<u>[\s-]*{unit})?\s*(?P<j>{rj})\s*$"
    ex_words = d.get("exclude_before") or []
    exclude = _head(ex_words) + r"(?<![\w-])" + _alt(ex_words, False)
    flags = re.IGNORECASE
    return _Lang(
        numbers,
        units,
        kinds,
        part=re.compile(part, flags),
        length=re.compile(length, flags),
        after=re.compile(after, flags),
        then_suspended=re.compile(then_susp, flags),
        rng=re.compile(rng, flags),
        potential=re.compile(potential + bfill, flags),
        before=re.compile(groups + bfill, flags),
        exclude=re.compile(exclude + bfill, flags),
    )


def _value(lx: _Lang, word: str) -> float:
    w = re.sub(r"\s+", " ", word.lower()).replace(",", ".")
    if w[0].isdigit():
        return float(w)
    if w in lx.numbers:
        return lx.numbers[w]
    a, b = re.split(r"[-\s]", w, maxsplit=1)  # "twenty-five"
    return lx.numbers[a] + lx.numbers[b]


def _parts(lx: _Lang, text: str) -> tuple[list[tuple[float, str]], int]:
    """(count, unit) for each part of a length while units strictly shrink, and where they stop:
    "15 days, 10 days" is two lengths, not one."""
    out: list[tuple[float, str]] = []
    stop = 0
    for m in lx.part.finditer(text):
        if m["hp"]:
            n, u = 0.5, lx.units[m["u1"].lower()]
        else:
            n = _value(lx, m["n"]) + (0.5 if m["h1"] or m["h2"] else 0.0)
            u = lx.units[m["u2"].lower()]
        if out and _RANK[u] <= _RANK[out[-1][1]]:
            break
        out.append((n, u))
        stop = m.end()
    return out, stop


def _is_range(lx: _Lang, r: re.Match[str], parts: list[tuple[float, str]], months: float) -> bool:
    """Whether "<r> <length>" is a range ("three to five years", "from 6 months to 2 years"):
    the lower end must be smaller, and a bare "N to" needs N to be small ("Articles 174 and
    274 to 7 years" is not a range)."""
    unit = lx.units[r["u"].lstrip(" \t\n-").lower()] if r["u"] else parts[0][1]
    low = _value(lx, r["n"])
    small = not r["n"][0].isdigit() or len(r["n"]) <= 2
    marked = bool(r["open"] or r["u"] or not r["j"].isalpha())
    return low * _FACTOR[unit] < months and (marked or small)


def _kind_before(lx: _Lang, left: str) -> str | None:
    m = lx.before.search(left)
    return m.lastgroup if m else None


def find_terms(text: str, lang: str = "en") -> list[TermMatch]:
    """All punishment lengths in `text`, sorted and non-overlapping; see the module notes."""
    lx = _lang(lang)
    out: list[TermMatch] = []
    last_end = pos = 0
    while m := lx.length.search(text, pos):
        parts, stop = _parts(lx, m.group())
        start, end = m.start(), m.start() + stop
        pos = max(end, start + 1)
        if start < last_end or not parts:
            continue
        months = sum(n * _FACTOR[u] for n, u in parts)
        short = all(u in _SHORT for _, u in parts)
        days = int(round(sum(n * _DAYS[u] for n, u in parts))) if short else None
        left = text[max(0, start - 120) : start]
        kind: str | None = None
        r = lx.rng.search(left, max(0, len(left) - 40))  # a range opens within a few words
        if r and _is_range(lx, r, parts, months):
            kind = "potential"
            if start - len(left) + r.start() >= last_end:
                start = start - len(left) + r.start()
        elif lx.potential.search(left):
            kind = "potential"
        elif lx.exclude.search(left):
            continue
        a = lx.after.match(text, end)
        if a:
            after_kind = lx.kinds[re.sub(r"\s+", " ", a["kind"].lower())]
            end = a.end()
            s = lx.then_suspended.match(text, end) if after_kind == "imprisonment" else None
            if s:
                after_kind, end = "suspended", s.end()
            kind = kind or after_kind
        elif kind is None:
            kind = _kind_before(lx, left)
        if kind == "arrest" or (kind == "imprisonment" and short):
            kind = "administrative_arrest" if short else "pretrial_term"
        if kind is None:
            continue
        out.append(TermMatch(start, end, months, days, kind))
        last_end = end
    return out

"""Find lengths of punishment ("5 years’ imprisonment", "arrested for 20 days") in running text.

A bare count of years is everywhere in a report ("64 years old", "for several years", "12 years
abroad"), so a length counts as a term only with a custody or penalty phrase right next to it:
- after it: an optional possessive mark, at most three filler words, then a kind phrase
  ("5 years’ imprisonment", "8 years in a strict-regime colony", "a 10-year sentence", "one
  year of "freedom limitation"", "двух лет ограничены в свободе"), or
- before it: a phrase ending at most four filler words before the number ("sentenced to a
  term of", "arrested for", "faces up to", "restriction of liberty for"); "sentenced ... to"
  may hold up to six words in between ("sentenced activist Yergali Kulbayev to").
Everything else is left alone. A length is up to four parts whose units shrink, joined by a
comma, a joiner or nothing ("3 years and 7 months", "к трем годам семи месяцам" = 43); a unit
with no number is one of it where the language says so ("к году лишения свободы" = 12).
Lists give one term each, all of the kind the list states once: "three years, five years and
seven years in prison respectively", "к трем, пяти и семи годам" (bare numbers before a length
share its unit); "and" joins a range only after "between" ("3 and 5 years" is a list).

Not terms, dropped:
- ranges ("from three to five years", "3-5 years") are never one person's term: like "up
  to"/"faces" phrases they come back as kind "potential" (months = the upper bound);
- time served, remaining, elapsed or asked for: a length right after "spent", "served",
  "serving", "remaining", "after", "requested", "запросило для подсудимых", "неотбытую часть
  ...", or followed by "left to serve" ("the remaining term ... (one year, two months)" is not
  returned at all: the document extractor has no use for a remaining term);
- a length of something other than custody or restriction: a ban ("a three-year ban", "5
  годам запрета заниматься ...", "запрет ... сроком на три года"), kind `not_a_term` in data;
- a length followed by "old" or "ago" ("64 years old", "получил 5 лет назад").
A match spans the length (and a range opening, and the kind phrase after it when there is one),
never the phrase before it.

Kinds: a kind phrase after the length wins over one before it, except "potential". The
unit-dependent kind `arrest` ("arrested for", "detention") means administrative arrest for days
or weeks and a court-ordered pre-trial term for months or years; imprisonment counted in days
or weeks ("sentenced to 15 days", "25 days in jail") is administrative arrest too, and phrases
meant for days ("получил 15 суток") never yield a term counted in months or years. A term in
days keeps its count in `days` ("arrested for 20 days": days=20, months=20/30.4375), so nothing
downstream need round it to a month.

Words come from data/lang/<lang>/terms.yml; this module holds only the shapes. The text is
lower-cased once and matched with lower-case patterns (word lists as tries, extract.trie): much
faster than case-insensitive matching over megabytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.casing import lowered
from casefile.extract.trie import alternation
from casefile.extract.types import TermMatch

_FACTOR = {"year": 12.0, "month": 1.0, "week": 7 / 30.4375, "day": 1 / 30.4375}
_RANK = {"year": 0, "month": 1, "week": 2, "day": 3}
_DAYS = {"week": 7, "day": 1}
_SHORT = ("day", "week")
_NOT_LETTER = r"(?![^\W\d_])"
_WORDS = r"(?:\s+[^\s.;:!?]+){0,6}?\s+"
UNIT_REACH = 80  # a length's start to its first unit word: "twenty-five and a half years"
NOT_A_TERM = "not_a_term"  # the kind of a length that is no punishment of liberty ("a 3-year ban")


def _head(phrases: list[str]) -> str:
    """A look-ahead on the phrases' first letters, so the regex engine can skip ahead."""
    if not phrases or not all(p[:1].isalpha() for p in phrases):
        return ""
    return "(?=[" + re.escape("".join(sorted({p[0] for p in phrases}))) + "])"


def _lit(words: list[str]) -> str:
    """Any of `words` (lower-cased) as a trie: the text is matched lower-cased (see find_terms)."""
    return alternation(sorted({str(w).lower() for w in words if w}))


def _frag(phrases: list[str]) -> str:
    """Longest-first alternation of regex fragments; a space matches any run of whitespace and
    " {words} " up to six words."""
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    out = [p.replace(" {words} ", "\0").replace(" ", r"\s+").replace("\0", _WORDS) for p in items]
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


@dataclass(frozen=True)
class _Lang:
    numbers: dict[str, float]
    units: dict[str, str]
    kinds: dict[str, str]  # normalised kind phrase after a length -> kind
    part: re.Pattern[str]
    length: re.Pattern[str]
    unit_words: re.Pattern[str]  # every length has one: searched for first (see find_terms)
    after: re.Pattern[str]
    then_suspended: re.Pattern[str]
    rng_join: re.Pattern[str]
    list_joiners: frozenset[str]  # "and" joins a range only after "between"
    list_gap: re.Pattern[str]
    number: re.Pattern[str]
    shared: re.Pattern[str]
    rng: re.Pattern[str]
    potential: re.Pattern[str]
    before: re.Pattern[str]
    exclude: re.Pattern[str]
    exclude_after: re.Pattern[str]


@cache
def _lang(lang: str) -> _Lang:
    """Compile one language's patterns once; find_terms runs over megabytes of text. Every
    pattern is matched in the lower-cased text, so words are lower-cased here and regex
    fragments in the data file are written in lower case."""
    d = vocab.load(f"lang/{lang}/terms.yml")
    numbers = {str(k).lower(): float(v) for k, v in d["numbers"].items()}
    tens = [w for w, v in numbers.items() if v >= 20 and v % 10 == 0]
    ones = [w for w, v in numbers.items() if 1 <= v <= 9 and v == int(v) and len(w) > 2]
    words = rf"(?:{_lit(tens)}[-\s]{_lit(ones)}|{_lit(list(numbers))})"
    num = rf"(?:\d(?<![\w.,]\d)\d{{0,2}}(?:[.,]\d{{1,2}})?(?!\d)|(?<![\w-]){words}{_NOT_LETTER})"
    goes_on = _frag(d.get("list_continues") or [])  # "..., B to three years"
    named = _frag(d.get("list_named") or [])  # "10.5 years – Omirbek Kurbanov, 9 years – ..."
    small = rf"(?:\d(?<![\w.,]\d)\d?(?:[.,]\d)?(?!\d|[.,]\d)|(?<![\w-]){words}{_NOT_LETTER})"
    units = {w.lower(): u for u, ws in d["units"].items() for w in ws}
    unit = _lit(list(units)) + _NOT_LETTER
    half = _lit(d.get("and_a_half") or []).replace(r"\s+", r"[\s-]+")
    half_of = _lit(d.get("half_of") or [])
    # a unit standing for one of itself ("к году лишения свободы"), never right after a number
    bare = _lit(list(d.get("bare_units") or []))
    part = (
        rf"(?:(?P<n>{num})(?P<h1>[\s-]+{half})?(?:\s*-\s*|\s+)(?P<u2>{unit})"
        rf"(?P<h2>\s+{half}{_NOT_LETTER})?|(?<![\w-])(?P<hp>{half_of})\s*(?P<u1>{unit})"
        rf"|(?<![\w-])(?<!\d\s)(?P<b>{bare}){_NOT_LETTER})"
    )
    plain = re.sub(r"\?P<\w+>", "?:", part)
    join = _lit(d.get("joiners") or [])
    not_age = _lit(d.get("not_followed_by") or [])
    # parts follow each other with a comma, a joiner or nothing ("к трем годам семи месяцам")
    length = rf"{plain}(?:(?:\s*,\s*(?:{join}\s+)?|\s+(?:{join}\s+)?){plain}){{0,3}}"
    length += rf"(?![\s-]*{not_age}{_NOT_LETTER})"
    kinds = {re.sub(r"\s+", " ", p.lower()): k for k, ps in d["after"].items() for p in ps}
    apos = _lit(d.get("apostrophes") or [])
    fill = _lit(d.get("fillers") or [])
    after = (
        rf"(?:\s?{apos})?(?:\s+{fill}{_NOT_LETTER}){{0,3}}\s+[\"“«']?"
        rf"(?P<kind>{_lit(list(kinds))}){_NOT_LETTER}"
    )
    then_susp = rf"\s*,?\s*{_lit(d.get('then_suspended') or [])}{_NOT_LETTER}"
    bfill = rf"(?:\s+{_lit(d.get('before_fillers') or [])}{_NOT_LETTER}){{0,4}}\s*$"
    before = dict(d["before"])
    pot_words = before.pop("potential", [])
    potential = _head(pot_words) + r"(?<![\w-])" + _frag(pot_words)
    groups = "|".join(f"(?P<{k}>{_frag(v)})" for k, v in before.items())
    groups = _head([p for v in before.values() for p in v]) + rf"(?<![\w-])(?:{groups})"
    opn, rj = _lit(d.get("range_open") or []), _lit(d.get("range_joiners") or [])
    rng = rf"(?:(?<![\w-])(?P<open>{opn})\s+)?(?P<n>{num})(?P<u>[\s-]*{unit})?\s*(?P<j>{rj})\s*$"
    ex_words = d.get("exclude_before") or []
    exclude = _head(ex_words) + r"(?<![\w-])" + _frag(ex_words)
    ex_after = rf"[\"”»']?\s+{_frag(d.get('exclude_after') or [])}{_NOT_LETTER}"
    return _Lang(
        numbers,
        units,
        kinds,
        part=re.compile(part),
        length=re.compile(length),
        unit_words=re.compile(_lit(list(units) + list(d.get("bare_units") or []))),
        after=re.compile(after),
        then_suspended=re.compile(then_susp),
        rng_join=re.compile(rf"(?:{rj})\s*$"),
        list_joiners=frozenset(str(w).lower() for w in d.get("joiners") or []),
        list_gap=re.compile(rf"(?:{named}\s*)?(?:\s*[,;]\s*(?:{join}\s+)?|\s+{join}\s+)"
                            rf"(?:{goes_on}\s*)?"),
        number=re.compile(small),
        # "three, five and " before "seven years": numbers sharing the length's unit
        shared=re.compile(rf"(?:{small}\s*(?:,\s*(?:{join}\s+)?|\s+{join}\s+))+$"),
        rng=re.compile(rng),
        potential=re.compile(potential + bfill),
        before=re.compile(groups + bfill),
        exclude=re.compile(exclude + bfill),
        exclude_after=re.compile(ex_after),
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
        elif m["b"]:
            n, u = 1.0, lx.units[m["b"].lower()]
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
    if r["j"] in lx.list_joiners and not r["open"]:  # "three and five years respectively"
        return False
    low = _value(lx, r["n"])
    small = not r["n"][0].isdigit() or len(r["n"]) <= 2
    marked = bool(r["open"] or r["u"] or not r["j"].isalpha())
    return low * _FACTOR[unit] < months and (marked or small)


def _kind_before(lx: _Lang, left: str) -> str | None:
    m = lx.before.search(left)
    return m.lastgroup if m else None


def _listed_after(lx: _Lang, text: str, out: list[TermMatch], start: int) -> bool:
    """Whether a length starting at `start` is listed right after the last term found: "three
    years, five years", "A to two years, B to three years", "к трем годам, Петрова — к пяти"."""
    if not out or out[-1].kind == "potential":
        return False
    return bool(lx.list_gap.fullmatch(text, out[-1].end, start))


def find_terms(text: str, lang: str = "en", *, gate: bool = True) -> list[TermMatch]:
    """All punishment lengths in `text`, sorted and non-overlapping; see the module notes.

    Every length names a unit ("years", "суток"), and its first unit stands within
    UNIT_REACH characters of its start; so the length pattern, slow to try at every position
    of a long text, is only tried before each unit word. A match found in that stretch is
    matched again from its start in the whole text, where it may run on ("5 years and 6
    months") or, cut short by the stretch's end, not match at all ("5 yearly"). `gate=False`
    tries every position (tests compare the two)."""
    lx = _lang(lang)
    text = lowered(text)
    out: list[TermMatch] = []
    pos = 0
    units = lx.unit_words.finditer(text) if gate else iter([None])
    for unit in units:
        lo, hi = (max(pos, unit.start() - UNIT_REACH), unit.end()) if unit else (0, len(text))
        while lo < hi and (found := lx.length.search(text, lo, hi)) is not None:
            m = lx.length.match(text, found.start()) if unit else found
            if m is None:
                lo = found.start() + 1
                continue
            parts, stop = _parts(lx, m.group())
            start, end = m.start(), m.start() + stop
            pos = lo = max(end, start + 1)
            if parts and start >= (out[-1].end if out else 0):
                out.extend(_terms_at(lx, text, out, start, end, parts))
    return out


def _terms_at(
    lx: _Lang,
    text: str,
    out: list[TermMatch],
    start: int,
    end: int,
    parts: list[tuple[float, str]],
) -> list[TermMatch]:
    """The term(s) a length at [start, end) states: none, itself, or itself after the bare
    numbers listed before it with its unit ("к трем, пяти и семи годам")."""
    last_end = out[-1].end if out else 0
    months = sum(n * _FACTOR[u] for n, u in parts)
    short = all(u in _SHORT for _, u in parts)
    left = text[max(0, start - 120) : start]
    if lx.exclude.search(left):
        return []
    kind: str | None = None
    listed: list[tuple[int, int, float]] = []  # bare numbers sharing this length's unit
    r = lx.rng_join.search(left, max(0, len(left) - 8)) and lx.rng.search(
        left, max(0, len(left) - 40)  # a range opens within a few words
    )
    if r and _is_range(lx, r, parts, months):
        kind = "potential"
        if start - len(left) + r.start() >= last_end:
            start = start - len(left) + r.start()
    elif lx.potential.search(left):
        kind = "potential"
    elif shared := lx.shared.search(left, max(0, len(left) - 60)):
        base = start - len(left)
        listed = [
            (base + shared.start() + n.start(), base + shared.start() + n.end(), _value(lx, n[0]))
            for n in lx.number.finditer(shared.group())
        ]
        listed = [x for x in listed if x[0] >= last_end]
        if listed:
            left = text[max(0, listed[0][0] - 120) : listed[0][0]]
    a = lx.after.match(text, end)
    if a:
        after_kind = lx.kinds[re.sub(r"\s+", " ", a["kind"].lower())]
        if after_kind == NOT_A_TERM or lx.exclude_after.match(text, a.end()):
            return []
        end = a.end()
        s = lx.then_suspended.match(text, end) if after_kind == "imprisonment" else None
        if s:
            after_kind, end = "suspended", s.end()
        kind = kind or after_kind
    elif kind is None:
        kind = _kind_before(lx, left)
    if kind is None and _listed_after(lx, text, out, listed[0][0] if listed else start):
        kind = out[-1].kind  # "sentenced to three years, five years and seven years"
    if kind == "arrest" or (kind == "imprisonment" and short):
        kind = "administrative_arrest" if short else "pretrial_term"
    if kind is None or (kind == "administrative_arrest" and not short):
        return []  # no kind; or "получил 5 лет" read by a phrase meant for days
    unit = parts[0][1]
    days = int(round(sum(n * _DAYS[u] for n, u in parts))) if short else None
    return [
        *(
            TermMatch(s0, e0, n * _FACTOR[unit], round(n * _DAYS[unit]) if short else None, kind)
            for s0, e0, n in listed
        ),
        TermMatch(start, end, months, days, kind),
    ]

"""Find calendar dates in running text and return them as ISO prefixes with their precision.

Reports state dates in many shapes ("14 January 2022", "July 31, 2023", "10.02.2023", "5.3.21",
"in July 2019", "early May", "on Monday"), and facts are only as precise as the text, so a match
carries "2022", "2022-01" or "2022-01-14" rather than an invented day. Words (month and weekday
names, context prepositions, qualifiers, relative phrases) come from data/lang/<lang>/dates.yml;
this module holds only the shapes.

Rules worth knowing:
- A bare year (1900-2100) is a date only after a context word ("in 2019", "since 2017") or a
  qualifier ("early 2022"), as part of a range ("from 2017 to 2019", "2015–17"), or before a
  year suffix ("2019 года"); so "Article 2019", "2000 people" or "up to 2000" are not years.
- Digits: ISO "2023-02-10", "10.02.2023", and "5.3.21"/"05.03.21" with a two-digit year (00-69
  are 20xx, 70-99 are 19xx) unless it reads as a version or clause number ("version 1.2.21",
  "п. 2.1.15": words in `numeric_not_after`, a letter glued before, more digits after).
  "DD/MM/YYYY" is read day first where the language says so (Russian); otherwise only when one
  number is above 12 ("27/12/2004", American "12/27/2004"), and when both could be the month
  only the year is returned.
- A date with no year ("in June", "on 28 November", "в начале июля") takes `default_year`, or
  the anchor's year (the year before when that would put it more than two months after the
  anchor: see date_anchor); with neither it is not returned. A bare month also needs a context
  word or qualifier ("in May"), because a lone capitalised "May" or "March" is too often not a
  date.
- Relative dates ("yesterday", "on Monday", "last week", "в прошлом году") are returned only
  against an `anchor`, at the precision both allow (date_anchor); never against default_year.
- Ranges ("9–10 March 2023", "from 5 to 9 May 2023", "between March and May 2023", "с октября
  по декабрь 2019 года", "from 2017 to 2019") are one match: `value` is the start, `end_value`
  the end; a start without a year takes the end's. A word joiner ("to", "по") needs an opener
  ("from", "с") before the start; a dash needs none. "с 22 августа 2020 года" has no end.
- A date in a bibliographic parenthesis ("(Radio Free Europe, 14 March 2014)", "(Renda, M.,
  2017)") is the date of a cited publication, not of an event: it is not returned (and its
  span is not read as anything else).
- Impossible dates ("31 February 2023") are not matched at all, not even as a month.
- Matches never overlap: when shapes compete for the same text the earliest, then longest wins.

`document_date` finds a document's own date in its first lines (see its docstring).
Speed: the text is lower-cased once and words are matched as lower-case tries (extract.trie),
except case-sensitive month names (English), matched as written; every scanning pattern starts
with a digit or a name, and context words are checked backwards from a candidate, never scanned
for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.casing import lowered
from casefile.extract.date_anchor import Anchor
from casefile.extract.trie import alternation
from casefile.extract.types import DateMatch

_YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)(?!\d)(?![.,]\d)"  # with a day or month stated
_BARE_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)(?![.,]\d)"  # a year standing alone
_DASH = r"\s*[-–—]\s*"
_ISO = r"(?P<y>\d(?<![\d.-]\d)\d{3})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])"
# "10.02.2023", "5.3.21", "27/12/2004": one scan, the same separator twice
_DMY_DIGITS = (
    r"(?P<d>\d(?<![\d./]\d)\d?)(?P<sep>[./])(?P<m>\d\d?)(?P=sep)(?P<y>\d{4}|\d\d)"
    r"(?![\d./]\d)(?!\d)"
)
# Before a year: spaces with at most one line break ("December 5\n\n2023" is not one date).
_SPACE = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
_NOT_LETTER = r"(?![^\W\d_])"
_HEAD_LINES = 25  # document_date reads this many lines ...
_HEAD_CHARS = 3000  # ... and at most this many characters
_TITLE_LINES = 5  # a heading among the first non-empty lines may carry the document's date
_PUBLISHED_GAP = 40  # at most this many characters between a publication word and its date
_CLOSERS = " \t\"”»’')]"  # may close a line after its last punctuation


@dataclass
class _Cand:
    """A date found in the text, before its year is settled and overlaps are resolved."""

    start: int
    end: int
    y: int | None  # None: the text states no year
    m: int | None = None
    d: int | None = None
    qual: str | None = None
    to: tuple[int | None, int | None, int | None] | None = None  # the end of a range
    ok: bool = True  # False: the span blocks shorter shapes but yields nothing (a citation)


def _words(words: list[str], dotted: frozenset[str] = frozenset()) -> str:
    """Any of `words` in lower case, for the lower-cased text."""
    return alternation(sorted({w.lower() for w in words if w}), frozenset(map(str.lower, dotted)))


def _any_case(words: list[str]) -> str:
    """Any of `words` in any case: inside patterns matched in the text as written."""
    return f"(?i:{_words(words)})"


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower())


def _before(words: list[str]) -> re.Pattern[str]:
    """One of `words` ending right before a candidate (searched in a short window before it)."""
    return re.compile(rf"(?<![\w-]){_words(words)}\s+$")


@dataclass(frozen=True)
class _Lang:
    case_sensitive: bool  # month and weekday names
    months: dict[str, int]
    weekdays: dict[str, int]
    qualifiers: dict[str, str]
    relative: dict[str, tuple[str, int]]  # phrase -> (unit, offset)
    slash_dmy: bool
    weekday_bare: bool
    iso: re.Pattern[str]
    dmy_digits: re.Pattern[str]
    dmy: re.Pattern[str]
    month: re.Pattern[str]
    month_range: re.Pattern[str]
    year: re.Pattern[str]
    rel: re.Pattern[str]
    weekday: re.Pattern[str]
    ctx_before: re.Pattern[str]
    qual_before: re.Pattern[str]
    count_after: re.Pattern[str]
    open_before: re.Pattern[str]
    numeric_before: re.Pattern[str]
    weekday_before: re.Pattern[str]
    weekday_not_after: re.Pattern[str]
    relative_not_after: re.Pattern[str]
    dated_after: re.Pattern[str]
    range_gap: re.Pattern[str]
    list_gap: re.Pattern[str]
    list_word: re.Pattern[str]
    cite_close: re.Pattern[str]
    published: re.Pattern[str]


@dataclass(frozen=True)
class _Text:
    """The text as written and lower-cased (same offsets): words are matched in the lower-cased
    text with lower-case tries, many times faster than case-insensitive matching; month and
    weekday names that are case-sensitive (English) are matched in the text as written."""

    raw: str
    low: str
    names: str  # the one of the two that month and weekday names are matched in

    @classmethod
    def of(cls, text: str, lx: _Lang) -> _Text:
        low = lowered(text)
        return cls(text, low, text if lx.case_sensitive else low)


@cache
def _lang(lang: str) -> _Lang:
    """Compile one language's shapes once; they are reused over megabytes of text. Patterns
    that start with a month or weekday name run in `_Text.names`, all others in `_Text.low`."""
    d = vocab.load(f"lang/{lang}/dates.yml")
    cs = bool(d.get("month_case_sensitive"))
    inner = _any_case if cs else _words  # words inside patterns that start with a month

    def names_of(key: str) -> tuple[dict[str, int], str]:
        table: dict[str, int] = {}
        forms: list[str] = []
        for num, names in (d.get(key) or {}).items():
            for name in names:
                table[name.lower()] = int(num)
                forms += [name, name.upper()] if cs else [name.lower()]
        dots = {w for w in d.get("abbreviations") or [] if key == "months"}
        dots = {f for w in dots for f in (w, w.upper())} if cs else {w.lower() for w in dots}
        return table, alternation(forms, frozenset(dots))

    months, month_alt = names_of("months")
    weekdays, weekday_alt = names_of("weekdays")
    month_alt += _NOT_LETTER
    month = rf"(?P<m>{month_alt})"
    ords = inner(d.get("ordinal_suffixes") or [])
    suffixes = d.get("year_suffixes") or []
    tail = rf"(?:\s+{inner(suffixes)}(?!\w))?" if suffixes else ""
    dm_join = inner(d.get("day_month_joiners") or [])
    my_join = inner(d.get("month_year_joiners") or [])
    rj = inner(d.get("range_joiners") or [])
    day2 = rf"(?P<d2>\d\d?)(?:{ords})?(?!\d)"
    year_tail = rf"(?P<y>{_YEAR}){tail}"
    dmy = (
        rf"(?P<d>\d(?<![\d.,]\d)\d?)(?:{ords})?(?!\d)(?:(?:{_DASH}|\s+(?P<dj>{rj})\s+){day2})?"
        rf"\s+(?:{dm_join}\s+)?{month}(?:,?{_SPACE}{year_tail})?"
    )
    month_led = (
        rf"{month}(?:\s+(?P<d>\d\d?)(?:{ords})?(?!\d)(?:{_DASH}{day2})?"
        rf"(?:,?{_SPACE}{year_tail})?|,?{_SPACE}(?:{my_join}\s+)?(?P<y2>{_YEAR}){tail})?"
    )
    month_range = (
        rf"{month}(?:{_DASH}|\s+(?P<mj>{rj})\s+)(?P<m2>{month_alt})"
        rf"(?:,?{_SPACE}(?:{my_join}\s+)?{year_tail})?"
    )
    join = _words(d.get("year_range_joiners") or [])
    low_tail = rf"\s+{_words(suffixes)}(?!\w)" if suffixes else "(?!)"
    year = (
        rf"(?P<y>{_BARE_YEAR})(?P<tail>{low_tail})?(?:\s*(?:(?P<jw>{join})\s+|(?P<jd>[-–—])\s*)"
        rf"(?P<y2s>(?P<y2>{_BARE_YEAR}|\d\d(?![\d-]))(?:{low_tail})?))?"
    )
    qualifiers = {_norm(k): v for k, v in (d.get("qualifiers") or {}).items()}
    relative = {
        _norm(p): (unit, int(off))
        for unit, phrases in (d.get("relative") or {}).items()
        for p, off in phrases.items()
    }
    list_words = [w for w in d.get("list_joiners") or [] if w[:1].isalpha()]
    return _Lang(
        case_sensitive=cs,
        months=months,
        weekdays=weekdays,
        qualifiers=qualifiers,
        relative=relative,
        slash_dmy=d.get("slash_order") == "dmy",
        weekday_bare=bool(d.get("weekday_bare")),
        iso=re.compile(_ISO),
        dmy_digits=re.compile(_DMY_DIGITS),
        dmy=re.compile(dmy),
        month=re.compile(month_led),
        month_range=re.compile(month_range),
        year=re.compile(year),
        rel=re.compile(rf"(?<![\w-])(?P<r>{_words(list(relative))}){_NOT_LETTER}"),
        weekday=re.compile(rf"(?<![\w-])(?P<w>{weekday_alt}){_NOT_LETTER}"),
        ctx_before=_before(d.get("year_before") or []),
        qual_before=re.compile(rf"(?<![\w-])(?P<q>{_words(list(qualifiers))})(?:\s+|\s*-\s*)$"),
        count_after=re.compile(rf"\s+{_words(d.get('year_not_before') or [])}\b"),
        open_before=_before(d.get("range_open") or []),
        numeric_before=re.compile(
            rf"(?<![\w-]){_words(d.get('numeric_not_after') or [])}\.?\s*$|[^\W\d_]$"
        ),
        weekday_before=_before(d.get("weekday_before") or []),
        weekday_not_after=_before(d.get("weekday_not_after") or []),
        relative_not_after=_before(d.get("relative_not_after") or []),
        dated_after=re.compile(r",?\s*\(?\s*"),
        range_gap=re.compile(rf"{_DASH}|\s+(?P<w>{_words(d.get('range_joiners') or [])})\s+"),
        list_gap=re.compile(rf"(?:\s*,)?\s+(?:{_words(list_words)}\s+)?|\s*,\s*"),
        list_word=re.compile(rf"{_words(list_words)}|,"),
        cite_close=re.compile(
            r"\s*[a-zа-я]?(?:\s*[,:]\s*(?:p|pp|с|стр)?\.?\s*\d+(?:[-–]\d+)?)?\s*[);]"
        ),
        # "posted 13 Nov", "© site.org 07.04.2015", "Опубликовано: 12.03.2021": a publication
        # word, then no end of a sentence before the date
        published=re.compile(
            rf"(?<![\w-]){_words(d.get('publication_words') or [])}(?![^\W\d_])"
            r"(?:[^.!?;\n]|\.(?!\s))*$"
        ),
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
    return lx.qualifiers[_norm(q["q"])] if q else None


def _letter_before(text: str, i: int) -> bool:
    return i > 0 and (text[i - 1].isalpha() or text[i - 1] == "_")


def _window(text: str, i: int, width: int = 40) -> str:
    return text[max(0, i - width) : i]


def _ends_at(pat: re.Pattern[str], text: str, i: int, width: int = 40) -> re.Match[str] | None:
    """`pat` (anchored with $) matching in the few characters before position i."""
    return pat.search(text, max(0, i - width), i)


def _after_name(text: str, i: int) -> bool:
    """Whether a capitalised word stands right before position i in the same sentence ("Bloody
    Sunday", "USA Today"): the word is then part of a name, not a date."""
    m = re.search(r"(\S+)\s+$", _window(text, i, 30))
    return bool(m and m[1][0].isupper() and m[1][-1] not in ".!?:;\"”»)")


# --- shapes -------------------------------------------------------------------------------


def _numeric(t: _Text, lx: _Lang) -> Iterator[_Cand]:
    """ "2023-02-10", "10.02.2023", "5.3.21" (see the module notes), "27/12/2004"."""
    text = t.raw
    for m in lx.iso.finditer(text):
        yield _Cand(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]))
    for m in lx.dmy_digits.finditer(text):
        s, e = m.span()
        a, b, y = int(m["d"]), int(m["m"]), m["y"]
        if m["sep"] == ".":
            if len(y) == 4:
                yield _Cand(s, e, int(y), b, a)
            elif not _versionlike(t, lx, s, e):
                yield _Cand(s, e, int(y) + (2000 if int(y) < 70 else 1900), b, a)
        elif len(y) == 4:
            if lx.slash_dmy or a > 12 or a == b:
                yield _Cand(s, e, int(y), b, a)
            elif b > 12:  # American month/day/year
                yield _Cand(s, e, int(y), a, b)
            else:  # "12/05/2020": the day and month cannot be told apart, the year can
                yield _Cand(s, e, int(y))


def _versionlike(t: _Text, lx: _Lang, s: int, e: int) -> bool:
    """Whether "5.3.21" reads as a version or clause number: after "version", "п.", a letter;
    glued to a letter, digit or "%" after it."""
    after = t.raw[e : e + 1]
    return bool(_ends_at(lx.numeric_before, t.low, s, 20)) or after.isalnum() or after == "%"


def _day_led(t: _Text, lx: _Lang) -> Iterator[_Cand]:
    """ "14 January 2022", "27th December", "9–10 March 2023", "from 5 to 9 May 2023"."""
    pos = 0
    while m := lx.dmy.search(t.names, pos):
        pos = m.end()
        month = lx.months[m["m"].rstrip(".").lower()]
        y = int(m["y"]) if m["y"] else None
        d, d2 = int(m["d"]), int(m["d2"]) if m["d2"] else None
        if m["dj"] and not _ends_at(lx.open_before, t.low, m.start()):
            # "5 and 6 May" lists two days; "5 to 9 May" without "from" is not a range
            if lx.list_word.fullmatch(m["dj"].lower()):
                yield _Cand(m.start("d"), m.end("d"), y, month, d)
            pos = m.start("d2")
            continue
        if d2 is not None and d2 <= d:  # "30–2 May" is not a range of days
            pos = m.start("d2")
            continue
        to = (y, month, d2) if d2 is not None else None
        yield _Cand(m.start(), m.end(), y, month, d, to=to)


def _month_led(t: _Text, lx: _Lang) -> Iterator[_Cand]:
    """ "July 31, 2023", "July 2019", a bare month after a context word or qualifier, and a
    range of months ("March–May 2023", "с октября по декабрь 2019 года")."""
    for m in lx.month.finditer(t.names):
        s, e = m.span()
        if _letter_before(t.raw, s):
            continue
        month = lx.months[m["m"].rstrip(".").lower()]
        if m["d"] is not None:
            y = int(m["y"]) if m["y"] else None
            to = (y, month, int(m["d2"])) if m["d2"] else None
            yield _Cand(s, e, y, month, int(m["d"]), to=to)
            continue
        r = lx.month_range.match(t.names, s)
        if r and (not r["mj"] or _ends_at(lx.open_before, t.low, s)):
            end = lx.months[r["m2"].rstrip(".").lower()]
            if end != month:
                y = int(r["y"]) if r["y"] else None
                yield _Cand(s, r.end(), None, month, to=(y, end, None))
                continue
        q = _ends_at(lx.qual_before, t.low, s)
        if m["y2"] or q or _ends_at(lx.ctx_before, t.low, s):
            y = int(m["y2"]) if m["y2"] else None
            yield _Cand(q.start() if q else s, e, y, month, qual=_qualifier(lx, q))


def _years(t: _Text, lx: _Lang) -> Iterator[_Cand]:
    """Bare years, kept only in a date-like context (see the module notes)."""
    text = t.low
    for m in lx.year.finditer(text):
        s, e = m.start(), m.end("tail") if m["tail"] else m.end("y")
        q = _ends_at(lx.qual_before, text, s)
        if not q and s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_.,/-"):
            continue
        ctx = None if q else _ends_at(lx.ctx_before, text, s)
        y = int(m["y"])
        first = bool(ctx or q or m["tail"]) and not lx.count_after.match(text, e)
        y2 = (int(m["y2"]) if len(m["y2"]) == 4 else y // 100 * 100 + int(m["y2"])) \
            if m["y2"] else None
        second = bool(y2 and y2 > y and (m["jd"] or (first and len(m["y2"]) == 4)))
        start = q.start() if q else s
        if second:
            yield _Cand(start, m.end("y2s"), y, qual=_qualifier(lx, q), to=(y2, None, None))
        elif first:
            yield _Cand(start, e, y, qual=_qualifier(lx, q))


def _relative(t: _Text, lx: _Lang, anchor: Anchor, dated: set[int]) -> Iterator[_Cand]:
    """ "yesterday", "last week", "в прошлом году", "on Monday", resolved against the anchor;
    `dated` holds the starts of stated dates, so "Monday, 5 May" is left to "5 May"."""
    for m in lx.rel.finditer(t.low):
        s = m.start()
        if t.raw[s].isupper() and _after_name(t.raw, s):  # "USA Today"
            continue
        if _ends_at(lx.relative_not_after, t.low, s, 20):  # "the last year" is 12 months
            continue
        parts = anchor.shift(*lx.relative[_norm(m["r"])])
        if parts:
            yield _Cand(s, m.end(), *parts)
    for m in lx.weekday.finditer(t.names):
        s = m.start()
        gap = lx.dated_after.match(t.low, m.end())
        if _ends_at(lx.weekday_not_after, t.low, s, 30) or (gap and gap.end() in dated):
            continue  # "every Monday"; "Monday, 5 May" has its own date
        if not _ends_at(lx.weekday_before, t.low, s, 30) and not (
            lx.weekday_bare and not _after_name(t.raw, s)
        ):
            continue
        parts = anchor.weekday_before(lx.weekdays[m["w"].lower()])
        if parts:
            yield _Cand(s, m.end(), *parts)


_CITE_OPEN = re.compile(r"\(\s*[\"“«]?([^\W\d_])[^()\n]{0,80}?,\s*$")


def _citation(t: _Text, lx: _Lang, c: _Cand) -> bool:
    """Whether the date closes a bibliographic parenthesis: "(Radio Free Europe, 2014)"."""
    if "(" not in t.raw[max(0, c.start - 100) : c.start]:
        return False
    m = _CITE_OPEN.search(_window(t.raw, c.start, 100))
    return bool(m and m[1].isupper() and lx.cite_close.match(t.low, c.end))


# --- assembly -----------------------------------------------------------------------------


def _candidates(t: _Text, lx: _Lang, anchor: Anchor | None) -> list[_Cand]:
    found = [*_numeric(t, lx), *_day_led(t, lx), *_month_led(t, lx), *_years(t, lx)]
    if anchor:
        found += _relative(t, lx, anchor, {c.start for c in found})
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Cand] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            continue
        if _citation(t, lx, c):
            c.ok = False
        kept.append(c)
    return _join(t.low, lx, kept)


def _join(text: str, lx: _Lang, cands: list[_Cand]) -> list[_Cand]:
    """Two adjacent dates joined as a range ("from 5 May to 9 June 2023", "5 May – 9 June")
    become one; dates listed with "and" ("in May and June 2023") share the later one's year."""
    out: list[_Cand] = []
    for c in cands:
        a = out[-1] if out else None
        if a is None or not (a.ok and c.ok) or a.to or c.to:
            out.append(c)
            continue
        gap = text[a.end : c.start]
        r = lx.range_gap.fullmatch(gap)
        if r and (not r["w"] or _ends_at(lx.open_before, text, a.start)):
            joined = _range(a, c)
            if joined is not None:
                out[-1] = joined
                continue
        if _listed(lx, gap, a, c):
            a.y = c.y
        out.append(c)
    return out


def _listed(lx: _Lang, gap: str, a: _Cand, c: _Cand) -> bool:
    """Whether yearless `a` and dated `c` are listed together ("in May and June 2023")."""
    if a.y is not None or c.y is None or a.m is None or not lx.list_gap.fullmatch(gap):
        return False
    return bool(lx.list_word.search(gap)) and (a.m, a.d or 0) <= (c.m or 13, c.d or 32)


def _range(a: _Cand, c: _Cand) -> _Cand | None:
    """`a` to `c` as one range, a missing year taken from the other end; None when `a` does
    not come first."""
    ty = c.y
    if ty is None and a.y is not None and a.m is not None and c.m is not None:
        ty = a.y + (1 if (c.m, c.d or 32) < (a.m, a.d or 0) else 0)
    y = a.y if a.y is not None else _year_before(a, _Cand(0, 0, ty, c.m, c.d))
    if y is not None and ty is not None and (y, a.m or 1, a.d or 1) >= (ty, c.m or 12, c.d or 31):
        return None
    return _Cand(a.start, c.end, y, a.m, a.d, a.qual, (ty, c.m, c.d))


def _year_before(a: _Cand, c: _Cand) -> int | None:
    """The year of a range's yearless start: the end's, or the one before when the start's
    month comes later ("from December to February 2020")."""
    if c.y is None or a.m is None:
        return None
    return c.y - 1 if (c.m is not None and (a.m, a.d or 0) > (c.m, c.d or 32)) else c.y


def _resolve(c: _Cand, default_year: int | None, anchor: Anchor | None) -> DateMatch | None:
    """Settle a candidate's missing year (see the module notes) and build its match."""

    def year(y: int | None, month: int | None) -> int | None:
        if y is not None or month is None:
            return y
        if default_year is not None:
            return default_year
        return anchor.year_for(month) if anchor else None

    if not c.ok:
        return None
    end = None
    if c.to is not None:
        ty = year(c.to[0], c.to[1])
        end = _iso(ty, c.to[1], c.to[2])
        if end is None:
            return None
        y = c.y if c.y is not None else _year_before(c, _Cand(0, 0, ty, c.to[1], c.to[2]))
    else:
        y = year(c.y, c.m)
    value = _iso(y, c.m, c.d)
    if value is None or (end is not None and end <= value):
        return None
    return DateMatch(c.start, c.end, value, c.qual, end)


def find_dates(
    text: str,
    lang: str = "en",
    default_year: int | None = None,
    *,
    anchor: str | None = None,
) -> list[DateMatch]:
    """All dates in `text`, sorted by start, never overlapping; see the module notes for rules.

    `default_year` is the year of dates stated without one. `anchor` ("YYYY", "YYYY-MM" or
    "YYYY-MM-DD", usually the publication date) resolves relative dates and, when no
    default_year is given, supplies the year of yearless dates. ValueError for a bad anchor."""
    lx = _lang(lang)
    anc = Anchor.parse(anchor) if anchor else None
    out = []
    for c in _candidates(_Text.of(text, lx), lx, anc):
        match = _resolve(c, default_year, anc)
        if match is not None:
            out.append(match)
    return out


def document_date(
    text: str, lang: str = "en", *, today: str | None = None
) -> DateMatch | None:
    """The document's own date, read from its first lines (_HEAD_LINES lines, _HEAD_CHARS
    characters), or None.

    A date counts when it carries a year and a month and stands where publishers put their own
    date: alone on its line ("30 October 2017", "8 сентября 2021, 14:35", "<< No. 27 5 July
    2017 >>"), after a publication word on its line ("posted 13 Nov 2017", "© site.org
    07.04.2015", "опубликовано"), in a heading (one of the first _TITLE_LINES non-empty lines
    not ending like a sentence: "MONITORING ... 1 to April 30, 2024", whose range end is
    taken), as a machine timestamp ("2023-12-05T18:44"), or as a dateline ("April 3, Astana,
    ...", "ALMATY, Kazakhstan, May 3, 2023 (AP) —"). A dateline without a year takes the year
    of such a date when it falls on or after it in that year; with no such date there is no
    year to give it. Of these, the latest not after `today` (ISO; default: the real today)."""
    lx = _lang(lang)
    limit = today or dt.date.today().isoformat()
    head = text[:_HEAD_CHARS]
    if len(text) > _HEAD_CHARS and head.rfind("\n") > 0:  # whole lines only
        head = head[: head.rfind("\n")]
    head = "\n".join(head.split("\n")[:_HEAD_LINES])
    titles = _headings(head.split("\n"), whole=len(head) == len(text))
    found: list[DateMatch] = []
    for c in _candidates(_Text.of(head, lx), lx, None):
        m = _resolve(c, None, None)
        if m is None or c.m is None or not _own_date(head, lx, m, titles):
            continue
        found.append(DateMatch(m.start, m.end, m.end_value or m.value))
    found = [m for m in found if m.value <= limit]
    best = max(found, key=lambda m: m.value, default=None)
    if best is not None:
        for m in find_dates(head, lang, default_year=int(best.value[:4])):
            if m.value > best.value and m.value <= limit and _dateline(head, m):
                best = m
    return best


def _headings(lines: list[str], whole: bool) -> set[int]:
    """Indexes of the first non-empty lines that read as headings, not sentences. A heading has
    something under it: the last line of a `whole` text is none (a text cut off mid-sentence
    ends in a short line without a full stop)."""
    filled = [i for i, line in enumerate(lines) if line.strip(_CLOSERS)]
    if whole and filled:
        filled.pop()
    return {
        i
        for i in filled[:_TITLE_LINES]
        if len(lines[i]) <= 200 and lines[i].rstrip(_CLOSERS)[-1] not in ".!?;:,"
    }


def _line_of(text: str, m: DateMatch) -> tuple[int, str, str]:
    """(line number, text before the date on its line, text after it on its line)."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    end = len(text) if end < 0 else end
    return text.count("\n", 0, m.start), text[start : m.start], text[m.end : end]


def _own_date(text: str, lx: _Lang, m: DateMatch, titles: set[int]) -> bool:
    line, before, after = _line_of(text, m)
    if line in titles or lx.published.search(before[-_PUBLISHED_GAP:].lower()):
        return True
    if re.match(r"T\d\d:\d\d", after):  # "2023-12-05T18:44:49+0300"
        return True
    rest = re.sub(r"\d\d?[:.]\d\d(?::\d\d)?|[\W\d_]+", " ", before + " " + after).split()
    return len(rest) <= 2 and sum(map(len, rest)) <= 16 or _dateline(text, m)


_CAP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# after a dateline's date: "(AP) —", "—", or a place and its punctuation ("Astana, ", "BPN.")
_DATELINE_AFTER = re.compile(
    rf"(?:\([^()\n]{{1,20}}\)\s*)?[—–-]{{1,2}}\s"
    rf"|[{_CAP}][\w'’-]*(?:\s+[{_CAP}][\w'’-]*){{0,2}}\s*[,.—–-]"
)
_PLACE_BEFORE = re.compile(r"\s*(?:[^\W\d_][\w'’./-]*,?\s+){1,4}$")


def _dateline(text: str, m: DateMatch) -> bool:
    """A date opening its line, or after a place in capitals, and followed by a place or a
    dash: "April 3, Astana, police ...", "ALMATY, Kazakhstan, May 3, 2023 (AP) — "."""
    _, before, after = _line_of(text, m)
    head = before.strip(" •*-–—\t")
    if head and not (_PLACE_BEFORE.fullmatch(before) and all(w[0].isupper() for w in head.split())):
        return False
    rest = after.lstrip(" ,")
    return bool(_DATELINE_AFTER.match(rest))

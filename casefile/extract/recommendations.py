"""Recommendations a document makes to institutions, read from how reports lay them out.

Reports end with what their authors ask of whom, in two shapes (data/lang/<lang>/
recommendations.yml says where each was seen):
- a lead-in that recommends and names the addressee, then the items: "We ... call on the UN,
  the OSCE and EU institutions ... to take urgent measures ... we consider it necessary:"
  followed by "- to impose ..." lines; "Призываем Европейский парламент:" and "- ...";
- a "Recommendations" heading, then an addressee heading per group ("To the Government of
  Kazakhstan", "Правительству Республики Казахстан:", "Recommendations to the European
  Parliament"), each followed by its items: bulleted or numbered lines, or, under an addressee
  heading, plain sentences up to the next heading.
An item belongs to the addressee above it; an addressee counts only when it names an
institution the data knows (`institutions`), so a dash list after any colon is not taken for
recommendations. Each item carries the full names it mentions, for the registry to link to
persons it already holds. Works on the stored text, one line per paragraph
(casefile.sources.reflow); offsets are into the exact text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract import language
from casefile.extract.persons import find_names
from casefile.extract.types import RecommendationMatch

EXTRACTOR = "recommendations@1"
# A bullet, a number or a lower-case letter ("A. Summary" is a heading, "a) ..." an item).
ITEM = re.compile(r"^[ \t]*(?:[-–—•*·▪‣]|\(?\d{1,2}[.)]|\(?[a-zа-яё][.)])[ \t]+")
HEADING_MAX = 160  # a longer line is a paragraph, whatever its punctuation
MIN_ITEM = 12  # letters: a shorter bulleted line is no recommendation


@dataclass(frozen=True)
class _Words:
    headings: re.Pattern[str]
    lead_ins: re.Pattern[str]
    openers: re.Pattern[str]
    ends: re.Pattern[str]
    institutions: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]


def _alt(items: list[str]) -> str:
    space = r"\s+"
    return "|".join("(?:" + p.replace(" ", space) + ")" for p in items)


@cache
def _words(lang: str) -> _Words:
    data = vocab.load(f"lang/{lang}/recommendations.yml")
    flags = re.IGNORECASE
    return _Words(
        headings=re.compile(rf"(?<!\w)(?:{_alt(data['headings'])})(?!\w)", flags),
        lead_ins=re.compile(rf"(?<!\w)(?:{_alt(data['lead_ins'])})(?!\w)\s*", flags),
        openers=re.compile(rf"^\s*(?:{_alt(data['addressee_openers'])})", flags),
        ends=re.compile("|".join(f"(?:{p})" for p in data["addressee_ends"]), flags),
        institutions=tuple((key, _institution(words))
                           for key, words in data["institutions"].items()),
    )


def _institution(words: list[str]) -> tuple[re.Pattern[str], ...]:
    """An institution's words as patterns: abbreviations (UN, EU, PACE, ЕС) match in capitals
    only, as "un" and "eu" are words of other texts; names match in any case."""
    def capitals(w: str) -> bool:
        return re.sub(r"\(\?[^)]*\)|[^\w]|\d", "", w).isupper()
    abbrev = [w for w in words if capitals(w)]
    names = [w for w in words if not capitals(w)]
    return tuple(re.compile(rf"(?<!\w)(?:{_alt(group)})(?!\w)", flags)
                 for group, flags in ((abbrev, 0), (names, re.IGNORECASE)) if group)


def institutions(text: str, lang: str) -> tuple[str, ...]:
    """The keys of the institutions `text` names, in the data file's order."""
    keys: list[str] = []
    taken: list[tuple[int, int]] = []  # "European Parliament" is not also "parliament"
    for key, patterns in _words(lang).institutions:
        spans = [m.span() for p in patterns for m in p.finditer(text)]
        free = [(a, b) for a, b in spans if not any(a < y and x < b for x, y in taken)]
        if free:
            keys.append(key)
        taken.extend(spans)
    return tuple(keys)


@dataclass(frozen=True)
class _Addressee:
    text: str
    start: int
    end: int
    institutions: tuple[str, ...]


def find_recommendations(text: str, lang: str = "en") -> list[RecommendationMatch]:
    """Every recommendation item of `text` with its addressee, in text order.

    One pass over the lines. The addressee holds until a line ends it: prose that is not an
    item, or a heading when the addressee came from a lead-in. Under an addressee's heading
    plain sentences are items too, up to a sub-heading ("Political Prisoners", a person's
    name), after which only bulleted lines are."""
    out: list[RecommendationMatch] = []
    runs = [r for r in language.runs(text, lang) if r[2] in language.EXTRACTED]
    addressee: _Addressee | None = None
    section = False  # under a "Recommendations" heading: a heading may name an addressee alone
    headed = False  # the addressee is a heading's: a sub-heading does not end it
    prose = False  # plain sentences are items (right under an addressee's heading)
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lang_here = next((r[2] for r in runs if r[0] <= start < r[1]), None)
        if lang_here is None:
            addressee = None
            continue
        words = _words(lang_here)
        marker = ITEM.match(line)
        head = start + marker.end() if marker else start  # a numbered heading is a heading
        body = text[head:end].strip()
        bare = body.rstrip("”\"»’)]*")
        heading = len(body) <= HEADING_MAX and bool(bare) and (
            bare.endswith(":") or bare[-1] not in ".!?;,…")
        if marker and addressee is not None:
            # "2. To the OSCE" opens the next group; any other marked line is an item.
            new = _addressee(text, head, end, words, lang_here, heading, False) \
                if heading and words.openers.match(text[head:end]) else None
            if new is None:
                _emit(out, text, head, end, addressee, lang_here)
                prose = False  # a bulleted list: the prose after it is not its items
            else:
                addressee, headed, prose = new, True, not bare.endswith(":")
            continue
        found = _addressee(text, head, end, words, lang_here, heading, section)
        if heading and words.headings.search(body):
            section, addressee = True, found
            headed = found is not None
            prose = headed and not bare.endswith(":")
        elif found is not None and (heading or body.endswith(":")):
            # A colon announces a bulleted list; a heading without one, prose items.
            addressee, headed = found, heading
            prose = heading and not bare.endswith(":")
        elif addressee is not None and prose and not heading:
            _emit(out, text, start, end, addressee, lang_here)
        elif addressee is not None and headed and heading:
            prose = False
        else:
            section = section and addressee is not None
            addressee, headed, prose = None, False, False
    return out


def _emit(out: list[RecommendationMatch], text: str, a: int, b: int, addressee: _Addressee,
          lang: str) -> None:
    item = _item(text, a, b, addressee, lang)
    if item is not None:
        out.append(item)


def _addressee(text: str, start: int, end: int, words: _Words, lang: str,
               heading: bool, section: bool) -> _Addressee | None:
    """The addressee a line names: after its lead-in words ("call on X to ...",
    "Recommendations to X"), else, for a heading that opens with an addressee's opener, ends
    with a colon or stands in a recommendations section, the heading itself less its opener
    ("To the Government of Kazakhstan", "Правительству Республики Казахстан:")."""
    line = text[start:end]
    lead = None
    for m in words.lead_ins.finditer(line):
        lead = m
        if institutions(line[m.end():], lang):
            break
    if lead is not None:
        a = lead.end()
    elif heading and ((opener := words.openers.match(line)) or section
                      or line.rstrip().endswith(":")):
        a = opener.end() if opener else len(line) - len(line.lstrip())
    else:
        return None
    stop = words.ends.search(line, a)
    b = stop.start() if stop else len(line.rstrip())
    phrase = line[a:b].strip(" \t,:")
    if not phrase or not heading and lead is None:
        return None
    keys = institutions(phrase, lang)
    if not keys:
        return None
    a = start + a + (len(line[a:b]) - len(line[a:b].lstrip(" \t,:")))
    return _Addressee(phrase, a, a + len(phrase), keys)


def _item(text: str, a: int, b: int, addressee: _Addressee,
          lang: str) -> RecommendationMatch | None:
    body = text[a:b].rstrip()
    if sum(c.isalpha() for c in body) < MIN_ITEM:
        return None
    b = a + len(body)
    names = tuple(dict.fromkeys(n.name for n in find_names(body, lang) if n.form == "full"))
    return RecommendationMatch(start=a, end=b, addressee=addressee.text,
                               addressee_start=addressee.start, addressee_end=addressee.end,
                               institutions=addressee.institutions, names=names, lang=lang)

"""Case details a text states: the court, the judge, the prosecutor, the lawyer, the place of
detention and the region.

A recogniser like the others (casefile.extract.types): it finds spans and knows nothing of whom
they concern; casefile.extract.document gives each to the subject of its sentence
(casefile.extract.subjects). The words are data (data/lang/<lang>/details.yml):
- a court is a name with a court kind ("Medeu District Court of Almaty", "Медеуский районный
  суд г. Алматы"); "the court" alone is none;
- a judge, prosecutor or lawyer is a name the text finds (casefile.extract.persons) with that
  role word right before it ("Judge Aigul Sultanbekova", "адвокат Жохар Утебеков", "judge –
  X") or after it in apposition ("X, the presiding judge"); the name is the official's, never
  the subject's;
- a place of detention is an institution with a number, an institution code or a place the
  data knows ("SIZO No. 1 of Almaty", "колония ЛА-155/14"): "five years in prison" is none;
- a region is a region's name (data/places/regions), or a city of it after a word that puts
  something there ("detained in Zhanaozen"), standing in a sentence about the case.
Every detail carries the region its own words name, when they name one (casefile.extract.regions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.events import place_pattern
from casefile.extract.regions import find_regions, region_names
from casefile.extract.types import NameMatch

FIELDS = ("court", "judge", "prosecutor", "lawyer", "detention_place", "region")
PEOPLE = ("judge", "prosecutor", "lawyer")
GAP = r"[\s,:(]*(?:[–—-]\s*)?"  # between a role word and the name: "judge – X", "judge: X"


@dataclass(frozen=True)
class DetailMatch:
    start: int  # the span of what states it: the court's name, the role word and the name
    end: int
    field: str  # one of FIELDS
    value: str  # the court or place as written (trimmed); the official's name as written
    name: int | None = None  # for a judge, prosecutor or lawyer: the index of their name
    region: str | None = None  # the region the detail's own words name


@dataclass(frozen=True)
class _Vocab:
    courts: re.Pattern[str]
    detention: re.Pattern[str]
    before: dict[str, re.Pattern[str]]  # field -> role words ending right before a name
    after: dict[str, re.Pattern[str]]  # field -> role words in apposition after a name
    places: re.Pattern[str]
    locative: re.Pattern[str]  # ends right before a place where something happened
    lead: re.Pattern[str]  # words dropped from the start of a name ("the")
    join: re.Pattern[str]  # between two names one role word introduces
    region_word: re.Pattern[str]  # in a region's own name ("region", "области")


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(3):  # macros may use macros
        for key, value in macros.items():
            pattern = pattern.replace("{" + key + "}", value)
    return pattern


@cache
def _vocab(lang: str) -> _Vocab | None:
    try:
        data = vocab.load(f"lang/{lang}/details.yml")
    except FileNotFoundError:
        return None
    macros = {str(k): str(v) for k, v in (data.get("macros") or {}).items()}

    def alternation(items: list[str]) -> str:
        return "|".join(f"(?:{_expand(p, macros)})" for p in items) or "(?!x)x"

    def words(key: str) -> str:
        return "|".join(str(w) for w in data.get(key) or []) or "(?!x)x"

    people = data.get("officials") or {}
    apposition = rf"\s*(?:,|\(|[–—-])\s*(?:(?:{words('articles')})\s+)?"
    endings = str((vocab.load(f"lang/{lang}/events.yml").get("country_forms") or {})
                  .get("place_endings") or "") if lang != "en" else ""
    return _Vocab(
        courts=re.compile(rf"(?<!\w)(?:{alternation(data.get('courts') or [])})(?!\w)"),
        detention=re.compile(rf"(?<!\w)(?:{alternation(data.get('detention') or [])})(?!\w)"),
        before={f: re.compile(rf"(?<!\w)(?:{alternation(phrases)}){GAP}$")
                for f, phrases in people.items()},
        after={f: re.compile(rf"{apposition}(?:{alternation(phrases)})(?!\w)")
               for f, phrases in people.items()},
        places=re.compile(place_pattern(lang, endings)),
        locative=re.compile(rf"(?<!\w)(?:{alternation(data.get('locatives') or [])})\s*$",
                            re.IGNORECASE),
        lead=re.compile(rf"(?:(?:{words('lead_words')})\s+)+"),
        join=re.compile(rf"\s*(?:,\s*)?(?:(?:{words('conjunctions')})\s+)?"),
        region_word=re.compile(rf"(?<!\w)(?:{words('region_words')})(?!\w)", re.IGNORECASE))


def _trimmed(v: _Vocab, text: str, start: int, end: int) -> tuple[int, int]:
    """Without a leading article or preposition ("the Almaty District Court") or trailing
    punctuation."""
    lead = v.lead.match(text, start, end)
    if lead is not None:
        start = lead.end()
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return start, end


def find_details(text: str, lang: str, names: list[NameMatch]) -> list[DetailMatch]:
    """Every case detail in `text`, in text order; `names` are the document's names
    (casefile.extract.persons.find_names), the officials among them are found by role word."""
    v = _vocab(lang)
    if v is None:
        return []
    out: list[DetailMatch] = []
    for m in v.courts.finditer(text):
        a, b = _trimmed(v, text, *m.span())
        if b > a:
            out.append(DetailMatch(a, b, "court", text[a:b], region=_region(text, a, b)))
    for m in v.detention.finditer(text):
        place = m.groupdict().get("place")
        known = place is not None and v.places.search(place) is not None
        if m.groupdict().get("id") is None and not known:
            continue  # "in prison", "в колонии": no place named
        a, b = _trimmed(v, text, *m.span())
        if not known and place is not None:  # "colony EC-164/3 in March": keep the code only
            b = _trimmed(v, text, a, m.start("place"))[1]
        out.append(DetailMatch(a, b, "detention_place", text[a:b], region=_region(text, a, b)))
    out += _people(text, names, v)
    taken = [(d.start, d.end) for d in out]
    wanted = region_names()
    # A region's own name ("Almaty region"), or a city after a word that puts the sentence's
    # fact there ("detained in Zhanaozen"); a city named otherwise may be where someone is from.
    for region, (a, b) in find_regions(text):
        if region in wanted and not any(s <= a < e for s, e in taken) and (
                v.region_word.search(text, a, b) or v.locative.search(text, max(0, a - 30), a)):
            out.append(DetailMatch(a, b, "region", region, region=region))
    out.sort(key=lambda d: (d.start, d.field))
    return out


def _region(text: str, start: int, end: int) -> str | None:
    found = find_regions(text, start, end)
    return found[-1][0] if found else None  # "court No. 2 of Medeu district of Almaty"


def _people(text: str, names: list[NameMatch], v: _Vocab) -> list[DetailMatch]:
    out = []
    listed = -1  # the last name of a run a role word opened
    for k, n in enumerate(names):
        if k <= listed:
            continue
        lo = max(0, n.start - 40)
        for field in PEOPLE:
            before = v.before.get(field)
            m = before.search(text, lo, n.start) if before is not None else None
            if m is not None:
                out.append(DetailMatch(m.start(), n.end, field, n.name, name=k))
                listed = k
                while listed + 1 < len(names) and v.join.fullmatch(
                        text, names[listed].end, names[listed + 1].start):
                    listed += 1
                    nxt = names[listed]
                    out.append(DetailMatch(m.start(), nxt.end, field, nxt.name, name=listed))
                break
            after = v.after.get(field)
            m = after.match(text, n.end, min(len(text), n.end + 60)) if after else None
            if m is not None:
                out.append(DetailMatch(n.start, m.end(), field, n.name, name=k))
                break
    return out

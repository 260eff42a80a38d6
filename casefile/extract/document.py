"""From a document's text to claims about persons.

Two passes share the recognisers (dates, terms, articles, events, names):
- list entries (`list-entry`): every fact in an entry belongs to the person who opens it,
  unless a sentence names someone else closer to the fact;
- running text (`running-text`): facts belong to the nearest person named before them in the
  sentence, a family name alone refers back to the full name used earlier in the document.
Every claim quotes the sentence it comes from; `detail["span"]` is the exact match inside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

from casefile import vocab
from casefile.extract import listing
from casefile.extract.articles import find_articles
from casefile.extract.dates import find_dates
from casefile.extract.events import find_events
from casefile.extract.persons import find_names
from casefile.extract.places import find_citizenship
from casefile.extract.sentences import split_sentences
from casefile.extract.terms import find_terms
from casefile.extract.types import DateMatch, Found, NameMatch
from casefile.names.display import display_name, family_key

LIST_ENTRY = "list-entry@1"
RUNNING_TEXT = "running-text@1"
T = TypeVar("T")
CONTEXT_YEAR = 1904  # a leap year, so "29 February" stays valid


class _Spans(Generic[T]):
    """Matches sorted by start, looked up by range."""

    def __init__(self, items: list[T]) -> None:
        self.items = sorted(items, key=lambda m: m.start)  # type: ignore[attr-defined]
        self.starts = [m.start for m in self.items]  # type: ignore[attr-defined]

    def within(self, start: int, end: int) -> list[T]:
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]


@dataclass
class _Doc:
    text: str
    lang: str
    sentences: list[tuple[int, int]]
    names: list[NameMatch]
    out: list[Found] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Recognisers run once over the whole text; facts are then looked up per sentence.
        self.articles = _Spans(find_articles(self.text, self.lang))
        self.terms = _Spans(find_terms(self.text, self.lang))
        self.events = _Spans(find_events(self.text, self.lang))
        self.citizenship = find_citizenship(self.text, self.lang)
        # A year no report is about stands in for "the year from context": dates that come
        # back with it ("in early May") are parsed again per sentence with the real year.
        self.dates = _Spans(find_dates(self.text, self.lang, default_year=CONTEXT_YEAR))
        self._year_at = [(d.start, int(d.value[:4])) for d in self.dates.items
                         if d.qualifier is None and not d.value.startswith(str(CONTEXT_YEAR))]
        self._year_starts = [p for p, _ in self._year_at]
        self._sentence_starts = [s for s, _ in self.sentences]
        self._name_starts = [n.start for n in self.names]
        self._full: dict[str, list[NameMatch]] = {}
        for n in self.names:
            if n.form == "full":
                self._full.setdefault(family_key(n.name), []).append(n)

    def year_before(self, pos: int) -> int | None:
        """The year of the last full date stated before `pos`: context for "in early May"."""
        i = bisect_left(self._year_starts, pos) - 1
        return self._year_at[i][1] if i >= 0 else None

    def sentence_range(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(bisect_right(self._sentence_starts, start) - 1, 0)
        j = bisect_left(self._sentence_starts, end)
        return [(max(a, start), min(b, end)) for a, b in self.sentences[i:j] if b > start]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[max(i, 0)]

    def names_in(self, start: int, end: int) -> list[NameMatch]:
        i = bisect_left(self._name_starts, start)
        j = bisect_left(self._name_starts, end)
        return [n for n in self.names[i:j] if n.end <= end]

    def resolve(self, name: NameMatch) -> str | None:
        """The full name a mention stands for: the closest full mention with that family name
        before it (or, failing that, the first after it); None when there is none."""
        if name.form == "full":
            return name.name
        candidates = self._full.get(family_key(name.name))
        if not candidates:
            return None
        before = [c for c in candidates if c.start < name.start]
        return (before[-1] if before else candidates[0]).name


def extract(text: str, lang: str = "en") -> list[Found]:
    """All claims the default extractors find in `text`."""
    doc = _Doc(text, lang, split_sentences(text), find_names(text, lang))
    starts = {n.start for n in doc.names if n.form == "full"}
    entries = listing.find_entries(text, lambda _t, pos: pos in starts, lang)
    covered: list[tuple[int, int]] = []
    for entry in entries:
        _entry_claims(doc, entry)
        covered.append((entry.start, entry.end))
    _running_claims(doc, covered)
    return doc.out


def _emit(doc: _Doc, sent: tuple[int, int], extractor: str, predicate: str, value: str,
          mention: str, span: tuple[int, int], confidence: float, group: str,
          date: str | None = None, **detail: object) -> None:
    doc.out.append(Found(
        predicate=predicate, value=value, start=sent[0], end=sent[1], extractor=extractor,
        confidence=confidence, mention=mention, date=date, group=group,
        detail={"span": list(span), **{k: v for k, v in detail.items() if v is not None}},
    ))


def _entry_claims(doc: _Doc, entry: listing.Entry) -> None:
    head = doc.names[bisect_left(doc._name_starts, entry.start)]
    person = head.name
    group = f"entry:{entry.start}"
    first = doc.sentence_at(entry.start)
    _emit(doc, first, LIST_ENTRY, "name", display_name(person), person, (head.start, head.end),
          0.95, group, form="full", role=head.role)
    if entry.kind == "political_prisoners":
        _emit(doc, first, LIST_ENTRY, "listed", entry.status or "unknown", person,
              (entry.start, entry.first_line_end), 0.9, group, number=entry.number,
              category=entry.category, list_title=entry.list_title)
    elif entry.kind == "sanctions":
        _emit(doc, first, LIST_ENTRY, "event", "sanctions_recommended", person,
              (entry.start, entry.first_line_end), 0.85, group, list_title=entry.list_title)
    for alias, lang, span in _aliases(doc, entry):
        _emit(doc, first, LIST_ENTRY, "name", alias, person, span, 0.9, group, form="alias",
              lang=lang)
    born = _birth(doc, entry)
    if born is not None:
        _emit(doc, doc.sentence_at(born.start), LIST_ENTRY, "birth_date", born.value, person,
              (born.start, born.end), 0.9, group)
    for ctry, span in doc.citizenship:
        if entry.start <= span[0] < entry.end:
            _emit(doc, doc.sentence_at(span[0]), LIST_ENTRY, "citizenship", ctry, person, span,
                  0.85, group)
    _facts(doc, entry.start, entry.end, LIST_ENTRY, group, default_person=person, conf=0.9)


def _running_claims(doc: _Doc, covered: list[tuple[int, int]]) -> None:
    covered.sort()
    covered_starts = [cs for cs, _ in covered]
    previous: str | None = None  # the one person the previous sentence named
    pronoun = _pronouns(doc.lang)
    for start, end in doc.sentences:
        k = bisect_right(covered_starts, start) - 1
        if (k >= 0 and covered[k][1] > start) or (
                k + 1 < len(covered) and covered[k + 1][0] < end):
            previous = None
            continue
        group = f"sentence:{start}"
        names = doc.names_in(start, end)
        for n in names:
            if n.form == "full":
                _emit(doc, (start, end), RUNNING_TEXT, "name", display_name(n.name), n.name,
                      (n.start, n.end), 0.8, group, form="full", role=n.role)
        refers_back = not names and pronoun.search(doc.text, start, end) is not None
        _facts(doc, start, end, RUNNING_TEXT, group,
               default_person=previous if refers_back else None, conf=0.7)
        people = {doc.resolve(n) for n in names} - {None}
        previous = people.pop() if len(people) == 1 else (previous if refers_back else None)


@cache
def _pronouns(lang: str) -> re.Pattern[str]:
    try:
        words = vocab.load(f"lang/{lang}/reference.yml")["pronouns"]
    except FileNotFoundError:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


def _facts(doc: _Doc, start: int, end: int, extractor: str, group: str,
           default_person: str | None, conf: float) -> None:
    """Charges, terms and events in [start, end), each given to the person it is about."""
    for s_start, s_end in doc.sentence_range(start, end):
        sent = (s_start, s_end)
        chunk = doc.text[s_start:s_end]
        dates = doc.dates.within(s_start, s_end)
        if any(d.value.startswith(str(CONTEXT_YEAR)) for d in dates):
            year = doc.year_before(s_start)
            dates = [_shift(d, s_start) for d in find_dates(chunk, doc.lang, default_year=year)]
        names = doc.names_in(s_start, s_end)

        def subject(pos: int, names: list[NameMatch] = names) -> str | None:
            before = [n for n in names if n.end <= pos]
            if not before:
                return default_person
            if before[-1].form != "full" and _same_person(before[-1], default_person):
                return default_person
            return doc.resolve(before[-1])

        for a in doc.articles.within(s_start, s_end):
            who = subject(a.start)
            if a.dropped or a.code != "criminal" or who is None:
                continue
            _emit(doc, sent, extractor, "charged_under", a.article, who, (a.start, a.end),
                  conf, group, part=a.part)
        for t in doc.terms.within(s_start, s_end):
            who = subject(t.start)
            if who is None or t.kind == "potential":
                continue
            _emit(doc, sent, extractor, "sentenced_to", _num(t.months), who, (t.start, t.end),
                  conf, group, kind=t.kind, days=t.days)
        for ev in doc.events.within(s_start, s_end):
            who = subject(ev.start)
            if who is None:
                continue
            date = _nearest(dates, ev.start, ev.end)
            _emit(doc, sent, extractor, "event", ev.type, who, (ev.start, ev.end),
                  conf - 0.1, group, date=date.value if date else None,
                  date_qualifier=date.qualifier if date else None, **ev.detail)


def _same_person(name: NameMatch, full: str | None) -> bool:
    return full is not None and family_key(name.name) == family_key(full)


def _shift(d: DateMatch, by: int) -> DateMatch:
    return DateMatch(d.start + by, d.end + by, d.value, d.qualifier)


def _nearest(dates: list[DateMatch], start: int, end: int) -> DateMatch | None:
    """The date closest to a trigger phrase; a date right after it ("detained on 5 May") wins
    over one as far before it."""
    def distance(d: DateMatch) -> int:
        return d.start - end if d.start >= end else (start - d.end) + 10
    return min(dates, key=distance, default=None)


def _num(months: float) -> str:
    return str(int(months)) if float(months).is_integer() else f"{months:g}"


@cache
def _entry_vocab(lang: str) -> tuple[dict[str, str | None], re.Pattern[str], re.Pattern[str]]:
    data = vocab.load(f"lang/{lang}/listing.yml")
    labels = data.get("alias_labels") or {}
    alias = re.compile(r"\((" + "|".join(map(re.escape, labels)) + r")\s*:\s*([^()]{2,120})\)",
                       re.IGNORECASE)
    words = sorted(data.get("birth") or ["(?!)"], key=len, reverse=True)
    birth = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")\s*$", re.IGNORECASE)
    return {k.casefold(): v for k, v in labels.items()}, alias, birth


def _aliases(doc: _Doc, entry: listing.Entry) -> list[tuple[str, str | None, tuple[int, int]]]:
    """Other forms of the entry's name given in its first line: "(Kazakh: ...)"."""
    labels, alias, _ = _entry_vocab(doc.lang)
    return [(m.group(2).strip(), labels.get(m.group(1).casefold()), m.span(2))
            for m in alias.finditer(doc.text, entry.start, entry.first_line_end)]


def _birth(doc: _Doc, entry: listing.Entry) -> DateMatch | None:
    """The day-precise date right after "born" in the entry's first line."""
    _, _, birth = _entry_vocab(doc.lang)
    for d in doc.dates.within(entry.start, entry.first_line_end):
        if len(d.value) == 10 and birth.search(doc.text, max(entry.start, d.start - 20), d.start):
            return d
    return None

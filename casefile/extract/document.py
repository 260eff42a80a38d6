"""From a document's text to claims about persons.

Two passes share the recognisers (dates, terms, articles, events, names):
- list entries (`list-entry`): every fact in an entry belongs to the person who opens it,
  unless a sentence names someone else closer to the fact;
- running text (`running-text`): facts belong to the nearest person named before them in the
  sentence, a family name alone refers back to the full name used earlier in the document.
Every claim quotes the sentence it comes from; `detail["span"]` is the exact match inside it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

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
CUSTODY_TERMS = {"imprisonment", "restriction_of_liberty", "suspended", "house_arrest"}


@dataclass
class _Doc:
    text: str
    lang: str
    sentences: list[tuple[int, int]]
    names: list[NameMatch]
    out: list[Found] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sentence_starts = [s for s, _ in self.sentences]
        self._name_starts = [n.start for n in self.names]
        self._full: dict[str, list[NameMatch]] = {}
        for n in self.names:
            if n.form == "full":
                self._full.setdefault(family_key(n.name), []).append(n)

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
    names = find_names(text, lang)
    known = {family_key(n.name) for n in names if n.form == "full"}
    if known:
        names = find_names(text, lang, known=known)
    doc = _Doc(text, lang, split_sentences(text), names)
    starts = {n.start for n in names if n.form == "full"}
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
    head = next(n for n in doc.names if n.start == entry.start)
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
    for ctry, span in find_citizenship(doc.text[entry.start:entry.end], doc.lang):
        _emit(doc, doc.sentence_at(entry.start + span[0]), LIST_ENTRY, "citizenship", ctry,
              person, (entry.start + span[0], entry.start + span[1]), 0.85, group)
    _facts(doc, entry.start, entry.end, LIST_ENTRY, group, default_person=person, conf=0.9)


def _running_claims(doc: _Doc, covered: list[tuple[int, int]]) -> None:
    for start, end in doc.sentences:
        if any(start < ce and cs < end for cs, ce in covered):
            continue
        group = f"sentence:{start}"
        for n in doc.names_in(start, end):
            if n.form == "full":
                _emit(doc, (start, end), RUNNING_TEXT, "name", display_name(n.name), n.name,
                      (n.start, n.end), 0.8, group, form="full", role=n.role)
        _facts(doc, start, end, RUNNING_TEXT, group, default_person=None, conf=0.7)


def _facts(doc: _Doc, start: int, end: int, extractor: str, group: str,
           default_person: str | None, conf: float) -> None:
    """Charges, terms and events in [start, end), each given to the person it is about."""
    year: int | None = None
    for s_start, s_end in doc.sentences:
        if s_end <= start or s_start >= end:
            continue
        s_start, s_end = max(s_start, start), min(s_end, end)
        sent = (s_start, s_end)
        chunk = doc.text[s_start:s_end]
        dates = [_shift(d, s_start) for d in find_dates(chunk, doc.lang, default_year=year)]
        for d in dates:
            if len(d.value) >= 4 and d.qualifier is None:
                year = int(d.value[:4])
        names = doc.names_in(s_start, s_end)

        def subject(pos: int, names: list[NameMatch] = names) -> str | None:
            before = [n for n in names if n.end <= pos]
            if not before:
                return default_person
            if before[-1].form != "full" and _same_person(before[-1], default_person):
                return default_person
            return doc.resolve(before[-1])

        for a in find_articles(chunk, doc.lang):
            who = subject(s_start + a.start)
            if a.dropped or a.code != "criminal" or who is None:
                continue
            _emit(doc, sent, extractor, "charged_under", a.article, who,
                  (s_start + a.start, s_start + a.end), conf, group, part=a.part)
        for t in find_terms(chunk, doc.lang):
            who = subject(s_start + t.start)
            if who is None or t.kind == "potential":
                continue
            _emit(doc, sent, extractor, "sentenced_to", _num(t.months), who,
                  (s_start + t.start, s_start + t.end), conf, group, kind=t.kind, days=t.days)
        for ev in find_events(chunk, doc.lang):
            pos = s_start + ev.start
            who = subject(pos)
            if who is None:
                continue
            date = _nearest(dates, pos, s_start + ev.end)
            _emit(doc, sent, extractor, "event", ev.type, who, (pos, s_start + ev.end),
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

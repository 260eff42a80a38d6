"""From a document's text to claims about persons.

The pipeline, per run of paragraphs in one language (casefile.extract.language):
1. recognisers find spans of one kind: sentences, names, runs of names, dates (read against
   the document's date), terms, articles, events;
2. the layout (casefile.extract.layout) places persons in lists and entries, with the status
   the cues around them state;
3. each mention gets a function (official, lawyer, relative) from the role words around it
   (casefile.extract.roles);
4. every event, term and charge goes to the persons it is about (casefile.extract.subjects);
5. claims are emitted: names, roles, list membership (`listed`, only under a list of political
   prisoners or of the persecuted), charges, terms and events, each quoting its sentence with
   `detail["span"]` the exact match; one event said twice in one source is one claim quoting
   both places (`detail["also"]`); case details (court, judge, place of detention ...:
   casefile.extract.details) go to the victims their sentence is about (`case_detail`);
6. counts of people and mass events (casefile.extract.figures) are claims about no person
   (`figure`, `mass_event`).
A list entry whose person cannot be read (casefile.extract.layout.Unreadable) credits nothing to
anyone: its list place and the facts no name in it governs are emitted without a mention,
with `detail["review"]` saying why, so the registry holds them for an editor.
A term implies the sentence that imposed it when no event in its sentence says so ("got two
years of restriction of liberty"), and a conviction whose term is not custodial is recorded as
that sentence ("sentenced to a year of restriction of liberty" is restriction of liberty).
Extractors are named with a version: `list-entry@2` for facts read from an entry or list line,
`running-text@2` for prose.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any, Generic, TypeVar

from casefile import vocab
from casefile.extract import language, roles
from casefile.extract.articles import find_articles
from casefile.extract.biography import (
    about_another,
    find_births,
    find_offices,
    gap,
    has_pronoun,
    links,
    opens_title,
    subject_dropped,
)
from casefile.extract.cues import State, find_states
from casefile.extract.dates import document_date, find_dates
from casefile.extract.details import DetailMatch, find_details
from casefile.extract.enumerations import find_enumerations
from casefile.extract.events import find_events
from casefile.extract.figures import find_figures
from casefile.extract.layout import Entry, Layout, Unreadable, read_layout
from casefile.extract.persons import find_names
from casefile.extract.places import find_citizenship
from casefile.extract.sentences import split_sentences
from casefile.extract.subjects import Fact, Subjects
from casefile.extract.terms import find_terms
from casefile.extract.types import ArticleMatch, DateMatch, EventMatch, Found, NameMatch, TermMatch
from casefile.names.display import display_name, family_key, person_name
from casefile.names.keys import match_key

LIST_ENTRY = "list-entry@2"
RUNNING_TEXT = "running-text@2"
FIGURES = "figures@1"
CONTEXT_YEAR = 1904  # a leap year, so "29 February" stays valid
LISTED_KINDS = ("political_prisoners", "persecuted")
# What a text says happened to the persecuted (a sanctioned official gets none of it).
PERSECUTION = frozenset({"listed", "event", "charged_under", "sentenced_to"})
# The sentence a term implies when its own sentence states none, by the term's kind.
# The event a term implies when its sentence states none, by the term's kind; a sentence that
# is not served in custody is a conviction with `sentence` naming it (casefile.assess.status
# gives the person that status, not custody).
IMPLIED = {"imprisonment": "convicted", "restriction_of_liberty": "convicted",
           "suspended": "convicted", "house_arrest": "house_arrest",
           "pretrial_term": "pretrial_detention", "administrative_arrest": "administrative_arrest"}
NON_CUSTODIAL = {"restriction_of_liberty": "restriction_of_liberty",
                 "suspended": "suspended_sentence"}
SENTENCES = {"convicted", "restriction_of_liberty", "suspended_sentence"}
# Why a claim goes to an editor whatever the source's trust (detail["review"]).
UNREADABLE = "list entry without a readable name"
T = TypeVar("T")
S = TypeVar("S", Entry, Unreadable)


@dataclass
class _Doc:
    """One run of text in one language, with every recogniser's output."""

    text: str
    lang: str
    anchor: str | None
    published: str | None = None  # the date given with the text (editor, listing), if any
    sentences: list[tuple[int, int]] = field(init=False)
    names: list[NameMatch] = field(init=False)

    def __post_init__(self) -> None:
        text, lang = self.text, self.lang
        self.sentences = split_sentences(text, lang)
        self.names = find_names(text, lang)
        self.runs = find_enumerations(text, self.names, lang)
        self.functions = [roles.function(text, n, lang) for n in self.names]
        self.layout: Layout = read_layout(text, lang, self.names, self.runs, self.sentences,
                                          self.functions)
        self.articles = find_articles(text, lang, self.sentences)
        self.terms = find_terms(text, lang)
        self.events = find_events(text, lang)
        self.states = find_states(text, lang)
        self.citizenship = find_citizenship(text, lang)
        self.details = find_details(text, lang, self.names)
        self.dates = find_dates(text, lang, default_year=CONTEXT_YEAR, anchor=self.anchor)
        self._year_at = [(d.start, int(d.value[:4])) for d in self.dates
                         if d.qualifier is None and not d.value.startswith(str(CONTEXT_YEAR))]
        self._year_starts = [p for p, _ in self._year_at]
        self.known_dates = [d for d in self.dates if not d.value.startswith(str(CONTEXT_YEAR))]
        self.date_starts = [d.start for d in self.known_dates]
        self.offices = find_offices(text, lang, self.names, self.known_dates)
        self.births = find_births(text, lang, self.known_dates)
        self._sentence_starts = [s for s, _ in self.sentences]
        self._full: dict[str, list[NameMatch]] = {}
        for n in self.names:
            if n.form == "full":
                self._full.setdefault(family_key(n.name), []).append(n)
        self._full_starts = {k: [n.start for n in v] for k, v in self._full.items()}
        self._by_given: dict[str, list[str]] = {}
        for n in self.names:
            if n.form == "full":
                self._by_given.setdefault(n.name.split()[0].casefold(), []).append(n.name)

    def year_before(self, pos: int) -> int | None:
        """The year of the last full date stated before `pos` in its paragraph: context for
        "in early May"."""
        i = bisect_left(self._year_starts, pos) - 1
        if i < 0:
            return None
        start, year = self._year_at[i]
        return year if "\n\n" not in self.text[start:pos] else None

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[max(i, 0)]

    def resolve(self, name: NameMatch) -> str | None:
        """The full name a mention stands for: the closest full mention with that family name
        before it (or, failing that, the first after it). A given name alone stands for the
        one person of the document with that given name; "Family I." for the full name whose
        given name has that initial, or for itself. None when nothing fits."""
        if name.form == "full":
            return name.name
        if name.form == "given":
            people = self._by_given.get(name.name.casefold(), [])
            return people[0] if len({family_key(p) for p in people}) == 1 else None
        key = family_key(name.name)
        candidates = self._full.get(key)
        if name.form == "initials":
            letter = _initial(name.name)
            candidates = [c for c in candidates or [] if c.name[:1].casefold() == letter]
            return candidates[0].name if candidates else name.name
        if not candidates:
            return None
        i = bisect_left(self._full_starts[key], name.start)
        return candidates[i - 1 if i else 0].name


def extract(text: str, lang: str = "en", published: str | None = None) -> list[Found]:
    """All claims the default extractors find in `text`. `lang` is the document's language;
    paragraphs in another supported language are read in theirs. `published` (ISO prefix)
    anchors dates stated without a year; without it the document's own date line is used."""
    out: list[Found] = []
    for start, end, run_lang in language.runs(text, lang):
        if run_lang not in language.EXTRACTED:
            continue
        chunk = text[start:end]
        anchor = published or _own_date(chunk, run_lang)
        found = _Reader(_Doc(chunk, run_lang, anchor, published)).read()
        out.extend(_shift(f, start) for f in found) if start else out.extend(found)
    return out


@cache
def _as_of_publication() -> frozenset[str]:
    """Event types that, told without a date, hold as of the publication date given with
    the text (`as_of: publication` in data/event-types.yml)."""
    return frozenset(k for k, v in vocab.event_types().items()
                     if v.get("as_of") == "publication")


def _own_date(text: str, lang: str) -> str | None:
    found = document_date(text, lang)
    return found.value if found is not None else None


def _shift(f: Found, by: int) -> Found:
    detail = dict(f.detail)
    for key in ("span", "also"):
        if key in detail:
            detail[key] = _shifted(detail[key], by)
    return replace(f, start=f.start + by, end=f.end + by, detail=detail,
                   group=f.group and f"{f.group}+{by}")


def _shifted(value: list, by: int) -> list:
    if value and isinstance(value[0], list):
        return [[a + by, b + by] for a, b in value]
    return [value[0] + by, value[1] + by]


class _Reader:
    """Turns one _Doc into claims."""

    def __init__(self, doc: _Doc) -> None:
        self.doc = doc
        self.out: list[Found] = []
        self.facts_of: set[int] = set()  # names (indexes) that have a fact
        self.placed: set[int] = set()  # names a list places
        # persons a sanctions list names: officials held responsible, never victims here
        self.sanctioned: set[str] = set()
        self.sanctioned_keys: set[str] = set()  # their names without patronymic, as keys
        self.alias_spans: list[tuple[int, int]] = []  # "(Kazakh: ...)": another form, not a person
        self.alias_of: dict[str, str] = {}  # an alias as written -> the entry's person
        self.pending: list[Found] = []  # case details, kept for the persons facts make victims
        self.case_articles: list[tuple[ArticleMatch, tuple[int, int]]] = []
        self.entry_starts = [e.start for e in doc.layout.entries]
        self.unreadable_starts = [u.start for u in doc.layout.unreadable]

    def read(self) -> list[Found]:
        doc = self.doc
        for member in doc.layout.members:
            self._member(member)
        for entry in doc.layout.entries:
            self._entry_details(entry)
        for unreadable in doc.layout.unreadable:
            self._unreadable(unreadable)
        self._facts()
        victims = {self.person(k) for k in self.facts_of | self.placed}
        self.out += [f for f in self.pending if f.mention in victims]
        self._biography()
        self._names_and_roles()
        if self.sanctioned:  # what the text says of the persecuted is not about them
            self.out = [f for f in self.out if not self.is_sanctioned(f.mention)
                        or f.predicate not in PERSECUTION
                        or (f.predicate == "event" and f.value == "sanctions_recommended")]
        # In text order: the registry names a new person after the first mention it meets.
        self.out.sort(key=lambda f: (f.detail["span"][0], f.start))
        return _merge_events(self.out) + self._figures()

    def _figures(self) -> list[Found]:
        """Counts of people and mass events (casefile.extract.figures): claims about no
        person, quoting their sentence, for editors to accept like any other."""
        doc, out = self.doc, []
        for f in find_figures(doc.text, doc.lang, doc.sentences, doc.known_dates):
            sent = doc.sentence_at(f.start)
            detail = {"span": [f.start, f.end], "count": f.count, "qualifier": f.qualifier,
                      "who": f.who, "who_name": f.who_name, "as_of": f.as_of or None,
                      "event": f.event, "event_key": f.event_key}
            out.append(Found(
                predicate=f.kind, value=f.measure, start=min(sent[0], f.start),
                end=max(sent[1], f.end), extractor=FIGURES, confidence=0.8, date=f.date,
                detail={k: v for k, v in detail.items() if v is not None}))
        return out

    # -- emitting ---------------------------------------------------------------------------
    def emit(self, sent: tuple[int, int], extractor: str, predicate: str, value: str,
             mention: str | None, span: tuple[int, int], confidence: float, group: str,
             date: str | None = None, **detail: object) -> None:
        # The quote is the sentence, stretched over a match that runs past its end.
        sent = (min(sent[0], span[0]), max(sent[1], span[1]))
        self.out.append(Found(
            predicate=predicate, value=value, start=sent[0], end=sent[1], extractor=extractor,
            confidence=confidence, mention=mention, date=date, group=group,
            detail={"span": list(span), **{k: v for k, v in detail.items() if v is not None}}))

    def is_sanctioned(self, person: str | None) -> bool:
        """Whether `person` is one a sanctions list names, however the rest of the document
        writes the name ("Kasym-Jomart Tokayev" for the entry's "Kassym-Jomart Tokayev",
        "Timur Kulibayev" for "Kulibayev, Timur Askaruly")."""
        return person is not None and bool(self.sanctioned) and (
            person in self.sanctioned or match_key(person_name(person)) in self.sanctioned_keys)

    def person(self, k: int) -> str | None:
        """The person a mention stands for; "Tokayev" after "(Cyrillic: Касым-Жомарт ...
        Токаев)" is the entry's person, not its alias."""
        found = self.doc.resolve(self.doc.names[k])
        return self.alias_of.get(found, found) if found and self.alias_of else found

    # -- lists ------------------------------------------------------------------------------
    def _member(self, m) -> None:
        doc = self.doc
        person = self.person(m.name)
        if person is None:
            return
        if m.kind == "sanctions":
            self.sanctioned.add(person)
            self.sanctioned_keys.add(match_key(person_name(person)))
        else:
            self.placed.add(m.name)
        sent = doc.sentence_at(doc.names[m.name].start)
        group = self.group_of(doc.names[m.name].start)
        if m.kind not in LISTED_KINDS and m.kind != "sanctions":
            if m.status is not None and m.status.stated:  # a cue outside a list still says it
                self.emit(sent, LIST_ENTRY, "event", "status_reported", person, m.quote, 0.8,
                          group, status=m.status.value)
            return
        if m.kind == "sanctions":
            self.emit(sent, LIST_ENTRY, "event", "sanctions_recommended", person, m.quote, 0.85,
                      group, list_title=m.list_title)
            return
        status = m.status.value if m.status else "unknown"
        self.emit((min(sent[0], m.quote[0]), max(sent[1], m.quote[1])), LIST_ENTRY, "listed",
                  status, person, m.quote, 0.9, group, number=m.number, category=m.category,
                  list_title=m.list_title, list_kind=m.kind,
                  status_stated=None if m.status and m.status.stated else False)

    def _unreadable(self, u: Unreadable) -> None:
        """A place on a list of political prisoners whose person cannot be read: recorded,
        for an editor to tie to a person."""
        if u.kind not in LISTED_KINDS:
            return
        line_end = self.doc.text.find("\n", u.start)
        quote = (u.start, u.end if line_end < 0 else min(u.end, line_end))
        self.emit(quote, LIST_ENTRY, "listed", u.status.value if u.status else "unknown", None,
                  quote, 0.5, f"unreadable:{u.start}", number=u.number,
                  list_title=u.list_title, list_kind=u.kind, review=UNREADABLE)

    def group_of(self, pos: int) -> str:
        entry = self.entry_at(pos)
        if entry is not None:
            return f"entry:{entry.start}"
        return f"sentence:{self.doc.sentence_at(pos)[0]}"

    def entry_at(self, pos: int) -> Entry | None:
        """The entry `pos` falls in; a position in a list number ("2. ") counts for the
        entry it opens."""
        return self._at(pos, self.entry_starts, self.doc.layout.entries)

    def unreadable_at(self, pos: int) -> Unreadable | None:
        """The unreadable entry `pos` falls in (its list number counts, as for entries)."""
        return self._at(pos, self.unreadable_starts, self.doc.layout.unreadable)

    def _at(self, pos: int, starts: list[int], spans: list[S]) -> S | None:
        line_end = self.doc.text.find("\n", pos)
        ahead = min(pos + 8, line_end if line_end >= 0 else len(self.doc.text))
        i = bisect_right(starts, ahead) - 1
        return spans[i] if i >= 0 and spans[i].end >= pos else None

    def _entry_details(self, entry: Entry) -> None:
        """Other forms of the entry's name, a birth date and citizenship from its text."""
        doc = self.doc
        person = self.person(entry.name)
        if person is None:
            return
        group = f"entry:{entry.start}"
        first = doc.sentence_at(entry.start)
        for alias, lang, span in _aliases(doc, entry):
            self.alias_spans.append(span)
            self.alias_of[alias] = person
            self.emit(first, LIST_ENTRY, "name", alias, person, span, 0.9, group, form="alias",
                      lang=lang)
        born = _birth(doc, entry)
        if born is not None:
            self.emit(doc.sentence_at(born.start), LIST_ENTRY, "birth_date", born.value, person,
                      (born.start, born.end), 0.9, group)
        for ctry, span in doc.citizenship:
            if entry.start <= span[0] < entry.end:
                self.emit(doc.sentence_at(span[0]), LIST_ENTRY, "citizenship", ctry, person,
                          span, 0.85, group)

    # -- facts ------------------------------------------------------------------------------
    def _facts(self) -> None:
        doc = self.doc
        subjects = Subjects(doc.text, doc.lang, doc.names, doc.runs, doc.functions)
        arts = _Spans(doc.articles)
        terms = _Spans(doc.terms)
        events = _Spans(doc.events)
        states = _Spans(doc.states)
        dates = _Spans(doc.dates)
        details = _Spans(doc.details)
        profile = doc.layout.entries[0] if doc.layout.profile and doc.layout.entries else None
        lead_list = sorted((a, b, names) for (a, b), names in doc.layout.leads.items())
        lead_starts = [a for a, _, _ in lead_list]
        for s, e in doc.sentences:
            sent_arts = [a for a in arts.within(s, e) if not a.dropped and a.code == "criminal"]
            sent_terms = [t for t in terms.within(s, e) if t.kind not in ("potential", "remaining")]
            sent_events = events.within(s, e)
            sent_states = states.within(s, e)
            sent_details = details.within(s, e)
            if not (sent_arts or sent_terms or sent_events or sent_states):
                # Nothing to assign, but the persons named here are who "she" or "they"
                # in the next sentence refer to.
                entry = self.entry_at(s) or profile
                subjects.sentence(s, e, [], [entry.name] if entry is not None else [])
                if sent_details:  # "He is held in SIZO No. 1": about whom the text is
                    self._details((s, e), sent_details, list(subjects.previous),
                                  entry is not None, with_facts=False)
                continue
            facts: dict[Fact, object] = {}
            for ev in sent_events:
                facts[Fact("event", ev.start, ev.end)] = ev
            for st in sent_states:
                if not any(ev.start < st.end and st.start < ev.end for ev in sent_events):
                    facts[Fact("state", st.start, st.end)] = st
            for t in sent_terms:
                facts[Fact("term", t.start, t.end)] = t
            for a in sent_arts:
                facts[Fact("article", a.start, a.end)] = a
            order = sorted(facts, key=lambda f: f.start)
            unreadable = self.unreadable_at(s)
            entry = self.entry_at(s) or (profile if unreadable is None else None)
            default = [entry.name] if entry is not None else []
            i = bisect_left(lead_starts, e)  # the leads that start before the sentence ends,
            leads = [x for x in lead_list[max(0, i - 8):i] if s < x[1]]  # the nearest few
            who = subjects.sentence(s, e, order, default, leads)
            sent_dates = self._dates(s, e, dates)
            if unreadable is not None:
                self._flag_facts((s, e), order, facts, who, sent_dates, unreadable)
            after = self._date_before(s, entry.start if entry is not None else None)
            self._sentence_facts((s, e), order, facts, who, sent_dates, entry is not None, after)
            if sent_details:  # the court, judge, place ... of what happened to them
                about = [k for f in order if f.kind == "event" for k in who.get(f, [])] \
                    or [k for f in order for k in who.get(f, [])]
                self._details((s, e), sent_details, about or list(subjects.previous),
                              entry is not None, with_facts=True)
            if _case_words(doc.lang).search(doc.text, s, e):
                self.case_articles += [(a, (s, e)) for a in sent_arts
                                       if not who.get(Fact("article", a.start, a.end))]
        self._case_level()

    def _case_level(self) -> None:
        """A story about one case that names its article without naming anyone ("The Case of 14
        is a criminal case under article 342", "Дело возбуждено по статье 405") charges every
        defendant the story names. Only where the document is one story (no list, no
        entries) and names few enough persons to be one case's defendants."""
        doc = self.doc
        defendants = {p for k in self.facts_of if (p := self.person(k)) is not None}
        if not self.case_articles or doc.layout.entries or doc.layout.members \
                or not 0 < len(defendants) <= MAX_DEFENDANTS:
            return
        for a, sent in self.case_articles:
            for person in sorted(defendants):
                self.emit(sent, RUNNING_TEXT, "charged_under", a.article, person,
                          (a.start, a.end), 0.6, f"sentence:{sent[0]}", part=a.part,
                          case_level=True)

    def _date_before(self, pos: int, floor: int | None) -> str | None:
        """The last date stated before `pos` in its entry (or its paragraph): an undated event
        told after it happened on or after it, as narratives go."""
        doc = self.doc
        if floor is None:
            floor = doc.text.rfind("\n", 0, pos) + 1
        i = bisect_left(doc.date_starts, pos) - 1
        while i >= 0 and doc.known_dates[i].start >= floor:
            d = doc.known_dates[i]
            if d.qualifier != "citation":
                return d.end_value or d.value
            i -= 1
        return None

    def _dates(self, s: int, e: int, dates: _Spans[DateMatch]) -> list[DateMatch]:
        doc = self.doc
        found = dates.within(s, e)
        if any(d.value.startswith(str(CONTEXT_YEAR)) for d in found):
            year = doc.year_before(s)
            chunk = doc.text[s:e]
            found = [DateMatch(d.start + s, d.end + s, d.value, d.qualifier, d.end_value)
                     for d in find_dates(chunk, doc.lang, default_year=year, anchor=doc.anchor)
                     if not d.value.startswith(str(CONTEXT_YEAR))]
        return found

    def _sentence_facts(self, sent: tuple[int, int], order: list[Fact], facts: dict,
                        who: dict[Fact, list[int]], dates: list[DateMatch],
                        in_entry: bool, after: str | None) -> None:
        extractor = LIST_ENTRY if in_entry else RUNNING_TEXT
        conf = 0.9 if in_entry else 0.7
        group = self.group_of(sent[0])
        clauses = _clauses(self.doc.text, sent)
        sentenced: dict[str, list[EventMatch]] = {}
        terms_of: dict[str, list[TermMatch]] = {}
        for fact in order:
            match = facts[fact]
            for k in who.get(fact, []):
                person = self.person(k)
                if person is None:
                    continue
                self.facts_of.add(k)
                if isinstance(match, ArticleMatch):
                    self.emit(sent, extractor, "charged_under", match.article, person,
                              (match.start, match.end), conf, group, part=match.part)
                elif isinstance(match, TermMatch):
                    self.emit(sent, extractor, "sentenced_to", _num(match.months), person,
                              (match.start, match.end), conf, group, kind=match.kind,
                              days=match.days)
                    terms_of.setdefault(person, []).append(match)
                elif isinstance(match, State):
                    self.emit(sent, extractor, "event", "status_reported", person,
                              (match.start, match.end), conf - 0.1, group, status=match.status)
                else:
                    sentenced.setdefault(person, []).append(match)
        at_moment = after if after and _same_moment(self.doc.lang).match(
            self.doc.text, sent[0], sent[1]) else None
        for person, evs in sentenced.items():
            sentence = _sentence(terms_of.get(person, []))
            for ev in evs:
                clause = _clause(clauses, ev.start)
                date = _nearest(self.doc.text, dates, ev.start, ev.end, clause)
                if date is None and at_moment:  # "Upon arrival in Kazakhstan, he was arrested"
                    date = DateMatch(sent[0], sent[0], at_moment, "inferred")
                if date is None and self.doc.published and ev.type in _as_of_publication():
                    date = DateMatch(sent[0], sent[0], self.doc.published, "publication")
                detail = {**ev.detail, "sentence": sentence if ev.type == "convicted" else None}
                # "On 05.10.2012 and 02.01.2013, the court refused ...": one event a date
                listed: list[DateMatch | None] = list(
                    _date_list(self.doc.text, dates, date, ev.start))
                for d in listed or [date]:
                    self.emit(sent, extractor, "event", ev.type, person, (ev.start, ev.end),
                              conf - 0.1, group, date=d.value if d else None,
                              date_qualifier=d.qualifier if d else None,
                              after=None if d else after, dates_listed=len(listed) or None,
                              **detail)
        for person, terms in terms_of.items():
            stated = {ev.type for ev in sentenced.get(person, [])}
            if stated & SENTENCES:
                continue  # the sentence is stated: "sentenced to a year of restriction"
            for t in terms:
                implied = IMPLIED.get(t.kind)
                if implied is None or implied in stated:
                    continue
                stated.add(implied)
                # Undated: the dates near a bare term are seldom the verdict's ("where he
                # worked as director in 2015-17").
                self.emit(sent, extractor, "event", implied, person, (t.start, t.end),
                          conf - 0.15, group, implied_by="term", after=after,
                          sentence=NON_CUSTODIAL.get(t.kind) if implied == "convicted" else None)

    def _details(self, sent: tuple[int, int], found: list[DetailMatch], about: list[int],
                 in_entry: bool, with_facts: bool) -> None:
        """Case details, each for the persons the sentence is about (never for an official,
        lawyer or relative, nor for the person the detail names): claims `case_detail` with
        `detail["field"]`, for victims only: they make no one a victim, only persecution
        facts do (casefile.extract.roles). A region counts only in a sentence that states a
        fact of the case ("detained in Almaty region") or in a list entry: elsewhere it is
        where someone works or lives."""
        extractor = LIST_ENTRY if in_entry else RUNNING_TEXT
        conf = 0.8 if in_entry else 0.6
        group = self.group_of(sent[0])
        emitted = len(self.out)
        named = {d.name for d in found if d.name is not None}
        whom = list(dict.fromkeys(
            p for k in about if k not in named and self.doc.functions[k] is None
            and (p := self.person(k)) is not None))
        for d in found:
            if d.field == "region" and not (with_facts or in_entry):
                continue
            value, official = d.value, None
            if d.name is not None:
                official = self.person(d.name)
                if official is None:
                    continue
                value = _display(official)
            for person in whom:
                if person == official:
                    continue
                self.emit(sent, extractor, "case_detail", value, person, (d.start, d.end),
                          conf, group, field=d.field, region=d.region, official=official)
        # Held back until the document is read: only whom a fact makes a victim gets them.
        self.pending += self.out[emitted:]
        del self.out[emitted:]

    def _flag_facts(self, sent: tuple[int, int], order: list[Fact], facts: dict,
                    who: dict[Fact, list[int]], dates: list[DateMatch], u: Unreadable) -> None:
        """The facts of an unreadable entry that no name in it governs: kept without a
        person, for an editor."""
        group = f"unreadable:{u.start}"
        clauses = _clauses(self.doc.text, sent)
        for fact in order:
            if who.get(fact):
                continue
            match = facts[fact]
            span = (match.start, match.end)
            if isinstance(match, ArticleMatch):
                self.emit(sent, LIST_ENTRY, "charged_under", match.article, None, span, 0.5,
                          group, part=match.part, review=UNREADABLE)
            elif isinstance(match, TermMatch):
                self.emit(sent, LIST_ENTRY, "sentenced_to", _num(match.months), None, span,
                          0.5, group, kind=match.kind, days=match.days, review=UNREADABLE)
            elif isinstance(match, State):
                self.emit(sent, LIST_ENTRY, "event", "status_reported", None, span, 0.5, group,
                          status=match.status, review=UNREADABLE)
            else:
                date = _nearest(self.doc.text, dates, match.start, match.end,
                                _clause(clauses, match.start))
                self.emit(sent, LIST_ENTRY, "event", match.type, None, span, 0.5, group,
                          date=date.value if date else None, review=UNREADABLE,
                          **match.detail)

    # -- offices and birth dates ------------------------------------------------------------
    def _biography(self) -> None:
        """Offices held (`position`: the title as written, detail organisation, country,
        start, end) and birth dates stated in running text, each for the person the words
        around it say it is about (casefile.extract.biography): a name right after the title
        ("Deputy Minister Roman Vasilenko"), the name before it joined by a link ("X has been
        serving as the", "X, since 2021,"), the office before it in the same sentence ("...
        and as the mayor of Almaty"), or the person named last for "he" or a sentence with no
        subject ("С 2019 года занимает пост ..."). An office no one is said to hold is no
        claim: "The President of Kazakhstan is responsible" names no holder."""
        doc = self.doc
        starts = [n.start for n in doc.names]
        found: dict[tuple[str, str, str | None, str | None], Found] = {}
        last: tuple[int, int, str | None] = (-1, -1, None)  # sentence, office end, holder
        for o in doc.offices:
            sent = doc.sentence_at(o.lead)
            k = bisect_left(starts, o.end)
            if k < len(doc.names) and not doc.text[o.end:doc.names[k].start].strip():
                # "Deputy Minister Roman Vasilenko", not "Указом главы государства Абаев"
                opens = opens_title(doc.lang, doc.text[max(sent[0], last[1]):o.lead])
                holder = self.person(k) if opens else None
            else:
                chained = last[2] if last[0] == sent[0] else None
                holder = self._holder(sent, o.lead, last[1] if chained else -1, chained)
            last = (sent[0], o.end, holder)
            if holder is None:
                continue
            p = o.period
            group = self.group_of(o.start)
            f = Found("position", o.title, min(sent[0], o.lead), max(sent[1], o.end),
                      LIST_ENTRY if group.startswith("entry") else RUNNING_TEXT, 0.7, holder,
                      date=p.start if p else None, group=group,
                      detail={"span": [o.start, o.end], "organisation": o.organisation,
                              "country": o.country, "start": p.start if p else None,
                              "end": p.end if p else None,
                              **({"former": True} if o.former else {})})
            found.setdefault((match_key(holder), _title_key(o.title), p.start if p else None,
                              p.end if p else None), f)
        # "Deputy Minister" said without a date of someone whose "Deputy Minister of Foreign
        # Affairs" the text states (dated or not) is that office again, not another one.
        self.out += [f for (w, t, s, e), f in found.items() if s or e or not any(
            w == w2 and t in t2 and (t, s, e) != (t2, s2, e2) for w2, t2, s2, e2 in found)]
        born = {(match_key(f.mention), f.value) for f in self.out
                if f.predicate == "birth_date" and f.mention}
        for b in doc.births:
            sent = doc.sentence_at(b.start)
            holder = self._holder(sent, b.start, -1, None, birth=True)
            if holder is None or (match_key(holder), b.value) in born:
                continue
            born.add((match_key(holder), b.value))
            group = self.group_of(b.start)
            self.emit(sent, LIST_ENTRY if group.startswith("entry") else RUNNING_TEXT,
                      "birth_date", b.value, holder, (b.start, b.end), 0.8, group)

    def _holder(self, sent: tuple[int, int], pos: int, office_end: int, office_holder: str | None,
                birth: bool = False) -> str | None:
        """Who the words before `pos` in its sentence say holds what stands at `pos`: the
        name before it, the holder of the office before it, or the person named last."""
        doc = self.doc
        k = bisect_left([n.start for n in doc.names], pos) - 1
        name_end = doc.names[k].end if k >= 0 and doc.names[k].start >= sent[0] else -1
        anchor = max(name_end, office_end, sent[0])
        between = re.sub(r"^[^()]*\)", "", gap(doc.text, doc.lang, anchor, pos, doc.known_dates))
        between = re.sub(r"\([^()]*\)", "", between)
        if birth:
            if len(between.strip()) > 30:
                return None
            return self.person(k) if anchor == name_end else self._last_named(sent[0])
        if anchor == office_end:
            return office_holder if links(doc.lang, between, after_office=True) else None
        if anchor == name_end:
            if about_another(doc.lang, between):  # "X replaced Y, who was ambassador"
                return None
            return self.person(k) if links(doc.lang, between, after_office=False) else None
        # No name before it in the sentence: "he", or a language that drops the subject.
        if links(doc.lang, between, after_office=False) and (
                has_pronoun(doc.lang, between) or subject_dropped(doc.lang, between)):
            return self._last_named(sent[0])
        return None

    def _last_named(self, pos: int) -> str | None:
        """The person named last before `pos` (in its entry, else within the paragraphs
        since the last blank line, as a news story goes on about its subject), else the
        entry's person."""
        doc = self.doc
        entry = self.entry_at(pos)
        blank = doc.text.rfind("\n\n", 0, pos)
        floor = entry.start if entry is not None else max(
            blank + 2 if blank >= 0 else 0, pos - LOOK_BACK)
        k = bisect_left([n.start for n in doc.names], pos) - 1
        while k >= 0 and doc.names[k].start >= floor:
            if doc.functions[k] is None and (p := self.person(k)) is not None:
                return p
            k -= 1
        return self.person(entry.name) if entry is not None else None

    # -- names and roles --------------------------------------------------------------------
    def _names_and_roles(self) -> None:
        doc = self.doc
        seen: dict[str, tuple[str, int]] = {}  # person -> (role, first mention)
        aliases = sorted(self.alias_spans)
        alias_starts = [a for a, _ in aliases]
        for k, n in enumerate(doc.names):
            person = self.person(k)
            i = bisect_right(alias_starts, n.start) - 1
            if person is None or (i >= 0 and n.start < aliases[i][1]):
                continue
            sent = doc.sentence_at(n.start)
            group = self.group_of(n.start)
            extractor = LIST_ENTRY if group.startswith("entry") else RUNNING_TEXT
            if n.form == "full":
                self.emit(sent, extractor, "name", _display(n.name), person,
                          (n.start, n.end), 0.95 if k in self.placed else 0.8, group,
                          form="full", role=n.role)
            role = roles.OFFICIAL if self.is_sanctioned(person) else \
                roles.role(doc.functions[k], k in self.placed, k in self.facts_of)
            before = seen.get(person)
            if before is None or _stronger(role, before[0]):
                seen[person] = (role, k)
        for person, (role, k) in seen.items():
            n = doc.names[k]
            self.emit(doc.sentence_at(n.start), RUNNING_TEXT, "role", role, person,
                      (n.start, n.end), 0.8, self.group_of(n.start),
                      function=doc.functions[k])


@cache
def _case_words(lang: str) -> re.Pattern[str]:
    """Words that make a sentence about the case itself (data/lang/<lang>/reference.yml)."""
    words = vocab.load(f"lang/{lang}/reference.yml").get("case_words") or ["(?!)"]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def _initial(name: str) -> str:
    """The given-name initial of "Danebaev T." or "T. Danebaev" (casefolded)."""
    parts = [p for p in name.replace(",", " ").split() if p.endswith(".") and len(p) <= 4]
    return parts[0][:1].casefold() if parts else ""


_display = lru_cache(maxsize=65536)(display_name)  # names recur in a long document


def _title_key(title: str) -> str:
    """An office's title for telling two statements of it apart ("Secretary General",
    "Secretary-General")."""
    return " ".join(title.casefold().replace("-", " ").split())


def _stronger(role: str, than: str) -> bool:
    """A victim anywhere in the document is a victim; a function beats `other`."""
    rank = {roles.VICTIM: 3, roles.OTHER: 0}
    return rank.get(role, 1) > rank.get(than, 1)


def _sentence(terms: list[TermMatch]) -> str | None:
    """The non-custodial sentence a conviction imposed, when its terms say so: "sentenced to a
    year of restriction of liberty" is a conviction, and the person is not held."""
    kinds = {t.kind for t in terms}
    if not kinds or "imprisonment" in kinds:
        return None
    return next((NON_CUSTODIAL[k] for k in NON_CUSTODIAL if k in kinds), None)


def _clauses(text: str, sent: tuple[int, int]) -> list[int]:
    """Where the clauses of a sentence start (a clause ends at a semicolon)."""
    s, e = sent
    out = [s]
    i = text.find(";", s, e)
    while i != -1:
        out.append(i + 1)
        i = text.find(";", i + 1, e)
    return out


def _clause(clauses: list[int], pos: int) -> tuple[int, int]:
    i = bisect_right(clauses, pos) - 1
    return clauses[i], clauses[i + 1] if i + 1 < len(clauses) else 10**12


def _nearest(text: str, dates: list[DateMatch], start: int, end: int,
             clause: tuple[int, int]) -> DateMatch | None:
    """The date closest to a trigger phrase, in its clause when the clause has one; a date
    right after it ("detained on 5 May") wins over one as far before it. `dates` are in text
    order, so only the two dates on either side of the phrase need comparing."""
    starts = [d.start for d in dates]
    lo, hi = bisect_left(starts, clause[0]), bisect_left(starts, clause[1])
    pool = dates[lo:hi] if hi > lo else dates
    i = bisect_left([d.start for d in pool], end)
    near = pool[max(0, i - 1):i + 1]

    def distance(d: DateMatch) -> int:
        if d.start >= end:  # "Red Notice of May 2012": the date of a noun, not of the event
            return d.start - end + (OF_DATE_PENALTY if _of_before(text, d.start) else 0)
        return (start - d.end) + 10
    return min(near, key=distance, default=None)


MAX_DEFENDANTS = 20
LOOK_BACK = 1500  # how far back "he" looks for the person named last, outside an entry
DATE_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|и\s+)?|\s+(?:and|и|&)\s+)", re.IGNORECASE)


def _date_list(text: str, dates: list[DateMatch], chosen: DateMatch | None,
               trigger: int) -> list[DateMatch]:
    """The dates listed together with `chosen` before the trigger ("On 05.10.2012 and
    02.01.2013, the court ..."), in text order; [] when `chosen` stands alone or follows the
    trigger."""
    if chosen is None or chosen.start > trigger or chosen not in dates:
        return []
    i = dates.index(chosen)
    run = [chosen]
    while i > 0 and DATE_JOIN.fullmatch(text, dates[i - 1].end, run[0].start):
        i -= 1
        run.insert(0, dates[i])
    j = dates.index(chosen)
    while j + 1 < len(dates) and dates[j + 1].start < trigger and \
            DATE_JOIN.fullmatch(text, run[-1].end, dates[j + 1].start):
        j += 1
        run.append(dates[j])
    return run if len(run) > 1 else []


OF_DATE = re.compile(r"(?<!\w)of\s+$", re.IGNORECASE)
OF_DATE_PENALTY = 1000


def _of_before(text: str, pos: int) -> bool:
    return OF_DATE.search(text, max(0, pos - 8), pos) is not None


def _num(months: float) -> str:
    return str(int(months)) if float(months).is_integer() else f"{months:g}"


def _merge_events(found: list[Found]) -> list[Found]:
    """One event said several times in one document is one claim: same person (however the
    name is written: "DZHAKSYMBEKOV" in a list entry, "Dzhaksymbekov" in the prose), type and
    status, dates that agree (one undated, or one within the other's period). The most precise
    date wins; the other places are kept in detail["also"]. A type another one holds
    (`merges_into` in data/event-types.yml: the risk of extradition of someone under
    extradition arrest to the same state) joins that event the same way."""
    types = vocab.event_types()
    found = _served(found, types)
    kept: list[Found] = []
    by_key: dict[tuple[str | None, str, str | None], list[int]] = {}
    held: list[Found] = []  # events of a type that another type may hold

    def merge(f: Found) -> None:
        """Join f to a kept statement of the same event, or keep it as a new one."""
        key = (_who(f), f.value, f.detail.get("status"))
        for i in by_key.get(key, []):
            if _same_date(kept[i].date, f.date) and _may_be_one(kept[i], f):
                kept[i] = _combine(kept[i], f)
                return
        by_key.setdefault(key, []).append(len(kept))
        kept.append(f)

    for f in found:
        if f.predicate != "event":
            kept.append(f)
        elif types.get(f.value, {}).get("merges_into"):
            held.append(f)
        else:
            merge(f)
    for f in held:
        into = (_who(f), types[f.value]["merges_into"], f.detail.get("status"))
        state = f.detail.get("requesting_country")
        for i in by_key.get(into, []):
            other = kept[i]
            if state in (None, other.detail.get("requesting_country", state)):
                merged = _combine(other, replace(f, date=None))
                if state is not None:  # what the risk adds: where to
                    merged.detail.setdefault("requesting_country", state)
                kept[i] = replace(merged, date=other.date)
                break
        else:
            merge(f)
    return sorted(kept, key=lambda f: (f.detail["span"][0], f.start))


@cache
def _same_moment(lang: str) -> re.Pattern[str]:
    """The sentence openings that tie a sentence's events to the moment the narrative last
    dated (`same_moment` in data/lang/<lang>/dates.yml)."""
    words = vocab.load(f"lang/{lang}/dates.yml").get("same_moment") or ["(?!)"]
    return re.compile(r"\s*(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def _served(found: list[Found], types: dict[str, dict[str, Any]]) -> list[Found]:
    """Events that are another event when the person also has one of its kinds from the same
    state (`serves` in data/event-types.yml): the detention of someone under extradition arrest
    or at risk of extradition by the state that holds them is that extradition arrest, and its
    date dates it. A detention by another state, or one of a person with no such event, stays
    what it is."""
    acting: dict[tuple[str | None, str], list[tuple[str | None, str | None]]] = {}
    for f in found:
        if f.predicate == "event":
            acting.setdefault((_who(f), f.value), []).append(
                (f.detail.get("country"), f.detail.get("requesting_country")))
    out: list[Found] = []
    for f in found:
        serves = types.get(f.value, {}).get("serves") if f.predicate == "event" else None
        for into, kinds in (serves or {}).items():
            mine = f.detail.get("country")
            # a detention where it is named must be by the state the other event names, never
            # by the state asking for the person ("detained twice in Chechnya" before an
            # extradition to Russia is Russia's own detention)
            same = [c for k in kinds for c, asks in acting.get((_who(f), k), [])
                    if (mine is None or c == mine) and (mine is None or mine != asks)]
            if same:
                country = mine or next((c for c in same if c), None)
                detail = {**f.detail, **({"country": country} if country else {})}
                f = replace(f, value=into, detail=detail)
                break
        out.append(f)
    return out


def _who(f: Found) -> str | None:
    """Whom a claim is about, for telling two statements of one event apart: the name as
    matched (case, spelling and script folded), else the passage's group."""
    return match_key(f.mention) if f.mention else f.group


def _same_date(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def _may_be_one(a: Found, b: Found) -> bool:
    """An undated statement known to come after a date (detail["after"]: "arrested in June
    2013 ... officials released him") is not the same event as one dated before that date
    ("arrested on 27 December 2004 ... but was later released")."""
    for x, y in ((a, b), (b, a)):
        after = x.detail.get("after")
        if x.date is None and after and y.date and y.date[:len(after)] < after:
            return False
    return True


def _combine(a: Found, b: Found) -> Found:
    """Keep the claim with the more precise date (the first on a tie); remember the other."""
    first, second = (a, b) if len(a.date or "") >= len(b.date or "") else (b, a)
    also: list[list[int]] = []
    for span in (*first.detail.get("also", []), second.detail["span"],
                 *second.detail.get("also", [])):
        if list(span) not in also and list(span) != list(first.detail["span"]):
            also.append(list(span))
    return replace(first, detail={**first.detail, "also": also})


class _Spans(Generic[T]):
    """Matches sorted by start, looked up by range."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items: list[T] = sorted(items, key=lambda m: m.start)  # type: ignore[attr-defined]
        self.starts = [m.start for m in self.items]  # type: ignore[attr-defined]

    def within(self, start: int, end: int) -> list[T]:
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]


@cache
def _entry_vocab(lang: str):
    import re

    data = vocab.load(f"lang/{lang}/listing.yml")
    labels = data.get("alias_labels") or {}
    alias = re.compile(r"\((" + "|".join(map(re.escape, labels)) + r")\s*:?\s*([^()]{2,120})\)",
                       re.IGNORECASE)
    words = sorted(data.get("birth") or ["(?!)"], key=len, reverse=True)
    birth = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")\s*$", re.IGNORECASE)
    return {k.casefold(): v for k, v in labels.items()}, alias, birth


def _aliases(doc: _Doc, entry: Entry) -> list[tuple[str, str | None, tuple[int, int]]]:
    """Other forms of the entry's name given in its first line: "(Kazakh: ...)"."""
    labels, alias, _ = _entry_vocab(doc.lang)
    return [(m.group(2).strip(), labels.get(m.group(1).casefold()), m.span(2))
            for m in alias.finditer(doc.text, entry.start, entry.first_line_end)]


def _birth(doc: _Doc, entry: Entry) -> DateMatch | None:
    """The day-precise date right after "born" in the entry's first line."""
    _, _, birth = _entry_vocab(doc.lang)
    i = bisect_left(doc.date_starts, entry.start)
    j = bisect_left(doc.date_starts, entry.first_line_end)
    for d in doc.known_dates[i:j]:
        if len(d.value) == 10 and birth.search(doc.text, max(entry.start, d.start - 20), d.start):
            return d
    return None

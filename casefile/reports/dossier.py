"""A person's dossier: everything the registry can say about one person, each fact with its quote.

Shared by the web person page, its JSON twin, the API and future exports (a lawyer's extradition
dossier), so they cannot drift apart. `public=True` applies casefile.registry.publication: only
accepted, non-confidential claims; withheld and anonymised persons have no public dossier (an
anonymised person is a row of the list, with no id to look them up by), and quotes, titles and
origins are redacted by casefile.registry.redact. Editors (`public=False`) see everything, with
proposed claims and the notes.

Merges are editors' judgements (the `judgements` table): persons joined by positive,
non-deleted judgements form one cluster shown as one person under the smallest id; deleting
the judgement (deleted_at) undoes the merge without touching any claim.

Given `as_of`, the dossier is the person's as known on that day: only the sources known then
(casefile.assess.standing.source_known_on), for every fact, quote and source it shows. Its
status and sentence come from casefile.assess.standing, the rule the list uses, so the two
never disagree about a person.

The dossier and its parts are dataclasses: the site renders them, the API serialises them
with pydantic (web.schemas declares no copy of them), and `casefile persons show` prints them.

Every person page builds one, so it reads column tuples, never ORM objects (and never a
source's text), through statements built once at import: at 10,000 persons and 200,000
claims, making objects and building the statements cost more than the queries themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, ClassVar, NamedTuple

from sqlalchemy import BindParameter, Connection, Select, bindparam, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from casefile import vocab
from casefile.assess import proceedings
from casefile.assess.proceedings import Decision, Proceeding
from casefile.assess.standing import (
    ALL_SOURCES,
    Standing,
    Term,
    known_params,
    source_known_on,
    term,
)
from casefile.assess.status import Ev, period_start, source_date
from casefile.i18n import translations
from casefile.names.display import display_name
from casefile.registry import db, redact
from casefile.registry.clusters import in_component
from casefile.registry.models import (
    Assessment,
    Case,
    Charge,
    Claim,
    Event,
    Person,
    PersonName,
    Source,
)
from casefile.registry.prepared import Prepared
from casefile.registry.publication import named_person, public_claim, strictest
from casefile.reports import case_details
from casefile.reports.case_details import CaseDetails
from casefile.reports.prisoners import labels


@dataclass
class Fact:
    """Where a fact comes from: the claim, its source and the span of the quote."""

    claim_id: str
    source_id: int | None
    state: str
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    editors: str | None = None  # "entered by editors" / "corrected by editors (...)"


@dataclass
class TimelineItem:
    date: str | None
    type: str
    label: str
    place: str | None
    detail: dict[str, object]  # the event's own fields (status, sentence, category, ...)
    fact: Fact
    known_by: str | None = None  # the source's date: an undated event happened by then


@dataclass
class Name:
    name: str
    script: str | None
    lang: str | None
    kind: str | None


@dataclass
class DossierCharge:
    article: str
    part: str | None
    title: str | None
    code: str
    facts: list[Fact]


@dataclass
class SentenceTerm:
    months: float
    kind: str | None
    days: int | None  # set when the source counts the term in days
    fact: Fact


@dataclass
class Criterion:
    key: str
    label: str
    text: str
    answer: str
    rationale: str | None


@dataclass
class DossierAssessment:
    decision: str
    rationale: str | None
    criteria: list[Criterion]
    decided_at: str
    editor: str | None  # editors only


@dataclass
class Related:
    id: int
    name: str


@dataclass
class DossierSource:
    id: int
    title: str | None
    origin: str
    publisher: str | None
    published_at: str | None


@dataclass
class PublicDossier:
    """What the public reads of a person: the site's person page, its JSON twin, the API."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"use_attribute_docstrings": True}

    person_id: int
    name: str
    anonymised: bool
    names: list[Name]
    status: str | None
    status_label: str
    country: str | None
    categories: list[str]
    charges: list[DossierCharge]
    sentence: list[SentenceTerm]
    """The terms that speak for the sentence (the newest source's most confident passage):
    what the status counts with, and what the list shows."""
    timeline: list[TimelineItem]
    assessment: DossierAssessment | None
    related: list[Related]
    sources: list[DossierSource]
    merged_ids: list[int] = field(default_factory=list)
    case: CaseDetails[Fact] | None = None
    """Court, judge, prosecutor, lawyer, place of detention, region: each with its quote."""
    other_terms: list[SentenceTerm] = field(default_factory=list)
    """Terms other passages or sources state: a conflict is shown, never resolved."""
    as_of: str | None = None
    """The day the dossier is as of (only sources known then); None: every source, the
    status as of today."""


@dataclass
class Dossier(PublicDossier):
    """The editors' dossier adds what editors decide and note."""

    publication: str = "public"
    confidential_notes: str | None = None  # editors only; None on every public dossier

    def public(self) -> PublicDossier:
        """The same dossier without the editors' fields."""
        return PublicDossier(**{f.name: getattr(self, f.name) for f in fields(PublicDossier)})


def _ids(name: str = "ids") -> BindParameter[Any]:
    """A list parameter, expanded when the statement runs, so one statement serves every
    cluster size."""
    return bindparam(name, expanding=True)


def _visible(public: bool) -> ColumnElement[bool]:
    return public_claim() if public else Claim.state != "rejected"


class _Assessment(NamedTuple):
    decision: str
    rationale: str | None
    criteria: dict[str, Any]
    decided_at: datetime
    editor: str


# The cluster of :person (walked in the same statement), its persons, their cases and the
# cases' assessments in one round trip, newest assessment first (NULLs where a person has no
# case or a case no assessment).
_PERSONS = Prepared(
    select(Person.id, Person.display_name, Person.publication, Person.confidential_notes,
           Case.id, Case.country, Assessment.id, Assessment.decision, Assessment.rationale,
           Assessment.criteria, Assessment.decided_at, Assessment.editor)  # as in _Assessment
    .outerjoin(Case, Case.person_id == Person.id)
    .outerjoin(Assessment, Assessment.case_id == Case.id)
    .where(in_component(Person.id))
    .order_by(Assessment.decided_at.desc(), Assessment.id.desc()))


class _Shown(NamedTuple):
    """A claim the dossier shows, with what it shows of its source, charge and event: a claim
    backs at most one charge and one event, so one row per claim. The charge fields are None
    when charge_id is (the claim states no charge), the event fields when event_id is. A
    plain tuple, not a Row: the loop reads each field several times, and a Row's attributes
    cost more."""

    id: str
    source_id: int
    state: str
    quote: str
    start: int
    end: int
    predicate: str
    value: str
    detail: dict[str, Any]
    mention: str | None
    group_key: str | None
    confidence: float
    title: str | None
    origin: str
    publisher: str | None
    published_at: str | None
    captured_at: datetime
    charge_id: int | None
    article: str
    part: str | None
    charge_title: str | None
    code: str
    event_id: int | None
    case_id: int | None
    type: str
    event_date: str | None
    place: str | None
    event_detail: dict[str, Any]


def _claims(public: bool) -> Select[*tuple[Any, ...]]:
    return (select(Claim.id, Claim.source_id, Claim.state, Claim.quote, Claim.start, Claim.end,
                   Claim.predicate, Claim.value, Claim.detail, Claim.mention, Claim.group_key,
                   Claim.confidence, Source.title, Source.origin, Source.publisher,
                   Source.published_at, Source.captured_at, Charge.id, Charge.article,
                   Charge.part, Charge.title, Charge.code,
                   Event.id, Event.case_id, Event.type, Event.date, Event.place,
                   Event.detail)  # as in _Shown
            .join(Source, Claim.source_id == Source.id)
            .outerjoin(Charge, Charge.claim_id == Claim.id)
            .outerjoin(Event, Event.claim_id == Claim.id)
            .where(Claim.person_id.in_(_ids()), _visible(public), source_known_on())
            .order_by(Source.published_at, Claim.source_id, Claim.start))


_CLAIMS = {public: Prepared(_claims(public)) for public in (True, False)}


def editors_note(detail: dict[str, Any], lang: str = "en") -> str | None:
    """What readers are told of an editor's hand in a fact, in `lang`: entered by the
    editors, or corrected by them, with what the source said and the editors' public reason."""
    t = translations(lang)
    if detail.get("entered_by"):
        return t.gettext("entered by editors")
    fix = detail.get("corrected")
    if not fix:
        return None
    was = ", ".join(str(v) for v in (fix.get("value"), fix.get("date")
                                     or t.gettext("date unknown")) if v)
    note = t.gettext("corrected by editors (the source: %(was)s)") % {"was": was}
    return note + (f": {fix['reason']}" if fix.get("reason") else "")


def dossier(s: Session, person_id: int, as_of: str | None = None,
            public: bool = True, lang: str = "en") -> Dossier | None:
    """The dossier of the cluster `person_id` belongs to, as known on `as_of` (default: every
    source, status as of today); None when there is nothing to show. `lang` is the language
    of the editors' notes (the rest is data, labelled where shown)."""
    found = with_proceedings(s, person_id, as_of, public, lang)
    return found[0] if found else None


def with_proceedings(s: Session, person_id: int, as_of: str | None = None,
                     public: bool = True, lang: str = "en"
                     ) -> tuple[Dossier, list[Proceeding]] | None:
    """The dossier and the cluster's proceedings abroad (casefile.assess.proceedings), read
    from the same rows: a person page shows both, and reading the proceedings' events again
    was a tenth of the page."""
    conn = db.reader(s)
    persons: dict[int, tuple[str, str, str | None]] = {}  # name, publication, notes
    countries: dict[int, str] = {}  # by case id
    newest: _Assessment | None = None  # assessments are append-only: the newest is in force
    cluster = _PERSONS.rows(conn, {"person": person_id})
    for pid, name, publication, notes, case_id, country, assessment_id, *assessment in cluster:
        persons[pid] = (name, publication, notes)
        if case_id is not None:
            countries[case_id] = country
        if newest is None and assessment_id is not None:
            newest = _Assessment(*assessment)
    if person_id not in persons:
        return None
    ids = sorted(persons)  # as casefile.registry.judgements.members: the smallest speaks
    main_name, main_publication, main_notes = persons[ids[0]]
    shown_as = strictest(publication for _, publication, _ in persons.values())
    if public and shown_as != "public":
        return None
    rows = [_Shown._make(r) for r in _CLAIMS[public].rows(
        conn, {"ids": ids, **known_params(as_of or ALL_SOURCES)})]
    if public and not rows:
        return None
    prot = redact.protected(s) if public else redact.Protected()
    quote = redact.quote_redactor(s, {r.source_id for r in rows}, prot) if prot else None
    types = vocab.event_types()
    charges: dict[tuple[str, str | None], DossierCharge] = {}
    terms: list[Term] = []
    facts: dict[str, Fact] = {}  # of the terms, by claim id
    timeline: list[TimelineItem] = []
    sources: dict[int, DossierSource] = {}
    groups: set[tuple[int, str]] = set()  # (source, group): a key is a place in one source
    categories: list[str] = []  # from the lists shown, oldest first
    written: set[str] = set()  # name forms the shown claims use
    mentions: set[str] = set()  # as written: one person's claims repeat the same few
    decisions: list[tuple[int, int, tuple[dict[str, Any], Decision]]] = []

    def fact_of(r: _Shown) -> Fact:
        return Fact(r.id, r.source_id, r.state,
                    quote(r.source_id, r.quote, r.start) if quote else r.quote, r.start, r.end,
                    editors_note(r.detail, lang))

    for r in rows:
        fact = fact_of(r)
        if r.predicate == "listed" and r.detail.get("category"):
            categories.append(r.detail["category"])
        if r.mention:
            mentions.add(r.mention)
        if r.predicate == "name" and r.detail.get("form") == "alias":
            written.add(display_name(r.value))
        if r.group_key:
            groups.add((r.source_id, r.group_key))
        known_by = source_date(r.published_at, r.captured_at)
        if r.source_id not in sources:
            sources[r.source_id] = DossierSource(
                r.source_id, redact.redact_line(prot, r.title),
                redact.redact_line(prot, r.origin, any_case=True) or "",
                redact.redact_line(prot, r.publisher), r.published_at)
        if r.charge_id is not None:
            charges.setdefault((r.article, r.part), DossierCharge(
                r.article, r.part, r.charge_title, r.code, [])).facts.append(fact)
        elif r.predicate == "sentenced_to":
            terms.append(term(r.value, r.detail, r.id, r.source_id, known_by, r.group_key,
                              r.confidence, r.start))
            facts[r.id] = fact
        if r.event_id is not None:
            timeline.append(TimelineItem(r.event_date, r.type,
                                         types.get(r.type, {}).get("label", r.type),
                                         r.place, dict(r.event_detail), fact, known_by))
            if proceedings.is_decision(r.type):
                decisions.append((r.source_id, r.start, proceedings.decision(
                    r.type, r.event_date, r.event_detail or {}, countries.get(r.case_id or 0),
                    r.id, fact.quote, r.source_id, r.state, known_by)))
    written.update(display_name(m) for m in mentions)
    timeline.sort(key=lambda t: (t.date is None, period_start(t.date or "0000"), t.type))
    day = as_of or date.today().isoformat()
    standing = Standing([Ev(t.type, t.date, t.detail, t.known_by) for t in timeline], terms)
    chosen = standing.sentence(day)
    status = standing.status(day)
    # In the order proceedings_of reads them (source, place in it): a decision that fits no
    # proceeding better opens its own in that order.
    decisions.sort(key=lambda d: (d[0], d[1]))
    made = Dossier(
        person_id=ids[0], name=main_name,
        anonymised=not public and shown_as == "anonymised", publication=main_publication,
        names=_names(conn, ids, written if public else None),
        status=status, status_label=labels(status)["heading"] if status else "Not known to be held",
        country=countries[min(countries)] if countries else None,  # the oldest case's
        categories=list(dict.fromkeys(reversed(categories))),
        charges=list(charges.values()),
        sentence=[_term(t, facts) for t in chosen],
        other_terms=[_term(t, facts) for t in terms if t not in chosen],
        timeline=timeline, assessment=_assessment(newest, public),
        related=[r for r in _related(conn, ids, groups, public) if r.id not in prot.how],
        sources=list(sources.values()), merged_ids=ids[1:], as_of=as_of,
        case=case_details.build(s, rows, fact_of, public, prot),
        confidential_notes=None if public else main_notes)
    return made, proceedings.group([d for _, _, d in decisions])


def _term(t: Term, facts: dict[str, Fact]) -> SentenceTerm:
    return SentenceTerm(t.months, t.kind, t.days, facts[t.claim_id])


_NAMES = Prepared(select(PersonName.name, PersonName.script, PersonName.lang, PersonName.kind)
                  .where(PersonName.person_id.in_(_ids()))
                  .order_by(PersonName.person_id, PersonName.id))


def _names(conn: Connection, ids: list[int], shown: set[str] | None) -> list[Name]:
    """The person's names; in public, only the forms used by claims that are public."""
    out: dict[str, Name] = {}
    for name, script, lang, kind in _NAMES.rows(conn, {"ids": ids}):
        if shown is not None and name not in shown:
            continue
        out.setdefault(name, Name(name, script, lang, kind))
    return list(out.values())


def _assessment(a: _Assessment | None, public: bool) -> DossierAssessment | None:
    if a is None:
        return None
    known = vocab.pace_criteria()
    criteria = [Criterion(k, v["label"], v["text"],
                          (a.criteria.get(k) or {}).get("answer", "unknown"),
                          (a.criteria.get(k) or {}).get("rationale") or None)
                for k, v in known.items()]
    return DossierAssessment(a.decision, a.rationale, criteria,
                             a.decided_at.date().isoformat(), None if public else a.editor)


def _related_query(public: bool) -> Select[int, str]:
    q = (select(Person.id, Person.display_name).join(Claim, Claim.person_id == Person.id)
         .where(Claim.group_key.in_(_ids("keys")),  # the index; then the source's own
                tuple_(Claim.source_id, Claim.group_key).in_(_ids("groups")),
                Person.id.not_in(_ids())).distinct()
         .order_by(Person.display_name).limit(25))
    if public:
        return q.where(public_claim(), named_person())
    return q.where(Claim.state != "rejected")


_RELATED = {public: Prepared(_related_query(public)) for public in (True, False)}


def _related(conn: Connection, ids: list[int], groups: set[tuple[int, str]], public: bool
             ) -> list[Related]:
    """Persons co-named in the same list entry or passage: claims of the same source sharing
    a group key. A key names a place in its source ("entry:12", "sentence:0"), so the same
    key in another source is another entry, and its persons are not related."""
    if not groups:
        return []
    return [Related(pid, name) for pid, name in _RELATED[public].rows(
        conn, {"keys": sorted({k for _, k in groups}), "groups": sorted(groups), "ids": ids})]


def to_json(d: PublicDossier) -> str:
    """The dossier as JSON, serialised as the API serialises it (pydantic, from the
    dataclass), so `casefile persons show --format json` and /api/v1/persons/ID agree."""
    from pydantic import TypeAdapter

    return TypeAdapter(type(d)).dump_json(d, indent=1).decode() + "\n"

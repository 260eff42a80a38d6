"""A person's dossier: everything the registry can say about one person, each fact with its quote.

Shared by the web person page, its JSON twin, the API and future exports (a lawyer's extradition
dossier), so they cannot drift apart. `public=True` applies casefile.reports.public: only
accepted, non-confidential claims; withheld and anonymised persons have no public dossier (an
anonymised person is a row of the list, with no id to look them up by), and quotes, titles and
origins are redacted by casefile.reports.redact. Editors (`public=False`) see everything, with
proposed claims and the notes.

Merges are editors' judgements (the `judgements` table): persons joined by positive,
non-deleted judgements form one cluster shown as one person under the smallest id; deleting
the judgement (deleted_at) undoes the merge without touching any claim.

Every person page builds one, so it reads column tuples, never ORM objects (and never a
source's text), through statements built once at import: at 10,000 persons and 200,000
claims, making objects and building the statements cost more than the queries themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, Select, bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from casefile import vocab
from casefile.assess.status import Ev, period_start, source_date, status_as_of
from casefile.i18n import translations
from casefile.names.display import display_name
from casefile.registry.judgements import members
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
from casefile.reports import case_details, redact
from casefile.reports.case_details import CaseDetails
from casefile.reports.prisoners import labels
from casefile.reports.public import public_claim


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
    detail: dict[str, Any]
    fact: Fact
    known_by: str | None = None  # the source's date: an undated event happened by then


@dataclass
class Dossier:
    person_id: int
    name: str
    anonymised: bool
    publication: str
    names: list[dict[str, str | None]]
    status: str | None
    status_label: str
    country: str | None
    categories: list[str]
    charges: list[dict[str, Any]]
    sentence: list[dict[str, Any]]
    timeline: list[TimelineItem]
    assessment: dict[str, Any] | None
    related: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    merged_ids: list[int] = field(default_factory=list)
    case: CaseDetails[Fact] | None = None  # court, judge, place of detention ... with quotes
    confidential_notes: str | None = None  # editors only; None on every public dossier


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


# The cluster's persons, their cases and the cases' assessments in one round trip, newest
# assessment first (NULLs where a person has no case or a case no assessment).
_PERSONS = (select(Person.id, Person.display_name, Person.publication,
                   Person.confidential_notes, Case.id, Case.country, Assessment.id,
                   Assessment.decision, Assessment.rationale, Assessment.criteria,
                   Assessment.decided_at, Assessment.editor)  # the last five as in _Assessment
            .outerjoin(Case, Case.person_id == Person.id)
            .outerjoin(Assessment, Assessment.case_id == Case.id)
            .where(Person.id.in_(_ids()))
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
    type: str
    event_date: str | None
    place: str | None
    event_detail: dict[str, Any]


def _claims(public: bool) -> Select[*tuple[Any, ...]]:
    return (select(Claim.id, Claim.source_id, Claim.state, Claim.quote, Claim.start, Claim.end,
                   Claim.predicate, Claim.value, Claim.detail, Claim.mention, Claim.group_key,
                   Source.title, Source.origin, Source.publisher, Source.published_at,
                   Source.captured_at, Charge.id, Charge.article, Charge.part, Charge.title,
                   Charge.code,
                   Event.id, Event.type, Event.date, Event.place, Event.detail)  # as in _Shown
            .join(Source, Claim.source_id == Source.id)
            .outerjoin(Charge, Charge.claim_id == Claim.id)
            .outerjoin(Event, Event.claim_id == Claim.id)
            .where(Claim.person_id.in_(_ids()), _visible(public))
            .order_by(Source.published_at, Claim.source_id, Claim.start))


_CLAIMS = {public: _claims(public) for public in (True, False)}


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
    """The dossier of the cluster `person_id` belongs to; None when there is nothing to show.
    `lang` is the language of the editors' notes (the rest is data, labelled where shown)."""
    ids = members(s, person_id)
    persons: dict[int, tuple[str, str, str | None]] = {}  # name, publication, notes
    countries: dict[int, str] = {}  # by case id
    newest: _Assessment | None = None  # assessments are append-only: the newest is in force
    cluster = s.execute(_PERSONS, {"ids": ids})
    for pid, name, publication, notes, case_id, country, assessment_id, *assessment in cluster:
        persons[pid] = (name, publication, notes)
        if case_id is not None:
            countries[case_id] = country
        if newest is None and assessment_id is not None:
            newest = _Assessment(*assessment)
    if person_id not in persons:
        return None
    main_name, main_publication, main_notes = persons[ids[0]]
    publications = {publication for _, publication, _ in persons.values()}
    if public and publications & set(redact.HIDDEN):
        return None
    rows = [_Shown._make(r) for r in s.execute(_CLAIMS[public], {"ids": ids})]
    if public and not rows:
        return None
    prot = redact.protected(s) if public else redact.Protected()
    quote = redact.quote_redactor(s, {r.source_id for r in rows}) if prot else None
    types = vocab.event_types()
    charges: dict[tuple[str, str | None], dict[str, Any]] = {}
    terms: dict[int, list[dict[str, Any]]] = {}
    timeline: list[TimelineItem] = []
    sources: dict[int, dict[str, Any]] = {}
    groups: set[str] = set()
    categories: list[str] = []  # from the lists shown, oldest first
    written: set[str] = set()  # name forms the shown claims use
    mentions: set[str] = set()  # as written: one person's claims repeat the same few

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
            groups.add(r.group_key)
        if r.source_id not in sources:
            sources[r.source_id] = {
                "id": r.source_id, "title": redact.redact_line(prot, r.title),
                "origin": redact.redact_line(prot, r.origin, any_case=True) or "",
                "publisher": redact.redact_line(prot, r.publisher),
                "published_at": r.published_at}
        if r.charge_id is not None:
            charges.setdefault((r.article, r.part), {
                "article": r.article, "part": r.part, "title": r.charge_title,
                "code": r.code, "facts": []})["facts"].append(fact)
        elif r.predicate == "sentenced_to":
            terms.setdefault(r.source_id, []).append({"months": float(r.value),
                                                      "kind": r.detail.get("kind"),
                                                      "days": r.detail.get("days"),
                                                      "fact": fact})
        if r.event_id is not None:
            timeline.append(TimelineItem(r.event_date, r.type,
                                         types.get(r.type, {}).get("label", r.type),
                                         r.place, dict(r.event_detail), fact,
                                         source_date(r.published_at, r.captured_at)))
    written.update(display_name(m) for m in mentions)
    timeline.sort(key=lambda t: (t.date is None, period_start(t.date or "0000"), t.type))
    # The newest source that states terms speaks for the sentence (as in reports.prisoners).
    sentence = list(terms.values())[-1] if terms else []
    day = as_of or date.today().isoformat()
    months = sum(t["months"] for t in sentence if t["kind"] == "imprisonment") or None
    status = status_as_of([Ev(t.type, t.date, t.detail, t.known_by) for t in timeline], day,
                          months)
    return Dossier(
        person_id=ids[0], name=main_name,
        anonymised=not public and "anonymised" in publications, publication=main_publication,
        names=_names(s, ids, written if public else None),
        status=status, status_label=labels(status)["heading"] if status else "Not known to be held",
        country=countries[min(countries)] if countries else None,  # the oldest case's
        categories=list(dict.fromkeys(reversed(categories))),
        charges=list(charges.values()), sentence=sentence, timeline=timeline,
        assessment=_assessment(newest, public),
        related=[r for r in _related(s, ids, groups, public) if r["id"] not in prot.how],
        sources=list(sources.values()), merged_ids=ids[1:],
        case=case_details.build(s, rows, fact_of, public, prot),
        confidential_notes=None if public else main_notes)


_NAMES = (select(PersonName.name, PersonName.script, PersonName.lang, PersonName.kind)
          .where(PersonName.person_id.in_(_ids()))
          .order_by(PersonName.person_id, PersonName.id))


def _names(s: Session, ids: list[int], shown: set[str] | None) -> list[dict[str, str | None]]:
    """The person's names; in public, only the forms used by claims that are public."""
    out: dict[str, dict[str, str | None]] = {}
    for name, script, lang, kind in s.execute(_NAMES, {"ids": ids}):
        if shown is not None and name not in shown:
            continue
        out.setdefault(name, {"name": name, "script": script, "lang": lang, "kind": kind})
    return list(out.values())


def _assessment(a: _Assessment | None, public: bool) -> dict[str, Any] | None:
    if a is None:
        return None
    known = vocab.pace_criteria()
    criteria = [{"key": k, "label": v["label"], "text": v["text"],
                 "answer": (a.criteria.get(k) or {}).get("answer", "unknown"),
                 "rationale": (a.criteria.get(k) or {}).get("rationale") or None}
                for k, v in known.items()]
    return {"decision": a.decision, "rationale": a.rationale, "criteria": criteria,
            "decided_at": a.decided_at.date().isoformat(),
            "editor": None if public else a.editor}


def _related_query(public: bool) -> Select[int, str]:
    q = (select(Person.id, Person.display_name).join(Claim, Claim.person_id == Person.id)
         .where(Claim.group_key.in_(_ids("groups")), Person.id.not_in(_ids())).distinct()
         .order_by(Person.display_name).limit(25))
    if public:
        return q.where(public_claim(), Person.publication == "public")
    return q.where(Claim.state != "rejected")


_RELATED = {public: _related_query(public) for public in (True, False)}


def _related(s: Session, ids: list[int], groups: set[str], public: bool) -> list[dict[str, Any]]:
    """Persons co-named in the same list entry or passage (claims sharing a group key)."""
    if not groups:
        return []
    return [{"id": pid, "name": name}
            for pid, name in s.execute(_RELATED[public], {"groups": list(groups), "ids": ids})]

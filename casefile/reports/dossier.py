"""A person's dossier: everything the registry can say about one person, each fact with its quote.

Shared by the web person page, its JSON twin, the API and future exports (a lawyer's extradition
dossier), so they cannot drift apart. `public=True` applies casefile.reports.public: only
accepted, non-confidential claims; withheld persons do not exist; anonymised persons lose their
names and their sources. Editors (`public=False`) also see proposed claims and the notes.

Merges are editors' judgements (the `judgements` table): persons joined by positive,
non-deleted judgements form one cluster shown as one person under the smallest id; deleting
the judgement (deleted_at) undoes the merge without touching any claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from casefile import vocab
from casefile.assess.status import Ev, period_start, status_as_of
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
from casefile.reports.prisoners import labels
from casefile.reports.public import ANONYMISED_NAME, public_claim


@dataclass
class Fact:
    """Where a fact comes from: the claim, its source and the span of the quote."""

    claim_id: str
    source_id: int | None
    state: str
    quote: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class TimelineItem:
    date: str | None
    type: str
    label: str
    place: str | None
    detail: dict[str, Any]
    fact: Fact


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
    confidential_notes: str | None = None  # editors only; None on every public dossier


def _fact(claim: Claim, hide_sources: bool) -> Fact:
    if hide_sources:
        return Fact(claim.id, None, claim.state)
    return Fact(claim.id, claim.source_id, claim.state, claim.quote, claim.start, claim.end)


def dossier(s: Session, person_id: int, as_of: str | None = None,
            public: bool = True) -> Dossier | None:
    """The dossier of the cluster `person_id` belongs to; None when there is nothing to show."""
    ids = members(s, person_id)
    persons = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
    if person_id not in persons:
        return None
    main = persons[ids[0]]
    if public and any(p.publication == "withheld" for p in persons.values()):
        return None
    anonymised = public and any(p.publication == "anonymised" for p in persons.values())
    visible = public_claim() if public else Claim.state != "rejected"
    rows = s.execute(select(Claim, Source, Charge, Event).join(Source, Claim.source_id == Source.id)
                     .outerjoin(Charge, Charge.claim_id == Claim.id)
                     .outerjoin(Event, Event.claim_id == Claim.id)
                     .where(Claim.person_id.in_(ids), visible)
                     .order_by(Source.published_at, Claim.source_id, Claim.start)
                     .options(defer(Source.text))).all()  # one row per claim: never copy text
    if public and not rows:
        return None
    types = vocab.event_types()
    charges: dict[tuple[str, str | None], dict[str, Any]] = {}
    terms: dict[int, list[dict[str, Any]]] = {}
    timeline: list[TimelineItem] = []
    sources: dict[int, dict[str, Any]] = {}
    groups: set[str] = set()
    categories: list[str] = []  # from the lists shown, oldest first
    written: set[str] = set()  # name forms the shown claims use
    for claim, src, charge, event in rows:
        fact = _fact(claim, anonymised)
        if claim.predicate == "listed" and claim.detail.get("category"):
            categories.append(claim.detail["category"])
        if claim.mention:
            written.add(display_name(claim.mention))
        if claim.predicate == "name" and claim.detail.get("form") == "alias":
            written.add(display_name(claim.value))
        if claim.group_key:
            groups.add(claim.group_key)
        if not anonymised:
            sources.setdefault(src.id, {"id": src.id, "title": src.title, "origin": src.origin,
                                        "publisher": src.publisher,
                                        "published_at": src.published_at})
        if charge is not None:
            charges.setdefault((charge.article, charge.part), {
                "article": charge.article, "part": charge.part, "title": charge.title,
                "code": charge.code, "facts": []})["facts"].append(fact)
        elif claim.predicate == "sentenced_to":
            terms.setdefault(src.id, []).append({"months": float(claim.value),
                                                 "kind": claim.detail.get("kind"), "fact": fact})
        if event is not None:
            timeline.append(TimelineItem(event.date, event.type,
                                         types.get(event.type, {}).get("label", event.type),
                                         event.place, dict(event.detail), fact))
    timeline.sort(key=lambda t: (t.date is None, period_start(t.date or "0000"), t.type))
    # The newest source that states terms speaks for the sentence (as in reports.prisoners).
    sentence = list(terms.values())[-1] if terms else []
    cases = list(s.scalars(select(Case).where(Case.person_id.in_(ids)).order_by(Case.id)))
    day = as_of or date.today().isoformat()
    months = sum(t["months"] for t in sentence if t["kind"] == "imprisonment") or None
    status = status_as_of([Ev(t.type, t.date, t.detail) for t in timeline], day, months)
    return Dossier(
        person_id=main.id, name=ANONYMISED_NAME if anonymised else main.display_name,
        anonymised=anonymised, publication=main.publication,
        names=[] if anonymised else _names(s, ids, written if public else None),
        status=status, status_label=labels(status)["heading"] if status else "Not known to be held",
        country=cases[0].country if cases else None,
        categories=list(dict.fromkeys(reversed(categories))),
        charges=list(charges.values()), sentence=sentence, timeline=timeline,
        assessment=_assessment(s, [c.id for c in cases], public),
        related=[] if anonymised else _related(s, ids, groups, public),
        sources=list(sources.values()), merged_ids=ids[1:],
        confidential_notes=None if public else main.confidential_notes)


def _names(s: Session, ids: list[int], shown: set[str] | None) -> list[dict[str, str | None]]:
    """The person's names; in public, only the forms used by claims that are public."""
    out: dict[str, dict[str, str | None]] = {}
    for n in s.scalars(select(PersonName).where(PersonName.person_id.in_(ids))
                       .order_by(PersonName.person_id, PersonName.id)):
        if shown is not None and n.name not in shown:
            continue
        out.setdefault(n.name, {"name": n.name, "script": n.script, "lang": n.lang,
                                "kind": n.kind})
    return list(out.values())


def _assessment(s: Session, case_ids: list[int], public: bool) -> dict[str, Any] | None:
    a = s.scalars(select(Assessment).where(Assessment.case_id.in_(case_ids))
                  .order_by(Assessment.decided_at.desc(), Assessment.id.desc()).limit(1)).first()
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


def _related(s: Session, ids: list[int], groups: set[str], public: bool) -> list[dict[str, Any]]:
    """Persons co-named in the same list entry or passage (claims sharing a group key)."""
    if not groups:
        return []
    q = (select(Person.id, Person.display_name).join(Claim, Claim.person_id == Person.id)
         .where(Claim.group_key.in_(groups), Person.id.not_in(ids)).distinct()
         .order_by(Person.display_name).limit(25))
    if public:
        q = q.where(public_claim(), Person.publication == "public")
    else:
        q = q.where(Claim.state != "rejected")
    return [{"id": pid, "name": name} for pid, name in s.execute(q)]

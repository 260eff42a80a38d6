"""Everyone the registry names, with their role and their situation as of a date.

`casefile persons --role victim --as-of D` answers what a researcher asks of a document or a
registry: who is persecuted here, and how do things stand for them on that day. It reads the
public claims only (casefile.registry.publication): withheld persons are left out, anonymised ones
lose their name, aliases, sources and id, and keep only the fields editors allow
(casefile.registry.redact).

The role of a person is the strongest their sources give (a victim in any source is a victim;
an official beats "other"); a person from a registry made before roles were extracted counts as
a victim when a list or an event names them. The status is the situation on the day that
casefile.assess.standing gives from the public events and terms of the sources known then (the
rule the list and the dossier share; undated events placed by their source's date). Terms are
every distinct prison and restriction term the sources state, so a conflict between sources
stays visible.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.assess.standing import Standing, read_terms
from casefile.assess.status import Ev, source_date
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Case, Claim, Event, Person, Source
from casefile.registry.publication import ANONYMISED_NAME, public_claim, strictest
from casefile.reports.prisoners import DATE_KEYS

ROLES = ("victim", "official", "lawyer", "relative", "other")
RANK = {"victim": 3, "official": 2, "lawyer": 2, "relative": 2, "other": 0}
PERSECUTION = ("listed", "event", "charged_under", "sentenced_to")


@dataclass
class PersonRecord:
    id: int | None  # None for an anonymised person
    name: str
    aliases: list[str]
    role: str
    status: str | None
    articles: list[str]
    sentence_months: list[float]
    restriction_months: list[float]
    dates: dict[str, str]
    sources: list[int]
    _roles: Counter[str] = field(default_factory=Counter, repr=False)
    _facts: bool = field(default=False, repr=False)
    _events: list[Ev] = field(default_factory=list, repr=False)

    def public(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


def person_records(s: Session, as_of: str, role: str | None = None) -> list[PersonRecord]:
    """Every person (merged ones once) with public claims, in name order."""
    conn = s.connection()
    cluster = clusters(s)
    people: dict[int, PersonRecord] = {}
    hidden: dict[int, str] = {}
    owner: dict[int, int] = {}  # person id -> the id its cluster is shown under
    for pid, name, publication in conn.execute(
            select(Person.id, Person.display_name, Person.publication)):
        root = owner[pid] = cluster.get(pid, pid)
        hidden[root] = strictest((hidden.get(root), publication))
        if pid == root:
            people[root] = PersonRecord(root, name, [], "other", None, [], [], [], {}, [])
    _claims(s, people, owner)
    _events(s, people, owner)
    terms = read_terms(s, owner)
    allowed = redact.protected(s).fields
    out = []
    for root, rec in people.items():
        if hidden.get(root) == "withheld" or not (rec._roles or rec._facts or rec.sources):
            continue
        rec.role = _role(rec)
        if role is not None and rec.role != role:
            continue
        rec.status = Standing(rec._events, terms.get(root, [])).situation(as_of)
        rec.dates = _dates(rec._events)
        if hidden.get(root) == "anonymised":
            keep = allowed.get(root, redact.DEFAULT_FIELDS)
            rec.id, rec.name, rec.aliases, rec.sources = None, ANONYMISED_NAME, [], []
            if "articles" not in keep:
                rec.articles = []
            if "sentence" not in keep:
                rec.sentence_months, rec.restriction_months = [], []
            if "dates" not in keep:
                rec.dates = {}
        out.append(rec)
    return sorted(out, key=lambda r: (r.name.casefold(), r.id or 0))


def _claims(s: Session, people: dict[int, PersonRecord], owner: dict[int, int]) -> None:
    for pid, predicate, value, detail, source_id in s.connection().execute(
            select(Claim.person_id, Claim.predicate, Claim.value, Claim.detail, Claim.source_id)
            .where(Claim.person_id.is_not(None), public_claim())
            .order_by(Claim.source_id, Claim.start)):
        rec = people.get(owner.get(pid, pid))
        if rec is None:
            continue
        if source_id not in rec.sources:
            rec.sources.append(source_id)
        if predicate == "name" and value != rec.name and value not in rec.aliases:
            rec.aliases.append(value)  # only forms public claims use: never a hidden one
        elif predicate == "role":
            rec._roles[value] += 1
        elif predicate in PERSECUTION:
            rec._facts = True
        if predicate == "charged_under" and value not in rec.articles:
            rec.articles.append(value)
        elif predicate == "sentenced_to":
            kind = (detail or {}).get("kind")
            # A suspended term is a prison term not served (its status says so).
            target = rec.sentence_months if kind in ("imprisonment", "suspended") else \
                rec.restriction_months if kind == "restriction_of_liberty" else None
            if target is not None and float(value) not in target:
                target.append(float(value))


def _events(s: Session, people: dict[int, PersonRecord], owner: dict[int, int]) -> None:
    for pid, etype, edate, detail, published, captured in s.connection().execute(
            select(Case.person_id, Event.type, Event.date, Event.detail, Source.published_at,
                   Source.captured_at)
            .join(Case, Event.case_id == Case.id).join(Claim, Event.claim_id == Claim.id)
            .join(Source, Claim.source_id == Source.id).where(public_claim())):
        rec = people.get(owner.get(pid, pid))
        if rec is not None:
            rec._events.append(Ev(etype, edate, detail or {}, source_date(published, captured)))


def _role(rec: PersonRecord) -> str:
    if not rec._roles:
        return "victim" if rec._facts else "other"
    return max(rec._roles, key=lambda r: (RANK.get(r, 1), rec._roles[r]))


def _dates(events: list[Ev]) -> dict[str, str]:
    dates: dict[str, str] = {}
    for key, types in DATE_KEYS.items():
        values = [e.date for e in events if e.type in types and e.date]
        if values:  # the most precise, then the earliest
            dates[key] = sorted(values, key=lambda v: (-len(v), v))[0]
    return dates


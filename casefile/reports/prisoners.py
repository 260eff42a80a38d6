"""The list of political prisoners of a country as of a date.

A person is on the list when a publisher's list of political prisoners (an accepted `listed`
claim) or the newest PACE assessment recognises their case, no newer assessment says it is
not one, and their custody status on that date (derived from dated events by
casefile.assess.status) is one of the custody statuses. Recognition belongs to the case, not to
the list's date: a person listed in 2023 for a detention that began in 2019 is on the list as
of 2020 too, while the list's own date only counts as evidence of custody from that day on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.status import STATUSES, Ev, status_as_of
from casefile.registry.clusters import clusters
from casefile.registry.models import Assessment, Case, Charge, Claim, Event, Person, Source
from casefile.reports.public import ANONYMISED_NAME, public_claim

DATE_KEYS = {"detained": ("detained",), "arrested": ("arrested",),
             "convicted": ("convicted",), "released": ("released", "amnestied", "pardoned")}
EXTRADITION = {"extradition_risk", "extradition_arrest", "extradition_request"}


@dataclass
class SourceRef:
    id: int
    title: str | None
    publisher: str | None
    published_at: str | None
    origin: str
    quotes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Article:
    article: str
    part: str | None
    title: str | None


@dataclass
class ListEntry:
    person_id: int
    name: str
    status: str
    category: str | None
    number: int | None
    articles: list[Article]
    sentence_months: list[float]
    dates: dict[str, str]
    torture_reported: bool
    extradition_risk: bool
    citizenship: list[str]
    sources: list[SourceRef]


@dataclass
class PrisonerList:
    country: str
    as_of: str
    entries: list[ListEntry]

    @property
    def counts(self) -> dict[str, int]:
        seen = Counter(e.status for e in self.entries)  # one pass: the list is long
        counts = {"total": len(self.entries)}
        for status in STATUSES:
            if seen[status]:
                counts[status] = seen[status]
        return counts

    def grouped(self) -> list[tuple[str, list[tuple[str | None, list[ListEntry]]]]]:
        """Entries by status (in STATUSES order), then by category (in list order)."""
        out = []
        for status in STATUSES:
            rows = [e for e in self.entries if e.status == status]
            cats: dict[str | None, list[ListEntry]] = {}
            for e in rows:
                cats.setdefault(e.category, []).append(e)
            if rows:
                out.append((status, list(cats.items())))
        return out


class _Ev(NamedTuple):
    type: str
    date: str | None
    detail: dict[str, Any]


def prisoner_list(s: Session, country: str, as_of: str) -> PrisonerList:
    """The list as of `as_of`. Reads column tuples, not ORM objects: at 10,000 persons and
    200,000 claims, building objects was most of the time."""
    country = country.upper()
    in_country = (Case.country == country,)
    cases: dict[int, int] = {}
    publication: dict[int, str] = {}
    for cid, pid, pub in s.execute(select(Case.id, Case.person_id, Person.publication)
                                   .join(Person).where(*in_country)):
        cases[cid], publication[pid] = pid, pub
    events: dict[int, list[_Ev]] = defaultdict(list)
    for cid, etype, edate, detail in s.execute(
            select(Event.case_id, Event.type, Event.date, Event.detail)
            .join(Claim, Event.claim_id == Claim.id).join(Case, Event.case_id == Case.id)
            .where(*in_country, public_claim())):
        events[cid].append(_Ev(etype, edate, detail))
    # Persons an editor merged are one entry: their cases are read together.
    cluster = clusters(s)
    groups: dict[int, list[int]] = defaultdict(list)
    for cid, pid in cases.items():
        groups[cluster.get(pid, pid)].append(cid)
    verdicts = _assessments(s, list(cases))
    candidates = {}
    for root, cids in groups.items():
        # A merged person is as hidden as the most hidden of its records.
        shown = {publication[cases[c]] for c in cids} | {publication.get(root, "public")}
        if "withheld" in shown:
            continue
        verdict = max((verdicts[c] for c in cids if c in verdicts), default=(None, None))[1]
        evs = [e for c in cids for e in events[c]]
        if verdict == "political_prisoner" or (
                verdict != "not" and any(e.type == "listed" for e in evs)):
            candidates[root] = (cids, evs)
    owner = {cases[c]: root for root, (cids, _) in candidates.items() for c in cids}
    facts = _facts(s, owner)
    roots = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(candidates)))}
    entries = []
    for root, (cids, evs) in candidates.items():
        person_facts = facts[root]
        months = person_facts["months"]
        status = status_as_of([Ev(e.type, e.date, e.detail) for e in evs], as_of,
                              sum(months) or None)
        if status is None:
            continue
        anonymised = "anonymised" in {publication[cases[c]] for c in cids}
        entries.append(_entry(roots[root], anonymised, status, evs, person_facts))
    entries.sort(key=lambda e: (STATUSES.index(e.status), e.number or 10**6, e.name))
    return PrisonerList(country, as_of, entries)


def _assessments(s: Session, case_ids: list[int]) -> dict[int, tuple[datetime, str]]:
    """The newest assessment of each case: (when, decision)."""
    latest: dict[int, tuple[datetime, str]] = {}
    for case_id, when, decision in s.execute(
            select(Assessment.case_id, Assessment.decided_at, Assessment.decision)
            .where(Assessment.case_id.in_(case_ids))
            .order_by(Assessment.decided_at, Assessment.id)):
        latest[case_id] = (when, decision)
    return latest


QUOTED = ("listed", "charged_under", "sentenced_to", "event")


def _facts(s: Session, owner: dict[int, int]) -> dict[int, dict[str, Any]]:
    """Charges, terms, citizenship and source quotes from public claims, gathered under the
    person (cluster) each person id belongs to (`owner`)."""
    out: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"articles": {}, "months": [], "citizenship": [], "sources": {}})
    pids = list(owner)
    kinds = dict(s.execute(select(Claim.id, Claim.detail).where(
        Claim.person_id.in_(pids), Claim.predicate == "sentenced_to", public_claim())).all())
    rows = s.execute(
        select(Claim.person_id, Claim.id, Claim.predicate, Claim.value, Claim.group_key,
               Claim.confidence, Claim.start, Claim.end, Claim.source_id, Charge.article,
               Charge.part, Charge.title)
        .join(Source, Claim.source_id == Source.id)
        .outerjoin(Charge, Charge.claim_id == Claim.id)
        .where(Claim.person_id.in_(pids), public_claim())
        .order_by(Source.published_at, Claim.start)).all()
    sources = {r.id: tuple(r) for r in s.execute(
        select(Source.id, Source.title, Source.publisher, Source.published_at, Source.origin)
        .where(Source.id.in_({r.source_id for r in rows})))}
    # person -> source -> claim group -> (confidence, terms)
    terms: dict[int, dict[int, dict[str, tuple[float, list[float]]]]] = defaultdict(dict)
    for r in rows:
        who = owner[r.person_id]
        f = out[who]
        if r.predicate == "charged_under" and r.article is not None:
            f["articles"].setdefault(r.article, Article(r.article, r.part, r.title))
        elif r.predicate == "sentenced_to" and kinds[r.id].get("kind") == "imprisonment":
            groups = terms[who].setdefault(r.source_id, {})
            _, values = groups.setdefault(r.group_key or r.id, (r.confidence, []))
            values.append(float(r.value))
        elif r.predicate == "citizenship" and r.value not in f["citizenship"]:
            f["citizenship"].append(r.value)
        if r.source_id not in f["sources"]:  # one SourceRef per person: quotes differ
            f["sources"][r.source_id] = SourceRef(*sources[r.source_id])
        if r.predicate in QUOTED:
            f["sources"][r.source_id].quotes.append(
                {"claim": r.id, "predicate": r.predicate, "start": r.start, "end": r.end})
    for pid, by_source in terms.items():
        # The newest source that states terms speaks for the sentence (older ones may be
        # superseded by an appeal or a second verdict); within it, the passage extracted with
        # the most confidence (a list entry over a remark in the prose). Other claims stay on
        # record and show up as conflicts for review.
        groups = list(by_source.values())[-1]
        out[pid]["months"] = max(groups.values(), key=lambda g: g[0])[1]
    return out


def _entry(person: Person, anonymised: bool, status: str, events: list[_Ev],
           facts: dict[str, Any]) -> ListEntry:
    """One row of the list. The category is the one the newest accepted list gives."""
    listed = sorted((e for e in events if e.type == "listed"), key=lambda e: e.date or "")
    latest = listed[-1].detail if listed else {}
    dates: dict[str, str] = {}
    for key, types in DATE_KEYS.items():
        values = [e.date for e in events if e.type in types and e.date]
        if values:  # the most precise, then the earliest
            dates[key] = sorted(values, key=lambda v: (-len(v), v))[0]
    types = {e.type for e in events}
    return ListEntry(
        person_id=person.id, name=ANONYMISED_NAME if anonymised else person.display_name,
        status=status, category=latest.get("category"),
        number=latest.get("number"), articles=list(facts["articles"].values()),
        sentence_months=facts["months"], dates=dates,
        torture_reported="torture_reported" in types,
        extradition_risk=bool(types & EXTRADITION),
        citizenship=facts["citizenship"] or list(person.citizenship or []),
        sources=[] if anonymised else list(facts["sources"].values()),
    )


def labels(status: str) -> dict[str, str]:
    return vocab.load("report-labels.yml")["statuses"][status]


def counts_line(plist: PrisonerList) -> str:
    """'47 political prisoners: 30 convicted, 17 in pre-trial detention'."""
    counts = plist.counts
    parts = [f"{counts[s]} {labels(s)['counted']}" for s in STATUSES if s in counts]
    noun = "political prisoner" if counts["total"] == 1 else "political prisoners"
    return f"{counts['total']} {noun}" + (": " + ", ".join(parts) if parts else "")


def term_text(months: float) -> str:
    """78 -> '6 years 6 months'."""
    years, rest = divmod(round(months), 12)
    bits = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if rest:
        bits.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(bits) or "less than a month"


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value

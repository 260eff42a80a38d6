"""Filing claims into cases: a person's case in a country, and the charge or event a claim
stands for. Apart from casefile.registry.ingest, which needs the extractors: review, manual
entries, a source's new country and imports file claims too, and the web server that runs
them must not load what reading a document takes (issue 16: memory per server process).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.registry.models import Case, Charge, Claim, Event, Source


def valid_iso_prefix(value: str) -> bool:
    try:
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return False
    return len(value) in (4, 7, 10)


def cases_for(s: Session, person_ids: set[int], country: str) -> dict[int, Case]:
    """Each person's case in `country`, created where missing (one query, one flush)."""
    cases = {c.person_id: c for c in s.scalars(
        select(Case).where(Case.country == country, Case.person_id.in_(person_ids)))}
    for pid in person_ids - cases.keys():
        cases[pid] = Case(person_id=pid, country=country, categories=[])
        s.add(cases[pid])
    s.flush()
    return cases


def materialise(s: Session, claim: Claim, case: Case, src: Source, code: str) -> None:
    """Facts derived from a claim: a charge or an event. They stay linked to the
    claim, so the claim's review state decides whether they are shown."""
    country = case.country
    if claim.predicate == "charged_under":
        s.add(Charge(case_id=case.id, claim_id=claim.id, code=code, article=claim.value,
                     part=claim.detail.get("part"),
                     title=vocab.article_title(country, claim.value, claim.detail.get("part"))))
    elif claim.predicate == "event":
        s.add(Event(case_id=case.id, claim_id=claim.id, type=claim.value, date=claim.date,
                    detail=claim.detail))
    elif claim.predicate == "listed":
        s.add(Event(case_id=case.id, claim_id=claim.id, type="listed", date=src.published_at,
                    detail={**claim.detail, "status": claim.value}))

"""Correcting the country of a captured source, and filing its facts where they belong.

A source's country decides which case, (person, country), the charges and events of its
claims are filed under (casefile.registry.facts.materialise). A wrong or missing country
puts a person's facts in a second case: a parole notice that does not take its person off
the KZ list. When an editor corrects it, every fact the source's claims produced moves to
the same persons' cases in the new country (made when missing), charges take that
country's code and article titles, claims that had no fact yet (the source had no country)
get one, and cases left with nothing in them are removed. One audit entry says who changed
what and how much moved. The source's text and claims are not touched: they stay exactly as
captured.

`cases_when_unknown` is for capture: where a source's country cannot be told, a person's
facts go to the case the person already has rather than to a made-up country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.errors import CasefileError
from casefile.extract.places import country_code
from casefile.registry import audit
from casefile.registry.facts import cases_for, materialise
from casefile.registry.models import Assessment, Case, Charge, Claim, Event, Source


@dataclass(frozen=True)
class CountryChange:
    source_id: int
    old: str | None
    new: str
    moved: int  # facts moved to a case in the new country
    added: int  # facts made for claims that had none
    persons: int
    removed_cases: int  # cases left empty and removed

    @property
    def changed(self) -> bool:
        return self.old != self.new or bool(self.moved or self.added or self.removed_cases)


def set_country(s: Session, source_id: int, country: str, actor: str,
                reason: str | None = None) -> CountryChange:
    """Give source `source_id` the country `country` (an ISO code the data knows) and move
    its facts to its persons' cases there. Flushes; the caller commits."""
    new = country_code(country)
    src = s.get(Source, source_id)
    if src is None:
        raise CasefileError(f"no source with id {source_id}")
    old = src.country
    claims = list(s.scalars(select(Claim).where(Claim.source_id == source_id,
                                                Claim.person_id.is_not(None))
                            .order_by(Claim.start, Claim.id)))
    ids = [c.id for c in claims]
    charges = {c.claim_id: c for c in s.scalars(select(Charge).where(Charge.claim_id.in_(ids)))}
    events = {e.claim_id: e for e in s.scalars(select(Event).where(Event.claim_id.in_(ids)))}
    before = {c.case_id for c in charges.values()} | {e.case_id for e in events.values()}
    src.country = new
    cases = cases_for(s, {c.person_id for c in claims if c.person_id is not None}, new)
    code = vocab.criminal_code(new)["code"]
    moved = 0
    for claim in claims:
        case = cases[claim.person_id]  # type: ignore[index]
        charge, event = charges.get(claim.id), events.get(claim.id)
        for fact in (charge, event):
            if fact is not None and fact.case_id != case.id:
                fact.case_id, moved = case.id, moved + 1
        if charge is not None:
            charge.code = code
            charge.title = vocab.article_title(new, charge.article, charge.part)
        if charge is None and event is None:
            materialise(s, claim, case, src, code)
    s.flush()
    added = _facts(s, ids) - len(charges) - len(events)
    removed = _remove_empty(s, before - {c.id for c in cases.values()})
    change = CountryChange(source_id, old, new, moved, added, len(cases), removed)
    if change.changed:
        audit.record(s, actor, "source-country", f"source:{source_id}", country=[old, new],
                     moved=moved, added=added, removed_cases=removed, reason=reason)
    s.flush()
    return change


def _facts(s: Session, claim_ids: list[str]) -> int:
    return sum(s.scalar(select(func.count()).select_from(model)
                        .where(model.claim_id.in_(claim_ids))) or 0 for model in (Charge, Event))


def _remove_empty(s: Session, case_ids: set[int]) -> int:
    """Delete the cases among `case_ids` that hold no charge, event or assessment and no
    category an editor gave: a case is a person's facts in a country, and these have none."""
    removed = 0
    for case_id in sorted(case_ids):
        used = any(s.scalar(select(model.id).where(model.case_id == case_id).limit(1))
                   is not None for model in (Charge, Event, Assessment))
        case = s.get(Case, case_id)
        if case is not None and not used and not case.categories:
            s.delete(case)
            removed += 1
    s.flush()
    return removed


def cases_when_unknown(s: Session, person_ids: set[int]) -> dict[int, Case]:
    """For a source whose country cannot be told: each person's existing case, the one with
    the most facts when there are several (ties: the oldest). Persons without a case are
    left out: their claims wait, unfiled, until an editor gives the source a country
    (`set_country` files them then), instead of starting a case in a made-up country."""
    if not person_ids:
        return {}
    weight: Counter[int] = Counter()
    for model in (Charge, Event):
        for case_id, n in s.execute(select(model.case_id, func.count())
                                    .join(Case, Case.id == model.case_id)
                                    .where(Case.person_id.in_(person_ids))
                                    .group_by(model.case_id)):
            weight[case_id] += n
    best: dict[int, Case] = {}
    for case in s.scalars(select(Case).where(Case.person_id.in_(person_ids))
                          .order_by(Case.id)):
        held = best.get(case.person_id)
        if held is None or weight[case.id] > weight[held.id]:
            best[case.person_id] = case
    return best

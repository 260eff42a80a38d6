"""MINIMAL ADAPTER, to be replaced: the read models the sanctions draft and the CCF request's
screening hits are meant to use (casefile.assess.officials.official_of,
casefile.registry.screening.hits_of) are written by other parts of issue 15 and had not reached
main when the drafts were written. Until they do, this module reads the least the drafts need
from the person's accepted claims, in the shapes those read models promise (brief15 "Shared
contracts"), so that switching is a change of import.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.drafts.evidence import Evidence
from casefile.registry.models import Claim, PersonName
from casefile.registry.publication import public_claim
from casefile.reports.dossier import Fact, TimelineItem
from casefile.reports.redact import redact_quote


@dataclass(frozen=True)
class Stated:
    """A claim's value with its fact (for a position: its organisation and dates)."""

    value: str
    detail: dict[str, object]
    date: str | None
    fact: Fact


@dataclass(frozen=True)
class OfficialName:
    name: str
    script: str | None
    fact: Fact | None  # the claim that states it; None for the registry's display name


@dataclass(frozen=True)
class Official:
    names: tuple[OfficialName, ...]
    birth_dates: tuple[Stated, ...]
    positions: tuple[Stated, ...]
    roles: tuple[Stated, ...]
    acts: tuple[TimelineItem, ...]


def official_of(s: Session, ev: Evidence) -> Official:
    """Names in every script, birth date, positions and the acts the person's accepted claims
    state."""
    rows = s.execute(
        select(Claim.id, Claim.source_id, Claim.predicate, Claim.value, Claim.detail,
               Claim.date, Claim.quote, Claim.start)
        .where(Claim.person_id == ev.person_id, public_claim(),
               Claim.predicate.in_(("birth_date", "position", "role", "name")))
        .order_by(Claim.source_id, Claim.start)).all()
    spans = ev.protected.claim_spans({r.source_id for r in rows})
    by: dict[str, list[Stated]] = {"birth_date": [], "position": [], "role": [], "name": []}
    for cid, sid, predicate, value, detail, day, quote, start in rows:
        fact = Fact(cid, sid, "accepted", redact_quote(ev.protected, spans, sid, quote, start),
                    start, None)
        by[predicate].append(Stated(value, detail or {}, day, fact))
    scripts = dict(s.execute(select(PersonName.name, PersonName.script)
                             .where(PersonName.person_id == ev.person_id)).all())
    names: dict[str, OfficialName] = {}
    for st in by["name"]:
        names.setdefault(st.value, OfficialName(st.value, scripts.get(st.value), st.fact))
    if ev.name not in names:
        names[ev.name] = OfficialName(ev.name, scripts.get(ev.name), None)
    return Official(tuple(names.values()), tuple(by["birth_date"]), tuple(by["position"]),
                    tuple(by["role"]), ev.timeline)


@dataclass(frozen=True)
class ListedEntry:
    """A screened list's entry an editor confirmed is the person (a ScreeningHit's fields)."""

    listed_id: str
    listed_name: str
    topics: tuple[str, ...]
    dataset: str | None
    list_origin: str
    list_sha256: str


def confirmed_hits(s: Session, person_id: int) -> list[ListedEntry]:
    """The person's confirmed screening hits, once casefile.registry.screening stores them
    (`hits_of`, part "ftm"); none before."""
    from casefile.registry import screening

    hits_of = getattr(screening, "hits_of", None)
    if hits_of is None:
        return []
    return [ListedEntry(h.listed_id, h.listed_name, tuple(h.topics or ()), h.dataset,
                        h.list_origin, h.list_sha256)
            for h in hits_of(s, person_id, state="confirmed")]

"""MINIMAL ADAPTER, to be replaced: the read models the drafts are meant to use
(casefile.assess.proceedings.proceedings_of, casefile.assess.risk.risk_indicators,
casefile.assess.officials.official_of, casefile.registry.screening.hits_of) are being written
by other parts of issue 15 and had not reached main when the drafts were written. Until they
do, this module reads the least the drafts need from the person's accepted events and claims,
in the shapes those read models promise (brief15 "Shared contracts"), so that switching is a
change of import. It decides nothing the read models will own beyond grouping events by kind.
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

# The proceeding each transnational event type belongs to.
KIND = {"red_notice_issued": "interpol_notice", "red_notice_challenged": "interpol_notice",
        "red_notice_deleted": "interpol_notice", "wanted": "interpol_notice",
        "extradition_request": "extradition", "extradition_arrest": "extradition",
        "extradition_risk": "extradition", "extradition_decision": "extradition",
        "asylum_granted": "asylum", "asylum_refused": "asylum", "asylum_revoked": "asylum",
        "asylum_decision_annulled": "asylum", "removal_order": "removal",
        "travel_ban": "travel_ban"}
NOTICE = ("red_notice_issued", "red_notice_challenged", "red_notice_deleted", "wanted")


@dataclass(frozen=True)
class Decision:
    date: str | None
    type: str
    label: str
    outcome: str | None
    state: str | None  # acting state, ISO2
    requesting: str | None
    fact: Fact
    known_by: str | None = None  # the source's date: an undated decision was made by then


@dataclass(frozen=True)
class Proceeding:
    kind: str
    requesting_state: str | None
    host_state: str | None
    status: str  # the type of its latest decision
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class RiskIndicator:
    kind: str
    statement: str
    evidence: tuple[TimelineItem, ...]


def detail_text(detail: dict[str, object], *keys: str) -> str | None:
    """The first of `keys` an event's detail holds, as text (Event.detail is JSON)."""
    return next((str(detail[k]) for k in keys if detail.get(k)), None)


def _decision(t: TimelineItem) -> Decision:
    d = t.detail
    return Decision(t.date, t.type, t.label, detail_text(d, "outcome"),
                    detail_text(d, "country"),
                    detail_text(d, "requesting", "requesting_country"), t.fact, t.known_by)


def proceedings_of(ev: Evidence) -> list[Proceeding]:
    """The person's proceedings abroad: their decisions grouped by kind and acting state."""
    groups: dict[tuple[str, str | None], list[Decision]] = {}
    for t in ev.timeline:
        kind = KIND.get(t.type)
        if kind is not None:
            dec = _decision(t)
            host = None if kind == "interpol_notice" else dec.state
            groups.setdefault((kind, host), []).append(dec)
    out = []
    for (kind, host), decisions in groups.items():
        requesting = next((d.requesting for d in decisions if d.requesting), None)
        if kind == "interpol_notice":
            requesting = requesting or next((d.state for d in decisions if d.state), None)
        out.append(Proceeding(kind, requesting, host, decisions[-1].type, tuple(decisions)))
    return out


# Which events speak for which risk, and what each says.
RISKS = {"refugee_status": (("asylum_granted",),
                            "Refugee status or asylum has been granted to the person."),
         "extradition_risk": (("extradition_risk", "extradition_arrest",
                               "extradition_request"),
                              "The person is at risk of extradition."),
         "torture": (("torture_reported",), "Torture or ill-treatment has been reported."),
         "political_listing": (("listed",),
                               "The person is listed as a political prisoner.")}


def risk_indicators(ev: Evidence) -> list[RiskIndicator]:
    out = []
    for kind, (types, statement) in RISKS.items():
        facts = tuple(ev.events(*types))
        if facts:
            out.append(RiskIndicator(kind, statement, facts))
    return out


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


def confirmed_hits(s: Session, person_id: int) -> list[object]:
    """The person's confirmed screening hits, once casefile.registry.screening stores them
    (`hits_of`, part "ftm"); none before."""
    from casefile.registry import screening

    hits_of = getattr(screening, "hits_of", None)
    return list(hits_of(s, person_id, state="confirmed")) if hits_of else []

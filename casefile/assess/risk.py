"""Risk indicators for a person facing return to the state that persecutes them, each with
its evidence: what an extradition defence or a CCF request argues, read from the registry and
from cited country data, never typed in.

- **political_article**: a charge under an article that data/countries/<cc>/political-articles.yml
  lists as used to prosecute dissent (the case's country), with the charge's claim and the
  file's citations.
- **refugee_status**: asylum or refugee status granted by another state (an asylum proceeding
  of casefile.assess.proceedings with a grant), with the grant's claim — shown even when the
  status was later revoked, since a grant is a state's finding of a well-founded fear.
- **torture_reported**: `torture_reported` events of the person's case.
- **co_defendants**: other persons named in the same list entry or passage (the claims'
  group key) who were convicted: only what one passage of one source ties together, not a
  guess at who shares a case.
- **state_record**: for each state requesting the person (their proceedings), the findings of
  UN bodies and courts in data/countries/<cc>/record.yml.

`public=True` reads only accepted, non-confidential claims of persons public outputs may name
(casefile.registry.publication) and redacts quotes (casefile.registry.redact); co-defendants
who are protected are left out. Editors (`public=False`) see every claim not rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.proceedings import proceedings_of, shown_ids
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Case, Charge, Claim, Event, Person
from casefile.registry.publication import public_claim


@dataclass(frozen=True)
class Evidence:
    """A claim of the registry that supports an indicator, with its words."""

    claim_id: str
    quote: str | None
    source_id: int


@dataclass(frozen=True)
class Finding:
    """A cited finding of a UN body, court or NGO (country data)."""

    by: str
    document: str
    date: str  # a year or an ISO date
    finding: str
    url: str
    via: str | None = None  # who summarised it, when `url` is not the document itself


@dataclass(frozen=True)
class RiskIndicator:
    kind: str  # political_article, refugee_status, torture_reported, co_defendants, state_record
    statement: str
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()


@cache
def _country_file(cc: str, name: str) -> dict[str, Any]:
    try:
        return vocab.load(f"countries/{cc.lower()}/{name}.yml") or {}
    except FileNotFoundError:
        return {}


def political_articles(cc: str, code: str | None = None) -> dict[str, tuple[Finding, ...]]:
    """Article -> the citations saying it is used for political prosecution, for the
    country `cc` (and, given `code`, only when the file is about that code: an article
    number of an older code is another offence); empty when there is no file."""
    data = _country_file(cc, "political-articles")
    if code is not None and str(data.get("code")) != code:
        return {}
    return {str(article): tuple(Finding(c["by"], c["document"], str(c["year"]), c["finding"],
                                        c["url"]) for c in entry.get("citations", ()))
            for article, entry in (data.get("articles") or {}).items()}


def state_record(cc: str) -> tuple[Finding, ...]:
    """The cited findings on the state `cc` as a requesting state (record.yml)."""
    return tuple(Finding(f["body"], f["case"], str(f["date"]), f["finding"], f["url"],
                         f.get("via")) for f in _country_file(cc, "record").get("findings", ()))


def risk_indicators(s: Session, person_id: int, *, public: bool) -> list[RiskIndicator]:
    """The indicators for `person_id`'s cluster, in the order of the module's docstring;
    empty when the person is unknown or (public) not to be named."""
    ids = shown_ids(s, person_id, public=public)
    if ids is None:
        return []
    shown_state = public_claim() if public else Claim.state != "rejected"

    def evidence(rows: list[Any]) -> tuple[Evidence, ...]:
        redactor = redact.quote_redactor(s, {r.source_id for r in rows}) if public else None
        return tuple(Evidence(r.id, redactor(r.source_id, r.quote, r.start) if redactor
                              else r.quote, r.source_id) for r in rows)

    out: list[RiskIndicator] = []
    charges = s.execute(
        select(Case.country, Charge.code, Charge.article, Charge.title, Claim.id, Claim.quote,
               Claim.source_id, Claim.start)
        .join(Case, Charge.case_id == Case.id).join(Claim, Charge.claim_id == Claim.id)
        .where(Case.person_id.in_(ids), shown_state)
        .order_by(Charge.article, Claim.source_id, Claim.start)).all()
    by_article: dict[tuple[str, str], list[Any]] = {}
    for r in charges:
        if r.article in political_articles(r.country, r.code):
            by_article.setdefault((r.country, r.article), []).append(r)
    for (cc, article), rows in by_article.items():
        title = rows[0].title or _country_file(cc, "political-articles")["articles"][
            article].get("title")
        out.append(RiskIndicator(
            "political_article",
            f"Charged under Article {article} ({cc})" + (f", {title}" if title else "")
            + ", which the cited bodies say is used to prosecute dissent.",
            evidence(rows), political_articles(cc)[article]))

    proceedings = proceedings_of(s, person_id, public=public)
    granted = [d for p in proceedings if p.kind == "asylum" for d in p.decisions
               if d.type == "asylum_granted"]
    if granted:
        states = sorted({d.acting_state for d in granted if d.acting_state})
        out.append(RiskIndicator(
            "refugee_status",
            "Granted asylum or refugee status" + (f" by {', '.join(states)}" if states else "")
            + ".", tuple(Evidence(d.claim_id, d.quote, d.source_id) for d in granted)))

    torture = s.execute(
        select(Claim.id, Claim.quote, Claim.source_id, Claim.start)
        .join(Event, Event.claim_id == Claim.id).join(Case, Event.case_id == Case.id)
        .where(Case.person_id.in_(ids), Event.type == "torture_reported", shown_state)
        .order_by(Claim.source_id, Claim.start)).all()
    if torture:
        out.append(RiskIndicator("torture_reported",
                                 "Torture or ill-treatment reported in the case.",
                                 evidence(list(torture))))

    convicted = _co_defendants(s, ids, public=public)
    if convicted:
        names = sorted({name for name, _ in convicted})
        out.append(RiskIndicator(
            "co_defendants",
            f"Named in the same list entry or passage as {len(names)} person(s) convicted: "
            + ", ".join(names) + ".", evidence([r for _, r in convicted])))

    for cc in sorted({p.requesting_state for p in proceedings if p.requesting_state}):
        findings = state_record(cc)
        if findings:
            out.append(RiskIndicator(
                "state_record", f"The requesting state ({cc}) has findings against it of "
                "UN bodies and courts.", (), findings))
    return out


def _co_defendants(s: Session, ids: list[int], *, public: bool) -> list[tuple[str, Any]]:
    """(name, convicted claim row) of the others named in a group of the person's claims."""
    shown_state = public_claim() if public else Claim.state != "rejected"
    # A group key names a place in one source ("entry:12"): the same key elsewhere is
    # another entry, so groups are (source, key) pairs.
    groups = {(src, key) for src, key in s.execute(select(Claim.source_id, Claim.group_key)
              .where(Claim.person_id.in_(ids), Claim.group_key.is_not(None), shown_state))}
    if not groups:
        return []
    cluster = clusters(s)
    own = {cluster.get(i, i) for i in ids}
    rows = s.execute(
        select(Claim.id, Claim.quote, Claim.source_id, Claim.start, Claim.person_id,
               Person.display_name)
        .join(Event, Event.claim_id == Claim.id).join(Person, Claim.person_id == Person.id)
        .where(Claim.group_key.in_(sorted({k for _, k in groups})),
               tuple_(Claim.source_id, Claim.group_key).in_(sorted(groups)),
               Event.type == "convicted", shown_state,
               Claim.person_id.not_in(ids))
        .order_by(Claim.source_id, Claim.start)).all()
    return [(r.display_name, r) for r in rows
            if cluster.get(r.person_id, r.person_id) not in own
            and (not public or _named(s, r.person_id))]


def _named(s: Session, person_id: int) -> bool:
    return shown_ids(s, person_id, public=True) is not None

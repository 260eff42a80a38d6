"""A case's details for the dossier: court, judge, prosecutor, lawyer, place of detention and
region, each with the quote that states it, and the regions the case is tied to.

They are `case_detail` claims (casefile.extract.details reads them from sources; editors enter
them with `casefile claims add --kind detail`), so review, correction and publication work for
them as for any fact. A judge, prosecutor or lawyer is linked to their own record (the
registry's official or lawyer of that name) when one is public: the name in the quote is not
enough to look it up. The regions are also the list's Region filter (casefile.web.listing) and the
statistics' regions (casefile.reports.statistics): all read them through `list_regions`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefile.extract.details import FIELDS, PEOPLE
from casefile.extract.regions import region_of
from casefile.i18n import N_
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Case, Claim, Event, Person
from casefile.registry.publication import listed_person, named_person, public_claim

PREDICATE = "case_detail"
LABELS = {"court": N_("Court"), "judge": N_("Judge"), "prosecutor": N_("Prosecutor"),
          "lawyer": N_("Lawyer"), "detention_place": N_("Place of detention"),
          "region": N_("Region")}  # English; the site shows them translated (casefile.i18n)
F = TypeVar("F")  # the dossier's Fact (casefile.reports.dossier imports this module)


class _Row(Protocol):
    """What of a dossier row (casefile.reports.dossier) the details read."""

    @property
    def source_id(self) -> int: ...
    @property
    def predicate(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def detail(self) -> dict[str, Any]: ...


@dataclass
class CaseDetail(Generic[F]):
    field: str  # one of casefile.extract.details.FIELDS
    label: str
    value: str
    region: str | None
    fact: F  # the claim and its quote
    # The official's or lawyer's own record (a judge named in the quote), when public.
    person_id: int | None = None


@dataclass
class CaseDetails(Generic[F]):
    details: list[CaseDetail[F]]  # by field (FIELDS order), as the sources state them
    regions: list[str] = field(default_factory=list)


def build(s: Session, rows: Iterable[_Row], fact: Callable[[Any], F], public: bool,
          prot: redact.Protected) -> CaseDetails[F] | None:
    """The case details among a dossier's shown rows; `fact` makes a row's Fact (its quote
    redacted as the dossier's). None when no source states any."""
    items: list[CaseDetail[F]] = []
    seen: set[tuple[str, str]] = set()
    for r in rows:
        if r.predicate != PREDICATE or r.detail.get("field") not in FIELDS:
            continue
        name = r.detail["field"]
        value = redact.redact_line(prot, r.value, any_case=True) if public else r.value
        if value is None or (name, value) in seen:
            continue
        seen.add((name, value))
        items.append(CaseDetail(name, LABELS[name], value, region(r.value, r.detail), fact(r),
                                _official(s, r, public, prot) if name in PEOPLE else None))
    if not items:
        return None
    items.sort(key=lambda d: FIELDS.index(d.field))
    regions = list(dict.fromkeys(d.region for d in items if d.region))
    return CaseDetails(items, regions)


def region(value: str, detail: dict[str, Any] | None) -> str | None:
    """The region a detail names: as recorded, or read from its value (an editor's court
    or place entered before the region data knew it); a person's name names none."""
    detail = detail or {}
    if detail.get("region"):
        return str(detail["region"])
    return None if detail.get("field") in PEOPLE else region_of(value)


def _official(s: Session, r: _Row, public: bool, prot: redact.Protected) -> int | None:
    """The record of the official or lawyer a detail names: the person the same source gives
    that name as official or lawyer (an extracted detail names them as written,
    detail["official"]); for an editor's detail, the one official or lawyer of that name."""
    role = Claim.predicate == "role"
    functional = Claim.value.in_(("official", "lawyer"))
    written = r.detail.get("official")
    if written:
        q = select(Claim.person_id).where(role, functional, Claim.source_id == r.source_id,
                                          Claim.mention == written)
    else:
        q = (select(Claim.person_id).join(Person, Person.id == Claim.person_id)
             .where(role, functional, func.lower(Person.display_name) == r.value.lower()))
    if public:
        q = q.join(Person, Person.id == Claim.person_id) if written else q
        q = q.where(public_claim(), named_person())
    found = {pid for pid in s.scalars(q.distinct().limit(2)) if pid is not None}
    if len(found) != 1:
        return None
    pid = found.pop()
    return None if public and pid in prot.ids else pid


def list_regions(s: Session, country: str, persons: Collection[int] | None = None
                 ) -> dict[int, set[str]]:
    """person id -> the regions of their case, the list's Region filter and the statistics'
    regions: those their public case details name (`regions_of`) and those their public
    events' places lie in (casefile.extract.regions), for persons a list may show (of
    `persons` only, when given)."""
    out = regions_of(s, persons)
    scope = [] if persons is None else [Case.person_id.in_(list(persons))]
    rows = s.execute(select(Case.person_id, Event.place, Event.detail)
                     .join(Event, Event.case_id == Case.id)
                     .join(Claim, Claim.id == Event.claim_id)
                     .join(Person, Person.id == Case.person_id)
                     .where(Case.country == country.upper(), public_claim(), listed_person(),
                            *scope))
    for pid, place, detail in rows:
        for value in (place, (detail or {}).get("place"), (detail or {}).get("region")):
            if isinstance(value, str) and value:
                out.setdefault(pid, set()).add(region_of(value) or value)
    return out


def regions_of(s: Session, person_ids: Iterable[int] | None = None) -> dict[int, set[str]]:
    """person id (the id that speaks for a merged cluster) -> the regions their public case
    details name (every person's when None): the Region filter's values."""
    cluster = clusters(s)
    q = select(Claim.person_id, Claim.value, Claim.detail).where(
        Claim.predicate == PREDICATE, public_claim(), Claim.person_id.is_not(None))
    if person_ids is not None:
        q = q.where(Claim.person_id.in_(list(person_ids)))
    out: dict[int, set[str]] = {}
    for pid, value, detail in s.execute(q):
        named = region(value, detail)
        if named:
            out.setdefault(cluster.get(pid, pid), set()).add(named)
    return out

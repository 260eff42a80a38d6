"""What a release of the list freezes: its rows as canonical JSON, and that text's sha256.

The rows are the public list's rows (casefile.reports.prisoners, through the one read model
casefile.assess.standing), so a release shows exactly who the list showed on its date, as the
publication rule allows: withheld persons have no row (a count when editors chose so),
anonymised ones a row without name, id or claims. Each named row keeps the claims it stands
on, with their quotes as the public may read them (casefile.reports.citations).

Canonical JSON (sorted keys, no spaces, UTF-8, no wall-clock value, who or when) makes the
hash a function of the list alone: publishing the same country and date again, with nothing
learnt since, gives the same bytes and the same hash. Who published and when are kept beside
the payload (casefile.registry.releases), not in it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from casefile.reports.citations import Citations, cite
from casefile.reports.prisoners import ListEntry, PrisonerList, number

FORMAT = "casefile-release/1"  # a payload says which shape it has: old ones stay readable


@dataclass(frozen=True)
class Criteria:
    """The filters a release narrowed the list by; None keeps every row."""

    status: str | None = None
    category: str | None = None
    article: str | None = None
    region: str | None = None

    def given(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class RowClaim:
    """A claim a row stands on: its id, what it states, its source and its words."""

    claim: str
    predicate: str
    source_id: int
    quote: str | None  # as the public may read it; None when withheld


@dataclass(frozen=True)
class Row:
    person_id: int | None  # None for an anonymised row
    name: str
    status: str
    category: str | None
    list_number: int | None
    articles: list[str]
    sentence_months: list[float]
    claims: list[RowClaim] = field(default_factory=list)


@dataclass(frozen=True)
class Payload:
    country: str
    as_of: str
    criteria: dict[str, str]
    counts: dict[str, int]
    rows: list[Row]
    format: str = FORMAT

    def canonical(self) -> str:
        return canonical(asdict(self))

    def sha256(self) -> str:
        return content_hash(self.canonical())


def canonical(data: Any) -> str:
    """The one text of `data`: sorted keys, no spaces, characters as they are (UTF-8)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(s: Session, plist: PrisonerList, criteria: Criteria) -> Payload:
    """The payload of `plist` (the list as of its date, already narrowed by `criteria`)."""
    cites = cite(s, plist.entries)
    return Payload(plist.country, plist.as_of, criteria.given(), dict(plist.counts),
                   [_row(e, cites) for e in plist.entries])


def _row(e: ListEntry, cites: Citations) -> Row:
    claims: dict[str, RowClaim] = {}
    for ref in e.sources:  # an anonymised entry has none
        for q in ref.quotes:
            said = cites.quote(q.claim)
            claims.setdefault(q.claim, RowClaim(q.claim, q.predicate, ref.id,
                                                said.text if said else None))
    # Articles in a fixed order: the list keeps the order the registry returns them in, and
    # two charges of one list entry quote the same place (PostgreSQL may return either first).
    articles = sorted({a.article for a in e.articles}, key=lambda a: (len(a), a))
    return Row(e.person_id, e.name, e.status, e.category, e.number,
               articles, [number(m) for m in e.sentence_months],
               sorted(claims.values(), key=lambda c: (c.source_id, c.claim)))


def parse(text: str) -> Payload:
    """A stored payload read back (the diff and the pages read releases so)."""
    data = json.loads(text)
    rows = [Row(**{**r, "claims": [RowClaim(**c) for c in r["claims"]]})
            for r in data.pop("rows")]
    return Payload(rows=rows, **data)

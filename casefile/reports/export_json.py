"""The prisoner list as JSON: the shape data partners and the API read.

A row is a dataclass (`ListRow`), not a dict: the API declares it as its response shape through
pydantic (field descriptions are the attribute docstrings), so the documented shape is the
shape built here and cannot drift from it. Each source carries its URL (None when there is
none: `origin` is then the file name) and each quote its words and the editors' hand in it
(casefile.reports.citations).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, ClassVar

from casefile.reports.citations import Citations
from casefile.reports.prisoners import Article, ListEntry, PrisonerList, number

DOCSTRINGS: dict[str, Any] = {"use_attribute_docstrings": True}  # pydantic's config


@dataclass
class QuoteRow:
    claim: str
    predicate: str
    start: int | None
    end: int | None
    text: str | None
    """The quoted words, as the public may read them (None when withheld)."""
    editors: str | None
    """"entered by editors" or "corrected by editors (...)", when they did."""


@dataclass
class SourceRow:
    id: int
    title: str | None
    publisher: str | None
    published_at: str | None
    url: str | None
    """Where a reader finds the source (None when it has no address: see origin)."""
    origin: str
    quotes: list[QuoteRow]


@dataclass
class ListRow:
    __pydantic_config__: ClassVar[dict[str, Any]] = DOCSTRINGS

    id: int | None
    """None for an anonymised person (no id is shared)."""
    name: str
    status: str
    category: str | None
    list_number: int | None
    articles: list[str]
    charges: list[Article]
    sentence_months: list[float]
    dates: dict[str, str]
    torture_reported: bool
    extradition_risk: bool
    citizenship: list[str]
    last_confirmed: str | None
    """Newest date of a source behind the row, up to the list's date."""
    stale: bool
    """No source confirms the status within CASEFILE_STALE_MONTHS of the list's date."""
    sources: list[SourceRow]


def _quote(q: Any, cites: Citations) -> QuoteRow:
    said = cites.quote(q.claim)
    return QuoteRow(q.claim, q.predicate, q.start, q.end, said.text if said else None,
                    said.editors if said else None)


def row(e: ListEntry, cites: Citations) -> ListRow:
    sources = []
    for ref in e.sources:
        c = cites.source(ref)
        sources.append(SourceRow(c.source_id, c.title, c.publisher, c.published_at, c.url,
                                 c.origin, [_quote(q, cites) for q in ref.quotes]))
    return ListRow(
        id=e.person_id, name=e.name, status=e.status, category=e.category,
        list_number=e.number, articles=[a.article for a in e.articles],
        charges=list(e.articles),
        sentence_months=[number(m) for m in e.sentence_months], dates=e.dates,
        torture_reported=e.torture_reported, extradition_risk=e.extradition_risk,
        citizenship=e.citizenship, last_confirmed=e.last_confirmed, stale=e.stale,
        sources=sources)


def entry_dict(e: ListEntry, cites: Citations) -> dict[str, Any]:
    return asdict(row(e, cites))


def to_dict(plist: PrisonerList, cites: Citations) -> dict[str, Any]:
    return {"as_of": plist.as_of, "country": plist.country, "counts": plist.counts,
            "persons": [entry_dict(e, cites) for e in plist.entries]}


def render(plist: PrisonerList, cites: Citations) -> str:
    return json.dumps(to_dict(plist, cites), ensure_ascii=False, indent=1) + "\n"

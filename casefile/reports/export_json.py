"""The prisoner list as JSON: the shape data partners and the API read.

A row is a dataclass (`ListRow`), not a dict: the API declares it as its response shape through
pydantic (field descriptions are the attribute docstrings), so the documented shape is the
shape built here and cannot drift from it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, ClassVar

from casefile.reports.prisoners import Article, ListEntry, PrisonerList, number

DOCSTRINGS: dict[str, Any] = {"use_attribute_docstrings": True}  # pydantic's config


@dataclass
class QuoteRow:
    claim: str
    predicate: str
    start: int | None
    end: int | None


@dataclass
class SourceRow:
    id: int
    title: str | None
    publisher: str | None
    published_at: str | None
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


def row(e: ListEntry) -> ListRow:
    return ListRow(
        id=e.person_id, name=e.name, status=e.status, category=e.category,
        list_number=e.number, articles=[a.article for a in e.articles],
        charges=list(e.articles),
        sentence_months=[number(m) for m in e.sentence_months], dates=e.dates,
        torture_reported=e.torture_reported, extradition_risk=e.extradition_risk,
        citizenship=e.citizenship, last_confirmed=e.last_confirmed, stale=e.stale,
        sources=[SourceRow(s.id, s.title, s.publisher, s.published_at, s.origin,
                           [QuoteRow(*q) for q in s.quotes]) for s in e.sources])


def entry_dict(e: ListEntry) -> dict[str, Any]:
    return asdict(row(e))


def to_dict(plist: PrisonerList) -> dict[str, Any]:
    return {"as_of": plist.as_of, "country": plist.country, "counts": plist.counts,
            "persons": [entry_dict(e) for e in plist.entries]}


def render(plist: PrisonerList) -> str:
    return json.dumps(to_dict(plist), ensure_ascii=False, indent=1) + "\n"

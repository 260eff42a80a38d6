"""The prisoner list as JSON: the shape data partners and the API read."""

from __future__ import annotations

import json
from typing import Any

from casefile.reports.prisoners import ListEntry, PrisonerList, number


def entry_dict(e: ListEntry) -> dict[str, Any]:
    return {
        "id": e.person_id,
        "name": e.name,
        "status": e.status,
        "category": e.category,
        "list_number": e.number,
        "articles": [a.article for a in e.articles],
        "charges": [{"article": a.article, "part": a.part, "title": a.title} for a in e.articles],
        "sentence_months": [number(m) for m in e.sentence_months],
        "dates": e.dates,
        "torture_reported": e.torture_reported,
        "extradition_risk": e.extradition_risk,
        "citizenship": e.citizenship,
        "last_confirmed": e.last_confirmed,
        "stale": e.stale,
        "sources": [{"id": s.id, "title": s.title, "publisher": s.publisher,
                     "published_at": s.published_at, "origin": s.origin,
                     "quotes": [q._asdict() for q in s.quotes]} for s in e.sources],
    }


def to_dict(plist: PrisonerList) -> dict[str, Any]:
    return {"as_of": plist.as_of, "country": plist.country, "counts": plist.counts,
            "persons": [entry_dict(e) for e in plist.entries]}


def render(plist: PrisonerList) -> str:
    return json.dumps(to_dict(plist), ensure_ascii=False, indent=1) + "\n"

"""The prisoner list as JSON: the shape data partners and the API read. Each source carries
its URL (None when there is none: `origin` is then the file name) and each quote its words
and the editors' hand in it (casefile.reports.citations)."""

from __future__ import annotations

import json
from typing import Any

from casefile.reports.citations import Citations
from casefile.reports.prisoners import ListEntry, PrisonerList, SourceRef, number


def _source(ref: SourceRef, cites: Citations) -> dict[str, Any]:
    c = cites.source(ref)
    quotes = []
    for q in ref.quotes:
        said = cites.quote(q.claim)
        quotes.append({**q._asdict(), "text": said.text if said else None,
                       "editors": said.editors if said else None})
    return {"id": c.source_id, "title": c.title, "publisher": c.publisher,
            "published_at": c.published_at, "url": c.url, "origin": c.origin,
            "quotes": quotes}


def entry_dict(e: ListEntry, cites: Citations) -> dict[str, Any]:
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
        "sources": [_source(ref, cites) for ref in e.sources],
    }


def to_dict(plist: PrisonerList, cites: Citations) -> dict[str, Any]:
    return {"as_of": plist.as_of, "country": plist.country, "counts": plist.counts,
            "persons": [entry_dict(e, cites) for e in plist.entries]}


def render(plist: PrisonerList, cites: Citations) -> str:
    return json.dumps(to_dict(plist, cites), ensure_ascii=False, indent=1) + "\n"

"""Search across persons, events and source text (casefile.registry.search), with snippets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.registry import search as idx
from casefile.registry.models import Claim, Event, Person, Source
from casefile.web import auth
from casefile.web.pages import current_account, event_label, get_db, render
from casefile.web.schemas import SearchOut

router = APIRouter()
Q = Annotated[str, Query(max_length=200)]


def results(s: Session, q: str, kind: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of public hits of one kind, each with a title and a snippet to show. Column
    tuples only, and for sources only the text around the hit (registry.search.excerpts):
    reading whole sources to show 180 characters of each was most of a search's time."""
    hits, total = idx.search(s, q, kind, limit, offset, public=True)
    words = idx.terms(q)[0]
    persons = dict(s.execute(select(Person.id, Person.display_name).where(
        Person.id.in_({h.person_id for h in hits if h.person_id}))).all())
    items = []
    if kind == "source":
        titles = {sid: title or origin for sid, title, origin in s.execute(
            select(Source.id, Source.title, Source.origin)
            .where(Source.id.in_({h.source_id for h in hits})))}
        excerpts = idx.excerpts(s, list(titles), words)
        for h in hits:
            sid = h.source_id or 0
            items.append({"kind": kind, "person_id": None, "source_id": sid,
                          "claim_id": None, "title": titles[sid], "snippet": excerpts[sid]})
    elif kind == "event":
        rows = {row[0]: row[1:] for row in s.execute(
            select(Claim.id, Claim.person_id, Claim.source_id, Claim.quote, Event.type,
                   Event.date).join(Event, Event.claim_id == Claim.id)
            .where(Claim.id.in_({h.claim_id for h in hits})))}
        for h in hits:
            person_id, source_id, quote, etype, edate = rows[h.claim_id]
            title = f"{event_label(etype)}{' ' + edate if edate else ''}: " \
                    f"{persons.get(person_id or 0, '')}"
            items.append({"kind": kind, "person_id": person_id, "source_id": source_id,
                          "claim_id": h.claim_id, "title": title,
                          "snippet": idx.excerpt(quote, words)})
    else:
        for h in hits:
            items.append({"kind": kind, "person_id": h.person_id, "source_id": None,
                          "claim_id": None, "title": persons.get(h.person_id or 0, ""),
                          "snippet": ""})
    return {"q": q, "kind": kind, "total": total, "limit": limit, "offset": offset,
            "items": items}


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: Q = "", kind: Annotated[str, Query(max_length=10)] = "",
                page: Annotated[int, Query(ge=1, le=1000)] = 1, s: Session = Depends(get_db),
                account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    kinds = [kind] if kind in idx.KINDS else list(idx.KINDS)
    size = 50 if len(kinds) == 1 else 10
    groups = [results(s, q, k, size, (page - 1) * size) for k in kinds] if q.strip() else []
    return render(request, "search.html", account=account, q=q, kind=kind, groups=groups,
                  page=page, size=size)


@router.get("/search.json", response_model=SearchOut, include_in_schema=False)
def search_json(q: Q = "", kind: Annotated[str, Query(pattern="^(person|event|source)$")]
                = "person", limit: Annotated[int, Query(ge=1, le=100)] = 20,
                offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
                s: Session = Depends(get_db)) -> dict[str, Any]:
    return results(s, q, kind, limit, offset)

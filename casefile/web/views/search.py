"""Search across persons, events and source text (casefile.registry.search), with snippets."""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.registry import search as idx
from casefile.registry.models import Claim, Event, Person, Source
from casefile.web import auth, listing
from casefile.web.highlight import snippet
from casefile.web.pages import current_account, event_label, get_db, render
from casefile.web.schemas import SearchOut

router = APIRouter()
Q = Annotated[str, Query(max_length=200)]


_cache: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_lock = threading.Lock()
CACHED = 512  # pages of results kept per process (a few kilobytes each)


def results(s: Session, q: str, kind: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of public hits of one kind, each with a title and a snippet to show.

    Kept per registry version (listing.version: every change writes the audit log, so a
    review decision still changes what search shows at once): people search for the same
    names again and again, and a page of hits costs the full-text match and, for sources,
    reading their whole text for the snippet."""
    key = (str(s.get_bind().url), listing.version(s), q, kind, limit, offset)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return copy.deepcopy(_cache[key])
    value = _results(s, q, kind, limit, offset)
    with _lock:
        _cache[key] = value
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return copy.deepcopy(value)


def _results(s: Session, q: str, kind: str, limit: int, offset: int) -> dict[str, Any]:
    hits, total = idx.search(s, q, kind, limit, offset, public=True)
    words = idx.terms(q)[0]
    persons = {p.id: p.display_name for p in s.scalars(
        select(Person).where(Person.id.in_({h.person_id for h in hits if h.person_id})))}
    items = []
    if kind == "source":
        sources = {src.id: src for src in s.scalars(
            select(Source).where(Source.id.in_({h.source_id for h in hits})))}
        for h in hits:
            src = sources[h.source_id]  # type: ignore[index]
            items.append({"kind": kind, "person_id": None, "source_id": src.id,
                          "claim_id": None, "title": src.title or src.origin,
                          "snippet": snippet(src.text, words)})
    elif kind == "event":
        rows = {c.id: (c, e) for c, e in s.execute(
            select(Claim, Event).join(Event, Event.claim_id == Claim.id)
            .where(Claim.id.in_({h.claim_id for h in hits})))}
        for h in hits:
            claim, ev = rows[h.claim_id]  # type: ignore[index]
            title = f"{event_label(ev.type)}{' ' + ev.date if ev.date else ''}: " \
                    f"{persons.get(claim.person_id or 0, '')}"
            items.append({"kind": kind, "person_id": claim.person_id,
                          "source_id": claim.source_id, "claim_id": claim.id,
                          "title": title, "snippet": snippet(claim.quote, words)})
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

"""Editors add a fact the software missed, from the browser and without JavaScript: pick a
source, search its preserved text, choose the passage that states the fact, say what it is.

Each step is a plain form: the search is a GET that shows the matching passages as radio
buttons; the fact is a POST (editor role, CSRF) that goes through casefile.registry.manual,
which checks it and writes the audit log.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.errors import CasefileError
from casefile.extract.details import FIELDS
from casefile.registry import manual
from casefile.registry.models import Person, Source
from casefile.web import auth
from casefile.web.pages import csrf_form, get_db, render, require

router = APIRouter()
PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SOURCES_SHOWN = 300  # the newest sources offered in the picker; any other by its id


@router.get("/review/persons/{person_id}/add", response_class=HTMLResponse,
            include_in_schema=False)
def add_page(request: Request, person_id: PersonId,
             source: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
             q: Annotated[str, Query(max_length=200)] = "",
             account: auth.Account = Depends(require("editor")),
             s: Session = Depends(get_db)) -> HTMLResponse:
    person = s.get(Person, person_id)
    if person is None:
        raise HTTPException(404, "No person with this id.")
    sources = s.execute(select(Source.id, Source.title, Source.origin)
                        .order_by(Source.id.desc()).limit(SOURCES_SHOWN)).all()
    picked = s.get(Source, source) if source else None
    found = [(a, b, picked.text[a:b]) for a, b in manual.passages(picked.text, q)] \
        if picked is not None and q.strip() else []
    return render(request, "manual.html", account=account, person=person, sources=sources,
                  picked=picked, q=q, passages=found, kinds=list(manual.KINDS),
                  fields=FIELDS,
                  missing=source is not None and picked is None)


@router.post("/review/persons/{person_id}/add", include_in_schema=False)
def add_post(person_id: PersonId, account: auth.Account = Depends(require("editor")),
             form: FormData = Depends(csrf_form),
             s: Session = Depends(get_db)) -> Response:
    def field(name: str) -> str | None:
        return str(form.get(name) or "").strip()[:2000] or None

    source, span = field("source"), field("span")
    try:
        picked = tuple(int(x) for x in span.split("-")) if span else None
        source_id = int(source) if source else None
    except ValueError:
        raise HTTPException(400, "Pick a passage of the source.") from None
    if picked is not None and len(picked) != 2:
        raise HTTPException(400, "Pick a passage of the source.")
    fact = manual.ManualFact(
        person_id=person_id, kind=field("kind") or "", value=field("value") or "",
        reason=field("reason") or "", editor=account.username, date=field("date"),
        source_id=source_id if picked else None,
        span=(picked[0], picked[1]) if picked else None,
        lang=field("lang"), field=field("field") if field("kind") == "detail" else None,
        country=field("country") if field("kind") == "event" else None,
        requesting=field("requesting") if field("kind") == "event" else None,
        confidential=form.get("confidential") == "on")
    try:
        manual.add(s, fact)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(f"/review/persons/{person_id}?done=added", status_code=303)

"""The screening queue (/review/screening): registry persons who may be on a list from
outside (`casefile screen FILE --queue`), for editors to confirm or dismiss.

Editors only, for reading too: an item says that someone the registry protects may be on a
wanted list, which is not for viewers or the public. Decisions go through
casefile.registry.screening, which writes the audit log.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.errors import CasefileError
from casefile.registry import screening
from casefile.web import auth
from casefile.web.pages import csrf_form, get_db, query, render, require

router = APIRouter()
PAGE = 100
State = Annotated[str, Query(pattern="^(open|confirmed|dismissed)$")]


@router.get("/review/screening", response_class=HTMLResponse, include_in_schema=False)
def screening_page(request: Request, state: State = "open",
                   page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                   done: Annotated[str, Query(max_length=100)] = "",
                   account: auth.Account = Depends(require("editor")),
                   s: Session = Depends(get_db)) -> HTMLResponse:
    items = screening.queued(s, state, PAGE, (page - 1) * PAGE)
    total = screening.count(s, state)
    return render(request, "screening.html", account=account, items=items, state=state,
                  states=screening.STATES, done=done, total=total, page=page,
                  pages=max(1, -(-total // PAGE)),
                  wanted={h.id for h in items if screening.wanted(h)})


@router.post("/review/screening/{hit_id}", include_in_schema=False)
def screening_decide(hit_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
                     account: auth.Account = Depends(require("editor")),
                     form: FormData = Depends(csrf_form),
                     s: Session = Depends(get_db)) -> Response:
    try:
        hit = screening.decide(s, hit_id, str(form.get("decision") or ""), account.username)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse("/review/screening" + query({}, done=f"{hit.state} #{hit.id}"),
                            status_code=303)

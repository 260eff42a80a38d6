"""The editors' sources inventory: every source with filters, its metadata edited after
capture and extraction run again, through casefile.registry.inventory (which logs each
change). Viewers may read it; changes need the editor role and the CSRF token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.errors import CasefileError
from casefile.registry import inventory, stories
from casefile.registry.models import Source
from casefile.sources.links import MAX_LENGTH
from casefile.web import auth, work, workers
from casefile.web.pages import csrf_form, get_db, query, render, require

router = APIRouter()
SourceId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text = Annotated[str, Query(max_length=100)]
PAGE = 100


@router.get("/review/sources", response_class=HTMLResponse, include_in_schema=False)
def inventory_page(request: Request, publisher: Text = "", country: Text = "",
                   language: Text = "", since: Text = "", until: Text = "",
                   pending: Annotated[bool, Query()] = False,
                   story: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
                   page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                   done: Text = "",
                   account: auth.Account = Depends(require("viewer")),
                   s: Session = Depends(get_db)) -> HTMLResponse:
    filters = inventory.Filters(publisher or None, country or None, language or None,
                                since or None, until or None, None, pending, story)
    rows, total = inventory.sources(s, filters, PAGE, (page - 1) * PAGE)
    params = {"publisher": publisher, "country": country, "language": language,
              "since": since, "until": until, "pending": "true" if pending else "",
              "story": story or ""}
    return render(request, "inventory.html", account=account, rows=rows, total=total,
                  page=page, pages=max(1, -(-total // PAGE)), params=params, done=done)


@router.get("/review/sources/{source_id}", response_class=HTMLResponse,
            include_in_schema=False)
def source_page(request: Request, source_id: SourceId, done: Text = "",
                account: auth.Account = Depends(require("viewer")),
                s: Session = Depends(get_db)) -> HTMLResponse:
    src = s.get(Source, source_id)
    if src is None:
        raise HTTPException(404, "No source with this id.")
    return render(request, "inventory_source.html", account=account, src=src, done=done,
                  story=stories.told_also_by(s, src))


@router.post("/review/sources/{source_id}", include_in_schema=False)
def edit_post(source_id: SourceId, account: auth.Account = Depends(require("editor")),
              form: FormData = Depends(csrf_form),
              s: Session = Depends(get_db)) -> Response:
    def field(name: str) -> str | None:
        value = form.get(name)
        return None if value is None else str(value)[:300]

    # A blank date or language leaves it as it is (neither can be emptied); a blank title,
    # publisher or URL clears it.
    url = form.get("url")
    change = inventory.Metadata(field("title"), field("publisher"),
                                field("published_at") or None, field("language") or None,
                                None if url is None else str(url)[:MAX_LENGTH + 1])
    try:
        done = inventory.edit(s, source_id, change, account.username, field("reason"))
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    what = "+".join(done) or "nothing changed"
    return RedirectResponse(f"/review/sources/{source_id}" + query({}, done=what),
                            status_code=303)


@router.post("/review/sources/{source_id}/reextract", include_in_schema=False)
async def reextract_post(request: Request, source_id: SourceId,
                         account: auth.Account = Depends(require("editor")),
                         form: FormData = Depends(csrf_form)) -> Response:
    """Extraction in the worker process, as a capture's: never in a serving thread."""
    try:
        added = await workers.run(work.reextract, request.app.state.db_url, source_id,
                                  account.username)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/review/sources/{source_id}" + query(
        {}, done=f"{added} new claims proposed"), status_code=303)


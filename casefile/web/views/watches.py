"""/review/watches: the editors' watches (casefile.registry.watches) with their last run,
result and error, a form to add one and a button to run one now.

Editors only: a watch decides what Casefile fetches from the open web in its name. Running
one from here is the same run as `casefile watch run ID` (casefile.registry.watch_run, or the
workers' queue on PostgreSQL), with the same claim, so a click while cron is fetching that
watch fetches nothing twice.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from casefile.errors import CasefileError
from casefile.registry import db, watch_queue, watches
from casefile.web import auth, work, workers
from casefile.web.pages import csrf_form, get_db, query, render, require

router = APIRouter()
WatchId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/review/watches", response_class=HTMLResponse, include_in_schema=False)
def watches_page(request: Request,
                 done: Annotated[str, Query(max_length=300)] = "",
                 account: auth.Account = Depends(require("editor")),
                 s: Session = Depends(get_db)) -> HTMLResponse:
    return render(request, "watches.html", account=account, watches=watches.listed(s),
                  done=done)


@router.post("/review/watches", include_in_schema=False)
def watch_add(request: Request, account: auth.Account = Depends(require("editor")),
              form: FormData = Depends(csrf_form)) -> Response:
    every = str(form.get("every") or "60").strip()
    try:
        if not every.isdigit():
            raise CasefileError(f"minutes between fetches must be a whole number: {every[:20]!r}")
        with db.transaction(request.app.state.db_url) as s:
            watch = watches.add(s, str(form.get("url") or ""), actor=account.username,
                                publisher=str(form.get("publisher") or "").strip(),
                                country=str(form.get("country") or "").strip() or None,
                                every_minutes=int(every), trusted=form.get("trusted") == "1")
            done = f"#{watch.id} {watch.url}"
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse("/review/watches" + query({}, done=done[:300]), status_code=303)


@router.post("/review/watches/{watch_id}/run", include_in_schema=False)
async def watch_run_now(request: Request, watch_id: WatchId,
                        account: auth.Account = Depends(require("editor")),
                        form: FormData = Depends(csrf_form)) -> Response:
    """Run it now in the server's worker process (casefile.web.workers) on SQLite; on
    PostgreSQL hand it to the workers' queue (casefile.registry.watch_queue), as `watch run
    ID` does."""
    url = request.app.state.db_url
    try:
        if await run_in_threadpool(watch_queue.used, url):
            [queued] = await run_in_threadpool(
                lambda: watch_queue.defer([watch_id], actor=account.username, url=url))
            done = f"#{watch_id} " + ("queued" if queued.job_id else "already queued")
        else:
            result, note = await workers.run(work.run_watch, watch_id, account.username, url)
            done = f"#{watch_id} {result}: {note}"
    except CasefileError as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse("/review/watches" + query({}, done=done[:300]), status_code=303)


"""The interventions log in the browser and the API, for editors only: the list (all, or what
is due by a date), a form to add one, a form to move one on. Plain forms with the CSRF token,
through casefile.registry.interventions, which checks them and writes the audit log. Its
notes are confidential, so nothing here is public: a visitor is sent to log in, a viewer gets
403, the API wants an editor's token (401 without one)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.errors import CasefileError, NotFound
from casefile.registry import interventions as iv
from casefile.registry.models import Person
from casefile.web import auth, securitylog
from casefile.web.lang import of
from casefile.web.pages import csrf_form, get_db, render, require
from casefile.web.schemas import Error
from casefile.web.views.api import token_account

router = APIRouter()
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Day = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$")]
PersonQ = Annotated[int | None, Query(ge=1, le=2**31 - 1)]
PERSONS_OFFERED = 2000  # the persons the add form's picker lists; any other by its id


def _records(request: Request, s: Session, person: int | None, due: str | None
             ) -> list[iv.InterventionRecord]:
    try:
        rows = iv.due(s, due) if due else iv.listed(s, person)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    return [iv.record(r, of(request)) for r in rows]


@router.get("/review/interventions", response_class=HTMLResponse, include_in_schema=False)
def interventions_page(request: Request, person: PersonQ = None, due: Day = None,
                       done: str = "", account: auth.Account = Depends(require("editor")),
                       s: Session = Depends(get_db)) -> HTMLResponse:
    rows = _records(request, s, person, due)
    persons = s.execute(select(Person.id, Person.display_name)
                        .order_by(Person.display_name).limit(PERSONS_OFFERED)).all()
    lang = of(request)
    return render(request, "interventions.html", account=account, rows=rows, due=due,
                  person=person, done=done, persons=persons, today=date.today().isoformat(),
                  kinds=[(k, iv.label("kinds", k, lang)) for k in iv.KINDS],
                  statuses=[(k, iv.label("statuses", k, lang)) for k in iv.STATUSES])


@router.get("/review/interventions.json", include_in_schema=False)
def interventions_json(request: Request, person: PersonQ = None, due: Day = None,
                       account: auth.Account = Depends(require("editor")),
                       s: Session = Depends(get_db)) -> list[dict[str, Any]]:
    return [asdict(r) for r in _records(request, s, person, due)]


def _field(form: FormData, name: str, limit: int = iv.MAX_NOTE + 1) -> str | None:
    """A form field, cut one past what the registry takes, so an over-long value is refused
    with its message rather than shortened unseen."""
    return str(form.get(name) or "").strip()[:limit] or None


@router.post("/review/interventions", include_in_schema=False)
def add_post(account: auth.Account = Depends(require("editor")),
             form: FormData = Depends(csrf_form), s: Session = Depends(get_db)) -> Response:
    person = _field(form, "person", 20)
    try:
        person_id = int(person) if person else None
    except ValueError:
        raise HTTPException(400, "The person is a person id.") from None
    new = iv.NewIntervention(
        kind=_field(form, "kind", 40) or "", addressee=_field(form, "addressee") or "",
        editor=account.username, person_id=person_id, filed=_field(form, "filed", 20),
        status=_field(form, "status", 20) or "filed", follow_up=_field(form, "follow_up", 20),
        reference=_field(form, "reference"), notes=_field(form, "notes"))
    try:
        row = iv.add(s, new)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    back = f"/review/persons/{person_id}" if person_id and form.get("back") == "person" \
        else "/review/interventions"
    return RedirectResponse(f"{back}?done=intervention-{row.id}-added", status_code=303)


@router.post("/review/interventions/{intervention_id}", include_in_schema=False)
def update_post(intervention_id: Id, account: auth.Account = Depends(require("editor")),
                form: FormData = Depends(csrf_form),
                s: Session = Depends(get_db)) -> Response:
    try:
        iv.update(s, intervention_id, account.username, status=_field(form, "status", 20),
                  follow_up=_field(form, "follow_up", 20))
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(f"/review/interventions?done=intervention-{intervention_id}"
                            "-updated", status_code=303)


@router.get("/api/v1/interventions", tags=["editors"],
            summary="The interventions log (editor token)",
            responses={401: {"model": Error, "description": "No or unknown token."},
                       403: {"model": Error, "description": "The token's user is no editor."}})
def interventions_api(request: Request, person: PersonQ = None, due: Day = None,
                      account: auth.Account = Depends(token_account),
                      s: Session = Depends(get_db)) -> list[iv.InterventionRecord]:
    if not account.can("editor"):
        securitylog.record(request, "forbidden", account.username, "needs editor")
        raise HTTPException(403, "This needs the editor role.")
    return _records(request, s, person, due)

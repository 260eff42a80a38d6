"""Editors' tools: capture a source (and correct its country afterwards), the editors' view of
a person, merge and split persons, record a PACE assessment.

Merges are judgements (casefile.registry.judgements): merging adds a positive
judgement, splitting withdraws it (deleted_at) and records a negative one so automatic
resolution is not tempted again. Nothing about the persons or their claims is rewritten.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload
from starlette.datastructures import FormData, UploadFile

from casefile.assess.pace import ANSWERS, DECISIONS, assess
from casefile.errors import CasefileError
from casefile.extract.country import case_country
from casefile.extract.places import known_countries
from casefile.registry import db, follows, judgements, person_edit
from casefile.registry import interventions as iv
from casefile.registry.judgements import members
from casefile.registry.models import Claim, Judgement, Person, Source
from casefile.registry.publication import PUBLICATIONS
from casefile.registry.redact import DEFAULT_FIELDS, FIELDS
from casefile.registry.source_edit import set_country
from casefile.reports.dossier import with_proceedings
from casefile.web import auth, work, workers
from casefile.web.lang import of
from casefile.web.pages import csrf_form, get_db, render, require

router = APIRouter()
PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SourceId = Annotated[int, Path(ge=1, le=2**31 - 1)]
CLAIMS_SHOWN = 500  # a person's claims on the editors' page; the queue pages through more
# Languages offered for a name an editor adds (casefile.registry.manual, kind "name").
NAME_LANGUAGES = {"ru": "Russian", "kk": "Kazakh", "en": "English", "": "other or not known"}


@router.get("/capture", response_class=HTMLResponse, include_in_schema=False)
def capture_page(request: Request, source: int = Query(0, ge=0, le=2**31 - 1),
                 done: str = "", account: auth.Account = Depends(require("editor")),
                 s: Session = Depends(get_db)) -> HTMLResponse:
    """The capture form; with ?source=N also that source's country, why, and a form to
    change it (a country can be corrected at any time after capture)."""
    shown = _source_country(s, source) if source else None
    if source and shown is None:
        raise HTTPException(404, "No source with this id.")
    return render(request, "capture.html", account=account, result=None, error=None,
                  countries=known_countries(), source=shown, done=done)


@router.post("/capture", include_in_schema=False)
async def capture_post(request: Request, account: auth.Account = Depends(require("editor")),
                       form: FormData = Depends(csrf_form)) -> Response:
    """Capture a file or URL: read, extracted and stored in the worker process
    (casefile.web.work), so the site keeps serving meanwhile."""
    from starlette.concurrency import run_in_threadpool

    upload, url = form.get("file"), str(form.get("url") or "").strip()
    published = str(form.get("published") or "").strip() or None
    publisher = str(form.get("publisher") or "").strip()[:300] or None
    country = str(form.get("country") or "").strip()[:2] or None
    opts = {"publisher": publisher, "published": published, "actor": account.username,
            "url": request.app.state.db_url, "trusted": form.get("trusted") == "on",
            "country": country}
    page: dict[str, Any] = {"account": account, "countries": known_countries(), "done": ""}
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            raw = await upload.read()
            name = re.sub(r"[^\w.\-]", "_", upload.filename)[:200] or "upload"
            result = await workers.run(work.capture_upload, raw, name, opts)
        elif url:
            result = await workers.run(work.capture_url, url, opts)
        else:
            raise CasefileError("Give a file or a URL.")
    except CasefileError as exc:
        return render(request, "capture.html", status=400, result=None, error=str(exc),
                      source=None, **page)

    def shown() -> dict[str, Any] | None:
        with db.session(request.app.state.db_url) as s:
            return _source_country(s, result.source_id)

    return render(request, "capture.html", result=result, error=None,
                  source=await run_in_threadpool(shown), **page)


@router.post("/capture/{source_id:int}/country", include_in_schema=False)
def capture_country(request: Request, source_id: SourceId,
                    account: auth.Account = Depends(require("editor")),
                    form: FormData = Depends(csrf_form),
                    s: Session = Depends(get_db)) -> Response:
    """Correct a source's country: its facts move to its persons' cases in that country."""
    country = str(form.get("country") or "").strip()[:2]
    reason = str(form.get("reason") or "").strip()[:1000] or None
    try:
        set_country(s, source_id, country, account.username, reason)
    except CasefileError as exc:
        shown = _source_country(s, source_id)
        return render(request, "capture.html", status=404 if shown is None else 400,
                      account=account, result=None, error=str(exc),
                      countries=known_countries(), source=shown, done="")
    s.commit()
    return RedirectResponse(f"/capture?source={source_id}&done=country", status_code=303)


def _source_country(s: Session, source_id: int) -> dict[str, Any] | None:
    """What the capture page shows about a source's country: the one recorded and what the
    text says, so an editor sees why before changing it."""
    src = s.get(Source, source_id)
    if src is None:
        return None
    guess = case_country(src.text)
    return {"id": src.id, "title": src.title or src.origin, "country": src.country,
            "guess": guess.country, "reasons": guess.reasons(4)}


@router.get("/review/persons/{person_id:int}", response_class=HTMLResponse,
            include_in_schema=False)
def editor_person(request: Request, person_id: PersonId, done: str = "",
                  account: auth.Account = Depends(require("viewer")),
                  s: Session = Depends(get_db)) -> HTMLResponse:
    found = with_proceedings(s, person_id, public=False, lang=of(request))
    if found is None:
        raise HTTPException(404, "No person with this id.")
    d, proceedings = found
    ids = [d.person_id, *d.merged_ids]
    judgements = list(s.scalars(select(Judgement).where(or_(
        Judgement.left_id.in_(ids), Judgement.right_id.in_(ids))).order_by(Judgement.id)))
    claims = list(s.scalars(
        select(Claim).options(joinedload(Claim.source))
        .where(Claim.person_id.in_(ids), Claim.state != "rejected")
        .order_by(Claim.predicate, Claim.date, Claim.source_id, Claim.start).limit(CLAIMS_SHOWN)))
    person = s.get_one(Person, d.person_id)
    lang = of(request)
    # The interventions log is the editors' (its notes are confidential), not a viewer's.
    filed = [iv.record(r, lang) for r in iv.listed(s, d.person_id)] \
        if account.can("editor") else []
    return render(request, "editor_person.html", account=account, d=asdict(d),
                  proceedings=proceedings,
                  interventions=filed, fixed_person=d.person_id,
                  kinds=[(k, iv.label("kinds", k, lang)) for k in iv.KINDS],
                  statuses=[(k, iv.label("statuses", k, lang)) for k in iv.STATUSES],
                  judgements=judgements, decisions=DECISIONS, answers=ANSWERS, done=done,
                  following=follows.is_following(s, account.username, d.person_id),
                  claims=claims, person=person, publications=PUBLICATIONS, fields=FIELDS,
                  kept=set(person.public_fields if person.public_fields is not None
                           else DEFAULT_FIELDS), languages=NAME_LANGUAGES)


@router.post("/review/persons/{person_id:int}/publication", include_in_schema=False)
def publication_post(person_id: PersonId, account: auth.Account = Depends(require("editor")),
                     form: FormData = Depends(csrf_form),
                     s: Session = Depends(get_db)) -> Response:
    """Whether the person may be named in public. A merged person is as protected as the
    most protected of its records, so the setting applies to every record of the cluster."""
    value = str(form.get("publication") or "")
    try:
        setting = person_edit.publication(
            value, [str(f) for f in form.getlist("fields")] if value == "anonymised" else None,
            value == "withheld" and form.get("count_only") == "on")
        if s.get(Person, person_id) is None:
            raise HTTPException(404, "No person with this id.")
        for pid in members(s, person_id):
            person_edit.set_publication(s, pid, setting, account.username,
                                        str(form.get("reason") or "").strip()[:1000] or None)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(f"/review/persons/{person_id}?done=publication+{value}",
                            status_code=303)


def _other(form: FormData, s: Session, person_id: int) -> int:
    raw = str(form.get("other") or "").strip()
    if not raw.isdigit() or int(raw) > 2**31 - 1 or int(raw) == person_id:
        raise HTTPException(400, "Give the id of another person.")
    if s.get(Person, int(raw)) is None or s.get(Person, person_id) is None:
        raise HTTPException(404, "No person with this id.")
    return int(raw)


@router.post("/review/persons/{person_id:int}/merge", include_in_schema=False)
def merge(person_id: PersonId, account: auth.Account = Depends(require("editor")),
          form: FormData = Depends(csrf_form),
          s: Session = Depends(get_db)) -> Response:
    other = _other(form, s, person_id)
    try:
        judgements.merge(s, person_id, other, account.username,
                         str(form.get("reason") or "") or None)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(f"/review/persons/{min(person_id, other)}?done=merged",
                            status_code=303)


@router.post("/review/persons/{person_id:int}/split", include_in_schema=False)
def split(person_id: PersonId, account: auth.Account = Depends(require("editor")),
          form: FormData = Depends(csrf_form),
          s: Session = Depends(get_db)) -> Response:
    other = _other(form, s, person_id)
    reason = str(form.get("reason") or "") or "split"
    try:
        judgements.split(s, person_id, other, account.username, reason)
        judgements.not_same(s, person_id, other, account.username, reason)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(f"/review/persons/{person_id}?done=split", status_code=303)


@router.post("/review/persons/{person_id:int}/assess", include_in_schema=False)
def assess_post(person_id: PersonId, account: auth.Account = Depends(require("editor")),
                form: FormData = Depends(csrf_form),
                s: Session = Depends(get_db)) -> Response:
    from casefile import vocab

    criteria = {}
    for key in vocab.pace_criteria():
        answer = str(form.get(f"c_{key}") or "unknown")
        if answer not in ANSWERS:
            raise HTTPException(400, f"criterion {key}: answer one of {', '.join(ANSWERS)}")
        criteria[key] = {"answer": answer,
                         "rationale": str(form.get(f"r_{key}") or "").strip()[:2000]}
    country = re.sub(r"[^A-Za-z]", "", str(form.get("country") or ""))[:2]
    if len(country) != 2:
        raise HTTPException(400, "Give the case's country code.")
    try:
        assess(s, person_id, country, criteria, str(form.get("decision") or ""),
               account.username, str(form.get("rationale") or "").strip()[:4000] or None)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(f"/review/persons/{person_id}?done=assessed", status_code=303)

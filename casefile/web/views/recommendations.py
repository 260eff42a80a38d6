"""Recommendations: the public page (what the publisher's sources recommend to institutions,
and how far it was implemented, on public evidence), its JSON twin and API, and the editors'
list with a form to track progress (CSRF, through casefile.registry.recommendations).

The public side reads casefile.reports.recommendations with public=True: only public sources,
redacted quotes, persons it may name, and progress whose evidence is a public source; never
an editors' note or who tracked it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.errors import CasefileError, NotFound
from casefile.registry import recommendations as recs
from casefile.registry.interventions import PROGRESS, label
from casefile.reports.recommendations import RecommendationRecord, recommendation_records
from casefile.web import auth
from casefile.web.lang import of
from casefile.web.pages import csrf_form, get_db, render, require

router = APIRouter()
Addressee = Annotated[str | None, Query(max_length=100, description="An institution's key "
                      "(european_parliament, pace, osce, un, eu, interpol, government ...) "
                      "or words of the addressee as written.")]
RecId = Annotated[str, Path(min_length=6, max_length=40, pattern="^[0-9a-f]+$")]


def _institutions(lang: str) -> list[tuple[str, str]]:
    from casefile import vocab

    return [(k, recs.institution_label(k, lang))
            for k in vocab.load("interventions.yml")["institutions"]]


@router.get("/recommendations", response_class=HTMLResponse, include_in_schema=False)
def public_page(request: Request, addressee: Addressee = None,
                s: Session = Depends(get_db)) -> HTMLResponse:
    lang = of(request)
    rows = recommendation_records(s, public=True, addressee=addressee, lang=lang)
    return render(request, "recommendations.html", rows=rows, addressee=addressee or "",
                  institutions=_institutions(lang), editors=False)


@router.get("/recommendations.json", include_in_schema=False)
def public_json(request: Request, addressee: Addressee = None,
                s: Session = Depends(get_db)) -> list[dict[str, Any]]:
    return [asdict(r) for r in recommendation_records(s, public=True, addressee=addressee,
                                                      lang=of(request))]


@router.get("/api/v1/recommendations", tags=["public"],
            summary="Recommendations of public sources, with their progress")
def public_api(request: Request, addressee: Addressee = None,
               s: Session = Depends(get_db)) -> list[RecommendationRecord]:
    return recommendation_records(s, public=True, addressee=addressee, lang=of(request))


@router.get("/review/recommendations", response_class=HTMLResponse, include_in_schema=False)
def editors_page(request: Request, addressee: Addressee = None, done: str = "",
                 account: auth.Account = Depends(require("editor")),
                 s: Session = Depends(get_db)) -> HTMLResponse:
    lang = of(request)
    rows = recommendation_records(s, public=False, addressee=addressee, lang=lang)
    return render(request, "recommendations.html", account=account, rows=rows,
                  addressee=addressee or "", institutions=_institutions(lang), editors=True,
                  done=done, today=date.today().isoformat(),
                  progress=[(k, label("progress", k, lang)) for k in PROGRESS])


@router.get("/review/recommendations.json", include_in_schema=False)
def editors_json(request: Request, addressee: Addressee = None,
                 account: auth.Account = Depends(require("editor")),
                 s: Session = Depends(get_db)) -> list[dict[str, Any]]:
    return [asdict(r) for r in recommendation_records(s, public=False, addressee=addressee,
                                                      lang=of(request))]


@router.post("/review/recommendations/{rec_id}/track", include_in_schema=False)
def track_post(rec_id: RecId, account: auth.Account = Depends(require("editor")),
               form: FormData = Depends(csrf_form), s: Session = Depends(get_db)) -> Response:
    def field(name: str) -> str | None:
        return str(form.get(name) or "").strip()[:recs.MAX_NOTE + 1] or None

    evidence = field("evidence")
    try:
        source_id = int(evidence) if evidence else None
    except ValueError:
        raise HTTPException(400, "The evidence is a source id.") from None
    try:
        rec = recs.find(s, rec_id)
        recs.track(s, recs.Progress(recommendation_id=rec.id, status=field("status") or "",
                                    date=field("date") or "", editor=account.username,
                                    source_id=source_id, quote=field("quote"),
                                    note=field("note")))
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse("/review/recommendations?done=tracked", status_code=303)

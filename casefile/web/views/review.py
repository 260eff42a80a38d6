"""The review queue: proposed claims with their quote in context, decided one by one or in
bulk, and conflicting claims (two sources disagree on a sentence or a date) side by side.

Viewers may read the queue; deciding needs the editor role. Every decision goes through
casefile.registry.review, which writes the audit log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, joinedload
from starlette.datastructures import FormData

from casefile.errors import CasefileError
from casefile.registry import review as rv
from casefile.registry import search
from casefile.registry.models import Claim
from casefile.web import auth
from casefile.web.claimtext import ClaimText, claim_text
from casefile.web.pages import csrf_form, get_db, query, render, require

router = APIRouter()
Int = Annotated[int | None, Query(ge=1, le=2**31 - 1)]


@dataclass(frozen=True)
class QueueItem:
    """A proposed claim as the queue shows it: in words, with its quote in context."""

    id: str
    mention: str | None
    person_id: int | None
    predicate: str
    value: str
    date: str | None
    state: str
    text: ClaimText
    source_id: int
    source: str
    confidence: float
    confidential: bool
    before: str
    quote: str
    after: str
    why: str | None


def queue(s: Session, source: int | None, person: int | None, limit: int, offset: int
          ) -> tuple[list[QueueItem], int]:
    q = select(Claim).where(Claim.state == "proposed")
    if source is not None:
        q = q.where(Claim.source_id == source)
    if person is not None:
        q = q.where(Claim.person_id == person)
    total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
    claims = s.scalars(q.options(joinedload(Claim.source)).order_by(
        Claim.source_id, Claim.start, Claim.id).limit(limit).offset(offset))
    out = []
    for c in claims:
        before, quote, after = rv.context(c, 120)
        out.append(QueueItem(
            id=c.id, mention=c.mention, person_id=c.person_id, predicate=c.predicate,
            value=c.value, date=c.date, state=c.state,
            text=claim_text(c.predicate, c.value, c.detail, c.extractor),
            source_id=c.source_id, source=c.source.title or c.source.origin,
            confidence=c.confidence, confidential=c.confidential, before=before, quote=quote,
            after=after, why=c.detail.get("review")))
    return out, total


def conflicts(s: Session, limit: int = 30) -> list[dict[str, Any]]:
    """Persons about whom sources disagree: different terms, or one event at different dates."""
    kind = case((Claim.predicate == "event", Claim.value), else_="")
    told = case((Claim.predicate == "event", Claim.date), else_=Claim.value)
    groups = s.execute(
        select(Claim.person_id, Claim.predicate, kind).where(
            Claim.state != "rejected", Claim.person_id.is_not(None),
            Claim.predicate.in_(["sentenced_to", "event"]))
        .group_by(Claim.person_id, Claim.predicate, kind)
        .having(func.count(func.distinct(Claim.source_id)) > 1,
                func.count(func.distinct(told)) > 1).limit(limit)).all()
    out = []
    for person_id, predicate, event_type in groups:
        q = select(Claim).options(joinedload(Claim.source), joinedload(Claim.person)).where(
            Claim.person_id == person_id, Claim.predicate == predicate,
            Claim.state != "rejected")
        if predicate == "event":
            q = q.where(Claim.value == event_type)
        claims = list(s.scalars(q.order_by(Claim.source_id, Claim.start)))
        out.append({"person_id": person_id, "person": claims[0].person.display_name
                    if claims[0].person else "", "predicate": predicate,
                    "type": event_type, "claims": claims})
    return out


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(request: Request, source: Int = None, person: Int = None,
                page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                done: Annotated[str, Query(max_length=100)] = "",
                account: auth.Account = Depends(require("viewer")),
                s: Session = Depends(get_db)) -> HTMLResponse:
    items, total = queue(s, source, person, 50, (page - 1) * 50)
    return render(request, "review.html", account=account, items=items, total=total,
                  page=page, pages=max(1, -(-total // 50)), done=done,
                  params={"source": source, "person": person})


@router.get("/review.json", include_in_schema=False)
def review_json(source: Int = None, person: Int = None,
                offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
                account: auth.Account = Depends(require("viewer")),
                s: Session = Depends(get_db)) -> dict[str, Any]:
    items, total = queue(s, source, person, 50, offset)
    return {"total": total, "offset": offset, "items": [asdict(i) for i in items]}


@router.post("/review", include_in_schema=False)
def review_bulk(account: auth.Account = Depends(require("editor")),
                form: FormData = Depends(csrf_form),
                s: Session = Depends(get_db)) -> Response:
    ids = [str(i) for i in form.getlist("ids")][:500]
    action = form.get("action")
    state = {"accept": "accepted", "reject": "rejected"}.get(str(action))
    if state is None or not ids:
        raise HTTPException(400, "Choose claims and accept or reject.")
    try:
        rv.set_state(s, ids, state, account.username, str(form.get("reason") or "") or None)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(back_to(form, done=f"{state} {len(ids)}"), status_code=303)


@router.post("/review/{claim_id}/correct", include_in_schema=False)
def review_correct(claim_id: Annotated[str, Path(max_length=40)],
                   account: auth.Account = Depends(require("editor")),
                   form: FormData = Depends(csrf_form),
                   s: Session = Depends(get_db)) -> Response:
    value = str(form.get("value") or "").strip() or None
    day = rv.UNKNOWN if form.get("date_unknown") == "on" else \
        str(form.get("date") or "").strip() or None
    person = str(form.get("person") or "").strip()
    if person and not (person.isdigit() and int(person) < 2**31):
        raise HTTPException(400, "A person id is a number, as in /persons/27.")
    try:
        new = rv.correct(s, claim_id, account.username, value, day,
                         str(form.get("reason") or "") or None,
                         int(person) if person else None)
        search.index_source(s, new.source_id)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return RedirectResponse(back_to(form, done="corrected 1"), status_code=303)


def back_to(form: FormData, **params: str) -> str:
    """Where a decision returns the editor: the editors' page the form was on, its own
    parameters kept and a new `done` note. Only a path of this site under /review: a `back`
    of "//other.example" or "https://..." is no such path and returns to the queue."""
    back = urlsplit(str(form.get("back") or "/review"))
    path = back.path if not (back.scheme or back.netloc) and back.path.startswith("/review") \
        and not back.path.startswith("//") else "/review"
    kept = {k: v for k, v in parse_qsl(back.query) if k != "done"} if path == back.path else {}
    return path + query({**kept, **params})


@router.get("/review/conflicts", response_class=HTMLResponse, include_in_schema=False)
def conflicts_page(request: Request, account: auth.Account = Depends(require("viewer")),
                   s: Session = Depends(get_db)) -> HTMLResponse:
    return render(request, "conflicts.html", account=account, groups=conflicts(s))

"""Person pages (the public dossier) and the index of persons, each with its JSON twin.

The dossier comes from casefile.reports.dossier with public=True; editors' extra view lives
on the editors' side (views/editor.py), so a logged-in editor browsing the public site sees
exactly what the public sees. A person merged into another redirects to the merged page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from casefile.assess.proceedings import Proceeding, proceedings_of, shown_ids
from casefile.i18n import N_, translations
from casefile.names.keys import match_key
from casefile.registry import redact
from casefile.registry.judgements import merged_away
from casefile.registry.models import Claim, Person, PersonName
from casefile.registry.publication import named_person, public_claim
from casefile.reports.dossier import PublicDossier, dossier, with_proceedings
from casefile.reports.timeline import PersonTimeline, person_timeline
from casefile.web import auth
from casefile.web.chart import strip
from casefile.web.lang import of
from casefile.web.pages import (
    account_of,
    current_account,
    event_label,
    get_db,
    loop_session,
    render,
)
from casefile.web.schemas import PersonPage

router = APIRouter()
PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def person_index(s: Session, limit: int, offset: int, name: str | None = None
                 ) -> dict[str, Any]:
    """Named public persons A–Z (anonymised persons are on the list, not in the index)."""
    cond = [named_person(),
            exists().where(Claim.person_id == Person.id, public_claim())]
    away = merged_away(s) | redact.protected(s).ids  # protected: merged ones too
    if away:
        cond.append(Person.id.not_in(away))
    key = match_key((name or "").replace("\x00", ""))
    if key:
        cond.append(exists().where(PersonName.person_id == Person.id,
                                   PersonName.key.contains(key, autoescape=True)))
    total = s.scalar(select(func.count()).select_from(Person).where(*cond)) or 0
    rows = s.scalars(select(Person).where(*cond).options(selectinload(Person.names))
                     .order_by(Person.display_name, Person.id).limit(limit).offset(offset))
    return {"total": total, "limit": limit, "offset": offset,
            "items": [{"id": p.id, "name": p.display_name,
                       "names": [n.name for n in p.names if n.name != p.display_name]}
                      for p in rows]}


def public_dossier(s: Session, person_id: int, lang: str = "en") -> PublicDossier:
    d = dossier(s, person_id, public=True, lang=lang)
    if d is None:
        raise HTTPException(404, N_("No public record of this person."))
    return d.public()


@router.get("/persons", response_class=HTMLResponse, include_in_schema=False)
def persons_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                 name: Annotated[str | None, Query(max_length=200)] = None,
                 s: Session = Depends(get_db),
                 account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    data = person_index(s, 100, (page - 1) * 100, name)
    return render(request, "persons.html", account=account, data=data, page=page,
                  name=name or "", pages=max(1, -(-data["total"] // 100)))


@router.get("/persons.json", response_model=PersonPage, include_in_schema=False)
def persons_json(limit: Annotated[int, Query(ge=1, le=500)] = 100,
                 offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
                 name: Annotated[str | None, Query(max_length=200)] = None,
                 s: Session = Depends(get_db)) -> dict[str, Any]:
    return person_index(s, limit, offset, name)


@router.get("/persons/{person_id:int}", response_class=HTMLResponse, include_in_schema=False)
async def person_page(request: Request, person_id: PersonId) -> Response:
    with loop_session(request) as s:
        account = account_of(request, s)
        found = with_proceedings(s, person_id, public=True, lang=of(request))
    if found is None:
        raise HTTPException(404, N_("No public record of this person."))
    data, proceedings = found[0].public(), found[1]
    if data.person_id != person_id:
        return RedirectResponse(f"/persons/{data.person_id}", status_code=301)
    timeline = person_timeline(data)
    title = translations(of(request)).gettext("Dated events of %(name)s") % {"name": data.name}
    return render(request, "person.html", account=account, d=data, proceedings=proceedings,
                  timeline=timeline, strip=strip(
                      [(t.date or "", event_label(t.type, of(request))) for t in timeline.dated],
                      title))


@router.get("/persons/{person_id:int}.json", response_model=PublicDossier,
            include_in_schema=False)
async def person_json(request: Request, person_id: PersonId) -> PublicDossier:
    with loop_session(request) as s:
        return public_dossier(s, person_id)


def public_timeline(s: Session, person_id: int) -> PersonTimeline:
    """A named person's public events, dated in order and undated apart; 404 as the page."""
    return person_timeline(public_dossier(s, person_id))


def public_proceedings(s: Session, person_id: int) -> list[Proceeding]:
    """A named person's proceedings abroad from public claims; 404 for anyone public
    outputs may not name (withheld, anonymised) or who is unknown."""
    if shown_ids(s, person_id, public=True) is None:
        raise HTTPException(404, N_("No public record of this person."))
    return proceedings_of(s, person_id, public=True)

"""The "Perpetrators" pages: officials the sources name, with the offices they held, what they
did in the cases and the sanctions recommended for them (casefile.assess.officials).

The public pages show only what the publication rule allows: an official editors have not
published (a person created only as an official starts withheld) is a 404 there. Editors read
everything not rejected on /review/officials, with the link to the person's editors' page,
where claims are accepted or rejected and the person is published; a logged-in editor on the
public pages sees what the public sees, as on the person pages.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.assess.officials import Official, official_of, officials
from casefile.i18n import N_
from casefile.registry.models import Source
from casefile.web import auth
from casefile.web.pages import current_account, get_db, render, require

router = APIRouter()
PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def public_official(s: Session, person_id: int) -> Official:
    found = official_of(s, person_id, public=True)
    if found is None:
        raise HTTPException(404, N_("No public record of this official."))
    return found


def _sources(s: Session, found: list[Official]) -> dict[int, str]:
    """The title (else publisher, else origin) of each source the page cites."""
    ids = {i for o in found for i in o.sources}
    return {src.id: src.title or src.publisher or src.origin for src in s.scalars(
        select(Source).where(Source.id.in_(ids)))} if ids else {}


@router.get("/officials", response_class=HTMLResponse, include_in_schema=False)
def officials_page(request: Request, s: Session = Depends(get_db),
                   account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    return render(request, "officials.html", account=account,
                  officials=officials(s, public=True), editors=False)


@router.get("/officials.json", response_model=list[Official], include_in_schema=False)
def officials_json(s: Session = Depends(get_db)) -> list[Official]:
    return officials(s, public=True)


@router.get("/officials/{person_id:int}", response_class=HTMLResponse,
            include_in_schema=False)
def official_page(request: Request, person_id: PersonId, s: Session = Depends(get_db),
                  account: auth.Account | None = Depends(current_account)) -> Response:
    found = public_official(s, person_id)
    if found.person_id != person_id:
        return RedirectResponse(f"/officials/{found.person_id}", status_code=301)
    return render(request, "official.html", account=account, o=found, editors=False,
                  sources=_sources(s, [found]))


@router.get("/officials/{person_id:int}.json", response_model=Official,
            include_in_schema=False)
def official_json(person_id: PersonId, s: Session = Depends(get_db)) -> Official:
    return public_official(s, person_id)


@router.get("/review/officials", response_class=HTMLResponse, include_in_schema=False)
def editor_officials(request: Request, account: auth.Account = Depends(require("viewer")),
                     s: Session = Depends(get_db)) -> HTMLResponse:
    return render(request, "officials.html", account=account,
                  officials=officials(s, public=False), editors=True)


@router.get("/review/officials/{person_id:int}", response_class=HTMLResponse,
            include_in_schema=False)
def editor_official(request: Request, person_id: PersonId,
                    account: auth.Account = Depends(require("viewer")),
                    s: Session = Depends(get_db)) -> HTMLResponse:
    found = official_of(s, person_id, public=False)
    if found is None:
        raise HTTPException(404, "No official with this id.")
    return render(request, "official.html", account=account, o=found, editors=True,
                  sources=_sources(s, [found]))

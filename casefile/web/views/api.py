"""The JSON API, /api/v1: public reads (public data only) and token-protected writes.

Reads return the same data as the HTML pages' JSON twins (the same functions build both).
Writes take `Authorization: Bearer <token>` (`casefile users token NAME` issues one); session
cookies are not accepted here, so no cross-site form can write through the API. Every status a
route can answer with is declared, so the OpenAPI document is a complete contract.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator
from sqlalchemy.orm import Session

from casefile.assess.officials import Official
from casefile.assess.officials import officials as all_officials
from casefile.assess.proceedings import Proceeding
from casefile.assess.status import CustodyStatus
from casefile.errors import CasefileError, NotFound
from casefile.registry import review as rv
from casefile.reports.dossier import PublicDossier
from casefile.reports.timeline import PersonTimeline
from casefile.web import auth, securitylog
from casefile.web.pages import get_db, loop_session
from casefile.web.schemas import (
    Error,
    PersonPage,
    PrisonerListOut,
    ReviewIn,
    ReviewOut,
    SearchOut,
    SourceOut,
    StatsOut,
)
from casefile.web.views import home, officials, persons, prisoners, search, sources

Responses = dict[int | str, dict[str, Any]]  # FastAPI's type for declared answers
E404: Responses = {404: {"model": Error, "description": "No public record with this id."}}
E400: Responses = {400: {"model": Error, "description": "A parameter is malformed or out of range: "
              "the message says which and why."}}
E429: Responses = {429: {"model": Error, "description": "Too many requests from this address "
              "(CASEFILE_RATE_EXPENSIVE a minute): wait as long as Retry-After says."}}
router = APIRouter(prefix="/api/v1", tags=["public"], responses=E400)
bearer = HTTPBearer(auto_error=False, description="An API token from `casefile users token`.")
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")]


def _calendar_date(value: str | None) -> str | None:
    """"2024-13-01" is no date: refused with a message saying so, rather than with the
    pattern it fails (the pattern is in the OpenAPI document, for clients)."""
    if value is not None:
        try:
            ok = re.fullmatch(prisoners.DATE, value) is not None and bool(
                date.fromisoformat(value))
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(f"{value[:40]} is not a calendar date (YYYY-MM-DD)")
    return value


AsOf = Annotated[str | None, Query(json_schema_extra={"pattern": prisoners.DATE},
                                   description="YYYY-MM-DD; default today"),
                 AfterValidator(_calendar_date)]
Filter = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10**7)]
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/stats", response_model=StatsOut, responses=E429,
            summary="Current counts and the count over time")
def stats(country: Country = None, as_of: AsOf = None, s: Session = Depends(get_db)
          ) -> dict[str, Any]:
    return home.stats(s, country, as_of)


@router.get("/prisoners", response_model=PrisonerListOut, responses=E429,
            summary="The list of political prisoners as of a date, filtered and paged")
def prisoner_list(
    country: Country = None, as_of: AsOf = None,
    status: CustodyStatus | None = None,
    category: Filter = None, article: Filter = None, region: Filter = None,
    sort: Literal["list", "name", "status", "category", "sentence", "detained"] = "list",
    desc: bool = False, limit: Limit = 100, offset: Offset = 0, s: Session = Depends(get_db),
) -> dict[str, Any]:
    q = prisoners.ListQuery.of(country, as_of, status, category, article, region, sort, desc)
    return prisoners.as_json(s, prisoners.page_of(s, q, offset, limit), limit, offset)


@router.get("/persons", response_model=PersonPage, summary="Named public persons, A–Z")
def person_index(limit: Limit = 100, offset: Offset = 0, name: Filter = None,
                 s: Session = Depends(get_db)) -> dict[str, Any]:
    return persons.person_index(s, limit, offset, name)


@router.get("/persons/{person_id}", response_model=PublicDossier, responses=E404,
            summary="A person's public dossier (a merged person answers with the merged one)")
async def person(request: Request, person_id: Id) -> PublicDossier:
    with loop_session(request) as s:
        return persons.public_dossier(s, person_id)


@router.get("/officials", response_model=list[Official],
            summary="Published officials: names, birth date, offices, acts, sanctions")
def official_index(s: Session = Depends(get_db)) -> list[Official]:
    return all_officials(s, public=True)


@router.get("/officials/{person_id}", response_model=Official, responses=E404,
            summary="A published official (a merged person answers with the merged one)")
def official(person_id: Id, s: Session = Depends(get_db)) -> Official:
    return officials.public_official(s, person_id)


@router.get("/persons/{person_id}/proceedings", response_model=list[Proceeding],
            responses=E404, summary="A person's proceedings abroad (Interpol notices, "
            "extradition, asylum, removal orders, travel bans), each decision with its quote")
def person_proceedings(person_id: Id, s: Session = Depends(get_db)) -> list[Proceeding]:
    return persons.public_proceedings(s, person_id)


@router.get("/persons/{person_id}/timeline", response_model=PersonTimeline, responses=E404,
            summary="A person's public events: the dated in date order, each with its quote "
            "and source, and apart those the sources do not date")
async def person_timeline(request: Request, person_id: Id) -> PersonTimeline:
    with loop_session(request) as s:
        return persons.public_timeline(s, person_id)


@router.get("/sources/{source_id}", response_model=SourceOut, responses=E404,
            summary="A public source: metadata, sha256, text and its public quotes")
def source(source_id: Id, s: Session = Depends(get_db)) -> dict[str, Any]:
    return sources.source_data(s, source_id)[2]


@router.get("/search", response_model=SearchOut, responses=E429,
            summary="Search persons, events or sources")
def search_api(q: Annotated[str, Query(min_length=1, max_length=200)],
               kind: Literal["person", "event", "source"] = "person",
               limit: Annotated[int, Query(ge=1, le=100)] = 20,
               offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
               s: Session = Depends(get_db)) -> dict[str, Any]:
    return search.results(s, q, kind, limit, offset)


def token_account(request: Request,
                  creds: HTTPAuthorizationCredentials | None = Depends(bearer),
                  s: Session = Depends(get_db)) -> auth.Account:
    user = auth.user_for_token(s, creds.credentials) if creds else None
    if user is None:
        if creds:  # a token was offered and is unknown, replaced, revoked or its user disabled
            securitylog.record(request, "token-refused")
        raise HTTPException(401, "A valid bearer token is required.",
                            headers={"WWW-Authenticate": "Bearer"})
    return auth.Account(user.username, user.role)


@router.post("/review", response_model=ReviewOut, tags=["editors"],
             summary="Accept or reject claims (editor token)",
             responses={400: {"model": Error, "description": "The decision is not allowed, "
                                  "or the body is malformed."},
                        413: {"model": Error, "description": "The body is over "
                              "CASEFILE_MAX_FORM_BYTES."},
                        401: {"model": Error, "description": "No or unknown token."},
                        403: {"model": Error, "description": "The token's user is no editor."},
                        404: {"model": Error, "description": "A claim id is unknown."}})
def review(request: Request, body: ReviewIn, account: auth.Account = Depends(token_account),
           s: Session = Depends(get_db)) -> dict[str, Any]:
    if not account.can("editor"):
        securitylog.record(request, "forbidden", account.username, "needs editor")
        raise HTTPException(403, "This needs the editor role.")
    try:
        done = rv.set_state(s, body.claim_ids, body.state, account.username, body.reason)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    s.commit()
    return {"state": body.state, "updated": [c.id for c in done]}

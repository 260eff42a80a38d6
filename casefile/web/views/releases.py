"""The releases of the list: every release with its date, country, rows and hash, and each
release's rows with what changed since the previous release of its country, and why.

Editors publish from the command line (`casefile release publish`) or the form on /releases,
which takes the same path (casefile.web.release_publish). The pages and the API show
a release as the public may see it today (casefile.reports.release_diff.public_view): a person
withheld or anonymised since it was published has no name there, though the stored text and
its hash stay as published (`casefile release show ID --payload`, for editors).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.assess.status import STATUSES
from casefile.errors import CasefileError, NotFound
from casefile.i18n import N_
from casefile.registry import releases
from casefile.reports.release_diff import ReleaseDiff, diff, public_view, reason_label
from casefile.reports.release_payload import Payload, parse
from casefile.web import auth, lang, listing, release_publish
from casefile.web.pages import csrf_form, current_account, get_db, render, require
from casefile.web.schemas import Error

router = APIRouter()
ReleaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")]
E400: dict[int | str, dict[str, Any]] = {400: {
    "model": Error,
    "description": "A parameter is malformed or out of range: the message says which and why."}}


@dataclass(frozen=True)
class ReleaseOut:
    id: int
    country: str
    as_of: str
    rows: int
    """Rows of the list as published (withheld persons have none)."""
    sha256: str
    """sha256 of the canonical JSON published (the stored text, byte for byte)."""
    criteria: dict[str, str]
    published_at: str
    stamp: str
    """unstamped (hash recorded for later stamping), stamped (RFC 3161) or refused."""


@dataclass(frozen=True)
class ReleaseDetail:
    release: ReleaseOut
    payload: Payload
    """The rows as the public may see them today."""
    verifiable: bool
    """The published text can be downloaded whole (/releases/{id}/payload.json) to check its
    hash: no one in it was withheld or anonymised since."""
    previous: int | None
    """The previous release of the country, if any."""
    changes: ReleaseDiff | None
    """What changed since the previous release, and why."""


def _out(r: releases.Summary) -> ReleaseOut:
    return ReleaseOut(r.id, r.country, r.as_of, r.rows, r.sha256, r.criteria,
                      r.created_at.isoformat(), r.stamp_state)


def all_releases(s: Session, country: str | None = None) -> list[ReleaseOut]:
    return [_out(r) for r in releases.summaries(s, country.upper() if country else None)]


def detail(s: Session, release_id: int) -> ReleaseDetail:
    try:
        rel = releases.get(s, release_id)
    except NotFound:
        raise HTTPException(404, N_("No release with this id.")) from None
    prev = releases.previous(s, rel)
    mine = parse(rel.canonical)
    changes = diff(s, parse(prev.canonical), mine, min(prev.created_at, rel.created_at)) \
        if prev is not None else None
    summary = releases.Summary(rel.id, rel.country, rel.as_of, rel.rows,
                               rel.content_sha256, rel.criteria, rel.published_by,
                               rel.created_at, rel.stamp_state)
    shown = public_view(s, mine)
    return ReleaseDetail(_out(summary), shown, shown == mine,
                         prev.id if prev is not None else None, changes)


@router.get("/releases", response_class=HTMLResponse, include_in_schema=False)
def releases_page(request: Request, s: Session = Depends(get_db),
                  account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    return render(request, "releases.html", account=account, releases=all_releases(s),
                  editor=account is not None and account.can("editor"),
                  country=listing.default_country(s), today=listing.today(),
                  statuses=STATUSES)


@router.post("/review/releases", include_in_schema=False)
def publish_post(account: auth.Account = Depends(require("editor")),
                 form: FormData = Depends(csrf_form)) -> Response:
    """The editors' form: the same checks and path as `casefile release publish`."""
    def field(name: str) -> str | None:
        return str(form.get(name) or "").strip()[:release_publish.MAX_CRITERION + 1] or None

    try:
        code, day, criteria = release_publish.request(
            field("country") or "", field("as_of") or "", field("status"), field("category"),
            field("article"), field("region"))
        done = release_publish.publish(code, day, criteria, account.username)
    except CasefileError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/releases/{done.id}", status_code=303)


@router.get("/releases/{release_id:int}", response_class=HTMLResponse,
            include_in_schema=False)
def release_page(request: Request, release_id: ReleaseId, s: Session = Depends(get_db),
                 account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    return render(request, "release.html", account=account, d=detail(s, release_id),
                  reason=partial(reason_label, lang=lang.of(request)))


@router.get("/releases/{release_id:int}/payload.json", include_in_schema=False)
def release_payload(release_id: ReleaseId, s: Session = Depends(get_db)) -> Response:
    """The published text, byte for byte, so anyone can check its sha256 against the hash,
    while it names no one the public may no longer read of; else 410 and why."""
    try:
        rel = releases.get(s, release_id)
    except NotFound:
        raise HTTPException(404, N_("No release with this id.")) from None
    if not verifiable(s, rel.canonical):
        raise HTTPException(410, N_("This release names persons withheld since it was "
                                    "published; its text is kept for editors."))
    return Response(rel.canonical.encode("utf-8"), media_type="application/json",
                    headers={"Content-Disposition":
                             f'attachment; filename="release-{rel.id}.json"'})


def verifiable(s: Session, canonical: str) -> bool:
    """Whether the published text may be given out whole: the public view changes nothing."""
    mine = parse(canonical)
    return public_view(s, mine) == mine


@router.get("/api/v1/releases", response_model=list[ReleaseOut], tags=["public"],
            summary="Every release of the list (of a country): date, rows, content hash",
            responses=E400)
def releases_json(country: Country = None, s: Session = Depends(get_db)) -> list[ReleaseOut]:
    return all_releases(s, country)


@router.get("/api/v1/releases/{release_id}", response_model=ReleaseDetail, tags=["public"],
            summary="A release: its rows with their claims and quotes, and what changed "
                    "since the previous release of its country, and why",
            responses={**E400,
                       404: {"model": Error, "description": "No release with this id."}})
def release_json(release_id: ReleaseId, s: Session = Depends(get_db)) -> ReleaseDetail:
    return detail(s, release_id)

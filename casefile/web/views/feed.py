"""`/changes.atom`: the registry's own published changes as an Atom feed
(casefile.reports.changes_feed), in the language of its path (`/ru/changes.atom`). Every page
links it in its head (rel="alternate"), so a feed reader finds it from any page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from casefile import settings
from casefile.reports.changes_feed import atom, changes
from casefile.web import lang
from casefile.web.pages import get_db

router = APIRouter()


@router.get("/changes.atom", include_in_schema=False)
def changes_atom(request: Request, s: Session = Depends(get_db)) -> Response:
    code = lang.of(request)
    site = settings.site_url() or str(request.base_url).rstrip("/")
    body = atom(changes(s, code), site, lang.prefix(code), code)
    return Response(body, media_type="application/atom+xml; charset=utf-8")

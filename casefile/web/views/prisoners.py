"""The list of political prisoners: filters, sorting, pages, and downloads (CSV, JSON, PDF).

The rows are `casefile report prisoners` rows (the same function builds both); downloads use
the report's own renderers, so a CSV from the site and one from the command line agree.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from markupsafe import Markup
from sqlalchemy.orm import Session

from casefile.assess.status import STATUSES
from casefile.i18n import N_
from casefile.registry import audit, db
from casefile.reports import export_csv, export_json, export_pdf, list_html
from casefile.reports.citations import cite
from casefile.reports.prisoners import PrisonerList
from casefile.web import auth, listing, pdfs
from casefile.web.lang import of
from casefile.web.pages import current_account, get_db, read_kept, render
from casefile.web.schemas import PrisonerListOut

router = APIRouter()
DATE = r"^[12][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"  # checked further as a date
PAGE = 100
CHUNK = 500  # rows of a streamed download read at a time
Text = Annotated[str | None, Query(max_length=200)]


def _clean(value: str | None) -> str | None:
    value = (value or "").replace("\x00", "").strip()
    return value or None


@dataclass(frozen=True)
class ListQuery:
    """A list request's parameters, normalised: every spelling of one list is one value, so
    it can key what is kept of it (the PDFs)."""

    country: str | None  # None: the registry's default country
    as_of: str
    status: str | None
    category: str | None
    article: str | None
    region: str | None
    sort: str
    desc: bool

    @classmethod
    def of(cls, country: str | None, as_of: str | None, status: str | None,
           category: str | None, article: str | None, region: str | None, sort: str | None,
           desc: bool) -> ListQuery:
        return cls(listing.country_asked(country),
                   as_of if as_of and re.match(DATE, as_of) else listing.today(),
                   status if status in STATUSES else None, _clean(category), _clean(article),
                   _clean(region), sort if sort in listing.SORTS else "list", desc)


def filtered(s: Session, country: str | None, as_of: str | None, status: str | None,
             category: str | None, article: str | None, region: str | None,
             sort: str | None, desc: bool) -> tuple[PrisonerList, PrisonerList]:
    """(the whole list as of the date, the entries the filters keep, sorted)."""
    return filtered_by(s, ListQuery.of(country, as_of, status, category, article, region,
                                       sort, desc))


def filtered_by(s: Session, q: ListQuery) -> tuple[PrisonerList, PrisonerList]:
    country, day = q.country or listing.default_country(s), q.as_of
    full = listing.full_list(s, country, day)
    args = (q.status, q.category, q.article, q.region, q.sort, q.desc)
    shown = listing.cached(s, ("select", country, day, *args),
                           lambda: listing.select_entries(s, full, *args))
    return full, shown


def as_json(s: Session, page: listing.ListPage | PrisonerList, limit: int | None, offset: int
            ) -> dict[str, Any]:
    """A page of the list as the API gives it: the shape of the JSON export, quotes included
    (read for the rows of the page only). `page` holds the rows from `offset` on (a ListPage)
    or the whole list (a PrisonerList, cut here)."""
    if isinstance(page, PrisonerList):
        total = len(page.entries)
        rows = page.entries[offset:offset + limit if limit is not None else None]
    else:
        total, rows = page.total, page.entries
    cites = cite(s, rows)
    return {"country": page.country, "as_of": page.as_of, "counts": page.counts,
            "total": total, "limit": limit if limit is not None else len(rows),
            "offset": offset, "persons": [export_json.row(e, cites) for e in rows]}


def page_of(s: Session, q: ListQuery, offset: int, limit: int | None,
            lang: str | None = None) -> listing.ListPage:
    """A page of the list `q` asks for (today's rows as HTML in `lang`, when given)."""
    return listing.page(s, q.country or listing.default_country(s), q.as_of, q.status,
                        q.category, q.article, q.region, q.sort, q.desc, offset, limit, lang)


def _params(request: Request) -> dict[str, str]:
    keep = ("country", "as_of", "status", "category", "article", "region", "sort", "desc")
    return {k: v for k, v in request.query_params.items() if k in keep and v}


@router.get("/prisoners", response_class=HTMLResponse, include_in_schema=False)
async def prisoners_page(
    request: Request, country: Text = None, as_of: Text = None, status: Text = None,
    category: Text = None, article: Text = None, region: Text = None, sort: Text = None,
    desc: bool = False, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    s: Session = Depends(get_db), account: auth.Account | None = Depends(current_account),
) -> HTMLResponse:
    """On the event loop when the page can be read from what is kept (listing.on_loop),
    else in the thread pool, on the request's session."""
    q = ListQuery.of(country, as_of, status, category, article, region, sort, desc)
    start = (page - 1) * PAGE
    language = of(request)
    shown, rows, facets = await read_kept(request, s, _page_parts, q, start, language)
    return render(request, "prisoners.html", account=account, plist=shown, rows=rows,
                  page=page, pages=max(1, -(-shown.total // PAGE)), facets=facets,
                  params=_params(request), sort=sort or "list", desc=desc)


def _page_parts(s: Session, q: ListQuery, start: int, language: str
                ) -> tuple[listing.ListPage, Markup, dict[str, list[str]]]:
    """What a list page shows: its rows (as HTML) and the filter form's values."""
    shown = page_of(s, q, start, PAGE, language)
    rows = (list_html.numbered(shown.html, start) if shown.html is not None
            else list_html.rows(language, shown.country, shown.entries, start))
    return shown, rows, listing.filter_values(s, shown.country, shown.as_of)


def _query(request: Request) -> ListQuery:
    q = request.query_params
    return ListQuery.of(q.get("country"), q.get("as_of"), q.get("status"), q.get("category"),
                        q.get("article"), q.get("region"), q.get("sort"),
                        q.get("desc") in ("1", "true", "on"))


def _disposition(shown: PrisonerList | ListQuery, fmt: str) -> dict[str, str]:
    name = f"political-prisoners-{shown.country}-{shown.as_of}.{fmt}"
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/prisoners.csv", include_in_schema=False)
def prisoners_csv(request: Request, s: Session = Depends(get_db)) -> Response:
    """Today's list is streamed off the kept rows, CHUNK rows at a time, so a long list never
    sits whole in the server's memory; another day's is built (and cached) whole."""
    q = _query(request)
    q = replace(q, country=q.country or listing.default_country(s))
    if q.as_of != listing.kept_day(s):
        _, shown = filtered_by(s, q)
        return Response(export_csv.render(shown, cite(s, shown.entries)),
                        media_type="text/csv; charset=utf-8",
                        headers=_disposition(shown, "csv"))
    url = request.app.state.db_url

    def chunks() -> Iterator[str]:
        yield export_csv.head()
        with db.session(url) as own:  # its own: the request's is not the stream's to hold
            for offset in itertools.count(0, CHUNK):
                rows = page_of(own, q, offset, CHUNK).entries
                if not rows:
                    return
                yield export_csv.rows(rows, cite(own, rows))

    return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8",
                             headers=_disposition(q, "csv"))


@router.get("/prisoners.pdf", include_in_schema=False)
async def prisoners_pdf(request: Request, s: Session = Depends(get_db)) -> Response:
    """Made once per registry version and query, a bounded number at a time (web.pdfs). Its
    key is read on the event loop when the default country is kept (listing.on_loop)."""
    q = _query(request)
    version, q = await read_kept(request, s, _pdf_key, q)
    url = request.app.state.db_url
    try:
        pdf = await request.app.state.pdfs.get((url, version, q), list_pdf, url, q)
    except pdfs.Busy:
        raise HTTPException(503, N_("Lists are being made for others: try again shortly."),
                            headers={"Retry-After": str(pdfs.Busy.retry_after)}) from None
    return Response(pdf, media_type="application/pdf", headers=_disposition(q, "pdf"))


def _pdf_key(s: Session, q: ListQuery) -> tuple[int, ListQuery]:
    """The registry's version and the query with its country named: what a PDF is kept by."""
    return audit.version(s), replace(q, country=q.country or listing.default_country(s))


def list_pdf(url: str | None, q: ListQuery) -> bytes:
    """The list as PDF, built and laid out in a PDF worker process (web.pdfs)."""
    with db.session(url) as s:
        shown = filtered_by(s, q)[1]
        return export_pdf.render(shown, cite(s, shown.entries))


@router.get("/prisoners.json", response_model=PrisonerListOut, include_in_schema=False)
def prisoners_json(
    country: Text = None, as_of: Text = None, status: Text = None, category: Text = None,
    article: Text = None, region: Text = None, sort: Text = None, desc: bool = False,
    s: Session = Depends(get_db),
) -> dict[str, Any]:
    _, shown = filtered(s, country, as_of, status, category, article, region, sort, desc)
    return as_json(s, shown, None, 0)

"""Statistics over time (/statistics) and a country's timeline (/countries/{cc}/timeline).

The numbers are casefile.reports.statistics' and casefile.reports.timeline's; this module
only draws them (casefile.web.chart: server-drawn SVG, no script) and serves each chart's
numbers as CSV beside it, and the page as JSON. One dimension a page: small multiples, one
chart per value on one scale, since a person charged under two articles counts under both and
stacked bars would add them up.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from casefile.i18n import translations, word
from casefile.reports.events import EventRecord
from casefile.reports.statistics import DIMENSIONS, Series, Statistics, statistics, to_csv
from casefile.reports.timeline import CountryTimeline, country_timeline
from casefile.web import auth, listing
from casefile.web.chart import bar_chart
from casefile.web.lang import of
from casefile.web.pages import current_account, get_db, render

router = APIRouter()
Dimension = Literal["article", "region", "gender", "category"]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")]
CountryPath = Annotated[str, Path(pattern="^[A-Za-z]{2}$")]
PER_PAGE = 200


def cached_statistics(s: Session, country: str | None, dimension: str) -> Statistics:
    cc = (country or listing.default_country(s)).upper()
    found: Statistics = listing.cached(s, ("statistics", cc, dimension),
                                       lambda: statistics(s, cc, dimension))
    return found


def series_label(x: Series, dimension: str, lang: str) -> str:
    """A series' name in `lang`: "Article 174", a gender as a word, a region or category as
    recorded; "other" and "not known"."""
    t = translations(lang)
    if x.kind == "other":
        return t.gettext("other")
    if x.kind == "unknown":
        return t.gettext("not known")
    if dimension == "article":
        return t.gettext("Article %(number)s") % {"number": x.value}
    if dimension == "gender":
        return word(x.value, lang)
    return x.value


def charts(st: Statistics, lang: str) -> list[tuple[str, Markup]]:
    """One chart per series, all on the scale of the largest count."""
    top = max((n for x in st.series for n in x.counts), default=0)
    title = translations(lang).gettext("%(value)s: persons by the year of first detention")
    out = []
    for i, x in enumerate(st.series):
        label = series_label(x, st.dimension, lang)
        out.append((label, bar_chart(list(zip(st.periods, x.counts, strict=True)),
                                     title % {"value": label}, f"chart-{i}", top)))
    return out


@router.get("/statistics", response_class=HTMLResponse, include_in_schema=False)
def statistics_page(request: Request, by: Dimension = "article", country: Country = None,
                    s: Session = Depends(get_db),
                    account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    st = cached_statistics(s, country, by)
    lang = of(request)
    return render(request, "statistics.html", account=account, st=st,
                  dimensions=DIMENSIONS, charts=charts(st, lang),
                  headings=[series_label(x, by, lang) for x in st.series])


@router.get("/statistics/{dimension}.csv", include_in_schema=False)
def statistics_csv(dimension: Dimension, country: Country = None,
                   s: Session = Depends(get_db)) -> Response:
    st = cached_statistics(s, country, dimension)
    name = f"statistics-{st.country.lower()}-{dimension}.csv"
    return Response(to_csv(st), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/statistics/{dimension}.json", include_in_schema=False)
def statistics_json(dimension: Dimension, country: Country = None,
                    s: Session = Depends(get_db)) -> dict[str, Any]:
    return asdict(cached_statistics(s, country, dimension))


def cached_timeline(s: Session, country: str) -> CountryTimeline:
    cc = country.upper()
    found: CountryTimeline = listing.cached(s, ("timeline", cc),
                                            lambda: country_timeline(s, cc))
    return found


@router.get("/countries/{country}/timeline", response_class=HTMLResponse,
            include_in_schema=False)
def country_timeline_page(request: Request, country: CountryPath,
                          page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                          s: Session = Depends(get_db),
                          account: auth.Account | None = Depends(current_account)
                          ) -> HTMLResponse:
    tl = cached_timeline(s, country)
    title = translations(of(request)).gettext("Events in %(country)s by month") % {
        "country": tl.country}
    return render(request, "country_timeline.html", account=account, tl=tl, title=title,
                  chart=bar_chart(tl.months, title), **asdict(paged(tl, page)))


@dataclass
class TimelinePage:
    page: int
    pages: int
    events: list[EventRecord]
    undated: list[EventRecord]


def paged(tl: CountryTimeline, page: int) -> TimelinePage:
    """One page of the events: the dated in order, then the undated after the last dated,
    so a country with tens of thousands of events is read page by page."""
    listed = [*tl.events, *tl.undated]
    shown = listed[(page - 1) * PER_PAGE:page * PER_PAGE]
    return TimelinePage(page, max(1, -(-len(listed) // PER_PAGE)),
                        [e for e in shown if e.date], [e for e in shown if not e.date])


@router.get("/countries/{country}/timeline.json", include_in_schema=False)
def country_timeline_json(country: CountryPath,
                          page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                          s: Session = Depends(get_db)) -> dict[str, Any]:
    tl = cached_timeline(s, country)
    return {"country": tl.country, "months": [{"month": m, "events": n} for m, n in tl.months],
            "year_only": tl.year_only, **asdict(paged(tl, page))}

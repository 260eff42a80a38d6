"""Home: the current counts and the count over time (server-drawn SVG), and its JSON twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.assess.status import period_start
from casefile.i18n import translations
from casefile.registry import redact
from casefile.registry.models import Case, Claim, Event
from casefile.registry.publication import public_claim
from casefile.reports import list_rows
from casefile.reports.prisoners import EXTRADITION, list_sizes
from casefile.web import auth, listing
from casefile.web.chart import bar_chart
from casefile.web.lang import of
from casefile.web.pages import current_account, get_db, render
from casefile.web.schemas import StatsOut

router = APIRouter()


def extradition_risk(s: Session, country: str, as_of: str) -> int:
    """Persons whose public record shows an extradition request, arrest or risk by `as_of`
    and no asylum granted after it. Withheld persons (merged records too) count only when
    editors chose so (casefile.registry.redact)."""
    prot = redact.protected(s)
    rows = s.execute(select(Case.person_id, Event.type, Event.date)
                     .join(Event, Event.case_id == Case.id)
                     .join(Claim, Claim.id == Event.claim_id)
                     .where(Case.country == country, public_claim(),
                            Event.type.in_([*EXTRADITION, "asylum_granted"])))
    latest: dict[int, tuple[str, str]] = {}
    for pid, kind, day in rows:
        if prot.how.get(pid) == "withheld" and pid not in prot.counted:
            continue
        when = period_start(day) if day else "0000-00-00"
        if when <= as_of and (pid not in latest or when >= latest[pid][0]):
            latest[pid] = (when, kind)
    return sum(kind != "asylum_granted" for _, kind in latest.values())


def series(s: Session, country: str, as_of: str) -> list[tuple[str, int]]:
    """The list's size on 1 January of each year since the first dated public event."""
    def build() -> list[tuple[str, int]]:
        # In date order rather than min(): the dates' index is read from the first until a
        # public event of the country, where min() joined every event (0.9 s at 100,000).
        first = s.scalar(select(Event.date).join(Case, Case.id == Event.case_id)
                         .join(Claim, Claim.id == Event.claim_id)
                         .where(Case.country == country, public_claim(),
                                Event.date.is_not(None)).order_by(Event.date).limit(1))
        if not first:
            return []
        start = max(int(first[:4]), int(as_of[:4]) - 15)
        days = [f"{y}-01-01" for y in range(start + 1, int(as_of[:4]) + 1)] + [as_of]
        if as_of == listing.kept_day(s):  # the kept rows know the past 16 years' 1 January
            return list(zip(days, list_rows.sizes(s, country, days), strict=True))
        return list(zip(days, list_sizes(s, country, days), strict=True))
    return listing.cached(s, ("series", country, as_of), build)


def stats(s: Session, country: str | None = None, as_of: str | None = None) -> dict[str, Any]:
    country = (country or listing.default_country(s)).upper()
    as_of = as_of or listing.today()
    counts = listing.page(s, country, as_of, limit=0).counts
    return {"country": country, "as_of": as_of, "political_prisoners": counts["total"],
            "pretrial": counts.get("pretrial", 0),
            "extradition_risk": listing.cached(s, ("extradition", country, as_of),
                                              lambda: extradition_risk(s, country, as_of)),
            "series": [{"date": d, "total": n} for d, n in series(s, country, as_of)]}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, s: Session = Depends(get_db),
         account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    data = stats(s)
    points = [(p["date"], p["total"]) for p in data["series"]]
    chart = bar_chart(points, translations(of(request)).gettext(
        "Political prisoners in %(country)s over time") % {"country": data["country"]})
    return render(request, "home.html", account=account, stats=data, chart=chart)


@router.get("/index.json", response_model=StatsOut, include_in_schema=False)
def home_json(s: Session = Depends(get_db)) -> dict[str, Any]:
    return stats(s)

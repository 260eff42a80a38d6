"""The figures page: counts of people by measure, side by side, with the numbers as CSV.

`/figures` draws one chart per measure (casefile.web.chart.side_by_side): each figure a bar
labelled by who counts and when, grouped by the event it is about, never averaged; a table of
the same figures with their sources and quotes follows each chart, and `/figures.csv?measure=`
gives its rows. Only public claims (casefile.reports.figures applies the publication rule);
mass events are listed after the charts. `/figures.json` is the page's twin.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.i18n import N_, translations
from casefile.reports import figures_csv
from casefile.reports.figures import FigureGroup, FigureRecord, figure_groups, figure_records
from casefile.web import auth, lang
from casefile.web.chart import Bar, side_by_side
from casefile.web.pages import current_account, get_db, render

router = APIRouter()
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")]
Measure = Annotated[str | None, Query(max_length=40)]
# The qualifier keys of data/lang/<lang>/figures.yml, as the page writes them.
QUALIFIERS = {"about": N_("about"), "at_least": N_("at least"), "more_than": N_("more than"),
              "minimum": N_("a minimum of"), "up_to": N_("up to")}


def _records(s: Session, country: str | None, measure: str | None) -> list[FigureRecord]:
    if measure is not None and measure not in vocab.load("figures.yml")["measures"] \
            and measure not in vocab.load("figures.yml")["mass_events"]:
        raise HTTPException(400, N_("Unknown measure."))
    return figure_records(s, public=True, country=country, measure=measure)


def count_text(r: FigureRecord, language: str) -> str:
    """"about 256": the qualifier in the page's language, then the count."""
    words = QUALIFIERS.get(r.qualifier or "")
    qualifier = translations(language).gettext(words) if words else None
    return (f"{qualifier} " if qualifier else "") + f"{r.count:,}".replace(",", "\u202f")


def who_text(r: FigureRecord, language: str) -> str:
    return r.who_name or vocab.figure_label("counters", r.who, language)


def _charts(groups: list[FigureGroup], language: str) -> list[dict[str, Any]]:
    """One chart per measure, its groups in order."""
    gettext = translations(language).gettext
    out: list[dict[str, Any]] = []
    for g in groups:
        if not out or out[-1]["measure"] != g.measure:
            out.append({"measure": g.measure, "groups": [],
                        "label": vocab.figure_label("measures", g.measure, language)})
        out[-1]["groups"].append(g)
    for chart in out:
        bars = [Bar(g.heading() or gettext("Event not stated"),
                    f"{who_text(r, language)} · {r.date or gettext('undated')}", r.count or 0,
                    count_text(r, language))
                for g in chart["groups"] for r in g.figures]
        chart["svg"] = side_by_side(bars, chart["label"], f"chart-{chart['measure']}")
    return out


@router.get("/figures", response_class=HTMLResponse, include_in_schema=False)
def figures_page(request: Request, country: Country = None, measure: Measure = None,
                 s: Session = Depends(get_db),
                 account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    records = _records(s, country, measure)
    language = lang.of(request)
    return render(request, "figures.html", account=account,
                  charts=_charts(figure_groups(records), language),
                  mass=[r for r in records if r.kind == "mass_event"], country=country,
                  count_text=count_text, who_text=who_text)


@router.get("/figures.csv", include_in_schema=False)
def figures_csv_file(country: Country = None, measure: Measure = None,
                     s: Session = Depends(get_db)) -> Response:
    records = [r for r in _records(s, country, measure) if r.kind == "figure"]
    name = "figures" + (f"-{measure}" if measure else "") + ".csv"
    return Response(figures_csv.render(records), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/figures.json", include_in_schema=False)
def figures_json(country: Country = None, measure: Measure = None,
                 s: Session = Depends(get_db)) -> dict[str, Any]:
    records = _records(s, country, measure)
    return {"figures": [{"measure": g.measure, "event": g.event_key, "event_words": g.event,
                         "figures": [r.public() for r in g.figures]}
                        for g in figure_groups(records)],
            "mass_events": [r.public() for r in records if r.kind == "mass_event"]}

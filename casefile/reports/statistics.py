"""Statistics over time: how many persons were detained each year, by article of the criminal
code, region, gender or category.

The one owner of these numbers: the /statistics page draws them, its CSVs print them and
`casefile statistics` prints them, so a chart and the table beside it cannot disagree.

Who is counted: the persons whose case in the country a list or an assessment recognises
(casefile.reports.prisoners.recognised: the persons the list may ever show, held today or
not). Withheld persons are not counted, even those the list counts in its totals: a count by
article or region would tell of them. An anonymised person counts with the fields editors
allow on the list (casefile.registry.redact): without "dates" they have no year; their
article only with "articles", their category only with "category", and never a region or
gender, which the list does not show of them.

When: the year of the person's first detention or arrest the public sources date (the list's
"detained" and "arrested" dates). A person with none is counted in `undated`, not placed.

A person charged under two articles, or whose case lies in two regions, counts under each:
the series of those dimensions do not add up to the persons counted. The eight values with the
most persons are series of their own; the rest are one series, "other" (a person counted once
in it), and persons with no value are "not known".
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.assess.status import Ev
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Case, Charge, Claim, Person
from casefile.registry.publication import public_claim
from casefile.reports import case_details
from casefile.reports.export_csv import safe_cell
from casefile.reports.prisoners import DATE_KEYS, latest_listing, recognised

DIMENSIONS = ("article", "region", "gender", "category")
KEPT = 8
# The field of an anonymised row (casefile.registry.publication.FIELDS) a dimension shows.
LIST_FIELD = {"article": "articles", "category": "category"}
CUSTODY_STARTS = (*DATE_KEYS["detained"], *DATE_KEYS["arrested"])


@dataclass
class Series:
    """One value's persons per period. `kind` is "value" (`value` is the article number,
    region, gender or category as recorded), "other" or "unknown"."""

    kind: str
    value: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def heading(self) -> str:
        """The CSV's column name."""
        return {"other": "other", "unknown": "not known"}.get(self.kind, self.value)


@dataclass
class Statistics:
    dimension: str
    country: str
    periods: list[str]  # years, from the first with a detention to the last, none skipped
    series: list[Series]
    persons: int  # persons with a year
    undated: int  # persons counted nowhere: no public date of detention or arrest

    def table(self) -> list[list[str]]:
        """Header, then one row per period: what the CSV holds and the charts draw."""
        rows = [["year", *(x.heading for x in self.series)]]
        rows.extend([period, *(str(x.counts[i]) for x in self.series)]
                    for i, period in enumerate(self.periods))
        return rows


def statistics(s: Session, country: str, dimension: str) -> Statistics:
    if dimension not in DIMENSIONS:
        raise ValueError(f"no statistics by {dimension!r}: one of {', '.join(DIMENSIONS)}")
    records = recognised(s, country)
    allowed = redact.protected(s).fields
    values = _values(s, country.upper(), dimension, list(records))
    years: dict[int, str] = {}
    shown: dict[int, set[str]] = {}
    for root, rec in records.items():
        keep = allowed.get(root, redact.DEFAULT_FIELDS) if rec.anonymised else None
        year = first_custody_year(rec.events)
        if year is not None and (keep is None or "dates" in keep):
            years[root] = year
        if dimension == "category":
            found = {str(c)} if (c := latest_listing(rec.events).get("category")) else set()
        else:
            found = values.get(root, set())
        if keep is not None and LIST_FIELD.get(dimension) not in keep:
            found = set()  # the list does not show this of them
        shown[root] = found
    periods = _years(set(years.values()))
    return Statistics(dimension, country.upper(), periods,
                      _series(periods, years, shown), len(years), len(records) - len(years))


def first_custody_year(events: list[Ev]) -> str | None:
    """The year of the earliest dated detention or arrest."""
    dates = [e.date for e in events if e.type in CUSTODY_STARTS and e.date]
    return min(dates)[:4] if dates else None


def _values(s: Session, country: str, dimension: str, roots: list[int]) -> dict[int, set[str]]:
    """person (cluster root) -> the values of an article, region or gender dimension."""
    cluster = clusters(s)
    out: dict[int, set[str]] = defaultdict(set)
    if dimension == "article":
        for pid, article in s.execute(
                select(Claim.person_id, Charge.article).join(Claim, Charge.claim_id == Claim.id)
                .join(Case, Charge.case_id == Case.id)
                .where(Case.country == country, public_claim(), Claim.person_id.is_not(None))):
            out[cluster.get(pid or 0, pid or 0)].add(article)
    elif dimension == "region":
        for pid, found in case_details.list_regions(s, country).items():
            out[cluster.get(pid, pid)] |= found
    elif dimension == "gender":
        for pid, gender in s.execute(select(Person.id, Person.gender)
                                     .where(Person.gender.is_not(None))):
            out[cluster.get(pid, pid)].add(str(gender))
    wanted = set(roots)
    return {root: found for root, found in out.items() if root in wanted}


def _years(found: set[str]) -> list[str]:
    if not found:
        return []
    return [str(y) for y in range(int(min(found)), int(max(found)) + 1)]


def _series(periods: list[str], years: dict[int, str], shown: dict[int, set[str]]
            ) -> list[Series]:
    totals = Counter(v for root in years for v in shown[root])
    kept = [v for v, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:KEPT]]
    index = {p: i for i, p in enumerate(periods)}
    series = {v: Series("value", v, [0] * len(periods)) for v in kept}
    other = Series("other", "", [0] * len(periods))
    unknown = Series("unknown", "", [0] * len(periods))
    for root, year in years.items():
        i = index[year]
        for v in shown[root] & series.keys():
            series[v].counts[i] += 1
        if shown[root] - series.keys():
            other.counts[i] += 1
        if not shown[root]:
            unknown.counts[i] += 1
    return [*series.values(), *(x for x in (other, unknown) if x.total)]


def to_csv(st: Statistics) -> str:
    """The numbers the charts draw, one row per year; headings are recorded values, so
    spreadsheet formulas are defused as in the list's CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([[safe_cell(c) for c in row] for row in st.table()])
    return out.getvalue()

"""Timelines: a person's events in date order, and a country's events month by month.

A person's timeline is the dossier's (casefile.reports.dossier), so the person page, the
dossier's text, `casefile persons show` and `GET /api/v1/persons/{id}/timeline` show the same
events with the same quotes, redacted as the dossier redacts them. Events whose sources give
no date are kept apart, in the order their sources became known: placing them among the dated
ones would be a guess the sources do not make.

A country's timeline is the public events of the persons whose case is in that country, as
`casefile events` reads them (casefile.reports.events: withheld persons left out, anonymised
ones only when editors allow their dates, and then without name or quote), counted by month.
An event dated only by its year has no month: it is listed, and counted apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from casefile.assess.status import add_months
from casefile.reports.dossier import PublicDossier, TimelineItem
from casefile.reports.events import EventRecord, event_records


@dataclass
class PersonTimeline:
    """A person's public events: `dated` in date order, `undated` by the date their source
    became known (`known_by`)."""

    person_id: int
    name: str
    dated: list[TimelineItem]
    undated: list[TimelineItem]


def person_timeline(d: PublicDossier) -> PersonTimeline:
    """The dossier's events split into the dated, in order, and the undated."""
    dated = [t for t in d.timeline if t.date]
    undated = sorted((t for t in d.timeline if not t.date),
                     key=lambda t: (t.known_by is None, t.known_by or "", t.type))
    return PersonTimeline(d.person_id, d.name, dated, undated)


@dataclass
class CountryTimeline:
    """A country's public events: `months` counts the events dated to a month or a day, from
    the first such month to the last (months with none count 0); `year_only` those dated only
    by a year; `events` every dated one in order, `undated` the rest."""

    country: str
    months: list[tuple[str, int]]
    year_only: int
    events: list[EventRecord]
    undated: list[EventRecord]


def country_timeline(s: Session, country: str) -> CountryTimeline:
    found = event_records(s, country=country.upper())
    dated = sorted((r for r in found if r.date),
                   key=lambda r: (r.date or "", r.person.casefold(), r.type))
    by_month = Counter((r.date or "")[:7] for r in dated if len(r.date or "") >= 7)
    return CountryTimeline(country.upper(), month_range(by_month),
                           sum(1 for r in dated if len(r.date or "") == 4), dated,
                           [r for r in found if not r.date])


def month_range(counts: Counter[str]) -> list[tuple[str, int]]:
    """Every month from the first counted to the last, with its count (0 when none)."""
    if not counts:
        return []
    month, last, out = min(counts), max(counts), []
    while month <= last:
        out.append((month, counts[month]))
        month = add_months(month + "-01", 1)[:7]
    return out

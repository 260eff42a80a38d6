"""Custody status as of a date, derived from dated events; never typed in by hand.

Events are replayed in date order: an event whose type has `custody` in data/event-types.yml
puts the person in that status, one with `ends_custody` frees them, and a publisher's list
(`listed`) states the status as of the list's date. Undated events cannot be placed in time
and do not move the status. A date known only to the month or year counts from its first day
for custody and from its last day for a release, so a vague release never cuts a stated
detention short.
A prison term with a known start ends when the term is served, unless later events say more.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from casefile import vocab

STATUSES = ("convicted", "pretrial", "extradition_arrest", "house_arrest",
            "psychiatric_detention")


@dataclass(frozen=True)
class Ev:
    type: str
    date: str | None
    detail: dict[str, Any] = field(default_factory=dict)


def period_start(value: str) -> str:
    """'2023' -> '2023-01-01', '2023-07' -> '2023-07-01'."""
    return value + "-01-01"[len(value) - 4:] if len(value) < 10 else value


def period_end(value: str) -> str:
    """'2023' -> '2023-12-31', '2023-02' -> '2023-02-28'."""
    if len(value) == 10:
        return value
    if len(value) == 4:
        return value + "-12-31"
    y, m = int(value[:4]), int(value[5:7])
    return f"{value}-{calendar.monthrange(y, m)[1]:02d}"


def _clock(events: list[Ev]) -> Callable[[Ev], str]:
    """The day each event counts from. Custody counts from the first day its date allows, a
    release from the last: "released in March 2023" comes after "detained on 15 March 2023",
    and nobody leaves the list before a source says they were freed. Events given the very
    same date ("In June 2023, X was released ... and placed under house arrest") keep the
    order the text tells them in."""
    types = vocab.event_types()
    custody_dates = {e.date for e in events if types.get(e.type, {}).get("custody")}

    def when(e: Ev) -> str:
        date_ = e.date or ""
        if types.get(e.type, {}).get("ends_custody") and date_ not in custody_dates:
            return period_end(date_)
        return period_start(date_)

    return when


def status_as_of(events: list[Ev], as_of: str, sentence_months: float | None = None) -> str | None:
    """The custody status on `as_of` (ISO date), or None when the person is not held."""
    types = vocab.event_types()
    limit = period_start(as_of)
    when = _clock(events)
    dated = sorted((e for e in events if e.date and when(e) <= limit),
                   key=lambda e: (when(e), e.type == "listed", e.detail.get("span", [0])[0]))
    status: str | None = None
    since: str | None = None  # when the current custody began
    for e in dated:
        info = types.get(e.type, {})
        if e.type == "listed":
            listed = e.detail.get("status")
            status = listed if listed in STATUSES else status
            since = since or when(e)
        elif info.get("custody"):
            if status is None:
                since = when(e)
            status = info["custody"]
        elif info.get("ends_custody"):
            status, since = None, None
    if status == "convicted" and sentence_months and since is not None:
        ends = _add_months(since, sentence_months)
        later = any(when(e) > ends for e in dated
                    if e.type == "listed" or types.get(e.type, {}).get("custody"))
        if ends <= limit and not later:
            return None  # the term has been served
    return status


def _add_months(start: str, months: float) -> str:
    d = date.fromisoformat(start)
    whole = int(months)
    y, m = divmod(d.month - 1 + whole, 12)
    end = date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))
    return (end + timedelta(days=round((months - whole) * 30.44))).isoformat()

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
    return Replay(events, sentence_months).status(as_of)


class Replay:
    """One person's events put in order once, to be asked the status on many days: the
    count over time asks it for every person on every year's first day."""

    def __init__(self, events: list[Ev], sentence_months: float | None = None) -> None:
        when = _clock(events)
        self.months = sentence_months
        self.dated = sorted(((when(e), e) for e in events if e.date),
                            key=lambda w: (w[0], w[1].type == "listed",
                                           w[1].detail.get("span", [0])[0]))

    def status(self, as_of: str) -> str | None:
        types = vocab.event_types()
        limit = period_start(as_of)
        status: str | None = None
        since: str | None = None  # when the current custody began
        seen = 0
        for day, e in self.dated:
            if day > limit:
                break
            seen += 1
            info = types.get(e.type, {})
            if e.type == "listed":
                listed = e.detail.get("status")
                status = listed if listed in STATUSES else status
                since = since or day
            elif info.get("custody"):
                if status is None:
                    since = day
                status = info["custody"]
            elif info.get("ends_custody"):
                status, since = None, None
        if status == "convicted" and self.months and since is not None:
            ends = _add_months(since, self.months)
            later = any(day > ends for day, e in self.dated[:seen]
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

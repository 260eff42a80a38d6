"""A person's status as of a date, derived from dated events; never typed in by hand.

Events are replayed in date order: an event whose type has `custody` in data/event-types.yml
puts the person in that status, one with `ends_custody` frees them (released, or the
non-custodial `status` the type names: a sentence of restriction of liberty), one with only a
`status` (a travel ban, a Red Notice abroad) says how things stand while the person is not
held, and a publisher's list (`listed`) states the status as of the list's date (a status the
list only implies, `status_stated: false`, only fills in when the events state none).

An event the source does not date is placed where the source puts it: on or after the last
date the source stated before it (`after`), else by the source's own date (`known_by`); with
neither it cannot be placed and does not move the status. A date known only to the month or
year counts from its first day for custody and from its last day for a release, so a vague
release never cuts a stated detention short. A prison term with a known start ends when the
term is served, unless later events say more.

`Replay.status` answers the custody question the list of political prisoners asks (a custody
status or None); `Replay.situation` the wider one a person's record shows (also released,
restriction of liberty, suspended sentence, abroad at risk, other).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal, get_args

from casefile import vocab

# The custody statuses, in the order the list shows them: declared here once (the API's
# parameter type, the list's sections); their labels are data/report-labels.yml's.
CustodyStatus = Literal["convicted", "pretrial", "extradition_arrest", "house_arrest",
                        "psychiatric_detention"]
STATUSES: tuple[CustodyStatus, ...] = get_args(CustodyStatus)
# Events that state a status as of their date rather than change it.
STATED = ("listed", "status_reported")
SITUATIONS = (*STATUSES, "restriction_of_liberty", "suspended_sentence", "released",
              "abroad_at_risk", "other")


@dataclass(frozen=True)
class Ev:
    type: str
    date: str | None
    detail: dict[str, Any] = field(default_factory=dict)
    known_by: str | None = None  # the source's date: an undated event happened by then

    @property
    def placed(self) -> str | None:
        """The date the event counts at: its own, the date stated before it, the source's."""
        return self.date or self.detail.get("after") or self.known_by


def source_date(published: str | None, captured: datetime | str | None) -> str | None:
    """The date by which a source's undated events had happened: its publication date, or
    the day it was captured when that is unknown."""
    if published:
        return published
    if isinstance(captured, datetime):
        return captured.date().isoformat()
    return str(captured)[:10] if captured else None


def precision(value: str | None) -> str:
    """How precise an ISO prefix date is: day, month, year, or unknown (no date)."""
    return {4: "year", 7: "month", 10: "day"}.get(len(value or ""), "unknown")


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
    custody_dates = {e.placed for e in events if types.get(e.type, {}).get("custody")}

    def when(e: Ev) -> str:
        date_ = e.placed or ""
        if e.date is None and e.detail.get("after") is None:
            return period_end(date_)  # known only to have happened by the source's date
        if types.get(e.type, {}).get("ends_custody") and date_ not in custody_dates:
            return period_end(date_)
        return period_start(date_)

    return when


def status_as_of(events: list[Ev], as_of: str, sentence_months: float | None = None) -> str | None:
    """The custody status on `as_of` (ISO date), or None when the person is not held."""
    return Replay(events, sentence_months).status(as_of)


def situation_as_of(events: list[Ev], as_of: str,
                    sentence_months: float | None = None) -> str | None:
    """The status on `as_of` (one of SITUATIONS), or None when the events say nothing."""
    return Replay(events, sentence_months).situation(as_of)


class Replay:
    """One person's events put in order once, to be asked the status on many days: the
    count over time asks it for every person on every year's first day."""

    def __init__(self, events: list[Ev], sentence_months: float | None = None) -> None:
        when = _clock(events)
        self.months = sentence_months
        self.dated = sorted(((when(e), e) for e in events if e.placed),
                            key=lambda w: (w[0], w[1].type in STATED,
                                           w[1].detail.get("span", [0])[0]))

    def status(self, as_of: str) -> str | None:
        """The custody status on `as_of`, or None when the person is not held: a prison term
        whose end has passed, with nothing later saying otherwise, counts as served."""
        state, since, seen = self._replay(as_of)
        if state == "convicted" and self.months and since is not None:
            ends = add_months(since, self.months)
            types = vocab.event_types()
            later = any(day > ends for day, e in self.dated[:seen]
                        if e.type in STATED or types.get(e.type, {}).get("custody"))
            if ends <= period_start(as_of) and not later:
                return None  # the term has been served
        return state if state in STATUSES else None

    def situation(self, as_of: str) -> str | None:
        """The status the sources state as of `as_of` (one of SITUATIONS), or None when they
        say nothing of it. Unlike `status`, a term is not taken to have been served until a
        source says so: this is the record of what the sources state."""
        return self._replay(as_of)[0]

    def _replay(self, as_of: str) -> tuple[str | None, str | None, int]:
        """(status, the day the current custody began, how many events counted)."""
        types = vocab.event_types()
        limit = period_start(as_of)
        status: str | None = None
        since: str | None = None
        seen = 0
        for day, e in self.dated:
            if day > limit:
                break
            seen += 1
            info = types.get(e.type, {})
            held = status in STATUSES
            if e.type in STATED:
                listed = e.detail.get("status")
                if listed in SITUATIONS and (e.detail.get("status_stated", True)
                                             or status is None):
                    if listed in STATUSES and not held:
                        since = day
                    status = listed
            elif info.get("custody") and e.detail.get("in_absentia"):
                if not held:  # sentenced in absentia: at large, usually abroad
                    status = "abroad_at_risk"
            elif info.get("custody") and e.detail.get("sentence") in SITUATIONS:
                # a conviction to a sentence served outside custody (restriction of liberty)
                status, since = e.detail["sentence"], None
            elif info.get("custody"):
                if not held:
                    since = day
                status = info["custody"]
            elif info.get("ends_custody"):
                status, since = info.get("status", "released"), None
            elif info.get("status") and not held:
                status = info["status"]
        return status, since, seen


def add_months(start: str, months: float) -> str:
    """`start` moved by `months` (a negative count goes back), the day clipped to the month."""
    d = date.fromisoformat(start)
    whole = int(months)
    y, m = divmod(d.month - 1 + whole, 12)
    end = date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))
    return (end + timedelta(days=round((months - whole) * 30.44))).isoformat()

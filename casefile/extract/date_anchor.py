"""The date a text is read against (its publication date), and the calendar arithmetic that
turns "yesterday", "on Monday", "last week" or a yearless "on 28 November" into dates.

An anchor is an ISO prefix ("2023-05-17", "2023-05" or "2023"). A relative date is resolved
only as precisely as both the anchor and the phrase allow: "yesterday" needs an anchor day,
"last month" an anchor month; "last week" is the month it lies in, or only its year when the
week spans two months, or nothing when it spans two years. Nothing is guessed beyond that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

Parts = tuple[int, int | None, int | None]  # year, month, day; None where the text is vaguer

# A date stated without a year that would fall more than this many months after the anchor is
# taken to be in the anchor's previous year: reports tell of the past, and the hearings they
# announce are weeks ahead, not most of a year ("on 28 December" in a January report).
LOOKAHEAD_MONTHS = 2


@dataclass(frozen=True)
class Anchor:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str) -> Anchor:
        """An anchor from "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ValueError for anything else."""
        m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value.strip())
        if not m:
            raise ValueError(f"anchor must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        y, mo, d = (int(g) if g else None for g in m.groups())
        assert y is not None
        dt.date(y, mo or 1, d or 1)  # ValueError for "2023-02-30"
        return cls(y, mo, d)

    def year_for(self, month: int) -> int:
        """The year of a date the text states without one (see LOOKAHEAD_MONTHS)."""
        if self.month is not None and month - self.month > LOOKAHEAD_MONTHS:
            return self.year - 1
        return self.year

    def shift(self, unit: str, offset: int) -> Parts | None:
        """The anchor moved by `offset` days, ISO weeks, months or years, at the precision both
        allow; None when the anchor is too vague for the phrase."""
        if offset == 0 and unit != "week":  # "today", "this month", "this year"
            return self._cut(unit)
        if unit == "year":
            return (self.year + offset, None, None)
        if unit == "month" and self.month is not None:
            y, m = divmod(self.year * 12 + self.month - 1 + offset, 12)
            return (y, m + 1, None)
        if self.month is None or self.day is None:
            return None
        day = dt.date(self.year, self.month, self.day)
        if unit == "day":
            d = day + dt.timedelta(days=offset)
            return (d.year, d.month, d.day)
        if unit == "week":
            first = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)
            last = first + dt.timedelta(days=6)
            if (first.year, first.month) == (last.year, last.month):
                return (first.year, first.month, None)
            return (first.year, None, None) if first.year == last.year else None
        return None

    def weekday_before(self, weekday: int) -> Parts | None:
        """The latest day with this weekday (Monday = 0) on or before the anchor day: news
        names the day of the week for the past seven days, the publication day included (a
        wire story of Monday, April 23: "a human rights group said on Monday")."""
        if self.month is None or self.day is None:
            return None
        day = dt.date(self.year, self.month, self.day)
        d = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
        return (d.year, d.month, d.day)

    def _cut(self, unit: str) -> Parts:
        if unit == "year" or self.month is None:
            return (self.year, None, None)
        return (self.year, self.month, None if unit == "month" else self.day)

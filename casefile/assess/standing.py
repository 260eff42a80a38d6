"""A person's standing as of a date — custody status, situation and sentence — from the sources
known on that date. The one owner of the rule: the list and its count over time
(casefile.reports.prisoners), the dossier (casefile.reports.dossier) and the persons' records
(casefile.reports.persons) all ask a `Standing`, so they cannot disagree about a person.

- **Known on D**: a source counts on D when it was published on or before D, or captured on or
  before D when its publication date is unknown; a date known to the month or year counts
  from the first day of that period ("published in September 2024" is not known on
  2024-07-01, and is on 2024-09-01). Events and terms of later sources are left out, so the
  list as of D can be reproduced later, whatever was captured since.
- **The sentence**: the newest source (known on D) that states terms speaks for it (an older
  one may be superseded by an appeal or a second verdict); within that source, the passage
  extracted with the most confidence (a list entry over a remark in the prose); its prison
  terms added up are the custody term (casefile.assess.status: a served term ends custody).
  The other term claims stay on record and are shown beside it as what sources also state.
- **The status** is casefile.assess.status's replay of the events known on D with that term.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from casefile.assess.status import Ev, Replay, period_start, source_date
from casefile.registry.models import Claim, Source
from casefile.registry.publication import public_claim

PRISON = "imprisonment"


class Term(NamedTuple):
    """One term a claim states (`sentenced_to`): a tuple, since the list reads one for each
    term of 10,000 persons."""

    months: float
    kind: str | None  # imprisonment, suspended, restriction_of_liberty, ...
    days: int | None  # set when the source counts the term in days
    claim_id: str
    source_id: int
    known_by: str | None  # the source's date (casefile.assess.status.source_date)
    group: str  # the claim's group key (one list entry or passage), else its id
    confidence: float
    start: int  # where the claim is in the source: text order within a source


@lru_cache(maxsize=8192)
def _from(known_by: str) -> str:
    """The first day a source's date allows (a registry has few distinct source dates)."""
    return period_start(known_by)


def known_on(known_by: str | None, day: str) -> bool:
    """Whether a source dated `known_by` counts on `day`; an undated one always does."""
    return known_by is None or _from(known_by) <= day


def source_known_on(day: str | None = None) -> ColumnElement[bool]:
    """`known_on` in SQL, for queries that read facts and quotes as of `day`: a publication
    date with fewer digits is a prefix of the dates of its period, so it compares as the
    period's first day. Without `day`, a statement built once takes it when run, as the
    parameters `known_params` gives."""
    if day is None:
        return _known(bindparam("known_day"), bindparam("known_after"))
    params = known_params(day)
    return _known(literal(params["known_day"]), literal(params["known_after"]))


ALL_SOURCES = "9999-12-30"  # the day that every source is known on: no as_of


def known_params(day: str) -> dict[str, object]:
    """The parameters of `source_known_on()` for `day` (ALL_SOURCES: every source)."""
    return {"known_day": day,
            "known_after": datetime.combine(date.fromisoformat(day) + timedelta(days=1),
                                            time(), UTC)}


def _known(day: ColumnElement[Any], after: ColumnElement[Any]) -> ColumnElement[bool]:
    return or_(Source.published_at <= day,
               and_(Source.published_at.is_(None), Source.captured_at < after))


def sentence(terms: Iterable[Term]) -> list[Term]:
    """The terms that speak for the sentence: those of the most confident passage of the
    newest source stating any (in text order)."""
    newest: tuple[str, int] | None = None
    chosen: list[Term] = []
    for t in terms:
        key = (_from(t.known_by) if t.known_by else "", t.source_id)
        if newest is None or key > newest:
            newest, chosen = key, [t]
        elif key == newest:
            chosen.append(t)
    chosen.sort(key=lambda t: t.start)
    best: dict[str, list[Term]] = {}  # by passage, in the order they first appear
    for t in chosen:
        best.setdefault(t.group, []).append(t)
    if not best:
        return []
    return max(best.values(), key=lambda group: group[0].confidence)


def custody_months(terms: Iterable[Term]) -> float | None:
    """The prison term the terms add up to, in months; None when they state none."""
    return sum(t.months for t in terms if t.kind == PRISON) or None


class Standing:
    """One person's events and terms, to be asked about many days: the count over time asks
    every person's status on every year's first day. What is known on a day changes only
    when a new source's date is reached, so one replay serves all the days between two."""

    def __init__(self, events: list[Ev], terms: list[Term]) -> None:
        self.events = events
        self.terms = terms
        dated = {e.known_by for e in events}  # a person's sources are few
        dated.update(t.known_by for t in terms)
        self._days = sorted({_from(x) for x in dated if x})
        self._at: dict[int, tuple[Replay, list[Term], list[Ev]]] = {}

    def _known(self, day: str) -> tuple[Replay, list[Term], list[Ev]]:
        k = bisect_right(self._days, day)
        hit = self._at.get(k)
        if hit is None:
            if k == len(self._days):  # every source known: the usual case
                events, terms = self.events, self.terms
            else:
                events = [e for e in self.events if known_on(e.known_by, day)]
                terms = [t for t in self.terms if known_on(t.known_by, day)]
            chosen = sentence(terms)
            hit = self._at[k] = (Replay(events, custody_months(chosen)), chosen, events)
        return hit

    def status(self, day: str) -> str | None:
        """The custody status on `day` (casefile.assess.status.STATUSES), or None."""
        return self._known(day)[0].status(day)

    def situation(self, day: str) -> str | None:
        """How things stand on `day` as the sources state it (SITUATIONS), or None."""
        return self._known(day)[0].situation(day)

    def sentence(self, day: str) -> list[Term]:
        """The terms that speak for the sentence on `day` (see `sentence`)."""
        return self._known(day)[1]

    def events_known(self, day: str) -> list[Ev]:
        """The events of the sources known on `day`."""
        return self._known(day)[2]


def source_dates(s: Session) -> dict[int, str | None]:
    """Every source's date (casefile.assess.status.source_date), read once: sources are few
    beside their claims, and a capture time read per claim row cost more than the claims."""
    return {sid: source_date(published, captured) for sid, published, captured in
            s.connection().execute(select(Source.id, Source.published_at, Source.captured_at))}


def read_terms(s: Session, owner: dict[int, int],
               dates: dict[int, str | None] | None = None) -> dict[int, list[Term]]:
    """The terms public claims state of each person (cluster root) of `owner` (person id ->
    root). Column tuples, not ORM objects: the list reads them for every person it
    recognises; a few persons' terms (the list's rows kept up to date) through IN (...)."""
    dates = source_dates(s) if dates is None else dates
    out: dict[int, list[Term]] = defaultdict(list)
    rows = s.connection().execute(
        select(Claim.person_id, Claim.value, Claim.detail, Claim.id, Claim.source_id,
               Claim.group_key, Claim.confidence, Claim.start)
        .where(Claim.predicate == "sentenced_to", public_claim(),
               *([Claim.person_id.in_(owner)] if len(owner) < 500 else [])))
    for pid, value, detail, cid, sid, group, confidence, start in rows:
        root = owner.get(pid)
        if root is not None and sid in dates:  # a source captured after the dates were read
            out[root].append(term(value, detail, cid, sid, dates[sid], group, confidence,
                                  start))
    return out


def term(value: str, detail: dict[str, Any] | None, claim_id: str, source_id: int,
         known_by: str | None, group: str | None, confidence: float | None,
         start: int | None) -> Term:
    """A Term from a `sentenced_to` claim's columns."""
    detail = detail or {}
    return Term(float(value), detail.get("kind"), detail.get("days"), claim_id, source_id,
                known_by, group or claim_id, confidence or 0.0, start or 0)

"""The prisoner list as the site shows it: filtered, sorted, paged, and cached.

The list is `casefile.reports.prisoners.prisoner_list`, exactly what `casefile report prisoners`
prints; the site only filters, sorts and pages it. Today's list is kept in the registry, up to
date with every change (casefile.reports.list_rows), and a page of it is one indexed query.
A list as of another day is built on demand, which reads every listed case, so that result is
cached per (registry, country, date) and keyed on the newest audit-log id: every change to the
registry writes the audit log, so a new entry there means the cache is stale. What is read
from today's rows of one country (its counts, filter options, page marks) is kept instead
while that country's rows are unchanged (`cached_rows`).

Inside `on_loop()` nothing is built: where a page would build (a result not cached for this
version, today's rows to rebuild) or may scan (a filtered page) `NotKept` is raised instead, and
the view runs again in the thread pool. So a list page served from what is kept runs on the
event loop, as a dossier does.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefile.assess.status import STATUSES
from casefile.registry import db
from casefile.registry.models import Case
from casefile.reports import case_details, list_rows
from casefile.reports.prisoners import ListEntry, PrisonerList, prisoner_list

SORTS = list_rows.SORTS
ListPage = list_rows.ListPage
_cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_lock = threading.Lock()
_building: dict[tuple[Any, ...], threading.Lock] = {}


_on_loop: ContextVar[bool] = ContextVar("casefile_listing_on_loop", default=False)


class NotKept(Exception):
    """Raised inside `on_loop()` where the list would have to be built: run it in a thread."""


@contextmanager
def on_loop() -> Iterator[None]:
    """Read only what is kept: a list page on the event loop costs about what a dossier does
    (2 ms at 10,000 persons), and in the thread pool each of its hand-offs waited for the
    interpreter lock behind the searches' threads (p95 165 ms under the mixed load on one
    core against 53-57 on the loop, docs/BENCHMARKS.md). Building (seconds, for a new day's
    rows or another day's list) would hold up every request on the loop, so it raises
    `NotKept` instead, before waiting for another request's build; so does a filtered page
    (`page`), whose rows the sort's index may have to be read through to find: 5 ms for a
    rare category at 10,000 persons, ten times that at 100,000."""
    token = _on_loop.set(True)
    try:
        yield
    finally:
        _on_loop.reset(token)


def cached(s: Session, key: tuple[Any, ...], build: Any) -> Any:
    """`build()` once per registry version (concurrent callers wait for the one build);
    the 32 most recent results are kept. `NotKept` inside `on_loop()` when not kept."""
    return _cached(s, (_seen(s).version,), key, build)


def cached_rows(s: Session, country: str, key: tuple[Any, ...], build: Any) -> Any:
    """`cached`, for what `build()` reads from `country`'s kept rows alone (today's): once
    per serial of those rows (list_rows.Kept), which a change to no row of theirs leaves as
    it was. Per registry version, every capture made a country's counts, filter options and
    page marks again, about 0.6 s of reading per server process at 100,000 persons, though
    most captures touch another country's rows or none."""
    seen = _seen(s)
    return _cached(s, ("rows", seen.day, country, seen.serial(country)), key, build)


def _cached(s: Session, kept_by: tuple[Any, ...], key: tuple[Any, ...], build: Any) -> Any:
    full = (str(s.get_bind().engine.url), *kept_by, *key)
    with _lock:
        if full in _cache:
            _cache.move_to_end(full)
            return _cache[full]
        if _on_loop.get():
            raise NotKept(key)
        building = _building.setdefault(full, threading.Lock())
    with building:
        with _lock:
            if full in _cache:
                return _cache[full]
        value = build()
        with _lock:
            _cache[full] = value
            _building.pop(full, None)
            dropped = [_cache.popitem(last=False) for _ in range(len(_cache) - 32)]
    del dropped  # freed here, not under the lock the event loop takes (a list can be large)
    return value


today = list_rows.today


def kept_day(s: Session) -> str:
    """The day of today's kept list, made current first (`list_rows.ready`; inside
    `on_loop()`, `NotKept` if it is not): asked once per transaction of `s` (a request's), as
    the version is."""
    return _seen(s).day


def _seen(s: Session) -> list_rows.Kept:
    """The kept list's day, the registry's version and the countries' serials, read once per
    transaction (list_rows.Kept, one statement): a list page
    asked for them seven times (two state reads, five versions), a statement each, more
    than its page of rows cost. A commit starts a new transaction, so a change made in the
    session is seen (`db.per_transaction`)."""
    return db.per_transaction(s, "listing_seen", lambda: _ready(s))


def _ready(s: Session) -> list_rows.Kept:
    """`list_rows.ready`; inside `on_loop()`, `NotKept` rather than a rebuild."""
    if not _on_loop.get():
        return list_rows.ready(s)
    found = list_rows.kept(s)
    if found is None:
        raise NotKept("today's rows")
    return found


def default_country(s: Session) -> str:
    """The list shown when no country is asked for (`most_cases`), once per version."""
    return str(cached(s, ("country",), lambda: most_cases(s)))


def most_cases(s: Session) -> str:
    """The country with the most cases: the registry's own, without naming one in code."""
    row = s.execute(select(Case.country, func.count()).group_by(Case.country)
                    .order_by(func.count().desc(), Case.country).limit(1)).first()
    return row[0] if row else "XX"


def country_asked(value: str | None) -> str | None:
    """The country a list request names, as the list reads it (two letters, upper case);
    None: the default country."""
    return re.sub(r"[^A-Za-z]", "", value or "")[:2].upper() or None


def full_list(s: Session, country: str, as_of: str) -> PrisonerList:
    """The whole list of `country` as of `as_of` (downloads; pages read `page`)."""
    if as_of == kept_day(s):
        return cached_rows(s, country.upper(), ("kept list",),
                           lambda: list_rows.full(s, country.upper()))
    return cached(s, ("list", country.upper(), as_of),
                  lambda: prisoner_list(s, country, as_of))


def page(s: Session, country: str, as_of: str, status: str | None = None,
         category: str | None = None, article: str | None = None, region: str | None = None,
         sort: str = "list", descending: bool = False, offset: int = 0,
         limit: int | None = 100, lang: str | None = None) -> list_rows.ListPage:
    """A page of the list, filtered and sorted: today's from the kept rows (their kept HTML
    in `lang` when one is given), another day's from that day's list (built once, cached;
    entries only)."""
    if _on_loop.get() and (status or category or article or region):
        raise NotKept("a filtered page")  # its statement may scan the sort's whole index
    if as_of == kept_day(s):  # the counts once per serial of the rows: a scan of them
        filters = (country.upper(), status, category, article, region)
        counted = cached_rows(s, filters[0], ("kept counts", *filters),
                              lambda: list_rows.counts(s, *filters))
        marked = cached_rows(s, filters[0], ("kept marks", *filters, sort, descending),
                             lambda: list_rows.marks(s, *filters, sort, descending)) \
            if offset >= list_rows.STEP else None  # a deep page: the marks once per serial
        return list_rows.page(s, *filters, sort, descending, offset, limit, counted, lang,
                              marked)
    args = (status, category, article, region, sort, descending)
    shown = cached(s, ("select", country.upper(), as_of, *args),
                   lambda: select_entries(s, full_list(s, country, as_of), *args))
    end = None if limit is None else offset + limit
    return list_rows.ListPage(shown.country, shown.as_of, shown.entries[offset:end],
                              len(shown.entries), shown.counts)


def filter_values(s: Session, country: str, as_of: str) -> dict[str, list[str]]:
    """The values each filter can take in the list, for the filter form."""
    if as_of == kept_day(s):
        return cached_rows(s, country.upper(), ("kept facets",),
                           lambda: list_rows.facets(s, country.upper()))
    return cached(s, ("facets", country.upper(), as_of),
                  lambda: facets(s, full_list(s, country, as_of)))


def regions(s: Session, country: str) -> dict[int, set[str]]:
    """person id -> the regions of their case (the Region filter's values):
    casefile.reports.case_details.list_regions, cached."""
    found: dict[int, set[str]] = cached(s, ("regions", country.upper()),
                                        lambda: case_details.list_regions(s, country))
    return found


def _sort_key(sort: str):
    if sort == "name":
        return lambda e: e.name.casefold()
    if sort == "status":
        return lambda e: (STATUSES.index(e.status), e.name.casefold())
    if sort == "category":
        return lambda e: ((e.category or "\uffff").casefold(), e.number or 10**6, e.name)
    if sort == "sentence":
        return lambda e: (-sum(e.sentence_months), e.name.casefold())
    if sort == "detained":
        return lambda e: (e.dates.get("detained") or "9999", e.name.casefold())
    return None  # "list": the report's own order


def select_entries(s: Session, plist: PrisonerList, status: str | None = None,
                   category: str | None = None, article: str | None = None,
                   region: str | None = None, sort: str = "list",
                   descending: bool = False) -> PrisonerList:
    """The list narrowed by the filters and sorted; counts then describe what is shown."""
    places = regions(s, plist.country) if region else {}
    rows: list[ListEntry] = [
        e for e in plist.entries
        if (status is None or e.status == status)
        and (category is None or e.category == category)
        and (article is None or any(a.article == article for a in e.articles))
        and (region is None or region in places.get(e.person_id or 0, ()))]
    key = _sort_key(sort)
    if key is not None:
        rows.sort(key=key)
    if descending:
        rows.reverse()
    # Withheld persons counted without a row: no category, article or region tells of them.
    counted = {} if category or article or region else {
        st: n for st, n in plist.withheld_counts.items() if status is None or st == status}
    return replace(plist, entries=rows, withheld_counts=counted)


def facets(s: Session, plist: PrisonerList) -> dict[str, list[str]]:
    """The values each filter can take in this list, for the filter form."""
    places = regions(s, plist.country)
    return {
        "status": [st for st in STATUSES if any(e.status == st for e in plist.entries)],
        "category": sorted({e.category for e in plist.entries if e.category}),
        "article": sorted({a.article for e in plist.entries for a in e.articles},
                          key=lambda a: (len(a), a)),
        "region": sorted({p for e in plist.entries for p in places.get(e.person_id or 0, ())}),
    }

"""Watches: the listings Casefile fetches again on a schedule (table `watches`).

This module owns the rows: adding, listing and removing watches (audited), which are due,
the claim a run takes on a watch before fetching it, and what a run records afterwards.
Fetching and capturing is casefile.registry.watch_run.

The claim is one UPDATE of the watch's row that succeeds only while no other run holds it
(and, for a run of the due watches, only while the watch is still due): the database
decides, so two `watch run`s from cron on one machine, or workers on several machines
sharing a PostgreSQL registry, never fetch one watch at once, and a run that finds a watch
just fetched by another does not fetch it again. A claim lapses after
CASEFILE_WATCH_CLAIM_MINUTES, so a run killed mid-fetch holds nothing for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from casefile import settings
from casefile.errors import CasefileError
from casefile.extract.places import country_code
from casefile.registry import audit, db
from casefile.registry.models import Watch, as_utc, utcnow
from casefile.sources.links import http_link

RESULTS = ("new", "unchanged", "not-modified", "disallowed", "failed")


@dataclass(frozen=True)
class Outcome:
    """What one fetch of a watch came to, as the run records it."""

    result: str  # one of RESULTS
    note: str  # what was found, or why it failed, in one line
    etag: str | None = None  # the answer's validators, kept only from a captured answer
    last_modified: str | None = None
    listing_id: int | None = None


@dataclass(frozen=True)
class WatchState:
    """A watch as `watch list` and the editors' page show it: times as ISO strings (UTC)."""

    id: int
    url: str
    publisher: str | None
    country: str | None
    trusted: bool
    every_minutes: int
    last_run_at: str | None
    last_result: str | None
    last_note: str | None
    failures: int
    next_run_at: str | None
    running: bool  # a run holds it now

    @classmethod
    def of(cls, w: Watch, now: datetime) -> WatchState:
        until = as_utc(w.claimed_until) if w.claimed_until else None
        return cls(w.id, w.url, w.publisher, w.country, w.trusted, w.every_minutes,
                   _iso(w.last_run_at), w.last_result, w.last_note, w.failures,
                   _iso(w.next_run_at), bool(w.claim and until and until > now))


def add(s: Session, url: str, *, actor: str, publisher: str | None = None,
        country: str | None = None, every_minutes: int = 60, trusted: bool = False) -> Watch:
    """A new watch of `url`, due at once. CasefileError for a URL that is not http(s), one
    already watched, an unknown country, a publisher's name past 300 characters, or a
    schedule under a minute."""
    link = http_link(url)
    if link is None:
        raise CasefileError(f"a watch needs an http or https URL, not {url[:200]!r}")
    if publisher and len(publisher) > 300:
        raise CasefileError("a publisher's name is at most 300 characters")
    if every_minutes < 1:
        raise CasefileError("a watch is fetched at most once a minute (--every 1 or more)")
    if s.scalar(select(Watch.id).where(Watch.url == link)) is not None:
        raise CasefileError(f"{link} is already watched")
    watch = Watch(url=link, publisher=publisher or None,
                  country=country_code(country) if country else None, trusted=trusted,
                  every_minutes=every_minutes, created_by=actor, failures=0)
    s.add(watch)
    s.flush()
    audit.record(s, actor, "watch-add", f"watch:{watch.id}", url=link,
                 every_minutes=every_minutes, trusted=trusted)
    return watch


def listed(s: Session) -> list[WatchState]:
    now = utcnow()
    return [WatchState.of(w, now) for w in s.scalars(select(Watch).order_by(Watch.id))]


def get(s: Session, watch_id: int) -> Watch:
    watch = s.get(Watch, watch_id)
    if watch is None:
        raise CasefileError(f"no watch {watch_id}")
    return watch


def remove(s: Session, watch_id: int, actor: str) -> None:
    """Stop watching; what its runs captured stays in the registry."""
    watch = get(s, watch_id)
    audit.record(s, actor, "watch-remove", f"watch:{watch.id}", url=watch.url)
    s.delete(watch)


def due(s: Session, now: datetime) -> list[int]:
    return list(s.scalars(select(Watch.id).where(_is_due(now)).order_by(Watch.id)))


def _is_due(now: datetime):
    return or_(Watch.next_run_at.is_(None), Watch.next_run_at <= now)


def claim(watch_id: int, token: str, now: datetime, *, only_due: bool,
          url: str | None = None) -> bool:
    """Take the watch for the run named `token`: True if this run now holds it, False if
    another run does (or, with `only_due`, if it is no longer due)."""
    free = or_(Watch.claim.is_(None), Watch.claimed_until < now)
    lease = now + timedelta(minutes=settings.watch_claim_minutes())
    with db.transaction(url) as s:
        query = update(Watch).where(Watch.id == watch_id, free)
        if only_due:
            query = query.where(_is_due(now))
        done = s.execute(query.values(claim=token, claimed_until=lease))
        return bool(getattr(done, "rowcount", 0) == 1)


def record(watch_id: int, token: str, outcome: Outcome, *, url: str | None = None) -> None:
    """Keep what a fetch came to and free the claim. A success (anything but "failed")
    schedules the next run after the watch's interval and clears its failures; a failure
    keeps the validators and everything captured before, counts itself, and schedules a
    retry after a back-off that doubles with each failure (CASEFILE_WATCH_RETRY_MINUTES, at
    most CASEFILE_WATCH_RETRY_MAX_MINUTES)."""
    now = utcnow()
    with db.transaction(url) as s:
        watch = s.get(Watch, watch_id)
        if watch is None or watch.claim != token:
            return  # removed while it ran, or the claim lapsed and another run took it
        watch.last_run_at, watch.last_result, watch.last_note = now, outcome.result, \
            outcome.note[:2000]
        if outcome.result == "failed":
            watch.failures += 1
            watch.next_run_at = now + retry_after(watch.failures)
        else:
            watch.failures = 0
            watch.next_run_at = now + timedelta(minutes=watch.every_minutes)
        if outcome.result in ("new", "unchanged"):
            watch.etag, watch.last_modified = outcome.etag, outcome.last_modified
            watch.last_listing_id = outcome.listing_id
        watch.claim = watch.claimed_until = None


def retry_after(failures: int) -> timedelta:
    """The back-off after `failures` failures in a row: the first retry after the base
    delay, each later one after twice the one before, never more than the cap."""
    base = settings.watch_retry_minutes()
    cap = settings.watch_retry_max_minutes()
    return timedelta(minutes=min(base * 2 ** min(failures - 1, 30), cap))


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat(timespec="seconds") if moment else None

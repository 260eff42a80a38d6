"""One run of watches: fetch each listing politely and capture only what is new.

A run takes each watch's claim first (casefile.registry.watches), so runs started together
share the work and never fetch one URL twice. For each watch it asks the host's robots.txt
(once per host per run; a disallowed watch is reported, not fetched), waits until
CASEFILE_WATCH_HOST_INTERVAL seconds have passed since its last request to that host, and
sends a conditional GET with the validators of the last captured answer: a 304 is "nothing
new". A 2xx answer is captured with capture_listing_bytes, which adds only new items and
keeps a changed item as a new version. Any other answer, a timeout, or a listing refused as
hostile is a failure: the registry and the watch's validators stay as they were, and the
watch is retried after a back-off.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx
from sqlalchemy import select

from casefile import settings
from casefile.errors import CasefileError
from casefile.registry import db, watches
from casefile.registry.listings import ListingCapture, capture_listing_bytes
from casefile.registry.models import Watch, utcnow
from casefile.sources.fetch import Fetched, content_charset, fetch_response
from casefile.sources.robots import Robots


@dataclass(frozen=True)
class WatchRun:
    """What a run did with one watch."""

    watch_id: int
    url: str
    result: str  # watches.RESULTS, or "busy": another run holds it (or it is not due now)
    note: str
    new: int = 0
    changed: int = 0


class Polite:
    """A fetch that keeps `interval` seconds between the end of one request to a host and
    the start of the next. `clock` and `sleep` are time's, replaceable to test the spacing."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    def fetch(self, url: str, *, headers: dict[str, str] | None = None,
              max_bytes: int | None = None) -> Fetched:
        host = httpx.URL(url).netloc.decode("ascii")
        last = self._last.get(host)
        if last is not None:
            wait = last + self.interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        try:
            return fetch_response(url, headers=headers, max_bytes=max_bytes)
        finally:
            self._last[host] = self._clock()


def run(ids: Sequence[int] = (), *, actor: str, url: str | None = None,
        polite: Polite | None = None) -> list[WatchRun]:
    """Run the watches `ids`, or with none given every due watch, one after another.
    CasefileError naming an id that is no watch, before anything is fetched."""
    now = utcnow()
    with db.session(url) as s:
        targets = [watches.get(s, i).id for i in ids] if ids else watches.due(s, now)
    polite = polite or Polite(settings.watch_host_interval())
    robots = Robots(polite.fetch)
    return [run_one(i, actor=actor, only_due=not ids, url=url, polite=polite, robots=robots)
            for i in targets]


def run_one(watch_id: int, *, actor: str, only_due: bool, url: str | None = None,
            polite: Polite | None = None, robots: Robots | None = None) -> WatchRun:
    """Fetch and capture one watch if this run can claim it (with `only_due`, only while it
    is due): "busy" when another run holds it or it is no longer due."""
    polite = polite or Polite(settings.watch_host_interval())
    robots = robots or Robots(polite.fetch)
    token = uuid.uuid4().hex
    with db.session(url) as s:
        target = s.scalar(select(Watch.url).where(Watch.id == watch_id))
    if target is None:
        return WatchRun(watch_id, "", "busy", "removed")
    if not watches.claim(watch_id, token, utcnow(), only_due=only_due, url=url):
        return WatchRun(watch_id, target, "busy", "another run has it, or it is not due")
    with db.session(url) as s:
        watch = s.get(Watch, watch_id)  # as the run before this claim left it
    outcome = watches.Outcome("failed", "interrupted")
    capture: ListingCapture | None = None
    try:
        if watch is None:
            raise CasefileError("removed while it was claimed")
        outcome, capture = _fetch_and_capture(watch, actor, url, polite, robots)
    except CasefileError as exc:
        outcome = watches.Outcome("failed", " ".join(str(exc).split()))
    finally:
        watches.record(watch_id, token, outcome, url=url)
    return WatchRun(watch_id, target, outcome.result, outcome.note,
                    len(capture.new_item_ids) if capture else 0,
                    len(capture.changed_item_ids) if capture else 0)


def _fetch_and_capture(watch: Watch, actor: str, url: str | None, polite: Polite,
                       robots: Robots) -> tuple[watches.Outcome, ListingCapture | None]:
    if not robots.allowed(watch.url):
        return watches.Outcome("disallowed", "robots.txt disallows it"), None
    headers = {}
    if watch.etag:
        headers["If-None-Match"] = watch.etag
    if watch.last_modified:
        headers["If-Modified-Since"] = watch.last_modified
    got = polite.fetch(watch.url, headers=headers)
    if got.status == 304:
        return watches.Outcome("not-modified", "not modified since the last capture"), None
    if not 200 <= got.status < 300:
        raise CasefileError(f"HTTP {got.status} from {watch.url}")
    done = capture_listing_bytes(got.body, origin=watch.url,
                                 charset=content_charset(got.headers.get("content-type", "")),
                                 trusted=watch.trusted, publisher=watch.publisher,
                                 country=watch.country, actor=actor, url=url)
    found = bool(done.new_item_ids or done.changed_item_ids)
    note = (f"{len(done.new_item_ids)} new, {len(done.changed_item_ids)} changed, "
            f"{done.unchanged} unchanged")
    return watches.Outcome("new" if found else "unchanged", note, got.headers.get("etag"),
                           got.headers.get("last-modified"), done.listing_id), done

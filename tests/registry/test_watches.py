"""Watches against a news site on 127.0.0.1 that changes between runs: only new items are
captured, a changed item is a new version, validators make a 304 that stores nothing, a
failure leaves everything as it was and is retried, robots.txt is obeyed, and two runs at
once fetch each watch once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from casefile.errors import CasefileError
from casefile.registry import db, watches
from casefile.registry.models import Source, Watch, as_utc
from casefile.registry.watch_run import Polite, run
from tests.helpers import counts
from tests.sources.test_feed import LAUGHS
from tests.watch_server import Site, page, rss, serving

A = ("a", "Verdict", "Mon, 09 Mar 2020 09:30:00 +0600",
     "On Monday a court sentenced journalist Marat Bekov to five years in prison.")
A2 = A[:3] + (A[3] + " His lawyer will appeal.",)
B = ("b", "Detention", "Tue, 10 Mar 2020 10:00:00 +0600",
     "Police detained activist Ivan Petrov in Almaty.")
C = ("c", "Search", "Wed, 11 Mar 2020 11:00:00 +0600",
     "Police searched the home of blogger Aigul Utepova in Shymkent.")
P1 = ("/news/1", "Fine", "2022-11-07", "A court fined Oleg Sidorov for a picket in Almaty.")
P0 = ("/news/0", "Search", "2022-11-06", "Police searched the office of a newspaper in Almaty.")
P2 = ("/news/2", "Arrest", "2022-11-08", "Police arrested poet Aron Atabek in Almaty.")
FEED = "/feed.xml"
NEWS = "/news/"


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as news:
        yield news


@pytest.fixture(autouse=True)
def _no_wait(monkeypatch) -> None:
    monkeypatch.setenv("CASEFILE_WATCH_HOST_INTERVAL", "0")


def _add(url: str, **options) -> int:
    with db.transaction() as s:
        return watches.add(s, url, actor="anna", country="KZ", **options).id


def _watch(watch_id: int) -> Watch:
    with db.session() as s:
        return s.get(Watch, watch_id)


def _versions() -> dict[str, list[str]]:
    """Each captured item's texts, oldest version first, by item key."""
    with db.session() as s:
        found: dict[str, list[str]] = {}
        for key, text in s.execute(select(Source.item_key, Source.text)
                                   .where(Source.item_key.is_not(None)).order_by(Source.id)):
            found.setdefault(key, []).append(text)
    return found


def test_a_feed_run_again_adds_only_new_items_and_a_changed_one_as_a_new_version(
        registry, site: Site):
    site.files[FEED] = (rss(A, B), "application/rss+xml")
    wid = _add(site.url(FEED))
    first = run(actor="cron")
    assert [(r.watch_id, r.result, r.new, r.changed) for r in first] == [(wid, "new", 2, 0)]
    site.files[FEED] = (rss(C, A2, B), "application/rss+xml")
    second = run([wid], actor="cron")
    assert [(r.result, r.new, r.changed) for r in second] == [("new", 1, 1)]
    versions = _versions()
    assert sorted(len(v) for v in versions.values()) == [1, 1, 2]
    appealed = next(v for v in versions.values() if len(v) == 2)
    assert "appeal" in appealed[1] and "appeal" not in appealed[0]
    assert any("Utepova" in v[0] for v in versions.values())
    w = _watch(wid)
    assert (w.last_result, w.failures, w.last_note) == ("new", 0, "1 new, 1 changed, 1 unchanged")
    assert as_utc(w.next_run_at) == as_utc(w.last_run_at) + timedelta(minutes=60)


def test_an_unchanged_feed_is_answered_304_to_its_etag_and_nothing_is_stored(registry,
                                                                              site: Site):
    site.files[FEED] = (rss(A, B), "application/rss+xml")
    wid = _add(site.url(FEED))
    run([wid], actor="cron")
    etag = _watch(wid).etag
    before = counts()
    assert [r.result for r in run([wid], actor="cron")] == ["not-modified"]
    assert [(g.if_none_match, g.status) for g in site.gets(FEED)] == [(None, 200), (etag, 304)]
    assert etag and counts() == before
    assert _watch(wid).last_result == "not-modified"


def test_a_page_is_asked_if_modified_since_and_captured_when_it_was(registry, site: Site):
    stamp = "Tue, 08 Nov 2022 10:00:00 GMT"
    site.files[NEWS] = (page(P1, P0), "text/html; charset=utf-8")
    site.modified[NEWS] = stamp
    wid = _add(site.url(NEWS))
    assert [(r.result, r.new) for r in run([wid], actor="cron")] == [("new", 2)]
    before = counts()
    assert [r.result for r in run([wid], actor="cron")] == ["not-modified"]
    assert counts() == before
    site.files[NEWS] = (page(P2, P1, P0), "text/html; charset=utf-8")
    site.modified[NEWS] = "Wed, 09 Nov 2022 10:00:00 GMT"
    assert [(r.result, r.new, r.changed) for r in run([wid], actor="cron")] == [("new", 1, 0)]
    assert [(g.if_modified_since, g.status) for g in site.gets(NEWS)] == [
        (None, 200), (stamp, 304), (stamp, 200)]
    assert _watch(wid).last_modified == "Wed, 09 Nov 2022 10:00:00 GMT"


@pytest.mark.parametrize("failure", ["500", "timeout", "hostile"])
def test_a_failure_leaves_the_previous_state_and_is_retried_next_run(registry, site: Site,
                                                                     monkeypatch, failure):
    site.files[FEED] = (rss(A, B), "application/rss+xml")
    wid = _add(site.url(FEED))
    run([wid], actor="cron")
    kept = _watch(wid)
    before = counts()
    monkeypatch.setenv("CASEFILE_WATCH_RETRY_MINUTES", "0")  # due again at once
    site.files[FEED] = (rss(C, A, B), "application/rss+xml")
    if failure == "500":
        site.fail[FEED] = 500
    elif failure == "timeout":
        monkeypatch.setenv("CASEFILE_FETCH_TIMEOUT", "0.3")
        site.stall[FEED] = 1.5
    else:
        site.files[FEED] = (LAUGHS, "application/rss+xml")
    for attempt in (1, 2):
        assert [r.result for r in run([wid], actor="cron")] == ["failed"]
        w = _watch(wid)
        assert (w.failures, w.last_result, w.etag, w.last_listing_id) == (
            attempt, "failed", kept.etag, kept.last_listing_id)
        assert {"500": "HTTP 500", "timeout": "timed out", "hostile": "entit"}[failure] \
            in w.last_note
    assert counts() == before
    site.fail.clear()
    site.stall.clear()
    site.files[FEED] = (rss(C, A, B), "application/rss+xml")
    monkeypatch.setenv("CASEFILE_FETCH_TIMEOUT", "20")
    retried = run(actor="cron")  # the due ones: the failed watch is due again
    assert [(r.watch_id, r.result, r.new) for r in retried] == [(wid, "new", 1)]
    assert (_watch(wid).failures, _watch(wid).last_result) == (0, "new")


def test_the_back_off_doubles_with_each_failure_up_to_its_cap(monkeypatch):
    monkeypatch.setenv("CASEFILE_WATCH_RETRY_MINUTES", "5")
    monkeypatch.setenv("CASEFILE_WATCH_RETRY_MAX_MINUTES", "30")
    assert [watches.retry_after(n) for n in (1, 2, 3, 4, 50)] == [
        timedelta(minutes=m) for m in (5, 10, 20, 30, 30)]


def test_a_failed_watch_waits_for_its_back_off_before_the_due_run_takes_it(registry,
                                                                           site: Site):
    site.fail[FEED] = 503
    wid = _add(site.url(FEED))
    assert [r.result for r in run(actor="cron")] == ["failed"]
    w = _watch(wid)
    assert as_utc(w.next_run_at) - as_utc(w.last_run_at) == \
        watches.retry_after(1)
    assert run(actor="cron") == []  # not due yet
    assert len(site.gets(FEED)) == 1


def test_robots_txt_is_obeyed_and_read_once_per_host(registry, site: Site):
    site.files["/robots.txt"] = (b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.files["/private/feed.xml"] = (rss(A), "application/rss+xml")
    site.files[FEED] = (rss(B), "application/rss+xml")
    hidden = _add(site.url("/private/feed.xml"))
    shown = _add(site.url(FEED))
    before = counts()
    done = {r.watch_id: r.result for r in run(actor="cron")}
    assert done == {hidden: "disallowed", shown: "new"}
    assert site.gets("/private/feed.xml") == [] and len(site.gets("/robots.txt")) == 1
    assert counts()["sources"] == before["sources"] + 2  # the allowed feed and its one item
    assert _watch(hidden).last_result == "disallowed" and _watch(hidden).failures == 0


def test_a_robots_txt_that_cannot_be_had_fails_the_watch_unfetched(registry, site: Site):
    site.fail["/robots.txt"] = 503
    site.files[FEED] = (rss(A), "application/rss+xml")
    wid = _add(site.url(FEED))
    assert [r.result for r in run(actor="cron")] == ["failed"]
    assert site.gets(FEED) == [] and "robots.txt unavailable" in _watch(wid).last_note
    assert _watch(wid).failures == 1


def test_two_runs_at_once_fetch_each_watch_once_and_capture_each_item_once(registry,
                                                                           site: Site):
    paths = {FEED: (rss(A, B), "application/rss+xml"),
             "/other.xml": (rss(C), "application/rss+xml"),
             NEWS: (page(P1, P2), "text/html; charset=utf-8")}
    for path, served in paths.items():
        site.files[path] = served
        site.stall[path] = 0.3  # both runs are under way while each fetch lasts
        _add(site.url(path))
    results: list = []
    threads = [threading.Thread(target=lambda: results.extend(run(actor="cron")))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {path: len(site.gets(path)) for path in paths} == dict.fromkeys(paths, 1)
    assert sorted(r.result for r in results if r.result != "busy") == ["new"] * 3
    with db.session() as s:
        per_key = s.execute(select(Source.item_key, func.count()).where(
            Source.item_key.is_not(None)).group_by(Source.item_key)).all()
    assert sorted(n for _, n in per_key) == [1] * 5


def test_requests_to_one_host_are_spaced_by_the_interval(site: Site):
    site.files[FEED] = (rss(A), "application/rss+xml")
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    polite = Polite(5.0, clock=lambda: clock[0], sleep=sleep)
    other_host = site.url(FEED).replace("127.0.0.1", "localhost")
    for url, tick, expected in ((site.url(FEED), 0, []), (site.url(FEED), 2, [3.0]),
                                (other_host, 0, []), (site.url(FEED), 6, [])):
        clock[0] += tick
        before = len(slept)
        assert polite.fetch(url).status == 200
        assert slept[before:] == expected


def test_a_watch_must_be_http_and_not_watched_twice(registry):
    _add("https://example.org/feed.xml")
    for url, why in (("file:///etc/passwd", "http or https"), ("javascript:alert(1)", "http"),
                     ("https://example.org/feed.xml", "already watched")):
        with pytest.raises(CasefileError, match=why):
            _add(url)
    with pytest.raises(CasefileError, match="once a minute"):
        _add("https://example.org/other.xml", every_minutes=0)
    with pytest.raises(CasefileError, match="300 characters"):
        _add("https://example.org/other.xml", publisher="x" * 301)
    with pytest.raises(CasefileError, match="unknown country"), db.transaction() as s:
        watches.add(s, "https://example.org/other.xml", actor="anna", country="Narnia")
    with db.session() as s:
        assert [w.url for w in watches.listed(s)] == ["https://example.org/feed.xml"]

"""A list page is read on the event loop from what is kept, and goes to the thread pool when
it would have to build or is filtered (casefile.web.listing.on_loop): the loop neither
rebuilds today's rows nor builds a result, and both ways give the same page."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from casefile.assess.status import STATUSES
from casefile.registry import db
from casefile.registry.models import ListState
from casefile.reports import list_rows
from casefile.web import listing, pagecache, pages, server
from casefile.web.app import create_app
from casefile.web.views import home


@pytest.fixture
def threads(seeded: str, monkeypatch) -> list[str]:
    """The list pages handed to the thread pool (starlette's run_in_threadpool, watched)."""
    handed: list[str] = []
    real = pages.run_in_threadpool

    async def watched(fn, *args, **kwargs):
        handed.append(fn.__name__)
        return await real(fn, *args, **kwargs)

    monkeypatch.setattr(pages, "run_in_threadpool", watched)
    monkeypatch.setattr(pagecache, "MAX_BYTES", 0)  # every page asks the registry
    return handed


def _table(html: str) -> str:
    found = re.search(r'<table class="list">.*?</table>', html, re.S)
    assert found, html[:500]
    return found[0]


def _stale(url: str) -> None:
    """The kept rows made yesterday, as a server up over midnight finds them."""
    with db.session(url) as s:
        s.execute(update(ListState).where(ListState.id == 1).values(as_of="2000-01-01"))
        s.commit()


def test_a_list_page_is_built_in_a_thread_then_read_on_the_loop(seeded, threads):
    client = TestClient(create_app(seeded), base_url="https://testserver")
    first = client.get("/prisoners?sort=name")
    assert first.status_code == 200 and threads == ["_page_parts"]  # nothing kept yet
    again = client.get("/prisoners?sort=name")
    assert again.status_code == 200 and threads == ["_page_parts"]  # read on the loop
    assert again.text == first.text and "Political prisoners in" in again.text
    assert re.search(r"<tr[ >]", _table(again.text))  # rows, not an empty list
    assert client.get("/prisoners?sort=status").status_code == 200  # counted already
    assert threads == ["_page_parts"]


def test_a_filtered_page_is_read_in_a_thread(seeded, threads):
    """Its rows may be found only by reading the sort's index through: never on the loop."""
    client = TestClient(create_app(seeded), base_url="https://testserver")
    client.get("/prisoners")
    pages = [client.get(f"/prisoners?status={STATUSES[0]}") for _ in range(2)]
    assert {p.status_code for p in pages} == {200} and pages[0].text == pages[1].text
    assert threads == ["_page_parts"] * 3


def test_the_loop_never_rebuilds_todays_rows(seeded, threads):
    client = TestClient(create_app(seeded), base_url="https://testserver")
    kept = client.get("/prisoners").text
    assert threads == ["_page_parts"]
    _stale(seeded)
    with db.session(seeded) as s:
        assert not list_rows.current(s)
        with listing.on_loop(), pytest.raises(listing.NotKept):
            listing.kept_day(s)
        assert not list_rows.current(s)  # not rebuilt by the loop
    page = client.get("/prisoners")
    assert page.status_code == 200 and threads == ["_page_parts", "_page_parts"]
    assert _table(page.text) == _table(kept)  # rebuilt in the thread, the same rows
    with db.session(seeded) as s:
        assert list_rows.current(s)


def test_on_the_loop_nothing_is_built_that_is_not_kept(seeded):
    made: list[int] = []
    with db.session(seeded) as s:
        listing.kept_day(s)  # today's rows current: what is missing is the result alone
        with listing.on_loop(), pytest.raises(listing.NotKept) as missing:
            listing.cached(s, ("test_list_on_loop",), lambda: made.append(1) or 42)
        assert missing.value.args == (("test_list_on_loop",),) and made == []
        assert listing.cached(s, ("test_list_on_loop",), lambda: made.append(1) or 42) == 42
        with listing.on_loop():
            assert listing.cached(s, ("test_list_on_loop",), lambda: made.append(1) or 0) == 42
    assert made == [1]


def test_a_started_server_has_the_first_pages_figures_at_hand(seeded):
    """`casefile serve` reads the home page's figures and the default list's counts and filter
    options before its first visitor (server.warm_figures): on the loop, where nothing
    missing is built, they are all there."""
    with db.session(seeded) as s:
        listing.kept_day(s)
        with listing.on_loop(), pytest.raises(listing.NotKept):
            home.stats(s)  # a fresh process: nothing read yet
    server.warm_figures(seeded)
    with db.session(seeded) as s, listing.on_loop():
        figures = home.stats(s)
        options = listing.filter_values(s, figures["country"], figures["as_of"])
    assert figures["political_prisoners"] > 0 and options["status"]

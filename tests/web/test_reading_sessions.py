"""Public pages on PostgreSQL keep the statements the driver prepares (registry.db.end_reading,
loop_engine): psycopg forgets them at every ROLLBACK, which ended every page."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from casefile.registry import db
from casefile.web import pagecache
from casefile.web.app import create_app


def _prepared(url: str, on_loop: bool = False) -> set[str]:
    """The statements prepared on the connections in the registry's pool (or the event
    loop's), each checked out at once so that every one is asked."""
    eng = db.loop_engine(url) if on_loop else db.engine(url)
    with ExitStack() as stack:
        conns = [stack.enter_context(eng.connect()) for _ in range(eng.pool.checkedin())]
        return {p for conn in conns for p in conn.execute(
            text("SELECT statement FROM pg_prepared_statements")).scalars()}


@pytest.fixture
def uncached(seeded: str, monkeypatch) -> TestClient:
    """The app without its page cache: every page asks the registry."""
    monkeypatch.setattr(pagecache, "MAX_BYTES", 0)  # the middleware passes every request on
    return TestClient(create_app(seeded), base_url="https://testserver")


def test_list_and_search_pages_keep_their_prepared_statements(uncached, seeded):
    if not seeded.startswith("postgresql"):
        pytest.skip("PostgreSQL's prepared statements")
    client = uncached
    db.engine(seeded).dispose()  # the fill's connections: the pages' own from here on
    for _ in range(15):  # five uses on each connection of the pool (a rebuild took a second)
        assert client.get("/prisoners?sort=name&page=1").status_code == 200
        assert client.get("/search?q=prison").status_code == 200
    assert any("search_docs" in p for p in _prepared(seeded)), _prepared(seeded)
    # the list's pages are read on the event loop once the list is kept (web.listing.on_loop)
    on_loop = _prepared(seeded, on_loop=True)
    assert any(p.startswith("SELECT") and "FROM list_html" in p for p in on_loop), on_loop


def test_a_page_that_fails_still_rolls_back(uncached, seeded):
    """Only a view that returned is committed; one that raised leaves its session to the
    rollback, as before (here a 404 of the thread pool's source page)."""
    if not seeded.startswith("postgresql"):
        pytest.skip("PostgreSQL's prepared statements")
    db.engine(seeded).dispose()
    for _ in range(15):
        assert uncached.get("/sources/999999").status_code == 404
    assert _prepared(seeded) == set()

"""A watch captures news on its own; the digest then names exactly what it brought: the new
event of a followed person and an unknown person reported arrested, not what the first run
had captured (issue 17: "the digest names exactly the new events")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.reports import digest
from tests.cli.test_watch import _listed, _run
from tests.conftest import seed
from tests.helpers import run
from tests.reports.test_digest import FOLLOWED, NEWCOMER, QUIET, person_id, shown
from tests.watch_server import Site, rss, serving

OLD = ("old", "Court", "Mon, 02 Mar 2026 09:00:00 +0600",
       "On 2 March 2026 police in Astana detained activist Marat Bekov.")
NEW = ("new", "Almaty", "Wed, 04 Mar 2026 09:00:00 +0600",
       f"On 3 March 2026 police in Almaty detained {FOLLOWED} after a peaceful protest.")
NEWER = ("newer", "Shymkent", "Thu, 05 Mar 2026 18:00:00 +0600",
         f"Activist {NEWCOMER} was arrested on 5 March 2026 in Shymkent.")


@pytest.fixture
def site(monkeypatch) -> Iterator[Site]:
    monkeypatch.setenv("CASEFILE_WATCH_HOST_INTERVAL", "0")
    with serving() as news:
        yield news


def test_the_digest_names_exactly_what_the_watch_brought(registry, site: Site):
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    for name in (FOLLOWED, QUIET):
        assert run("follow", str(person_id(name)), "--as", "ed").exit_code == 0
    site.files["/feed.xml"] = (rss(OLD), "application/rss+xml")
    added = run("watch", "add", site.url("/feed.xml"), "--country", "KZ", "--as", "ed")
    assert added.exit_code == 0, added.output
    _run()
    before = datetime.now(UTC)
    site.files["/feed.xml"] = (rss(NEWER, NEW, OLD), "application/rss+xml")
    [watch] = _listed()
    _run(str(watch["id"]))  # named: due or not
    with db.session() as s:
        d = digest.build(s, before)
    assert shown(d.followed) == {(FOLLOWED, "detained", "2026-03-03")}
    assert shown(d.detained) == {(NEWCOMER, "arrested", "2026-03-05")}
    assert (d.counts.sources, d.counts.listing_items) == (3, 2)  # the feed and two items
    text = run("digest", "--since", before.isoformat()).stdout
    assert FOLLOWED in text and NEWCOMER in text and "Bekov" not in text

"""A listing captured item by item: items are sources linked to it, dated by it; a second
capture adds only what is new; a changed item is a new version; a refusal stores nothing."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from casefile.errors import CaptureError
from casefile.registry import db
from casefile.registry.listings import capture_listing
from casefile.registry.models import Claim, Event, Source
from tests.conftest import seed
from tests.helpers import counts
from tests.sources.test_feed import EXTERNAL, LAUGHS


def _sources() -> list[Source]:
    with db.session() as s:
        return list(s.scalars(select(Source).order_by(Source.id)))


def test_seed_001_items_are_sources_linked_to_the_listing_and_dated_by_it(registry):
    r = capture_listing(str(seed("001")), trusted=True)
    listing, *items = _sources()
    assert listing.id == r.listing_id and r.created and r.unchanged == 0
    assert [i.id for i in items] == list(r.new_item_ids) and len(items) == 12
    assert all(i.listing_id == listing.id and i.item_key for i in items)
    dated = [(i.published_at, i.published_at_basis) for i in items if i.published_at_basis
             == "listing"]
    assert len(dated) == 10 and dated[0] == ("2014-04-14", "listing")
    with db.session() as s:
        assert s.scalar(select(Claim).where(Claim.source_id == listing.id)) is None
        ablyazov = {c.source_id for c in s.scalars(select(Claim).where(Claim.mention.like(
            "%Ablyazov%")))}
    assert ablyazov == {next(i.id for i in items if i.published_at == "2014-01-09")}


def test_capturing_the_same_listing_again_adds_nothing(registry):
    first = capture_listing(str(seed("004")))
    before = counts()
    again = capture_listing(str(seed("004")))
    assert (again.listing_id, again.new_item_ids, again.changed_item_ids, again.created) == (
        first.listing_id, (), (), False)
    assert again.unchanged == len(first.new_item_ids)
    after = counts()
    assert {k: v for k, v in after.items() if k != "audit_log"} == \
        {k: v for k, v in before.items() if k != "audit_log"}


def test_only_new_items_are_added_and_a_changed_item_is_a_new_version(registry, tmp_path):
    page = tmp_path / "news.txt"
    page.write_text("• Mar 2, 2021\nPolice detained activist Ivan Petrov in Almaty.\n"
                    "• Mar 1, 2021\nA court fined Oleg Sidorov for a picket.\n", encoding="utf-8")
    first = capture_listing(str(page))
    page.write_text("• Mar 3, 2021\nOn Monday a court sentenced journalist Marat Bekov to "
                    "five years in prison.\n"
                    "• Mar 2, 2021\nPolice detained activist Ivan Petrov in Almaty. He denies "
                    "the charges.\n"
                    "• Mar 1, 2021\nA court fined Oleg Sidorov for a picket.\n", encoding="utf-8")
    second = capture_listing(str(page))
    assert second.listing_id != first.listing_id  # the listing's new bytes are kept too
    assert (len(second.new_item_ids), len(second.changed_item_ids), second.unchanged) == (1, 1, 1)
    by_id = {s.id: s for s in _sources()}
    new_version = by_id[second.changed_item_ids[0]]
    old_version = by_id[first.new_item_ids[0]]
    assert new_version.item_key == old_version.item_key and "denies" in new_version.text
    assert "denies" not in old_version.text  # the earlier version stays as it was
    assert new_version.listing_id == second.listing_id
    assert by_id[second.new_item_ids[0]].published_at == "2021-03-03"


FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>N</title>
<item><guid>a</guid><title>Verdict</title><pubDate>Mon, 09 Mar 2020 09:30:00 +0600</pubDate>
<description>On Monday a court sentenced journalist Marat Bekov to five years in prison.
On March 3 police detained activist Ivan Petrov in Almaty.</description></item>
<item><guid>b</guid><title>Rally</title><pubDate>Sat, 06 Jul 2019 20:00:00 +0600</pubDate>
<description>Police detained about 700 peaceful protesters in Almaty and Astana.</description>
</item></channel></rss>"""


def _events() -> dict[tuple[str, str], str | None]:
    with db.session() as s:
        return {(c.mention, e.type): e.date for e, c in s.execute(
            select(Event, Claim).join(Claim, Event.claim_id == Claim.id))}


def test_events_of_a_feed_item_are_dated_against_the_items_date(registry, tmp_path):
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    r = capture_listing(str(tmp_path / "feed.xml"), country="KZ")
    assert len(r.new_item_ids) == 2
    events = _events()
    assert events[("Marat Bekov", "convicted")] == "2020-03-09"  # "On Monday", of 9 March 2020
    assert events[("Ivan Petrov", "detained")] == "2020-03-03"  # "On March 3", of 2020
    # a mass detention is a crowd's, not a person's
    with db.session() as s:
        rally = s.scalar(select(Source).where(Source.id == r.new_item_ids[1]))
        assert rally is not None and rally.published_at == "2019-07-06"
        assert not list(s.scalars(select(Claim).where(Claim.source_id == rally.id,
                                                      Claim.mention.is_not(None))))


class _Endless(http.server.BaseHTTPRequestHandler):
    """A feed whose body goes on for 100 MB, with no Content-Length to refuse it early."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server hook
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        chunk = b"<item><title>x</title><description>" + b"y" * 65000 + b"</description></item>"
        try:
            for _ in range(100 * 1024 * 1024 // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endless_feed() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("raw", "why"), [
    (LAUGHS, "entities"),
    (EXTERNAL, "entities"),
    (FEED.encode()[:-40], "not well-formed"),
    (FEED.replace("Verdict", "Приговор").encode("cp1251"), "not well-formed"),
    (FEED.replace("utf-8", "windows-1251").replace("Verdict", "Приговор").encode(),
     "declares encoding"),
])
def test_a_refused_feed_leaves_the_registry_unchanged(registry, tmp_path, raw, why):
    capture_listing(str(seed("001")))  # something there already
    before = counts()
    (tmp_path / "bad.xml").write_bytes(raw)
    with pytest.raises(CaptureError, match=why):
        capture_listing(str(tmp_path / "bad.xml"))
    assert counts() == before


def test_a_100_mb_feed_is_refused_from_a_file_and_from_a_server(registry, tmp_path,
                                                                endless_feed):
    before = counts()
    big = tmp_path / "big.xml"
    with open(big, "wb") as fh:
        fh.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        fh.truncate(100 * 1024 * 1024)
    with pytest.raises(CaptureError, match="over the .* limit"):
        capture_listing(str(big))
    with pytest.raises(CaptureError, match="over the .* limit"):
        capture_listing(endless_feed)
    assert counts() == before


PAGE = b"""<!doctype html><html><body><main>
<article><h2><a href="/news/2">Verdict</a></h2><time datetime="2022-11-07">7 Nov</time>
<p>On Monday a court sentenced journalist Marat Bekov to five years in prison.</p></article>
<article><h2><a href="https://other.example/n/1">Detention</a></h2>
<time datetime="2022-11-01">1 Nov</time><p>Police detained activist Ivan Petrov.</p></article>
</main></body></html>"""


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server hook
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


def test_a_fetched_news_page_items_are_found_at_their_own_links(registry):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        r = capture_listing(f"{base}/news/", country="KZ")
    finally:
        server.shutdown()
        server.server_close()
    by_id = {s.id: s for s in _sources()}
    assert by_id[r.listing_id].url == f"{base}/news/"
    items = [by_id[i] for i in r.new_item_ids]
    assert [(i.url, i.published_at) for i in items] == [
        (f"{base}/news/2", "2022-11-07"), ("https://other.example/n/1", "2022-11-01")]
    assert _events()[("Marat Bekov", "convicted")] == "2022-11-07"  # "On Monday", of 7 Nov


def test_bytes_already_fetched_are_captured_as_the_listing_at_their_origin(registry):
    from casefile.registry.listings import capture_listing_bytes

    first = capture_listing_bytes(FEED.encode(), origin="https://example.org/feed.xml",
                                  charset="utf-8")
    assert len(first.new_item_ids) == 2
    again = capture_listing_bytes(FEED.replace("Rally", "Rally in Almaty").encode(),
                                  origin="https://example.org/feed.xml")
    assert (again.new_item_ids, len(again.changed_item_ids), again.unchanged) == ((), 1, 1)
    before = counts()
    with pytest.raises(CaptureError, match="limit"):
        capture_listing_bytes(b"x" * (60 * 1024 * 1024), origin="https://example.org/big")
    assert counts() == before

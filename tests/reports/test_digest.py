"""The digest names exactly what arrived: seed 002 captured, two persons followed, then a news
item with a new event for one of them, an event of a known person no one follows, a newcomer
reported arrested and a newcomer on hunger strike (not a detention). Digested since the
moment before the news: exactly the followed person's event and the arrested newcomer, in
plain text and in HTML; a confidential claim and a withheld person's name never reach it;
the webhook gets the same as JSON, signed as Standard Webhooks says when there is a secret, and
a refusing server is a clear error."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Person, PersonName
from casefile.reports import digest
from tests.conftest import seed
from tests.helpers import run

FOLLOWED = "Aigerim Tleuzhan"  # seed 002 names both, and the news below only the first
QUIET = "Kalas Nurpeisov"
KNOWN = "Lyazzat Dosmambetova"  # in seed 002, not followed
NEWCOMER = "Dauren Zhaksylykov"
STRIKER = "Sanzhar Bokayev"
SECRET = "Her lawyer visited her in the evening."
NEWS = (f"Arrests in Almaty\n\n"
        f"On 3 March 2026 police in Almaty detained {FOLLOWED} after a peaceful protest. "
        f"{SECRET}\n\n"
        f"On 4 March 2026 the court convicted {KNOWN}.\n\n"
        f"Activist {NEWCOMER} was arrested on 5 March 2026 in Shymkent.\n\n"
        f"On 6 March 2026 {STRIKER} went on hunger strike.\n")


def person_id(name: str) -> int:
    with db.session() as s:
        ids = set(s.scalars(select(PersonName.person_id).where(PersonName.name == name)))
    assert len(ids) == 1, (name, ids)
    return ids.pop()


@pytest.fixture
def arrived(registry: str, tmp_path: Path) -> dict[str, object]:
    """The registry after the news arrived; the moment just before; the news source."""
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    followed, quiet = person_id(FOLLOWED), person_id(QUIET)
    for pid in (followed, quiet):
        assert run("follow", str(pid), "--as", "ed").exit_code == 0
    before = datetime.now(UTC)
    path = tmp_path / "arrests.txt"
    path.write_text(NEWS, encoding="utf-8")
    news = capture(str(path), country="KZ", publisher="Almaty news", published="2026-03-07")
    added = run("claims", "add", "--person", str(followed), "--kind", "event", "--value",
                "torture_reported", "--date", "2026-03-06", "--source", str(news.source_id),
                "--quote", SECRET, "--reason", "told in confidence", "--confidential",
                "--as", "ed")
    assert added.exit_code == 0, added.output
    return {"before": before, "followed": followed, "quiet": quiet,
            "source": news.source_id}


def build(since: datetime, editor: str | None = None) -> digest.Digest:
    with db.session() as s:
        return digest.build(s, since, editor=editor)


def shown(events: list[digest.DigestEvent]) -> set[tuple[str, str, str | None]]:
    return {(e.person, e.type, e.date) for e in events}


def test_the_digest_names_exactly_the_new_events(arrived, monkeypatch):
    d = build(arrived["before"])
    assert shown(d.followed) == {(FOLLOWED, "detained", "2026-03-03")}
    assert shown(d.detained) == {(NEWCOMER, "arrested", "2026-03-05")}
    assert d.counts.sources == 1 and d.counts.listing_items == 0
    assert d.followed_persons == 2
    event = d.followed[0]
    assert event.person_id == arrived["followed"] and event.state == "proposed"
    assert event.source_id == arrived["source"] and FOLLOWED in (event.quote or "")
    assert (event.source_title or "").endswith("arrests.txt")  # no title: where it came from
    assert event.link == f"/review/persons/{arrived['followed']}"
    monkeypatch.setenv("CASEFILE_SITE_URL", "https://casefile.example.org/")
    assert build(arrived["before"]).followed[0].link == \
        f"https://casefile.example.org/review/persons/{arrived['followed']}"
    # Since after the news, nothing; for an editor who follows no one, only the newcomer.
    assert build(datetime.now(UTC)).empty
    assert shown(build(arrived["before"], editor="someone else").followed) == set()


def test_a_new_list_reports_its_newcomers_held(registry, tmp_path):
    """A list captured later: its newcomers are reported held (the place on the list and the
    custody event it states), a known person on it is not, and a charge is no detention."""
    capture(str(seed("002")), trusted=True, country="KZ")
    before = datetime.now(UTC)
    path = tmp_path / "list.txt"
    path.write_text(
        "List of political prisoners in Kazakhstan as of 1 March 2026\nCONVICTED\n"
        "1. Bolat OMAROV – 6 years imprisonment under Article 174 of the Criminal Code.\n"
        f"2. {KNOWN.split()[0]} {KNOWN.split()[1].upper()} – 5 years imprisonment under "
        "Article 174 of the Criminal Code.\nIN PRE-TRIAL DETENTION\n"
        "3. Timur SEITKALIYEV – charged under Article 174 of the Criminal Code.\n",
        encoding="utf-8")
    capture(str(path), country="KZ", published="2026-03-01")
    held = {(e.person, e.type) for e in build(before).detained}
    assert held == {("Bolat Omarov", "listed"), ("Bolat Omarov", "convicted"),
                    ("Timur Seitkaliyev", "listed")}
    with db.session() as s:
        short = digest.build(s, before, limit=1)
    assert len(short.detained) == 1 and short.detained_more == 2
    text = run("digest", "--since", before.isoformat(), "--limit", "1").stdout
    assert "reported detained (3)" in text and "… and 2 more" in text
    assert text.count("Bolat Omarov") + text.count("Timur Seitkaliyev") == 1


def test_text_and_html_say_the_same_and_nothing_more(arrived):
    since = arrived["before"].isoformat()
    text = run("digest", "--since", since)
    assert text.exit_code == 0, text.output
    page = run("digest", "--since", since, "--format", "html")
    assert page.exit_code == 0, page.output
    words = _visible_text(page.stdout)
    for body in (text.stdout, words):
        assert FOLLOWED in body and NEWCOMER in body
        assert "Detained" in body and "Arrested (pre-trial)" in body
        for absent in (KNOWN, STRIKER, QUIET, "Torture reported", "visited her"):
            assert absent not in body, absent
    assert "<" not in text.stdout  # plain text: no markup at all
    assert "<script" not in page.stdout and " src=" not in page.stdout
    assert "<link" not in page.stdout and "@import" not in page.stdout


def test_a_hostile_name_is_escaped_in_html(registry, tmp_path):
    """A quote is a source's words: HTML in it is shown as text, never as markup."""
    capture(str(seed("002")), trusted=True, country="KZ")
    pid = person_id(FOLLOWED)
    assert run("follow", str(pid), "--as", "ed").exit_code == 0
    before = datetime.now(UTC)
    path = tmp_path / "hostile.txt"
    path.write_text(f"News\n\nOn 3 March 2026 police detained {FOLLOWED} "
                    "<script>alert(1)</script> near <b>the square</b>.\n", encoding="utf-8")
    capture(str(path), country="KZ")
    page = run("digest", "--since", before.isoformat(), "--format", "html")
    assert page.exit_code == 0, page.output
    assert "<script>" not in page.stdout and "<b>" not in page.stdout
    assert "&lt;script&gt;" in page.stdout


def test_a_withheld_newcomer_is_shown_only_by_the_public_label(arrived):
    newcomer = person_id(NEWCOMER)
    assert run("persons", "publication", str(newcomer), "withheld").exit_code == 0
    d = build(arrived["before"])
    assert [(e.person, e.person_id, e.quote, e.source_id, e.link) for e in d.detained] == [
        ("Name withheld", None, None, None, None)]
    assert d.detained[0].type == "arrested"
    for fmt in ("text", "html"):
        out = run("digest", "--since", arrived["before"].isoformat(), "--format", fmt)
        assert out.exit_code == 0 and "Name withheld" in out.stdout
        assert "Zhaksylykov" not in out.stdout and f"/persons/{newcomer}" not in out.stdout


def test_follows_are_per_editor_and_merged_persons_once(arrived):
    listed = run("follows", "--as", "ed", "--format", "json")
    assert {r["person_id"] for r in json.loads(listed.stdout)} == {arrived["followed"],
                                                                    arrived["quiet"]}
    again = run("follow", str(arrived["followed"]), "--as", "ed")
    assert "already follows" in again.stdout
    assert run("unfollow", str(arrived["followed"]), "--as", "ed").exit_code == 0
    assert shown(build(arrived["before"]).followed) == set()
    assert json.loads(run("follows", "--as", "other", "--format", "json").stdout) == []
    missing = run("follow", "999999", "--as", "ed")
    assert missing.exit_code == 1 and "no person with id 999999" in missing.output


class _Receiver(BaseHTTPRequestHandler):
    got: list[tuple[str, bytes]] = []
    heard: list[dict[str, str]] = []  # each post's headers, names lower-cased
    status = 200

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).got.append((self.headers["Content-Type"], body))
        type(self).heard.append({k.lower(): v for k, v in self.headers.items()})
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[_Receiver]]]:
    handler = type("Receiver", (_Receiver,), {"got": [], "heard": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", handler
    server.shutdown()
    server.server_close()


def test_the_webhook_receives_the_digest_as_json(arrived, receiver):
    url, handler = receiver
    out = run("digest", "--since", arrived["before"].isoformat(), "--webhook", url)
    assert out.exit_code == 0, out.output
    [(ctype, body)] = handler.got
    assert ctype.startswith("application/json")
    sent = json.loads(body.decode("utf-8"))
    assert sent["schema"] == digest.SCHEMA
    assert datetime.fromisoformat(sent["since"]) == arrived["before"]
    assert datetime.fromisoformat(sent["until"]) > arrived["before"]
    assert [(e["person"], e["type"], e["date"]) for e in sent["followed"]] == [
        (FOLLOWED, "detained", "2026-03-03")]
    assert [(e["person"], e["type"]) for e in sent["detained"]] == [(NEWCOMER, "arrested")]
    assert sent["counts"] == {"sources": 1, "listing_items": 0}
    assert "torture_reported" not in body.decode("utf-8")
    # The body is what the published schema describes.
    schema = json.loads(run("digest", "--schema").stdout)
    assert schema["$id"] == sent["schema"] and set(schema["required"]) <= set(sent)
    event = schema["$defs"]["DigestEvent"]
    assert set(event["properties"]) == set(sent["followed"][0])
    assert TypeAdapter(digest.Digest).validate_json(body).followed[0].person == FOLLOWED


def test_an_unsigned_post_says_so(arrived, receiver):
    url, handler = receiver
    out = run("digest", "--since", arrived["before"].isoformat(), "--webhook", url)
    assert out.exit_code == 0 and "unsigned: set CASEFILE_WEBHOOK_SECRET" in out.stderr
    [headers] = handler.heard
    assert not {"webhook-id", "webhook-timestamp", "webhook-signature"} & set(headers)


def test_a_signed_post_is_checked_as_the_standard_says(arrived, receiver, monkeypatch):
    """The signature recomputed here from the specification (HMAC-SHA256 of id.timestamp.body
    under the secret's bytes, base64 after "v1,"), and checked by the receivers' reference
    library; a changed body or another secret fails that check."""
    url, handler = receiver
    key = os.urandom(32)
    secret = "whsec_" + base64.b64encode(key).decode()
    monkeypatch.setenv("CASEFILE_WEBHOOK_SECRET", secret)
    sent_at = datetime.now(UTC).timestamp()
    for _ in range(2):
        out = run("digest", "--since", arrived["before"].isoformat(), "--webhook", url)
        assert out.exit_code == 0 and "unsigned" not in out.output, out.output
        assert secret not in out.output and secret[6:] not in out.output
    for (_, body), headers in zip(handler.got, handler.heard, strict=True):
        signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
        mac = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        assert headers["webhook-signature"] == f"v1,{mac}"
        assert abs(int(headers["webhook-timestamp"]) - sent_at) < 300
        assert Webhook(secret).verify(body, headers)["schema"] == digest.SCHEMA
        with pytest.raises(WebhookVerificationError):
            Webhook(secret).verify(body.replace(b"Aigerim", b"Aigerym"), headers)
        with pytest.raises(WebhookVerificationError):
            Webhook(base64.b64encode(os.urandom(32)).decode()).verify(body, headers)
    assert len({h["webhook-id"] for h in handler.heard}) == 2  # a new id for each post


@pytest.mark.parametrize("secret", ["whsec_c2hvcnQ=", "whsec_!!not base64 at all, but long!!",
                                    "whsec_" + "A" * 200, base64.b64encode(b"x" * 16).decode()])
def test_a_malformed_secret_is_refused_before_anything_is_posted(arrived, receiver, monkeypatch,
                                                                 secret):
    url, handler = receiver
    monkeypatch.setenv("CASEFILE_WEBHOOK_SECRET", secret)
    out = run("digest", "--since", arrived["before"].isoformat(), "--webhook", url)
    assert out.exit_code == 1 and "CASEFILE_WEBHOOK_SECRET must be 24 to 64" in out.output
    assert secret not in out.output and out.stdout == "" and handler.got == []


def test_nothing_new_posts_nothing_unless_always(arrived, receiver):
    url, handler = receiver
    now = datetime.now(UTC).isoformat()
    quiet = run("digest", "--since", now, "--webhook", url)
    assert quiet.exit_code == 0 and "Nothing new" in quiet.stdout
    assert handler.got == []
    forced = run("digest", "--since", now, "--webhook", url, "--always")
    assert forced.exit_code == 0, forced.output
    [(_, body)] = handler.got
    assert json.loads(body)["followed"] == [] and json.loads(body)["detained"] == []


def test_a_server_error_is_one_clear_line(arrived, receiver):
    url, handler = receiver
    handler.status = 500
    out = run("digest", "--since", arrived["before"].isoformat(), "--webhook", url)
    assert out.exit_code == 1
    assert f"error: webhook {url} answered HTTP 500" in out.output
    assert "Traceback" not in out.output


def test_bad_addresses_and_dates_are_refused(arrived, monkeypatch):
    since = arrived["before"].isoformat()
    for url, why in (("file:///etc/passwd", "unsupported URL scheme 'file'"),
                     ("http://", "URL has no host")):
        out = run("digest", "--since", since, "--webhook", url)
        assert out.exit_code == 1 and why in out.output, out.output
        assert out.stdout == ""  # refused before any digest is made
    monkeypatch.setenv("CASEFILE_FETCH_ALLOW_PRIVATE", "0")
    local = run("digest", "--since", since, "--webhook", "http://127.0.0.1:9/hook")
    assert local.exit_code == 1 and "private or local address" in local.output
    nothing = run("digest")
    assert nothing.exit_code == 1 and "--since" in nothing.output
    bad = run("digest", "--since", "last tuesday")
    assert bad.exit_code == 1 and "--since must be a date" in bad.output
    backwards = run("digest", "--since", since, "--until", "2000-01-01")
    assert backwards.exit_code == 1 and "must be after --since" in backwards.output


def _visible_text(page: str) -> str:
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    Text().feed(page)
    return " ".join(parts)


def test_merged_follow_counts_for_the_cluster(arrived):
    """Following any record of a merged person follows all of it."""
    newcomer = person_id(NEWCOMER)
    with db.session() as s:
        assert s.get(Person, newcomer) is not None
    merged = run("persons", "merge", str(arrived["quiet"]), str(newcomer), "--as", "ed")
    assert merged.exit_code == 0, merged.output
    d = build(arrived["before"])
    assert (QUIET, "arrested", "2026-03-05") in shown(d.followed)
    assert shown(d.detained) == set()  # the quiet person was known before

"""The Atom feed of published changes: valid Atom (read back with defusedxml), entries for
releases and for public status events, linked from every page's head; nothing from a
proposed or confidential claim, nothing of a withheld person."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

from defusedxml import ElementTree
from fastapi.testclient import TestClient
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import PersonName
from casefile.web.app import create_app
from tests.cli.test_release import first_list, publish
from tests.helpers import run

A = "{http://www.w3.org/2005/Atom}"
PUBLIC = "Aigerim Tleuzhan"
WITHHELD = "Kalas Nurpeisov"
PROPOSED = "Lyazzat Dosmambetova"
SECRET = "Her family asked the president for mercy."
NEWS = (f"Court news\n\n{PUBLIC} was released from prison on 2 April 2026. {SECRET}\n\n"
        f"On 3 April 2026 police detained {WITHHELD} in Astana.\n")
UNREVIEWED = f"Rumours\n\nOn 4 April 2026 {PROPOSED} was released.\n"


def person_id(name: str) -> int:
    with db.session() as s:
        [pid] = set(s.scalars(select(PersonName.person_id).where(PersonName.name == name)))
    return pid


def parse(body: bytes):
    feed = ElementTree.fromstring(body)
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert (feed.findtext(f"{A}{tag}") or "").strip(), tag
    assert feed.findtext(f"{A}author/{A}name")
    datetime.fromisoformat(feed.findtext(f"{A}updated"))
    entries = feed.findall(f"{A}entry")
    for e in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert (e.findtext(f"{A}{tag}") or "").strip(), tag
        datetime.fromisoformat(e.findtext(f"{A}updated"))
        assert e.find(f"{A}link").get("href").startswith("https://testserver/")
    assert len({e.findtext(f"{A}id") for e in entries}) == len(entries)
    return feed, entries


def test_the_feed_is_valid_atom_and_leaks_nothing(registry: str, tmp_path: Path) -> None:
    day, _ = first_list()
    release = publish(day)
    news, rumours = tmp_path / "court.txt", tmp_path / "rumours.txt"
    news.write_text(NEWS, encoding="utf-8")
    rumours.write_text(UNREVIEWED, encoding="utf-8")
    got = capture(str(news), trusted=True, country="KZ", published="2026-04-05")
    capture(str(rumours), country="KZ", published="2026-04-05")
    public, withheld = person_id(PUBLIC), person_id(WITHHELD)
    secret = run("claims", "add", "--person", str(public), "--kind", "event", "--value",
                 "pardoned", "--date", "2026-04-04", "--source", str(got.source_id),
                 "--quote", SECRET, "--reason", "in confidence", "--confidential", "--as", "ed")
    assert secret.exit_code == 0, secret.output
    c = TestClient(create_app(registry), base_url="https://testserver")

    before = c.get("/changes.atom")
    assert before.status_code == 200
    assert before.headers["content-type"].startswith("application/atom+xml")
    _, entries = parse(before.content)
    titles = [e.findtext(f"{A}title") for e in entries]
    assert f"{WITHHELD}: Detained" in titles  # public until editors withhold them

    assert run("persons", "publication", str(withheld), "withheld").exit_code == 0
    body = c.get("/changes.atom").content
    _, entries = parse(body)
    titles = [e.findtext(f"{A}title") for e in entries]
    links = {e.find(f"{A}link").get("href") for e in entries}
    assert f"https://testserver/releases/{release}" in links
    assert f"{PUBLIC}: Released" in titles
    [released] = [e for e in entries if e.findtext(f"{A}title") == f"{PUBLIC}: Released"]
    assert f"{PUBLIC} was released from prison" in released.findtext(f"{A}summary")
    assert released.find(f"{A}link").get("href") == f"https://testserver/persons/{public}"
    text = html.unescape(body.decode("utf-8")).casefold()
    at = text.find("nurpeisov")
    assert at < 0, text[at - 300:at + 100]
    assert not re.search(rf"/persons/{withheld}\b", text)
    assert "mercy" not in text and f"{PUBLIC}: Pardoned" not in titles
    assert f"{PROPOSED}: Released" not in titles and "rumours" not in text

    page = c.get("/")
    assert '<link rel="alternate" type="application/atom+xml" href="/changes.atom"' in page.text
    ru = c.get("/ru/changes.atom")
    assert ru.status_code == 200
    _, ru_entries = parse(ru.content)
    assert {e.find(f"{A}link").get("href") for e in ru_entries} == {
        link.replace("https://testserver/", "https://testserver/ru/") for link in links}
    assert 'href="/ru/changes.atom"' in c.get("/ru/").text


def test_control_characters_and_markup_stay_text(registry: str, tmp_path: Path) -> None:
    """A source's words with markup and a control character: still well-formed XML, the
    markup only as text."""
    first_list()
    path = tmp_path / "odd.txt"
    path.write_text(f"News\n\n{PUBLIC} was released from prison on 2 April 2026 "
                    "<b>&amp;</b> \x0b at once.\n", encoding="utf-8")
    capture(str(path), trusted=True, country="KZ", published="2026-04-05")
    c = TestClient(create_app(registry), base_url="https://testserver")
    body = c.get("/changes.atom").content
    _, entries = parse(body)
    [entry] = [e for e in entries if e.findtext(f"{A}title") == f"{PUBLIC}: Released"]
    assert "<b>&amp;</b>" in entry.findtext(f"{A}summary")
    assert b"<b>" not in body

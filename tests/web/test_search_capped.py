"""Counts of a common word stop at casefile.registry.search.CAP and say so ("more than 100"),
pages past the cap are still served, and the cheap path never finds, counts or ranks in a
person editors withheld, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from casefile.registry import db, search
from casefile.registry.models import Claim, Person, PersonName, Source
from casefile.web.app import create_app

FAMILY = "Zhylkybayev"
PUBLIC = 130  # more than CAP


def _persons(count: int, withheld: str | None = None,
             aliases: int = 0) -> tuple[set[int], int | None]:
    """`count` public persons named FAMILY (with `aliases` more names each), each with an
    accepted name claim, and one more withheld (named so that it ranks first: its name is
    FAMILY alone), all indexed."""
    text = "List of persons.\n"
    with db.transaction() as s:
        src = Source(sha256=hashlib.sha256(b"capped").hexdigest(), kind="text",
                     origin="list.txt", media_type="text/plain", size=len(text), text=text,
                     title="List")
        s.add(src)
        s.flush()
        made: list[tuple[Person, str]] = []
        names = [(f"Aidos{i:03d} {FAMILY}", "public") for i in range(count)]
        if withheld:
            names.insert(0, (withheld, "withheld"))
        for i, (name, publication) in enumerate(names):
            person = Person(display_name=name, citizenship=[], roles=[], publication=publication)
            person.names.append(PersonName(name=name, key=name.lower()))
            person.names.extend(PersonName(name=f"{name} {'I' * (a + 1)}", key=name.lower())
                                for a in range(aliases))
            s.add(person)
            s.flush()
            s.add(Claim(id=f"capped{i:05d}", source_id=src.id, person_id=person.id,
                        mention=name, predicate="name", value=name, detail={}, start=0,
                        end=4, quote="List", extractor="test", confidence=1.0,
                        state="accepted"))
            made.append((person, publication))
        s.flush()
        search.index(s, [{"kind": "person", "ref": str(n.id), "person_id": p.id,
                          "body": search.name_body(n.name)}
                         for p, _ in made for n in p.names])
        public = {p.id for p, how in made if how == "public"}
        hidden = next((p.id for p, how in made if how == "withheld"), None)
    return public, hidden


@pytest.fixture
def client(registry: str) -> TestClient:
    return TestClient(create_app(registry), base_url="https://testserver")


def test_a_common_word_is_counted_to_the_cap_and_the_page_says_more_than(client):
    public, _ = _persons(PUBLIC)
    first = client.get("/api/v1/search", params={"q": FAMILY, "kind": "person",
                                                 "limit": 10}).json()
    assert first["total"] == search.CAP and first["capped"] is True
    assert len(first["items"]) == 10 and {h["person_id"] for h in first["items"]} <= public
    page = client.get("/search", params={"q": FAMILY})
    assert page.status_code == 200 and "(more than 100)" in page.text
    assert "More persons" in page.text
    ru = client.get("/ru/search", params={"q": FAMILY})
    assert "(более 100)" in ru.text


def test_pages_past_the_cap_are_served_and_counted_exactly_at_the_end(client):
    public, _ = _persons(PUBLIC)
    seen: list[int] = []
    for offset in (0, 50, 100):
        page = client.get("/api/v1/search", params={"q": FAMILY, "kind": "person",
                                                    "limit": 50, "offset": offset}).json()
        seen += [h["person_id"] for h in page["items"]]
    assert page["total"] == PUBLIC and page["capped"] is False  # the last page counts all
    assert len(seen) == len(set(seen)) == PUBLIC and set(seen) == public
    html = client.get("/search", params={"q": FAMILY, "kind": "person", "page": 3}).text
    assert "(130)" in html and "More persons" not in html


def test_a_withheld_person_is_never_found_nor_counted_in_the_capped_path(client):
    public, hidden = _persons(PUBLIC, withheld=FAMILY)
    found: set[int] = set()
    totals = []
    for offset in (0, 50, 100, 150):
        page = client.get("/api/v1/search", params={"q": FAMILY, "kind": "person",
                                                    "limit": 50, "offset": offset}).json()
        found |= {h["person_id"] for h in page["items"]}
        totals.append(page["total"])
    assert hidden not in found and found == public
    assert totals[-1] == PUBLIC, "the withheld person is not counted"
    for kind in ("person", "event", "source"):
        r = client.get("/search.json", params={"q": FAMILY, "kind": kind}).json()
        assert hidden not in {h["person_id"] for h in r["items"]}
    html = client.get("/search", params={"q": FAMILY}).text
    assert f"/persons/{hidden}\"" not in html


def test_persons_with_many_names_are_counted_as_persons(client):
    """PostgreSQL reads a bounded number of names (as many as the count needs, then NAMES
    times as many): persons with more names than that are still all found and counted
    exactly, as on SQLite."""
    public, _ = _persons(10, aliases=search.NAMES * search.CAP // 6)
    r = client.get("/api/v1/search", params={"q": FAMILY, "kind": "person"}).json()
    assert r["total"] == 10 and r["capped"] is False
    assert {h["person_id"] for h in r["items"]} == public

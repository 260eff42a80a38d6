"""Which searches a change's entries can alter (casefile.registry.search.touching): a search
matches an entry of the named sources or persons as the index would match it, by whole
words or prefixes, in any case or accent, per kind; nothing else does."""

from __future__ import annotations

from sqlalchemy import select

from casefile.registry import db, search
from casefile.registry.ingest import ingest
from casefile.registry.models import Person
from casefile.sources.load import load_bytes


def _capture(text: str, name: str) -> int:
    return ingest(load_bytes(text.encode(), origin=name), trusted=True, country="KZ",
                  published="2024-03-08", actor="test").source_id


def _two(registry: str) -> tuple[int, int, dict[str, int]]:
    first = _capture("Kazakhstan: activist Aigul Omarova was sent to forced psychiatric "
                     "detention on 2 March 2024, her lawyer said.\n", "a.txt")
    second = _capture("Kazakhstan: blogger Ruslan Bekov was detained by the police on "
                      "5 March 2024, his lawyer said.\n", "b.txt")
    with db.session(registry) as s:
        return first, second, {p.display_name: p.id for p in s.scalars(select(Person))}


ASKED = [("person", "Omarova"), ("person", "omar"), ("person", "ÓMAROVA"),
         ("person", "Bekov"), ("event", "psychiatric"), ("event", "detained police"),
         ("source", "forced psychiatric"), ("source", "Bekov"), ("event", "Zhanbolat"),
         ("person", "aigul bekov"), ("source", "")]


def test_a_source_touches_the_searches_its_text_events_and_names_match(registry):
    first, second, _ = _two(registry)
    with db.session(registry) as s:
        found = search.touching(s, set(), {first}, ASKED)
    assert found == {("person", "Omarova"), ("person", "omar"), ("person", "ÓMAROVA"),
                     ("event", "psychiatric"), ("source", "forced psychiatric")}
    with db.session(registry) as s:
        found = search.touching(s, set(), {second}, ASKED)
    assert found == {("person", "Bekov"), ("event", "detained police"), ("source", "Bekov")}


def test_a_person_touches_the_searches_of_their_names(registry):
    _, _, ids = _two(registry)
    with db.session(registry) as s:
        found = search.touching(s, {ids["Ruslan Bekov"]}, set(), ASKED)
        assert found == {("person", "Bekov")}  # the names alone: not events, not sources
        assert search.touching(s, set(), set(), ASKED) == set()
        assert search.touching(s, {ids["Ruslan Bekov"]}, set(), []) == set()


def test_more_than_can_be_matched_cheaply_touches_everything(registry, monkeypatch):
    first, _, _ = _two(registry)
    if not registry.startswith("sqlite"):
        return  # PostgreSQL matches the stored vectors, whatever their texts' length
    monkeypatch.setattr(search, "TOUCHED_MOST", 100)
    with db.session(registry) as s:
        assert search.touching(s, set(), {first}, ASKED) is None

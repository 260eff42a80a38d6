"""Which searches a change's entries can alter (casefile.registry.search.touching): a search
matches an entry of the named sources or persons as the index would match it, by whole
words or prefixes, in any case or accent, per kind; nothing else does."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from casefile.registry import db, search
from casefile.registry.ingest import ingest
from casefile.registry.models import Person, PersonName
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


def test_on_postgresql_the_touched_entries_are_read_by_index(registry):
    """The entries of the named sources (migration 0023) and of the persons' names are found
    through indexes, not by reading every entry of the kind (85 ms a kind at 100,000
    persons)."""
    if not registry.startswith("postgresql"):
        pytest.skip("SQLite matches the touched entries made again in memory")
    first, _, persons = _two(registry)
    with db.session(registry) as s:
        # Many entries of each kind, few of them touched: the planner sees a registry's shape.
        s.execute(text(
            "INSERT INTO search_docs (kind, ref, source_id, person_id, tsv) SELECT k, "
            "'filler-' || n, n + 100000, n + 100000, to_tsvector('simple', 'filler ' || n) "
            "FROM generate_series(1, 5000) AS n, unnest(CAST(:kinds AS text[])) AS k"),
            {"kinds": list(search.KINDS)})
        s.add_all(Person(display_name=f"Filler {n}", citizenship=[], roles=[],
                         names=[PersonName(name=f"Filler {n}", key=f"filler {n}")])
                  for n in range(3000))
        s.flush()
        s.execute(text("ANALYZE search_docs"))
        s.execute(text("ANALYZE person_names"))
        for kind in search.KINDS:
            plan = "\n".join(row[0] for row in s.execute(
                text("EXPLAIN " + str(search._VOCABULARY)),
                {"exprs": ["(omarova:*)"], "kind": kind, "persons": [persons["Aigul Omarova"]],
                 "sources": [first]}))
            assert "ix_search_docs_source" in plan, plan
            assert "ref)::text = ANY" in plan, plan  # the names' entries, not every person's
            assert "Seq Scan on search_docs" not in plan, plan
            assert "Seq Scan on person_names" not in plan, plan
        assert search.touching(s, [persons["Aigul Omarova"]], [], [("person", "Omarova")]) \
            == {("person", "Omarova")}

"""`casefile import ftm FILE`: a FollowTheMoney file kept as a source and read as claims;
our own export read back without loss; a bad file refused whole, the registry unchanged."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from casefile.errors import CasefileError
from casefile.registry import db
from casefile.registry.ftm_import import plan
from casefile.registry.models import Claim, Person, Source
from casefile.sources import blobs
from tests.conftest import seed
from tests.helpers import (
    ORGANISATIONS,
    POSITION,
    add_officials,
    counts,
    officials,
    publish_officials,
    run,
)


def _export(path: Path, *args: str) -> list[dict]:
    result = run("export", "ftm", "--output", str(path), "--as-of", "2024-01-01", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _persons(rows: list[dict]) -> dict[str, dict]:
    """What an export says of each person, keyed by their primary name: name forms, birth
    dates, nationality, topics, positions with dates, proposed sanctions and events."""
    by_id = {r["id"]: r for r in rows}
    out: dict[str, dict] = {}
    ids = {}
    for r in rows:
        if r["schema"] == "Person":
            p = r["properties"]
            ids[r["id"]] = p["name"][0]
            out[p["name"][0]] = {
                "forms": set(p["name"] + p.get("alias", [])),
                "birth": set(p.get("birthDate", [])), "nationality": set(p.get("nationality", [])),
                "topics": set(p.get("topics", [])), "positions": set(),
                "sanctions": set(), "events": set()}
    for r in rows:
        p = r["properties"]
        if r["schema"] == "Occupancy":
            post = by_id[p["post"][0]]["properties"]
            org = [by_id[o]["properties"]["name"][0] for o in post.get("organization", [])]
            out[ids[p["holder"][0]]]["positions"].add(
                (post["name"][0], tuple(org), tuple(post.get("country", [])),
                 tuple(p.get("startDate", [])), tuple(p.get("endDate", [])),
                 tuple(p.get("status", []))))
        elif r["schema"] == "Sanction":
            out[ids[p["entity"][0]]]["sanctions"].add(
                (tuple(p["status"]), tuple(p.get("date", [])), tuple(p.get("country", []))))
        elif r["schema"] == "Event":
            out[ids[p["involved"][0]]]["events"].add(
                (p["keywords"][0], tuple(p.get("date", [])), tuple(p.get("country", []))))
    return out


def test_an_export_re_imported_into_a_fresh_registry_exports_the_same(
        registry, tmp_path, monkeypatch) -> None:
    if not registry.startswith("sqlite"):
        pytest.skip("the second registry is a SQLite file; once is enough")
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    with db.session() as s:
        source_id = s.scalar(select(Source.id))
    add_officials(source_id)
    publish_officials()
    first = _export(tmp_path / "first.json")

    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("CASEFILE_DATABASE_URL", fresh)
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path / "fresh-home"))
    try:
        result = run("import", "ftm", str(tmp_path / "first.json"), "--trusted", "--as", "t")
        assert result.exit_code == 0, result.output
        publish_officials()  # a new registry's editors decide for themselves
        second = _export(tmp_path / "second.json")
    finally:
        db.engine(fresh).dispose()

    before, after = _persons(first), _persons(second)
    assert before.keys() == after.keys()
    for name, facts in before.items():
        assert after[name] == facts, name
    # the officials came through with every form, birth date and position of the gold
    for p in officials():
        (got,) = [f for f in after.values() if p["name"] in f["forms"]]
        assert set(p["names"]) <= got["forms"]
        assert got["birth"] == {p["birth_date"]}
        posts = {post[0]: post[1] for post in got["positions"]}
        for text in p["positions"]:
            name = POSITION.match(text)["post"]
            assert posts[name] == tuple(o for o in ORGANISATIONS if o in name), text
        assert got["topics"] == {"role.pep"}
    assert sum(len(f["sanctions"]) for f in after.values()) >= 4


def test_every_seed_through_the_editors_export_keeps_each_fact_and_its_review_state(
        registry, tmp_path, monkeypatch) -> None:
    """All five seeds (the annex trusted, the news items proposed), the editors' export: a
    fresh registry given it with --trusted exports the same persons and facts, and what was
    proposed here is proposed there."""
    if not registry.startswith("sqlite"):
        pytest.skip("the second registry is a SQLite file; once is enough")
    for prefix in ("000", "001", "002", "003", "004"):
        trusted = ("--trusted",) if prefix == "002" else ()
        assert run("capture", str(seed(prefix)), *trusted).exit_code == 0
    first = _export(tmp_path / "first.json", "--editors")

    def states(rows: list[dict]) -> dict[str, set[tuple[str, str]]]:
        names = {r["id"]: r["properties"]["name"][0] for r in rows if r["schema"] == "Person"}
        out: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for r in rows:
            p = r["properties"]
            if r["schema"] == "Documentation" and p["entity"][0] in names:
                out[names[p["entity"][0]]].add((p["role"][0], p["status"][0]))
        return out

    monkeypatch.setenv("CASEFILE_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path / "fresh-home"))
    try:
        result = run("import", "ftm", str(tmp_path / "first.json"), "--trusted", "--as", "t")
        assert result.exit_code == 0, result.output
        second = _export(tmp_path / "second.json", "--editors")
    finally:
        db.engine(f"sqlite:///{tmp_path / 'fresh.db'}").dispose()
    before, after = _persons(first), _persons(second)
    assert len(before) > 150 and before.keys() == after.keys()
    for name, facts in before.items():
        assert after[name] == facts, name
    assert any(len(f["events"]) > 3 for f in after.values())
    was, now = states(first), states(second)
    for name, told in was.items():
        # each (fact kind, review state) of a person's own facts comes back
        assert {x for x in told if x[0] in ("name", "birth_date", "citizenship", "role")} \
            <= now[name], name


def test_the_file_is_kept_unchanged_and_claims_quote_its_lines(registry, tmp_path) -> None:
    path = tmp_path / "partner.json"
    lines = [
        {"id": "p1", "schema": "Person", "properties": {
            "name": ["Aigul Sarsenova"], "alias": ["Айгуль Сарсенова"],
            "birthDate": ["1980-02-03"], "nationality": ["kz"],
            "position": ["Member of the Mazhilis"]}},
        {"id": "pos1", "schema": "Position", "properties": {
            "name": ["Judge of the Almaty City Court"], "country": ["kz"]}},
        {"id": "o1", "schema": "Occupancy", "properties": {
            "holder": ["p1"], "post": ["pos1"], "startDate": ["2019-05"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["BTA Bank"]}},
    ]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                    encoding="utf-8")
    result = run("import", "ftm", str(path), "--trusted", "--as", "t")
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    with db.session() as s:
        src = s.scalar(select(Source))
        assert src is not None and src.kind == "ftm"
        assert blobs.get(src.sha256) == raw
        claims = list(s.scalars(select(Claim).where(Claim.source_id == src.id)))
        for c in claims:
            assert c.extractor == "ftm-import"
            assert c.quote == src.text[c.start:c.end] and json.loads(c.quote)["id"] in ("p1", "o1")
            # a partner's facts carry no provenance of ours: --trusted leaves them proposed
            assert c.state == "proposed"
        facts = {(c.predicate, c.value) for c in claims}
        assert {("name", "Aigul Sarsenova"), ("name", "Айгуль Сарсенова"),
                ("birth_date", "1980-02-03"), ("citizenship", "KZ")} <= facts
        positions = {c.value: c for c in claims if c.predicate == "position"}
        assert positions.keys() == {"Judge of the Almaty City Court", "Member of the Mazhilis"}
        assert positions["Member of the Mazhilis"].detail["start"] is None
        pos = positions["Judge of the Almaty City Court"]
        assert pos.detail["country"] == "KZ" and pos.detail["start"] == "2019-05"
        assert pos.detail["end"] is None
    assert "skipped 1 Company" in result.output and "Position" not in result.output


def test_importing_again_adds_no_person(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    with db.session() as s:
        source_id = s.scalar(select(Source.id))
    add_officials(source_id)
    rows = _export(tmp_path / "a.json")
    assert run("import", "ftm", str(tmp_path / "a.json"), "--as", "t").exit_code == 0
    before = counts()
    # the same bytes: one source, nothing added
    again = run("import", "ftm", str(tmp_path / "a.json"), "--as", "t")
    assert again.exit_code == 0 and "already imported" in again.output
    assert counts() == before
    # other bytes naming the same people (one entity per line, in another order)
    (tmp_path / "b.json").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reversed(rows)),
        encoding="utf-8")
    assert run("import", "ftm", str(tmp_path / "b.json"), "--as", "t").exit_code == 0
    assert counts()["persons"] == before["persons"]


VALID = {"id": "p1", "schema": "Person", "properties": {"name": ["Aigul Sarsenova"]}}


@pytest.mark.parametrize(("lines", "message"), [
    ([], "holds no FollowTheMoney entity"),
    (["", "   "], "holds no FollowTheMoney entity"),
    ([VALID, {"id": "x", "schema": "Spaceship", "properties": {}}],
     "line 2: unknown FollowTheMoney schema 'Spaceship'"),
    ([VALID, '{"id": "b", "schema": "Person"'], "line 2: not JSON"),
    ([{"id": "p2", "schema": "Person", "properties": {"birthDate": ["1970"]}}],
     "line 1: Person 'p2' has no name"),
    ([{"id": "p2", "schema": "Person", "properties": {"name": ["—"]}}],
     "line 1: Person 'p2' has no name the registry can read"),
    ([VALID, {"id": "o", "schema": "Occupancy", "properties": {
        "holder": ["nobody"], "post": ["nothing"]}}], "line 2: holder 'nobody' is not a Person"),
    ([VALID, VALID], "line 2: entity id 'p1' was already used on line 1"),
    ([VALID, {"id": "s", "schema": "Sanction", "properties": {
        "entity": ["p1"], "status": ["proposed"], "country": ["suhh"]}}],
     "line 2: the country 'suhh' is not a two-letter ISO code"),
])
def test_a_bad_file_is_refused_whole(registry, tmp_path, lines, message) -> None:
    path = tmp_path / "bad.json"
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n"
                            for x in lines), encoding="utf-8")
    before = counts()
    result = run("import", "ftm", str(path), "--as", "t")
    assert result.exit_code == 1
    assert message in result.output
    assert counts() == before


def test_a_gigabyte_file_is_refused_without_reading_it(registry, tmp_path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # sparse: a gigabyte on paper, nothing on disk
        fh.write(json.dumps(VALID).encode() + b"\n")
        fh.truncate(1 << 30)
    before = counts()
    result = run("import", "ftm", str(path), "--as", "t")
    assert result.exit_code == 1
    assert "CASEFILE_MAX_SOURCE_BYTES" in result.output
    assert counts() == before


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=4), st.binary(min_size=1, max_size=40))
def test_one_broken_line_anywhere_leaves_the_registry_unchanged(registry, tmp_path, where,
                                                                junk) -> None:
    good = [json.dumps({"id": f"p{i}", "schema": "Person",
                        "properties": {"name": [f"Person Number{i} Testov"]}}).encode()
            for i in range(5)]
    try:
        json.loads(junk)
        return  # hypothesis made valid JSON: not a broken line
    except ValueError:
        pass
    if not junk.decode("utf-8", "replace").strip():
        return  # a blank line is no entity
    lines = [*good[:where], junk.replace(b"\n", b" "), *good[where:]]
    path = tmp_path / "fuzz.json"
    path.write_bytes(b"\n".join(lines) + b"\n")
    before = counts()
    result = run("import", "ftm", str(path), "--as", "t")
    assert result.exit_code == 1, result.output
    assert f"line {where + 1}:" in result.output
    assert counts() == before


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=80), max_size=5))
def test_any_bytes_are_planned_or_refused_with_a_message(lines) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.json"
        path.write_bytes(b"\n".join(lines))
        try:
            plan(path)
        except CasefileError as exc:
            assert str(exc)


def test_names_of_one_person_in_two_entities_resolve_to_one(registry, tmp_path) -> None:
    """A partner's entity naming a person the registry knows in another script joins them."""
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    with db.session() as s:
        known = s.scalar(select(Person.id).where(Person.display_name == "Marat Zhylanbayev"))
    assert known is not None
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"id": "x", "schema": "Person", "properties": {
        "name": ["Marat Zhylanbayev"], "alias": ["Марат Жыланбаев"]}},
        ensure_ascii=False) + "\n", encoding="utf-8")
    before = counts()["persons"]
    assert run("import", "ftm", str(path), "--as", "t").exit_code == 0
    assert counts()["persons"] == before
    with db.session() as s:
        owners = defaultdict(set)
        for pid, value in s.execute(select(Claim.person_id, Claim.value).where(
                Claim.extractor == "ftm-import")):
            owners[value].add(pid)
    assert owners["Марат Жыланбаев"] == {known}

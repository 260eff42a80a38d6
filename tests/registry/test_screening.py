"""`casefile screen FILE`: registry persons against an outside list (FtM JSON lines), offline
through the names layer; a bad file is refused whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile.errors import CasefileError
from casefile.registry.screening import read_list
from tests.conftest import seed
from tests.helpers import run


def _write(path: Path, *entities: dict) -> Path:
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities),
                    encoding="utf-8")
    return path


def _screen(path: Path) -> dict:
    result = run("screen", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_listed_person_in_another_script_and_order_is_found(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    path = _write(
        tmp_path / "list.json",
        {"id": "rn-1", "schema": "Person", "properties": {
            "name": ["Жыланбаев Марат"], "topics": ["wanted"]}},
        # family name first, in capitals, with a comma
        {"id": "rn-2", "schema": "Person", "properties": {"name": ["AKHYT, Adilet"]}},
        {"id": "rn-3", "schema": "Person", "properties": {
            "firstName": ["Ivan"], "lastName": ["Nobodyov"]}},
        {"id": "co-1", "schema": "Company", "properties": {"name": ["BTA Bank"]}},
    )
    out = _screen(path)
    found = {(h["person"], h["listed_id"], h["decision"]) for h in out["hits"]}
    assert ("Marat Zhylanbayev", "rn-1", "same") in found
    assert ("Adilet Akhyt", "rn-2", "same") in found
    assert not any(h["listed_id"] == "rn-3" for h in out["hits"])
    assert out["listed"] == 3 and out["skipped"] == {"Company": 1}
    assert [h["topics"] for h in out["hits"] if h["listed_id"] == "rn-1"] == [["wanted"]]


def test_a_namesake_born_on_another_day_is_not_a_hit(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    path = _write(tmp_path / "list.json",
                  {"id": "rn-1", "schema": "Person", "properties": {
                      "name": ["Marat Zhylanbayev"], "birthDate": ["1960-01-01"]}})
    from casefile.registry import db
    from casefile.registry.models import Person
    with db.transaction() as s:
        for p in s.query(Person).filter(Person.display_name == "Marat Zhylanbayev"):
            p.birth_date = "1975-05-05"
    assert _screen(path)["hits"] == []


@pytest.mark.parametrize(("content", "message"), [
    (b'{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n{"id": "b"\n',
     "line 2: not JSON"),
    (b'{"id": "a", "schema": "Spaceship", "properties": {}}\n', "unknown FollowTheMoney schema"),
    (b'{"schema": "Person", "properties": {"name": ["A B"]}}\n',
     "line 1: an entity without an id"),
    (b'["Person"]\n', "line 1: not a FollowTheMoney entity"),
    (b'{"id": "a", "schema": "Person", "properties": {"name": ["\xff\xfe"]}}\n', "not UTF-8"),
])
def test_a_bad_line_refuses_the_whole_file(registry, tmp_path, content, message) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = run("screen", str(path))
    assert result.exit_code == 1
    assert message in result.output and "possible matches" not in result.output


def test_a_file_over_the_size_limit_is_refused(registry, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CASEFILE_MAX_SOURCE_BYTES", "100")
    path = _write(tmp_path / "big.json", *[{"id": str(i), "schema": "Person", "properties": {
        "name": [f"Person Number{i}"]}} for i in range(10)])
    result = run("screen", str(path))
    assert result.exit_code == 1 and "CASEFILE_MAX_SOURCE_BYTES" in result.output


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.binary(max_size=80), max_size=5))
def test_any_bytes_are_read_or_refused_with_a_message(tmp_path, lines) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(b"\n".join(lines))
    try:
        read_list(path)
    except CasefileError as exc:
        assert str(exc)

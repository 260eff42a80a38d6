"""`casefile screen FILE --queue`, `screen hits`, `screen decide`: hits of a screened list as
items of the editors' queue, opened once per file, decided by a named editor."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Person, ScreeningHit
from casefile.registry.screening import hits_of, wanted
from casefile.sources import blobs
from casefile.sources.document import sha256_hex
from tests.conftest import seed
from tests.helpers import run

LIST = [
    {"id": "rn-1", "schema": "Person", "datasets": ["interpol_red_notices"],
     "properties": {"name": ["Жыланбаев Марат"], "topics": ["wanted"]}},
    {"id": "ex-2", "schema": "Person", "properties": {"name": ["AKHYT, Adilet"],
                                                      "topics": ["poi"]}},
]


def _list(tmp_path: Path) -> Path:
    path = tmp_path / "list.json"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in LIST),
                    encoding="utf-8")
    return path


def _hits(*args: str) -> list[dict]:
    result = run("screen", "hits", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_screened_list_opens_each_hit_once(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    path = _list(tmp_path)
    first = run("screen", str(path), "--queue", "--as", "anna")
    assert first.exit_code == 0, first.output
    items = _hits("--state", "open")
    assert {(h["person"], h["listed_id"]) for h in items} >= {
        ("Marat Zhylanbayev", "rn-1"), ("Adilet Akhyt", "ex-2")}
    (rn,) = [h for h in items if h["listed_id"] == "rn-1"]
    assert rn["topics"] == ["wanted"] and rn["dataset"] == "interpol_red_notices"
    assert rn["list_sha256"] == sha256_hex(path.read_bytes())
    assert blobs.get(rn["list_sha256"]) == path.read_bytes()  # the listing stays readable
    (ex,) = [h for h in items if h["listed_id"] == "ex-2"]
    assert ex["dataset"] == "list.json"  # no data set named: the file it came from
    again = run("screen", str(path), "--queue", "--as", "anna")
    assert again.exit_code == 0 and "queued 0 new item(s)" in again.output
    assert len(_hits()) == len(items)


def test_decisions_are_recorded_and_feed_hits_of(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    assert run("screen", str(_list(tmp_path)), "--queue", "--as", "anna").exit_code == 0
    items = {h["listed_id"]: h for h in _hits()}
    rn, ex = items["rn-1"], items["ex-2"]
    done = run("screen", "decide", str(rn["id"]), "confirmed", "--as", "boris")
    assert done.exit_code == 0, done.output
    assert run("screen", "decide", str(ex["id"]), "dismissed", "--as", "boris").exit_code == 0
    assert [h["id"] for h in _hits("--state", "confirmed")] == [rn["id"]]
    assert [h["id"] for h in _hits("--state", "dismissed")] == [ex["id"]]
    assert all(h["listed_id"] not in ("rn-1", "ex-2") for h in _hits("--state", "open"))
    with db.session() as s:
        confirmed = hits_of(s, rn["person_id"])
        assert [(h.listed_id, h.decided_by) for h in confirmed] == [("rn-1", "boris")]
        assert isinstance(confirmed[0], ScreeningHit) and wanted(confirmed[0])
        assert hits_of(s, ex["person_id"]) == []
        assert [h.listed_id for h in hits_of(s, ex["person_id"], state="dismissed")] == ["ex-2"]
        assert not wanted(hits_of(s, ex["person_id"], state="dismissed")[0])
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action == "screen-decide")).all()
        assert {(a.actor, a.target) for a in logged} == {
            ("boris", f"screening:{rn['id']}"), ("boris", f"screening:{ex['id']}")}


def test_hits_of_a_merged_person_are_found_from_either_record(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    assert run("screen", str(_list(tmp_path)), "--queue", "--as", "anna").exit_code == 0
    rn = next(h for h in _hits() if h["listed_id"] == "rn-1")
    assert run("screen", "decide", str(rn["id"]), "confirmed", "--as", "boris").exit_code == 0
    with db.transaction() as s:
        other = Person(display_name="Marat Zhylanbayev (duplicate)")
        s.add(other)
        s.flush()
        other_id = other.id
    assert run("persons", "merge", str(rn["person_id"]), str(other_id), "--as", "boris",
               "--reason", "same man").exit_code == 0
    with db.session() as s:
        assert [h.listed_id for h in hits_of(s, other_id)] == ["rn-1"]


def test_a_bad_decision_or_item_is_refused(registry, tmp_path) -> None:
    assert run("screen", "decide", "999", "confirmed", "--as", "boris").exit_code == 1
    assert run("screen", "decide", "1", "maybe", "--as", "boris").exit_code == 2
    assert run("screen", "hits", "--state", "closed").exit_code == 2

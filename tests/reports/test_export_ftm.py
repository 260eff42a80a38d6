"""`casefile export ftm`: the public registry as FollowTheMoney entities that validate, keep
their provenance, and leave out whoever editors protect."""

from __future__ import annotations

import json

from followthemoney import model
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import Person, PersonName, Source
from tests.conftest import seed
from tests.helpers import run


def _export(tmp_path) -> list[dict]:
    out = tmp_path / "registry.ftm.json"
    result = run("export", "ftm", "--output", str(out), "--as-of", "2024-01-01")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_entities_validate_and_point_to_their_sources(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    rows = _export(tmp_path)
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows)  # ids are unique
    for r in rows:
        proxy = model.get_proxy(r, cleaned=False)
        assert proxy.schema.validate(r) is None
    with db.session() as s:
        texts = {f"casefile-source-{sid}": text
                 for sid, text in s.execute(select(Source.id, Source.text))}
    events = [r for r in rows if r["schema"] == "Event"]
    assert len(events) > 50
    for ev in events:
        (proof,), (person,) = ev["properties"]["proof"], ev["properties"]["involved"]
        assert by_id[proof]["schema"] == "Document" and by_id[person]["schema"] == "Person"
        # the quote is the source's own words
        assert " ".join(ev["properties"]["summary"][0].split()) in " ".join(texts[proof].split())
    names = {n for r in rows if r["schema"] == "Person" for n in r["properties"]["name"]}
    assert "Adilet Akhyt" in names


def test_ids_are_stable_from_export_to_export(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    first = {r["id"] for r in _export(tmp_path)}
    assert {r["id"] for r in _export(tmp_path)} == first


def test_withheld_and_anonymised_persons_are_not_exported(registry, tmp_path) -> None:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    with db.session() as s:
        ids = {name: pid for name, pid in s.execute(
            select(Person.display_name, Person.id).where(
                Person.display_name.in_(["Adilet Akhyt", "Marat Zhylanbayev"])))}
        forms = {pid: {n for (n,) in s.execute(
            select(PersonName.name).where(PersonName.person_id == pid))}
            for pid in ids.values()}
    assert len(ids) == 2
    assert run("persons", "publication", str(ids["Adilet Akhyt"]), "withheld").exit_code == 0
    assert run("persons", "publication", str(ids["Marat Zhylanbayev"]),
               "anonymised").exit_code == 0
    text = json.dumps(_export(tmp_path), ensure_ascii=False)
    for pid in ids.values():
        assert f"casefile-person-{pid}\"" not in text
        for form in forms[pid]:
            assert form not in text, form


def test_a_bad_date_is_refused_and_no_file_is_left(registry, tmp_path) -> None:
    out = tmp_path / "x.json"
    result = run("export", "ftm", "--output", str(out), "--as-of", "2024-13-01")
    assert result.exit_code == 1 and "--as-of" in result.output
    assert not out.exists()

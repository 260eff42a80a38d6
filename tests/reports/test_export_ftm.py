"""`casefile export ftm`: the public registry as FollowTheMoney entities that validate, keep
their provenance, and leave out whoever editors protect."""

from __future__ import annotations

import json

from followthemoney import model
from sqlalchemy import select

from casefile.registry import db, manual
from casefile.registry.models import Claim, Person, PersonName, Source
from tests.conftest import seed
from tests.helpers import (
    ORGANISATIONS,
    POSITION,
    add_officials,
    officials,
    publish_officials,
    run,
)


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


def _official_rows(tmp_path, *args: str) -> tuple[list[dict], dict[str, dict]]:
    out = tmp_path / "officials.ftm.json"
    result = run("export", "ftm", "--output", str(out), "--as-of", "2024-01-01", *args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return rows, {r["id"]: r for r in rows}


def _captured_with_officials() -> int:
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    with db.session() as s:
        source_id = s.scalar(select(Source.id))
    add_officials(source_id)
    return source_id


def test_officials_go_out_with_names_birth_dates_positions_and_proposed_sanctions(
        registry, tmp_path) -> None:
    _captured_with_officials()
    # until editors publish an official, no post or proposed sanction names them publicly
    unpublished, _ = _official_rows(tmp_path)
    assert not [r for r in unpublished if r["schema"] in ("Occupancy", "Position", "Sanction")]
    publish_officials()
    rows, by_id = _official_rows(tmp_path)
    persons = [r for r in rows if r["schema"] == "Person"]
    for p in officials():
        (person,) = [r for r in persons if p["name"] in
                     r["properties"]["name"] + r["properties"].get("alias", [])]
        props = person["properties"]
        assert set(p["names"]) <= set(props["name"] + props.get("alias", []))
        assert props["birthDate"] == [p["birth_date"]]
        assert props["topics"] == ["role.pep"]
        held = set()  # (post, organisations, country, start, end, status)
        for r in rows:
            if r["schema"] == "Occupancy" and r["properties"]["holder"] == [person["id"]]:
                post = by_id[r["properties"]["post"][0]]
                assert post["schema"] == "Position"
                orgs = [by_id[o] for o in post["properties"].get("organization", [])]
                assert all(o["schema"] == "Organization" for o in orgs)
                held.add((post["properties"]["name"][0],
                          tuple(o["properties"]["name"][0] for o in orgs),
                          tuple(post["properties"].get("country", [])),
                          tuple(r["properties"].get("startDate", [])),
                          tuple(r["properties"].get("endDate", [])),
                          tuple(r["properties"].get("status", []))))
        for text in p["positions"]:  # each as the claims state it (tests.helpers)
            m = POSITION.match(text)
            start = m["since"] or m["a"]
            ended = text.startswith("Former") or m["b"]
            assert (m["post"], tuple(o for o in ORGANISATIONS if o in m["post"]),
                    (p["country"].lower(),), (start,) if start else (),
                    (m["b"],) if m["b"] else (), ("ended",) if ended else ()) in held, text
        proposed = [r for r in rows if r["schema"] == "Sanction"
                    and r["properties"]["entity"] == [person["id"]]]
        assert [r["properties"]["status"] for r in proposed] == [["proposed"]], p["name"]


def test_every_fact_carries_its_claim_id_quote_and_source(registry, tmp_path) -> None:
    _captured_with_officials()
    rows, by_id = _official_rows(tmp_path)
    with db.session() as s:
        claims = {c.id: c for c in s.scalars(select(Claim))}
        shas = {f"casefile-source-{i}": sha for i, sha in s.execute(
            select(Source.id, Source.sha256))}
    docs = [r for r in rows if r["schema"] == "Documentation"]
    assert docs
    for d in docs:
        p = d["properties"]
        claim = claims[p["recordId"][0]]
        assert d["id"] == f"casefile-claim-{claim.id}"
        assert p["summary"] == [claim.quote] and p["status"] == ["accepted"]
        assert p["role"] == [claim.predicate]
        source = by_id[p["document"][0]]
        assert source["schema"] == "Document"
        assert f"sha256:{shas[source['id']]}" in source["properties"]["keywords"]
        assert by_id[p["entity"][0]]["schema"] in ("Person", "Occupancy", "Sanction", "Event")
    # each Occupancy and Sanction is documented by the claim that states it
    documented = {d["properties"]["entity"][0] for d in docs}
    for r in rows:
        if r["schema"] in ("Occupancy", "Sanction", "Event"):
            assert r["id"] in documented, r["id"]
    mentions = [r for r in rows if r["schema"] == "Mention"]
    assert all(by_id[m["properties"]["resolved"][0]]["schema"] == "Person" for m in mentions)


def test_editors_get_proposed_facts_and_hidden_persons_never_confidential_ones(
        registry, tmp_path) -> None:
    _captured_with_officials()
    with db.transaction() as s:
        positions = list(s.scalars(select(Claim).where(Claim.predicate == "position")
                                   .order_by(Claim.id)))
        waiting, secret = positions[0], positions[1]
        waiting.state = "proposed"
        secret.confidential = True
        hidden = s.scalar(select(Person).where(Person.display_name == "Adilet Akhyt"))
        hidden.publication = "withheld"
        hidden_id = hidden.id
        waiting_id, secret_id = waiting.id, secret.id

    def documented(rows: list[dict]) -> set[str]:
        return {i for r in rows if r["schema"] == "Documentation"
                for i in r["properties"]["recordId"]}

    public, _ = _official_rows(tmp_path)
    editors, _ = _official_rows(tmp_path, "--editors")
    assert waiting_id not in documented(public) and waiting_id in documented(editors)
    assert secret_id not in documented(public) and secret_id not in documented(editors)
    person_ids = {r["id"] for r in editors if r["schema"] == "Person"}
    assert f"casefile-person-{hidden_id}" in person_ids
    assert f"casefile-person-{hidden_id}" not in {r["id"] for r in public}
    # a name form written only in a confidential claim stays out of both
    with db.transaction() as s:
        vasilenko = s.scalar(select(Claim.person_id).where(
            Claim.value == "Vasilenko Roman Yurievich"))
        manual.add(s, manual.ManualFact(vasilenko, "name", "Roman Tainoye", "a source's word",
                                        "anna", confidential=True))
        assert s.scalar(select(PersonName.id).where(PersonName.name == "Roman Tainoye"))
    editors, _ = _official_rows(tmp_path, "--editors")
    assert "Tainoye" not in json.dumps(editors, ensure_ascii=False)
    states = {r["properties"]["status"][0] for r in editors if r["schema"] == "Documentation"}
    assert "proposed" in states and "accepted" in states

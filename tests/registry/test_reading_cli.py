"""`casefile persons --role`, `casefile events` and `casefile extract`: what a capture stores,
read back through the commands users and the eval scripts call, on both databases."""

from __future__ import annotations

import json

from tests.helpers import counts, run

VERDICT = (
    "Astana, 12 March 2024\n"
    "On 11 March 2024 the Yesil district court of Astana sentenced civil activists Nurlan "
    "Abenov and Saule Temirova to five years in prison under Part 2 of Article 174 of the "
    "Criminal Code of the Republic of Kazakhstan (judge – Aidar Kassymov; prosecutor – "
    "Kanat Zhumabayev). Abenov and Temirova were detained on 2 October 2023.\n"
    "Activist Ruslan Omarov received a suspended sentence of two years.\n"
)


def _verdict(tmp_path) -> str:
    path = tmp_path / "verdict.txt"
    path.write_text(VERDICT, encoding="utf-8")
    return str(path)


def test_persons_by_role_with_status_on_a_date(registry, tmp_path):
    assert run("capture", _verdict(tmp_path), "--trusted").exit_code == 0
    out = json.loads(run("persons", "--role", "victim", "--as-of", "2024-03-12",
                         "--format", "json").stdout)
    assert out["as_of"] == "2024-03-12"
    people = {p["name"]: p for p in out["persons"]}
    assert set(people) == {"Nurlan Abenov", "Saule Temirova", "Ruslan Omarov"}
    abenov = people["Nurlan Abenov"]
    assert abenov["role"] == "victim" and abenov["status"] == "convicted"
    assert abenov["articles"] == ["174"] and abenov["sentence_months"] == [60.0]
    assert abenov["dates"] == {"detained": "2023-10-02", "convicted": "2024-03-11"}
    assert people["Ruslan Omarov"]["status"] == "suspended_sentence"
    # As of a date, only the sources known then speak: the verdict's report (12 March 2024)
    # says nothing on 1 November 2023, an earlier report of the detention does.
    before = json.loads(run("persons", "--role", "victim", "--as-of", "2023-11-01",
                            "--format", "json").stdout)
    assert {p["name"]: p["status"] for p in before["persons"]}["Nurlan Abenov"] is None
    earlier = tmp_path / "detention.txt"
    earlier.write_text("Astana, 4 October 2023\nCivil activist Nurlan Abenov was detained on "
                       "2 October 2023 and placed in pre-trial detention.\n", encoding="utf-8")
    assert run("capture", str(earlier), "--trusted").exit_code == 0
    before = json.loads(run("persons", "--role", "victim", "--as-of", "2023-11-01",
                            "--format", "json").stdout)
    assert {p["name"]: p["status"] for p in before["persons"]}["Nurlan Abenov"] == "pretrial"
    officials = json.loads(run("persons", "--role", "official", "--format", "json").stdout)
    assert {p["name"] for p in officials["persons"]} == {"Aidar Kassymov", "Kanat Zhumabayev"}


def test_events_of_one_person_in_any_script(registry, tmp_path):
    run("capture", _verdict(tmp_path), "--trusted")
    events = json.loads(run("events", "--person", "Нурлан Абенов", "--format", "json").stdout)
    assert [(e["type"], e["date"], e["date_precision"]) for e in events] == [
        ("detained", "2023-10-02", "day"), ("convicted", "2024-03-11", "day")]
    assert all(e["person"] == "Nurlan Abenov" and e["country"] == "KZ" and e["quote"]
               for e in events)
    typed = json.loads(run("events", "--type", "convicted", "--format", "json").stdout)
    assert {e["person"] for e in typed} == {"Nurlan Abenov", "Saule Temirova", "Ruslan Omarov"}
    assert run("events", "--type", "no_such_type").exit_code == 1


def test_withheld_and_anonymised_persons_in_both_commands(registry, tmp_path):
    run("capture", _verdict(tmp_path), "--trusted")
    people = json.loads(run("persons", "--role", "victim", "--format", "json").stdout)
    ids = {p["name"]: p["id"] for p in people["persons"]}
    run("persons", "publication", str(ids["Nurlan Abenov"]), "withheld")
    run("persons", "publication", str(ids["Saule Temirova"]), "anonymised")
    people = json.loads(run("persons", "--role", "victim", "--format", "json").stdout)
    shown = {p["name"] for p in people["persons"]}
    assert "Nurlan Abenov" not in shown and "Saule Temirova" not in shown
    assert all(not p["sources"] for p in people["persons"] if p["name"] == "Name withheld")
    events = run("events", "--format", "json").stdout
    assert "Abenov" not in events and "Temirova" not in events


def test_extract_previews_without_storing(registry, tmp_path):
    before = counts()
    result = run("extract", _verdict(tmp_path), "--format", "json")
    assert result.exit_code == 0 and counts() == before
    claims = json.loads(result.stdout)["claims"]
    assert ("Saule Temirova", "sentenced_to", "60") in {
        (c["mention"], c["predicate"], c["value"]) for c in claims}
    assert all(c["quote"] and c["quote"] in VERDICT for c in claims)


def test_bad_options_are_one_line_errors(registry, tmp_path):
    for args in (("persons", "--role", "judge"), ("persons", "--as-of", "2024-13-01"),
                 ("extract", _verdict(tmp_path), "--published", "May 2024")):
        result = run(*args)
        assert result.exit_code == 1 and result.stderr.startswith("error:")

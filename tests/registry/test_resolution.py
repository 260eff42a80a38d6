"""Resolution in the registry: one person across spellings and scripts, never two merged."""

import json

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Judgement
from tests.conftest import SEEDS, seed
from tests.helpers import run


def _persons():
    return [json.loads(x) for x in run("persons", "--json").stdout.splitlines()]


def _by_name(name):
    return next(p for p in _persons() if p["name"] == name)


def test_all_seeds_each_person_once_and_no_two_people_merged(registry):
    for path in sorted(SEEDS.glob("*.txt")):
        assert run("capture", str(path)).exit_code == 0
    people = _persons()
    names = [p["name"] for p in people]
    assert len(names) == len(set(names))
    every = {n for p in people for n in [p["name"], *p["names"]]}
    # same person, other spellings and scripts
    tokayev = next(p for p in people if "Kassym-Jomart Tokayev" in [p["name"], *p["names"]])
    assert {"Kasym-Jomart Tokayev", "Қасым-Жомарт Кемелұлы Тоқаев",
            "Касым-Жомарт Кемелевич Токаев"} <= {tokayev["name"], *tokayev["names"]}
    assert tokayev["sources"] == 2  # seeds 002 and 003
    jardemalie = [p for p in people if "Jardemalie" in p["name"]]
    assert len(jardemalie) == 1  # Bota / Botagoz
    # different people stay apart
    for a, b in [("Kairat Kudaibergen", "Kazybek Kudaibergenov"),
                 ("Bekizhan Mendygaziyev", "Barlyk Mendygaziyev"),
                 ("Mukhtar Ablyazov", "Mukhtar Dzhakishev"),
                 ("Nursultan Nazarbayev", "Nursultan Isayev")]:
        assert a in every and b in every
        pa = next(p for p in people if a in [p["name"], *p["names"]])
        pb = next(p for p in people if b in [p["name"], *p["names"]])
        assert pa["id"] != pb["id"], (a, b)


def test_cyrillic_forms_and_birth_date_from_a_sanctions_list(registry):
    run("capture", str(seed("002")))
    kulibayev = _by_name("Timur Kulibayev")
    assert {"Кулибаев, Тимур Аскарович", "Құлыбаев, Тимур Асқарұлы"} <= set(kulibayev["names"])
    from casefile.registry.models import Person

    with db.session() as s:
        p = s.get(Person, kulibayev["id"])
        assert p.birth_date == "1966-09-10"
        scripts = {(n.name, n.script, n.lang) for n in p.names}
    assert ("Құлыбаев, Тимур Асқарұлы", "cyrillic", "kk") in scripts


def test_a_later_cyrillic_mention_joins_the_person(registry, tmp_path):
    run("capture", str(seed("002")))
    before = _by_name("Marat Zhylanbayev")
    (tmp_path / "ru.txt").write_text(
        "Political prisoners\nCONVICTED\n"
        "1. Marat ZHYLANBAEV – 7 years' imprisonment under Article 405.\n", encoding="utf-8")
    run("capture", str(tmp_path / "ru.txt"))
    after = _by_name("Marat Zhylanbayev")
    assert after["id"] == before["id"] and "Marat Zhylanbaev" in after["names"]


def test_possible_pair_goes_to_editors_then_merge_split_and_not_same(registry, tmp_path):
    (tmp_path / "a.txt").write_text("Activist Nurlan Jaqypov was detained on 3 May 2022.")
    (tmp_path / "b.txt").write_text("Activist Nurlan Zhakupov was arrested on 4 May 2022.")
    run("capture", str(tmp_path / "a.txt"))
    run("capture", str(tmp_path / "b.txt"))
    queue = [json.loads(x) for x in
             run("persons", "--possible-duplicates", "--json").stdout.splitlines()]
    assert len(queue) == 1 and queue[0]["decision"] == "possible" and queue[0]["reasons"]
    a, b = queue[0]["left"], queue[0]["right"]
    assert len(_persons()) == 2
    assert run("persons", "merge", str(a), str(b), "--reason", "same passport").exit_code == 0
    assert len(_persons()) == 1
    assert run("persons", "--possible-duplicates", "--json").stdout == ""
    assert run("persons", "split", str(a), str(b)).exit_code == 0
    assert len(_persons()) == 2
    assert run("persons", "not-same", str(a), str(b), "--reason", "cousins").exit_code == 0
    assert run("persons", "--possible-duplicates", "--json").stdout == ""
    refused = run("persons", "merge", str(a), str(b))
    assert refused.exit_code == 1 and "not to be the same" in refused.output
    with db.session() as s:
        kinds = [(j.judgement, j.deleted_at is None) for j in
                 s.scalars(select(Judgement).order_by(Judgement.id))]
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert kinds == [("positive", False), ("negative", True)]
    assert actions[-3:] == ["merge", "undo-judgement", "not-same"]


def test_merged_persons_are_one_entry_on_the_list(registry, tmp_path):
    run("capture", str(seed("002")), "--trusted")
    (tmp_path / "c.txt").write_text(
        "List of political prisoners\nCONVICTED\nOthers\n"
        "1. Nurlan KANATULY – 3 years' imprisonment under Article 419.\n")
    # Many Kazakhs drop the Russian -ov for -uly: only an editor can tell it is him.
    run("capture", str(tmp_path / "c.txt"), "--trusted", "--country", "KZ",
        "--published", "2023-08-20")
    out = run("report", "prisoners", "--country", "KZ", "--as-of", "2023-09-01",
              "--format", "json")
    before = json.loads(out.stdout)["counts"]["total"]
    people = _persons()
    a = next(p for p in people if p["name"] == "Nurlan Kanatov")["id"]
    b = next(p for p in people if p["name"] == "Nurlan Kanatuly")["id"]
    assert before == 48
    run("persons", "merge", str(a), str(b))
    report = json.loads(run("report", "prisoners", "--country", "KZ", "--as-of",
                            "2023-09-01", "--format", "json").stdout)
    assert report["counts"]["total"] == before - 1
    kanatov = next(p for p in report["persons"] if p["id"] == a)
    assert kanatov["sentence_months"] == [36] and kanatov["articles"] == ["419"]
    assert kanatov["status"] == "convicted"  # the newer list


def test_same_name_different_birth_date_is_never_linked(registry, tmp_path):
    for i, born in enumerate(["12 March 1980", "4 June 1991", "12 March 1980"]):
        (tmp_path / f"s{i}.txt").write_text(
            f"Individuals to be included on the sanctions list\n"
            f"1. Serik Akhmetov: born {born}, a judge of the Almaty city court.\n")
        run("capture", str(tmp_path / f"s{i}.txt"))
    akhmetovs = [p for p in _persons() if p["name"] == "Serik Akhmetov"]
    assert len(akhmetovs) == 2
    from casefile.registry.models import Person

    with db.session() as s:
        births = sorted(s.get(Person, p["id"]).birth_date for p in akhmetovs)
    assert births == ["1980-03-12", "1991-06-04"]


def test_namesakes_with_different_birth_dates_in_one_list_stay_two(registry, tmp_path):
    (tmp_path / "l.txt").write_text(
        "Individuals to be included on the sanctions list\n"
        "1. Askar NURLANOV: born 12 March 1980, a prosecutor in Taraz.\n"
        "2. Askar NURLANOV: born 5 May 1990, an investigator in Almaty.\n")
    run("capture", str(tmp_path / "l.txt"))
    assert len([p for p in _persons() if p["name"] == "Askar Nurlanov"]) == 2


def test_a_mention_fitting_two_kept_apart_namesakes_is_not_guessed(registry, tmp_path):
    for i, born in enumerate(["12 March 1980", "5 May 1990"]):
        (tmp_path / f"b{i}.txt").write_text(
            "Individuals to be included on the sanctions list\n"
            f"1. Askar NURLANOV: born {born}, a judge.\n")
        run("capture", str(tmp_path / f"b{i}.txt"))
    a, b = sorted(p["id"] for p in _persons() if p["name"] == "Askar Nurlanov")
    run("persons", "not-same", str(a), str(b))
    (tmp_path / "c.txt").write_text("Judge Askar Nurlanov was detained on 3 May 2024.")
    run("capture", str(tmp_path / "c.txt"))
    ids = {p["id"] for p in _persons() if p["name"] == "Askar Nurlanov"}
    assert len(ids) == 3  # a new record for the editors, not a silent guess
    (tmp_path / "d.txt").write_text(
        "Individuals to be included on the sanctions list\n"
        "1. Askar NURLANOV: born 5 May 1990, an investigator.\n")
    run("capture", str(tmp_path / "d.txt"))
    assert {p["id"] for p in _persons() if p["name"] == "Askar Nurlanov"} == ids

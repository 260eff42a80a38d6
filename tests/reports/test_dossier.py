"""The public dossier shows only what public claims say: names, categories."""

import json

from casefile.registry import db
from casefile.reports.dossier import dossier
from tests.conftest import seed
from tests.helpers import run


def _id(name):
    people = [json.loads(x) for x in run("persons", "--json").stdout.splitlines()]
    return next(p["id"] for p in people if p["name"] == name)


def test_names_and_category_come_from_public_claims_only(registry, tmp_path):
    run("capture", str(seed("002")), "--trusted")
    (tmp_path / "u.txt").write_text(
        "Individuals to be included on the sanctions list\n"
        "1. Zhaksylyk ABDULLAYEV (Russian: Жаксылык Абдуллаев Секретович): born 1 May 1970.\n")
    run("capture", str(tmp_path / "u.txt"))  # not reviewed
    with db.session() as s:
        d = dossier(s, _id("Zhaksylyk Abdullayev"))
        editors = dossier(s, _id("Zhaksylyk Abdullayev"), public=False)
        tokayev = dossier(s, _id("Kasym-Jomart Tokayev"))
    assert d.categories == ["In cases related to January’s peaceful protests"]
    assert "Жаксылык Абдуллаев Секретович" not in {n.name for n in d.names}
    assert "Жаксылык Абдуллаев Секретович" in {n.name for n in editors.names}
    assert "Қасым-Жомарт Кемелұлы Тоқаев" in {n.name for n in tokayev.names}

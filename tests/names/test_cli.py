"""`casefile names ...` through the in-process Typer app."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import casefile.cli.names  # noqa: F401  (registers the sub-typer even if _register fails)
from casefile.cli import _register, app

runner = CliRunner()


def setup_module() -> None:
    try:
        _register()
    except ModuleNotFoundError as exc:
        # Other command groups may be mid-build; the names group does not depend on them.
        if exc.name and exc.name.startswith(("casefile.names", "casefile.cli.names")):
            raise


def test_compare_text():
    r = runner.invoke(app, ["names", "compare", "Kasym-Jomart Tokayev", "President Tokayev"])
    assert r.exit_code == 0
    assert r.output.startswith("same (0.80)")
    assert "only a family name on one side" in r.output


def test_compare_json():
    r = runner.invoke(app, ["names", "compare", "Kairat Kudaibergen", "Kazybek Kudaibergenov",
                            "--json"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert set(data) == {"decision", "score", "reasons"}
    assert data["decision"] == "different"
    assert "given names differ: kairat / kazybek" in data["reasons"]


def test_compare_cyrillic_json():
    r = runner.invoke(app, ["names", "compare", "Timur Kulibayev", "Құлыбаев, Тимур Асқарұлы",
                            "--json"])
    assert json.loads(r.output)["decision"] == "same"


def test_compare_no_name_is_an_error():
    r = runner.invoke(app, ["names", "compare", "...", "Tokayev"])
    assert r.exit_code == 1
    assert "no name found" in r.output


def test_parse_and_romanize():
    r = runner.invoke(app, ["names", "parse", "Касым-Жомарт Кемелевич Токаев", "--json"])
    data = json.loads(r.output)
    assert data["family"] == "Токаев"
    assert data["patronymic"] == "Кемелевич"
    assert data["key"] == "jomart kasim tokaev"
    r = runner.invoke(app, ["names", "romanize", "Қасым-Жомарт Тоқаев", "--scheme", "latin2021"])
    assert r.output.strip() == "Qasym-Jomart Toqaev"
    r = runner.invoke(app, ["names", "romanize", "Тоқаев", "--scheme", "nope"])
    assert r.exit_code == 1

"""`casefile figures`: the seed annex's figures side by side, as a table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from casefile.registry.ingest import capture
from tests.conftest import seed
from tests.helpers import run


@pytest.fixture
def annex(registry: str) -> str:
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    capture(str(seed("004")), country="KZ")  # proposed: only the editors' view shows it
    return registry


def test_killed_side_by_side_in_json(annex):
    r = run("figures", "--measure", "killed", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    (jan,) = [g for g in data["figures"] if g["event"] == "2022-01"]
    assert {(f["count"], f["who"]) for f in jan["figures"]} >= {
        (238, "official"), (256, "rights_defenders")}
    assert {g["measure"] for g in data["figures"]} == {"killed"}
    assert data["mass_events"] == []


def test_table_and_csv_agree(annex):
    table = run("figures", "--country", "KZ")
    assert table.exit_code == 0, table.output
    assert "about 256" in table.stdout and "Rights defenders" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run("figures", "--format", "csv").stdout)))
    assert {("killed", "256", "about", "rights_defenders")} <= {
        (r["measure"], r["count"], r["qualifier"], r["who"]) for r in rows}
    assert all(r["quote"] and r["source"] for r in rows)
    assert run("figures", "--country", "BY", "--format", "csv").stdout.count("\n") == 1


def test_editors_see_the_proposed_mass_events(annex):
    public = json.loads(run("figures", "--format", "json").stdout)["mass_events"]
    editors = json.loads(run("figures", "--editors", "--format", "json").stdout)["mass_events"]
    assert public == [] and {(m["measure"], m["count"]) for m in editors} >= {
        ("mass_detention", 700)}


def test_unknown_measure_is_one_line(annex):
    r = run("figures", "--measure", "picnics")
    assert r.exit_code == 1 and "unknown measure" in r.output

"""`casefile proceedings` and `casefile events --type` over the captured seed annex."""

from __future__ import annotations

import json

import pytest

from casefile.registry.ingest import capture
from tests.conftest import seed
from tests.helpers import counts, run


@pytest.fixture
def annex(registry: str) -> str:
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    return registry


def test_proceedings_json_for_a_person(annex):
    r = run("proceedings", "--person", "Mukhtar Ablyazov", "--format", "json")
    assert r.exit_code == 0, r.output
    (entry,) = json.loads(r.stdout)
    assert entry["person"] == "Mukhtar Ablyazov"
    kinds = {(p["kind"], p["host_state"]) for p in entry["proceedings"]}
    assert ("extradition", "FR") in kinds and ("asylum", "FR") in kinds
    decisions = [d for p in entry["proceedings"] for d in p["decisions"]]
    assert all(d["claim_id"] and d["source_id"] for d in decisions)


def test_events_take_several_types(annex):
    r = run("events", "--person", "Mukhtar Ablyazov", "--type", "extradition_decision",
            "--type", "asylum_granted", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert {x["type"] for x in rows} == {"extradition_decision", "asylum_granted"}
    one = json.loads(run("events", "--person", "Mukhtar Ablyazov", "--type",
                         "extradition_decision", "--format", "json").stdout)
    assert [(x["date"], x["country"], x["requesting_country"]) for x in one] == \
        [("2016-12-09", "FR", "RU")]


def test_bad_input_is_a_clear_error_and_changes_nothing(annex):
    before = counts()
    r = run("events", "--type", "not_a_type")
    assert r.exit_code != 0 and "unknown event type 'not_a_type'" in r.output
    r = run("proceedings", "--person", "Nobody Whatsoever")
    assert r.exit_code != 0 and "no person named" in r.output
    r = run("proceedings", "--as-of", "2020-02-30")
    assert r.exit_code != 0 and "--as-of" in r.output
    assert counts() == before

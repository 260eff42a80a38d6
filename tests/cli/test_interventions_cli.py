"""`casefile interventions` and `casefile recommendations` (issue 15): the commands' output, and
one-line errors for bad dates, unknown kinds, statuses and persons that leave the registry
unchanged."""

from __future__ import annotations

import json

import pytest

from tests.conftest import seed
from tests.helpers import counts, run


def test_add_list_due_update(registry):
    run("capture", str(seed("002")))
    r = run("interventions", "add", "--person", "Marat Zhylanbayev", "--kind",
            "wgad_communication", "--addressee", "UN WGAD", "--filed", "2024-01-10",
            "--follow-up", "2024-03-01", "--reference", "G/SO 218/2", "--note",
            "ask the lawyer first", "--as", "anna")
    assert r.exit_code == 0, r.output
    assert "added intervention 1: wgad_communication to UN WGAD" in r.output
    r = run("interventions", "add", "--kind", "embassy_letter", "--addressee",
            "Embassy of Poland", "--filed", "2024-02-01", "--as", "anna")
    assert r.exit_code == 0, r.output
    listed = json.loads(run("interventions", "list", "--format", "json").stdout)
    assert [(i["id"], i["person"], i["reference"], i["notes"]) for i in listed] == [
        (2, None, None, None), (1, "Marat Zhylanbayev", "G/SO 218/2", "ask the lawyer first")]
    mine = json.loads(run("interventions", "list", "--person", "Marat Zhylanbayev",
                          "--format", "json").stdout)
    assert [i["id"] for i in mine] == [1]
    assert "Marat Zhylanbayev" in run("interventions", "due", "--by", "2024-03-01").stdout
    assert run("interventions", "due", "--by", "2024-02-29").stdout == ""
    r = run("interventions", "update", "1", "--status", "answered", "--follow-up",
            "2024-05-01", "--as", "bob")
    assert r.exit_code == 0 and "intervention 1: answered, follow-up 2024-05-01" in r.output
    assert run("interventions", "due", "--by", "2024-03-01").stdout == ""
    run("interventions", "update", "1", "--status", "closed", "--as", "bob")
    assert run("interventions", "due", "--by", "2030-01-01").stdout == ""


@pytest.mark.parametrize("args, message", [
    (["--kind", "fax"], "--kind must be one of ccf_request"),
    (["--kind", "appeal", "--filed", "10/01/2024"], "--filed must be a date YYYY-MM-DD"),
    (["--kind", "appeal", "--status", "sent"], "--status must be one of drafted"),
    (["--kind", "appeal", "--person", "Nobody Knownov"], "no registry person is surely"),
    (["--kind", "appeal", "--follow-up", "2024-02-30"], "--follow-up must be a date"),
])
def test_add_errors_are_one_line_and_change_nothing(registry, args, message):
    run("capture", str(seed("000")))
    before = counts()
    base = {"--filed": "2024-01-10"}
    extra = [x for k, v in base.items() if k not in args for x in (k, v)]
    r = run("interventions", "add", "--addressee", "Court", "--as", "anna", *extra, *args)
    assert r.exit_code != 0
    assert message in r.output and "Traceback" not in r.output
    assert counts() == before


def test_recommendations_list_and_track(registry):
    run("capture", str(seed("002")), "--trusted")
    out = run("recommendations", "list", "--addressee", "osce").stdout.splitlines()
    assert len(out) == 12
    sanctions = next(line for line in out if "to impose personal sanctions" in line)
    assert "Timur Kulibayev" in sanctions
    rid = sanctions.split()[0]
    r = run("recommendations", "track", rid, "--status", "not_implemented", "--date",
            "2024-05-01", "--evidence", "1", "--quote", "Kazakhstan refuses to implement",
            "--as", "anna")
    assert r.exit_code == 0, r.output
    assert f"recommendation {rid}: not_implemented as of 2024-05-01" in r.output
    data = json.loads(run("recommendations", "list", "--format", "json").stdout)
    tracked = next(d for d in data if d["id"].startswith(rid))
    assert [(p["status"], p["editor"]) for p in tracked["progress"]] == [
        ("not_implemented", "anna")]
    assert run("recommendations", "list", "--addressee", "interpol").stdout == ""
    before = counts()
    for args, message in [(["--status", "maybe"], "--status must be one of"),
                          (["--status", "partly", "--evidence", "1"], "give the exact words"),
                          (["--status", "partly", "--note", " "], "give the evidence")]:
        r = run("recommendations", "track", rid, "--date", "2024-06-01", "--as", "anna", *args)
        assert r.exit_code != 0 and message in r.output, r.output
    r = run("recommendations", "track", "abc", "--status", "partly", "--date", "2024-06-01",
            "--note", "n", "--as", "anna")
    assert r.exit_code != 0 and "at least 6 characters" in r.output
    assert counts() == before


def test_extract_previews_the_recommendations_without_storing(registry):
    before = counts()
    r = run("extract", str(seed("002")), "--format", "json")
    assert r.exit_code == 0
    found = json.loads(r.stdout)["recommendations"]
    assert len(found) == 12 and counts() == before
    assert found[-1]["names"] == ["Kasym-Jomart Tokayev", "Imangali Tasmagambetov",
                                  "Timur Kulibayev", "Roman Vasilenko"]
    assert {tuple(f["institutions"]) for f in found} == {("osce", "un", "eu", "government")}

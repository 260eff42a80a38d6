"""Stale statuses (issue 14): each row says when a source last confirmed it, and a status no
source has confirmed within CASEFILE_STALE_MONTHS of the list's date is marked."""

import csv
import io
import json

from tests.helpers import run

LIST = """List of political prisoners in Kazakhstan

1. Bolat Omarov – detained on 5 May 2022, in pre-trial detention, charged under Article 174.
"""
NEWS = "On 3 March 2024 the court sentenced Bolat Omarov to 5 years of imprisonment.\n"


def _row(as_of, *extra):
    out = run("report", "prisoners", "--country", "KZ", "--as-of", as_of, "--format", "json")
    return next(p for p in json.loads(out.stdout)["persons"] if p["name"] == "Bolat Omarov")


def test_a_status_unconfirmed_for_months_is_marked_with_its_last_date(registry, tmp_path,
                                                                      monkeypatch):
    (tmp_path / "list.txt").write_text(LIST, encoding="utf-8")
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    run("capture", str(tmp_path / "list.txt"), "--trusted", "--published", "2022-06-01",
        "--country", "KZ")
    fresh = _row("2022-09-01")
    assert fresh["last_confirmed"] == "2022-06-01" and fresh["stale"] is False
    old = _row("2023-06-01")
    assert old["last_confirmed"] == "2022-06-01" and old["stale"] is True
    md = run("report", "prisoners", "--country", "KZ", "--as-of", "2023-06-01").stdout
    assert "not confirmed since 2022-06-01" in md
    rows = list(csv.DictReader(io.StringIO(run(
        "report", "prisoners", "--country", "KZ", "--as-of", "2023-06-01", "--format", "csv"
    ).stdout)))  # a row's citations cell holds line breaks: read it as CSV, not as lines
    assert (rows[0]["last_confirmed"], rows[0]["stale"]) == ("2022-06-01", "true")
    # a later source confirms the person's situation again; a list before it does not see it
    run("capture", str(tmp_path / "news.txt"), "--trusted", "--published", "2024-03-04",
        "--country", "KZ")
    assert _row("2024-05-01")["last_confirmed"] == "2024-03-04"
    assert _row("2024-05-01")["stale"] is False
    assert _row("2023-06-01")["last_confirmed"] == "2022-06-01"
    monkeypatch.setenv("CASEFILE_STALE_MONTHS", "1")
    assert _row("2024-05-01")["stale"] is True

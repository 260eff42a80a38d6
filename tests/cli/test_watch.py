"""`casefile watch add|list|run|remove` against a news feed on 127.0.0.1: a run captures
the new items, a second finds nothing due, a named watch runs at once, failures are listed
with their error, bad input is one line and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry
from tests.helpers import counts, run
from tests.watch_server import Site, rss, serving

A = ("a", "Verdict", "Mon, 09 Mar 2020 09:30:00 +0600",
     "On Monday a court sentenced journalist Marat Bekov to five years in prison.")
B = ("b", "Detention", "Tue, 10 Mar 2020 10:00:00 +0600",
     "Police detained activist Ivan Petrov in Almaty.")


@pytest.fixture
def site(monkeypatch) -> Iterator[Site]:
    monkeypatch.setenv("CASEFILE_WATCH_HOST_INTERVAL", "0")
    with serving() as news:
        yield news


def _listed() -> list[dict]:
    result = run("watch", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_add_run_list_and_remove(registry, site: Site):
    site.files["/feed.xml"] = (rss(A), "application/rss+xml")
    added = run("watch", "add", site.url("/feed.xml"), "--every", "30", "--country", "KZ",
                "--publisher", "Local news", "--as", "anna")
    assert added.exit_code == 0, added.output
    [w] = _listed()
    assert (w["url"], w["every_minutes"], w["country"], w["last_result"], w["next_run_at"]) == (
        site.url("/feed.xml"), 30, "KZ", None, None)
    first = run("watch", "run", "--format", "json", "--as", "cron")
    assert [(r["watch_id"], r["result"], r["new"]) for r in json.loads(first.output)] == [
        (w["id"], "new", 1)]
    assert "no watch is due" in run("watch", "run").output  # next due in 30 minutes
    site.files["/feed.xml"] = (rss(B, A), "application/rss+xml")
    named = run("watch", "run", str(w["id"]), "--as", "cron")
    assert named.exit_code == 0 and f"{w['id']:>4}  new  " in named.output
    assert "1 new, 0 changed, 1 unchanged" in named.output
    [w] = _listed()
    assert w["last_result"] == "new" and w["failures"] == 0 and w["next_run_at"]
    assert run("watch", "remove", str(w["id"]), "--as", "anna").exit_code == 0
    assert _listed() == []
    with db.session() as s:
        assert list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.target == f"watch:{w['id']}").order_by(AuditEntry.id))) == [
                "watch-add", "watch-remove"]


def test_a_failing_watch_is_listed_with_its_error(registry, site: Site):
    site.fail["/feed.xml"] = 502
    assert run("watch", "add", site.url("/feed.xml"), "--as", "anna").exit_code == 0
    assert "failed" in run("watch", "run", "--as", "cron").output
    table = run("watch", "list").output
    assert "failed" in table and "failures: 1" in table and "HTTP 502" in table


@pytest.mark.parametrize(("args", "why"), [
    (("watch", "add", "ftp://example.org/feed"), "http or https"),
    (("watch", "add", "https://example.org/feed", "--every", "0"), "once a minute"),
    (("watch", "remove", "99"), "no watch 99"),
    (("watch", "run", "99"), "no watch 99"),
])
def test_bad_input_is_one_line_and_changes_nothing(registry, args, why):
    before = counts()
    result = run(*args, "--as", "anna")
    assert result.exit_code == 1 and why in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert counts() == before

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


def _run(*ids: str) -> str:
    """`watch run`, and on PostgreSQL a worker to do what it queued."""
    result = run("watch", "run", *ids, "--as", "cron")
    assert result.exit_code == 0, result.output
    if db.engine().dialect.name == "postgresql":
        worker = run("watch", "worker", "--once")
        assert worker.exit_code == 0, worker.output
    return result.output


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
    _run()
    [w] = _listed()
    assert (w["last_result"], w["last_note"]) == ("new", "1 new, 0 changed, 0 unchanged")
    assert "no watch is due" in _run()  # next due in 30 minutes
    site.files["/feed.xml"] = (rss(B, A), "application/rss+xml")
    assert str(w["id"]) in _run(str(w["id"]))  # named: run now, due or not
    [w] = _listed()
    assert (w["last_result"], w["last_note"], w["failures"]) == (
        "new", "1 new, 0 changed, 1 unchanged", 0)
    assert len(site.gets("/feed.xml")) == 2
    assert run("watch", "remove", str(w["id"]), "--as", "anna").exit_code == 0
    assert _listed() == []
    with db.session() as s:
        assert list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.target == f"watch:{w['id']}").order_by(AuditEntry.id))) == [
                "watch-add", "watch-remove"]


def test_a_failing_watch_is_listed_with_its_error(registry, site: Site):
    site.fail["/feed.xml"] = 502
    assert run("watch", "add", site.url("/feed.xml"), "--as", "anna").exit_code == 0
    _run()
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

"""A killed schema upgrade leaves the registry at its old version; the next command finishes it.

A registry populated from the seeds is put back on the first schema version (0001) and
upgraded across every migration by an ordinary command (`casefile persons`), which is killed
with SIGKILL at 20 points spread over the upgrade (one inside each migration): between
statements, after a statement and before its commit. After each kill the registry is either
untouched or fully upgraded, the next command upgrades it, and every table then equals a clean
upgrade's; later commands (capture, review, persons) work. A fresh registry killed while it is
being created behaves the same (at fewer points: the same one transaction, from an empty
database). Both on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import MetaData, create_engine, select, text

from casefile.registry import db
from casefile.registry.models import Base
from tests.conftest import PG_URL, ROOT, seed
from tests.helpers import run

KILLER = Path(__file__).with_name("kill_at.py")
POINTS = 20  # for the populated registry's upgrade; a fresh registry's creation: FRESH_POINTS
FRESH_POINTS = 6
pytestmark = pytest.mark.slow  # about 80 commands, each a process of its own or a capture
Dump = dict[str, list[str]]


@dataclass
class Target:
    """One database to upgrade: its URL and the folder its home lives in."""

    url: str
    home: Path


def _env(target: Target, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env.update(CASEFILE_DATABASE_URL=target.url, CASEFILE_HOME=str(target.home),
               CASEFILE_FETCH_ALLOW_PRIVATE="1", PYTHONPATH=str(ROOT), **extra)
    return env


def _cli(target: Target, *args: str, kill_at: int = 0, log: Path | None = None):
    extra = {"CASEFILE_TEST_KILL_AT": str(kill_at)}
    if log:
        extra["CASEFILE_TEST_KILL_LOG"] = str(log)
    return subprocess.run([sys.executable, str(KILLER), *args], env=_env(target, **extra),
                          capture_output=True, text=True, timeout=300)


def dump(url: str) -> Dump:
    """Every table's schema and rows (sorted), as text, for comparing two registries."""
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            if conn.dialect.name == "sqlite":
                schema = [repr(r) for r in conn.exec_driver_sql(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")]
                tables = [r[0] for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            else:
                schema = [repr(r) for r in conn.exec_driver_sql(
                    "SELECT table_name, column_name, data_type, is_nullable, column_default "
                    "FROM information_schema.columns WHERE table_schema = current_schema() "
                    "ORDER BY 1, 2")]
                schema += [repr(r) for r in conn.exec_driver_sql(
                    "SELECT indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = current_schema() ORDER BY 1")]
                schema += [repr(r) for r in conn.exec_driver_sql(
                    "SELECT trigger_name, event_manipulation, action_statement "
                    "FROM information_schema.triggers "
                    "WHERE trigger_schema = current_schema() ORDER BY 1, 2")]
                tables = [r[0] for r in conn.exec_driver_sql(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = current_schema() ORDER BY 1")]
                here = conn.exec_driver_sql("SELECT current_schema()").scalar()
                schema = [line.replace(f"{here}.", "") for line in schema]  # each test's own
            out = {"schema": schema}
            for table in tables:
                rows = conn.exec_driver_sql(f'SELECT * FROM "{table}"').all()
                out[table] = sorted(repr(tuple(r)) for r in rows)
            return out
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def head_rows(tmp_path_factory) -> dict[str, list[dict]]:
    """Rows of a registry built by capturing the seeds at the newest schema."""
    home = tmp_path_factory.mktemp("seeded")
    target = Target(f"sqlite:///{home / 'seeded.db'}", home)
    for prefix, trusted in (("000", True), ("002", True), ("004", False)):
        r = _cli(target, "capture", str(seed(prefix)), *(["--trusted"] if trusted else []))
        assert r.returncode == 0, r.stderr
    eng = create_engine(target.url)
    with eng.connect() as conn:
        rows = {t.name: [dict(r._mapping) for r in conn.execute(select(t))]
                for t in Base.metadata.sorted_tables}
    eng.dispose()
    assert rows["persons"] and rows["claims"] and rows["person_names"]
    return rows


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, pg_ok) -> Iterator[Callable[[str], Target]]:
    """Makes empty databases of one kind (a file, or a schema of its own) and drops them."""
    schemas: list[str] = []
    admin = None

    def make(name: str) -> Target:
        nonlocal admin
        home = tmp_path / name
        home.mkdir()
        if request.param == "sqlite":
            return Target(f"sqlite:///{home / 'casefile.db'}", home)
        schema = "k_" + uuid.uuid4().hex[:12]
        admin = admin or create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        return Target(f"{PG_URL}?options=-csearch_path%3D{schema}", home)

    if request.param == "postgresql" and not pg_ok:
        pytest.skip("PostgreSQL not reachable")
    yield make
    if admin is not None:
        for schema in schemas:  # one at a time: a schema's objects take a lock each
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _old_registry(target: Target, rows: dict[str, list[dict]]) -> None:
    """The seeded registry as the first schema version held it: schema 0001 (run by alembic
    itself, not by casefile), the rows of the columns it had, and matching keys as an older
    names layer left them (so that 0005 has keys to recompute)."""
    command.upgrade(db.alembic_config(target.url), "0001")
    eng = create_engine(target.url)
    meta = MetaData()
    with eng.begin() as conn:
        meta.reflect(conn)
        if conn.dialect.name == "postgresql":  # rows go in table by table: no FK order
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        for name, table in meta.tables.items():
            if name == "alembic_version" or not rows.get(name):
                continue
            keep = [dict((k, v) for k, v in r.items() if k in table.c) for r in rows[name]]
            if name == "person_names":
                keep = [{**r, "key": "old " + r["key"]} for r in keep]
            conn.execute(table.insert(), keep)
            if conn.dialect.name == "postgresql" and "id" in table.c and name != "claims":
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                     f"(SELECT max(id) FROM {name}))")
    eng.dispose()


def _kill_points(log: Path, points: int, every_migration: bool) -> list[int]:
    """At least `points` events (numbered from 1) from the command's first statement to the
    upgrade's commit: the commit itself, the first migration's middle, one inside each
    migration when `every_migration` (whatever migrations there are), the rest spread
    evenly."""
    events = [line.split("\t", 2) for line in log.read_text(encoding="utf-8").splitlines()]
    numbers = [int(n) for n, _kind, _stmt in events]
    versions = [i for i, (_n, _kind, stmt) in enumerate(events)
                if "alembic_version" in stmt and stmt.split()[0] in ("UPDATE", "INSERT")]
    commit = next(i for i in range(versions[-1], len(events)) if events[i][1] == "commit")
    assert commit + 1 >= points, f"only {commit + 1} events up to the upgrade's commit"
    middles = [numbers[(a + b) // 2] for a, b in zip([0, *versions], versions, strict=False)]
    must = {numbers[commit], *(middles if every_migration else middles[:1])}
    extra = points - len(must)
    while len(chosen := must | {numbers[round(k * commit / max(extra - 1, 1))]
                                for k in range(extra)}) < points:
        extra += 1
    return sorted(chosen)


def _state(now: Dump, clean: Dump, before: Dump | None) -> str:
    """Where a killed upgrade left the registry: at its old version (a registry that did not
    exist may be an empty file or schema), fully upgraded, or somewhere in between."""
    if now == clean:
        return "upgraded"
    if now == before or (before is None and not now["schema"] and len(now) == 1):
        return "old"
    return "half-upgraded"


def _kill_and_finish(make, prepare, clean: Dump, before: Dump | None, points: int,
                     every_migration: bool) -> None:
    probe = make("probe")
    prepare(probe)
    log = probe.home / "events.log"
    assert _cli(probe, "persons", log=log).returncode == 0
    targets = []
    for point in _kill_points(log, points, every_migration):
        target = make(f"kill{point}")
        targets.append(target)
        prepare(target)
        killed = _cli(target, "persons", kill_at=point)
        assert killed.returncode == -9, (point, killed.stderr)
        assert _state(dump(target.url), clean, before) in ("old", "upgraded"), point
        assert _command(target, "persons") == 0  # the next command finishes the upgrade
        assert dump(target.url) == clean, point
    # Later commands work: once, on one killed mid-upgrade (every one now equals the clean
    # upgrade table by table, so one stands for all).
    target = targets[len(targets) // 2]
    note = target.home / "new.txt"
    note.write_text("Political prisoners:\n1. Алесь Стральцоў – 2 years in a penal colony.\n",
                    encoding="utf-8")
    for args in (("capture", str(note)), ("review",), ("persons", "--format", "json")):
        assert _command(target, *args) == 0, args
    resumed = _cli(target, "persons")  # and in a process of its own
    assert resumed.returncode == 0 and "Traceback" not in resumed.stderr, resumed.stderr


def _command(target: Target, *args: str) -> int:
    """Run one command in this process, on `target`, as a new process would (no engine kept
    from before); an exception fails the test."""
    saved = {k: os.environ.get(k) for k in ("CASEFILE_DATABASE_URL", "CASEFILE_HOME")}
    os.environ.update(CASEFILE_DATABASE_URL=target.url, CASEFILE_HOME=str(target.home))
    try:
        code = run(*args).exit_code
        db.engine(target.url).dispose()
        db.loop_engine(target.url).dispose()
        return code
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        db.engine.cache_clear()
        db.loop_engine.cache_clear()
        db._sessionmaker.cache_clear()


def test_killed_upgrade_of_a_populated_registry(database, head_rows):
    clean_target = database("clean")
    _old_registry(clean_target, head_rows)
    before = dump(clean_target.url)
    assert _cli(clean_target, "persons").returncode == 0
    clean = dump(clean_target.url)
    assert clean["person_names"] != before["person_names"]  # the upgrade changed data too
    _kill_and_finish(database, lambda t: _old_registry(t, head_rows), clean, before, POINTS,
                     every_migration=True)


def test_killed_creation_of_a_fresh_registry(database):
    clean_target = database("clean")
    assert _cli(clean_target, "persons").returncode == 0
    _kill_and_finish(database, lambda _t: None, dump(clean_target.url), None, FRESH_POINTS,
                     every_migration=False)


def test_commands_started_together_upgrade_once(database, head_rows):
    """Three commands opening one old registry at once: one upgrades, the others wait for it
    and find the work done (on today's code the others failed on half-made tables)."""
    clean_target = database("clean")
    _old_registry(clean_target, head_rows)
    assert _cli(clean_target, "persons").returncode == 0
    target = database("together")
    _old_registry(target, head_rows)
    procs = [subprocess.Popen([sys.executable, str(KILLER), "persons"], env=_env(target),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    assert dump(target.url) == dump(clean_target.url)

"""`casefile backup` / `restore` / `verify` on SQLite and PostgreSQL (issue 13, item 6).

`cp c.db` under a running server lost committed sources, and nothing ever re-hashed the
evidence blobs. These tests back up a registry while 20 readers query it and an editor
captures, restore it into a fresh home, and check that the copy equals the source registry
as it stood after one of the editor's commits, table by table and blob by blob.
"""

from __future__ import annotations

import os
import threading
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text

from casefile import settings
from casefile.backup.report import report
from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Person, Source
from casefile.reports import list_rows
from casefile.sources import blobs
from tests.conftest import PG_URL, seed
from tests.helpers import run
from tests.web.conftest import LiveServer

READERS = 20  # half through the running web server's public routes, half by direct queries
PUBLIC = ["/", "/persons", "/persons.json", "/prisoners", "/search?q=article", "/sources/1",
          "/sources/1.json", "/api/v1/stats"]


def _documents(tmp_path: Path, n: int) -> list[Path]:
    """n distinct documents (distinct bytes, so distinct sources) from the seeds."""
    texts = [seed(p).read_text(encoding="utf-8") for p in ("000", "001", "003")]
    tmp_path.mkdir(exist_ok=True)
    out = []
    for i in range(n):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(f"{texts[i % len(texts)]}\nCopy {i} of the report.\n", encoding="utf-8")
        out.append(path)
    return out


@pytest.fixture
def fresh_home(registry, tmp_path, monkeypatch):
    """Returns a function that points CASEFILE_* at a new, empty home (and database)."""
    created: list[tuple[str, str]] = []

    def point() -> str:
        home = tmp_path / f"restored-{uuid.uuid4().hex[:6]}"
        monkeypatch.setenv("CASEFILE_HOME", str(home))
        if registry.startswith("sqlite"):
            url = f"sqlite:///{home / 'casefile.db'}"
        else:
            # Another database, with another schema name: the dump's schema is renamed.
            name = "r_" + uuid.uuid4().hex[:12]
            with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            created.append((name, ""))
            base = PG_URL.rsplit("/", 1)[0]
            url = f"{base}/{name}?options=-csearch_path%3Drestored"
        monkeypatch.setenv("CASEFILE_DATABASE_URL", url)
        return url

    yield point
    _dispose_all()
    for name, _ in created:
        with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _dispose_all() -> None:
    db.engine.cache_clear()
    db.loop_engine.cache_clear()
    db._sessionmaker.cache_clear()


def _report(url: str, root: Path):
    eng = create_engine(url)
    try:
        return report(eng, root)
    finally:
        eng.dispose()


def test_backup_under_load_restores_the_registry_as_of_one_commit(registry, fresh_home,
                                                                  tmp_path, monkeypatch):
    # The readers stand for many visitors, all from one loopback address: the limit on
    # searches per address is off, or a fast server answers the later ones with 429.
    monkeypatch.setenv("CASEFILE_RATE_EXPENSIVE", "0")
    docs = _documents(tmp_path, 8)
    capture(str(docs[0]), trusted=True)  # trusted: its claims, and so the source, are public
    with db.session() as s:  # today's list built, as `casefile serve` does before it serves:
        list_rows.ready(s)  # from here on it changes only in the editor's commits
    root = settings.blob_dir()
    states = [_report(registry, root)]  # the registry after each of the editor's commits
    stop = threading.Event()
    errors: list[BaseException] = []
    reads = [0] * READERS
    server = LiveServer(registry, tmp_path / "home")
    two_captured = threading.Event()

    def reader(i: int) -> None:
        try:
            with httpx.Client(base_url=server.base, timeout=60) as web:
                while not stop.is_set():
                    if i % 2:
                        page = web.get(PUBLIC[reads[i] % len(PUBLIC)])
                        assert page.status_code == 200, (page.url, page.status_code)
                    else:
                        with db.session() as s:
                            s.scalar(select(func.count()).select_from(Source))
                            s.execute(select(Person.id, Person.display_name).limit(50)).all()
                    reads[i] += 1
                    stop.wait(0.005)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    def editor() -> None:
        try:
            for n, doc in enumerate(docs[1:], start=1):
                capture(str(doc), actor="editor", trusted=True)
                states.append(_report(registry, root))
                if n == 2:
                    two_captured.set()
        except BaseException as exc:
            errors.append(exc)
            two_captured.set()

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    threads.append(threading.Thread(target=editor))
    archive = tmp_path / "registry.backup"
    with server:
        for t in threads:
            t.start()
        two_captured.wait(120)
        result = run("backup", str(archive))
        threads[-1].join(300)
        stop.set()
        for t in threads[:-1]:
            t.join(60)
    assert not errors, errors
    assert result.exit_code == 0, result.output
    assert all(reads), "every reader ran during the test"
    assert len(states) == len(docs)

    url = fresh_home()
    restored = run("restore", str(archive))
    assert restored.exit_code == 0, restored.output
    checked = run("verify")
    assert checked.exit_code == 0, checked.output
    assert "no problems" in checked.output

    got = _report(url, settings.blob_dir())
    # Consistent: exactly the registry as one of the editor's commits left it, rows and blobs.
    matches = [i for i, state in enumerate(states) if state == got]
    assert matches, "the restored registry equals no committed state of the source"
    assert matches[0] >= 2, "the backup was taken after the editor's second capture"
    # Byte-identical evidence: every restored blob has the source's bytes.
    for sha in got.blobs:
        assert blobs.path(sha).read_bytes() == blobs.path(sha, root).read_bytes()
    # and the restored registry goes on working: ids, triggers and search as before.
    more = run("capture", str(_documents(tmp_path / "more", 9)[-1]))
    assert more.exit_code == 0, more.output
    assert run("verify").exit_code == 0


def test_verify_reports_a_flipped_byte_in_one_blob(registry, tmp_path):
    docs = _documents(tmp_path, 3)
    for doc in docs:
        capture(str(doc))
    ok = run("verify")
    assert ok.exit_code == 0, ok.output
    with db.session() as s:
        source_id, sha = s.execute(select(Source.id, Source.sha256).order_by(Source.id)
                                   .offset(1).limit(1)).one()
    path = blobs.path(sha)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    bad = run("verify")
    assert bad.exit_code == 1
    problems = [line for line in bad.output.splitlines() if line.startswith("problem:")]
    assert problems == [f"problem: source {source_id}: blob {sha} is corrupted (its bytes "
                        f"hash to {blobs.sha256_hex(bytes(data))})"]


def test_verify_reports_a_missing_blob_and_a_removed_audit_trigger(registry, tmp_path):
    capture(str(_documents(tmp_path, 1)[0]))
    with db.session() as s:
        source_id, sha = s.execute(select(Source.id, Source.sha256)).one()
    blobs.path(sha).unlink()
    with db.engine().begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")
    bad = run("verify")
    assert bad.exit_code == 1
    assert f"problem: source {source_id}: blob {sha} is missing" in bad.output
    assert "problem: audit log: trigger audit_log_" in bad.output


def test_restore_refuses_a_home_that_is_not_empty(registry, tmp_path):
    capture(str(_documents(tmp_path, 1)[0]))
    archive = tmp_path / "b"
    assert run("backup", str(archive)).exit_code == 0
    before = _report(registry, settings.blob_dir())
    refused = run("restore", str(archive))
    assert refused.exit_code == 1
    assert "not empty" in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    assert _report(registry, settings.blob_dir()) == before


def test_postgresql_restore_refuses_a_database_holding_the_dumped_schema(registry, tmp_path,
                                                                          monkeypatch):
    """The dump recreates its own schema, then renames it: a database that already has a
    schema of that name (here: the source registry's own) is refused before anything."""
    if registry.startswith("sqlite"):
        pytest.skip("schemas are PostgreSQL's")
    capture(str(_documents(tmp_path, 1)[0]))
    archive = tmp_path / "b"
    assert run("backup", str(archive)).exit_code == 0
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path / "other"))
    schema = "t_" + uuid.uuid4().hex[:12]
    monkeypatch.setenv("CASEFILE_DATABASE_URL", f"{PG_URL}?options=-csearch_path%3D{schema}")
    refused = run("restore", str(archive))
    assert refused.exit_code == 1
    assert "exists in the target database" in refused.output
    assert not list((tmp_path / "other").rglob("*/*"))
    with create_engine(PG_URL).connect() as conn:
        assert not conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :s"),
                                {"s": schema}).first()


def test_verify_without_a_registry_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path / "nothing"))
    monkeypatch.delenv("CASEFILE_DATABASE_URL", raising=False)
    result = run("verify")
    assert result.exit_code == 1
    assert result.output == f"error: no registry at {tmp_path / 'nothing' / 'casefile.db'}\n"


def test_backup_of_postgresql_without_pg_dump_is_a_clear_error(registry, tmp_path,
                                                               monkeypatch):
    if registry.startswith("sqlite"):
        pytest.skip("pg_dump is for PostgreSQL")
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump here
    result = run("backup", str(tmp_path / "b"))
    assert result.exit_code == 1
    assert result.output.startswith("error: pg_dump is not installed")
    assert not (tmp_path / "b").exists()


def test_verify_reports_rows_that_lost_their_source(registry, tmp_path):
    """SQLite's foreign_key_check: a source deleted behind the registry's back (foreign keys
    off) leaves claims pointing nowhere; verify names them."""
    if not registry.startswith("sqlite"):
        pytest.skip("PostgreSQL enforces foreign keys itself")
    capture(str(_documents(tmp_path, 1)[0]))
    raw = create_engine(registry)
    with raw.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql("DELETE FROM sources")
    raw.dispose()
    bad = run("verify")
    assert bad.exit_code == 1
    assert "problem: database: claims row 1 refers to a missing sources row" in bad.output
    assert "note: 1 blobs belong to no source" in bad.output


def test_backup_of_a_registry_missing_a_blob_warns_and_keeps_the_rest(registry, fresh_home,
                                                                      tmp_path):
    for doc in _documents(tmp_path, 2):
        capture(str(doc))
    with db.session() as s:
        lost = s.scalars(select(Source.sha256).order_by(Source.id)).first()
    blobs.path(lost).unlink()
    archive = tmp_path / "b"
    made = run("backup", str(archive))
    assert made.exit_code == 1
    assert f"warning: blob {lost} is missing from the store: not in the backup" in made.output
    assert "1 blobs" in made.output
    fresh_home()
    assert run("restore", str(archive)).exit_code == 0
    checked = run("verify")
    assert checked.exit_code == 1
    assert f"blob {lost} is missing" in checked.output

"""Shared fixtures: a fresh registry per test, on SQLite and on a real PostgreSQL server.

Every registry test runs twice, once per database. PostgreSQL tests get a schema of their own
(dropped afterwards); without a server they are skipped, unless CASEFILE_REQUIRE_POSTGRES=1
(as in CI), where a missing server is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from casefile.registry import db

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"
GOLD = ROOT / "samples" / "gold"
PG_URL = os.environ.get("CASEFILE_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def _loopback_fetch(monkeypatch) -> None:
    """Tests serve URLs from 127.0.0.1, which capture refuses by default."""
    monkeypatch.setenv("CASEFILE_FETCH_ALLOW_PRIVATE", "1")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _pg_available() -> bool:
    try:
        with create_engine(PG_URL, connect_args={"connect_timeout": 3}).connect():
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_ok() -> bool:
    ok = _pg_available()
    if not ok and os.environ.get("CASEFILE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL required but not reachable at {PG_URL}")
    return ok


@pytest.fixture(params=["sqlite", "postgresql"])
def registry(request, tmp_path, monkeypatch, pg_ok) -> Iterator[str]:
    """A fresh, migrated registry; CASEFILE_* points the CLI and library at it."""
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path / "home"))
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'registry.db'}"
    else:
        if not pg_ok:
            pytest.skip("PostgreSQL not reachable")
        schema = "t_" + uuid.uuid4().hex[:12]
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("CASEFILE_DATABASE_URL", url)
    db.engine(url)
    yield url
    db.engine(url).dispose()
    db.loop_engine(url).dispose()
    db.engine.cache_clear()
    db.loop_engine.cache_clear()
    db._sessionmaker.cache_clear()
    if schema:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

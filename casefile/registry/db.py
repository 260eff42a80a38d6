"""Opening the registry: one engine per URL, schema brought to the newest migration on open.

SQLite is the embedded default (WAL, foreign keys on, a busy timeout so the web server and
the CLI can share one file); PostgreSQL when CASEFILE_DATABASE_URL names one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from casefile import settings

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@cache
def engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the configured one), migrated to head."""
    url = url or settings.database_url()
    if url.startswith("sqlite"):
        # A local file: no connection to go stale, so no ping per checkout; and a pool as
        # large as the web server's thread pool, so connections past the default five are
        # kept, not reopened (and their PRAGMAs rerun) on every busy request.
        eng = create_engine(url, pool_size=20, max_overflow=20)
    else:
        eng = create_engine(url, pool_pre_ping=True)
    if eng.dialect.name == "sqlite":
        event.listen(eng, "connect", _sqlite_pragmas)
    upgrade(eng)
    refresh_statistics(eng)
    return eng


def refresh_statistics(eng: Engine) -> None:
    """Give SQLite's planner row counts to plan with. Without them it guessed that
    `claims.state = 'accepted'` (half the table) narrows as well as `group_key = ?` (a few
    rows), and a person page took 60 ms instead of 3. Sampled (analysis_limit), it costs about
    10 ms at 200,000 claims, so it runs on open and after each capture. PostgreSQL's autovacuum
    keeps its own statistics."""
    if eng.dialect.name != "sqlite":
        return
    with eng.begin() as conn:
        conn.exec_driver_sql("PRAGMA analysis_limit=1000")
        conn.exec_driver_sql("ANALYZE")


def upgrade(eng: Engine) -> None:
    cfg = alembic_config(eng.url.render_as_string(hide_password=False))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with eng.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        with eng.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


@cache
def _sessionmaker(url: str | None) -> sessionmaker[Session]:
    return sessionmaker(engine(url), expire_on_commit=False)


def session(url: str | None = None) -> Session:
    return _sessionmaker(url)()


@contextmanager
def transaction(url: str | None = None) -> Iterator[Session]:
    """A session whose work is committed together or not at all."""
    with session(url) as s, s.begin():
        yield s

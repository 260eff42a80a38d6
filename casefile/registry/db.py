"""Opening the registry: one engine per URL, schema brought to the newest migration on open.

SQLite is the embedded default (WAL, foreign keys on, a busy timeout so the web server and
the CLI can share one file); PostgreSQL when CASEFILE_DATABASE_URL names one.
"""

from __future__ import annotations

import json
import logging
import re
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import orjson
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from casefile import private_files, settings
from casefile.errors import RegistryError, SettingsError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)


# SQLite's page cache is per connection (2 MB by default), and a web server process keeps up
# to twice CASEFILE_DB_POOL connections: 30 MB of its memory after a minute of load (issue 16:
# 150 MB a process). Pages not kept are read again from the operating system's file cache,
# which costs microseconds and is shared by every process.
CACHE_KB = 512


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA cache_size=-{CACHE_KB}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def read_json(text: str | bytes) -> Any:
    """A JSON column's value. orjson reads a list page's hundred rows (80 kB of JSON) in a
    third of the standard library's time, but it reads an integer beyond 64 bits as a float
    (a changed value), and refuses NaN, which `json.dumps` writes by default: text with a
    number that long (19 digits or more in a row), or that orjson refuses, is read by the
    standard library. The digits are found by translating bytes, not by a regular
    expression, which cost more than reading the JSON."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if _LONG_NUMBER not in data.translate(_DIGITS):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)


_DIGITS = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))  # a digit "0", else " "
_LONG_NUMBER = b"0" * 19  # 2**63 has 19 digits


def _create(url: str, **options: Any) -> Engine:
    if url.startswith("sqlite"):
        _sqlite_file(url)
        # A local file: no connection to go stale, so no ping per checkout.
        eng = create_engine(url, json_deserializer=read_json, **options)
        event.listen(eng, "connect", _sqlite_pragmas)
        return eng
    return create_engine(url, pool_pre_ping=True, json_deserializer=read_json, **options)


def _sqlite_file(url: str) -> None:
    """Refuse a database folder that does not exist (SQLite's own error is a traceback saying
    "unable to open database file"), and create a missing database file 0600 before SQLite
    does with the umask's 0644: its -wal and -shm files take the database file's mode."""
    name = make_url(url).database
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name).expanduser()
    if not path.parent.is_dir():
        raise SettingsError(f"the database folder {path.parent} does not exist "
                            "(CASEFILE_DATABASE_URL): create it or name another")
    try:
        private_files.create_file(path)
    except OSError as exc:
        raise SettingsError(f"cannot create the database {path}: {exc.strerror}") from None


@cache
def engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the configured one), migrated to head."""
    url = url or settings.database_url()
    # Today's list is kept in the registry and brought up to date in the transaction of each
    # change (casefile.reports.list_rows): every process that writes needs its commit hook.
    from casefile.reports import list_rows
    list_rows.install()
    # A pool as large as the web server's thread pool, so connections past the default five
    # are kept, not reopened (and their PRAGMAs rerun) on every busy request.
    size = settings.db_pool()
    eng = _create(url, pool_size=size, max_overflow=size)
    upgrade(eng)
    if eng.dialect.name == "sqlite" and not _has_statistics(eng):
        refresh_statistics(eng)
    return eng


@cache
def loop_engine(url: str | None = None) -> Engine:
    """A second engine, with a pool of its own, for code that runs on the web server's event
    loop. Requests in the thread pool give their connections back only when the loop lets
    them finish; a loop waiting for a connection from their pool would wait for itself. The
    loop runs one piece of code at a time, so two connections are plenty.

    For reading only. On PostgreSQL its connections are read-only (a write fails at once)
    and run each statement in a transaction of its own: the statements the driver prepares
    after five uses then stay prepared. psycopg forgets them at every ROLLBACK, which ended
    each page's transaction, so every statement of every dossier was parsed and planned
    anew (about half the database's time for a person page at 100,000 persons). Under READ
    COMMITTED each statement saw its own snapshot already, so the pages read the same."""
    writer = engine(url)  # migrated; by the same argument, so the same engine
    url = url or settings.database_url()
    if url.startswith("sqlite"):
        return _create(url, pool_size=2, max_overflow=2)
    reading = _create(url, pool_size=2, max_overflow=2, isolation_level="AUTOCOMMIT")
    event.listen(reading, "connect", _read_only)
    _WRITERS[reading] = writer
    return reading


def _read_only(dbapi_connection: Any, _record: Any) -> None:
    """Make a new PostgreSQL connection read-only for its whole life. Set by a statement, not
    in the URL's `options`: given there, libpq would ignore PGOPTIONS and a service file's."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET outside a transaction lasts
    dbapi_connection.execute("SET default_transaction_read_only = on")
    dbapi_connection.autocommit = autocommit


_WRITERS: dict[Engine, Engine] = {}  # each read-only loop engine's registry engine


def writing(s: Session) -> Engine | Connection:
    """What writes to the registry `s` reads: its own bind, or for a session of the event
    loop's read-only engine (loop_engine) the registry's engine. For work a reader starts in
    a transaction of its own, such as rebuilding the kept list."""
    bind = s.get_bind()
    return _WRITERS.get(bind, bind) if isinstance(bind, Engine) else bind


def _has_statistics(eng: Engine) -> bool:
    with eng.connect() as conn:
        return bool(conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first())


def refresh_statistics(eng: Engine) -> None:
    """Give SQLite's planner row counts to plan with. Without them it guessed that
    `claims.state = 'accepted'` (half the table) narrows as well as `group_key = ?` (a few
    rows), and a person page took 60 ms instead of 3. Sampled (analysis_limit), it costs about
    10 ms at 200,000 claims; it runs after each capture (the data changed) and on open when
    there are none. It writes, so it may find the registry locked by a long capture, or
    read-only: statistics are an optimisation, and then it leaves them as they are.
    PostgreSQL's autovacuum keeps its own statistics."""
    if eng.dialect.name != "sqlite":
        return
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
    except OperationalError as exc:
        log.warning("planner statistics not refreshed: %s", exc.orig)


# Held by the process that upgrades a PostgreSQL registry, so that two commands started at
# once on an old registry upgrade it one after the other (the second finds it done).
_UPGRADE_LOCK = 0x43415346


def upgrade(eng: Engine) -> None:
    """Bring the registry to the newest migration, all of it or nothing.

    Every pending migration runs in one transaction, committed with the new version number:
    a command killed half-way leaves the registry at its old version and the next one starts
    again. PostgreSQL's DDL is transactional as it is. SQLite's is too, but Python's sqlite3
    driver (legacy transaction control, before 3.16) sends no BEGIN before DDL, so each CREATE
    committed on its own and a killed upgrade left half-made tables ("table name_blocks
    already exists" ever after). The upgrade therefore gets a connection of its own on which
    SQLAlchemy, not the driver, begins the transaction (SQLAlchemy's documented recipe), with
    BEGIN IMMEDIATE so that a second process waits for the first instead of upgrading too.
    Foreign keys are off on that connection, as SQLite's procedure for schema changes asks
    (a table rebuilt by a batch migration is dropped while others still refer to it), and
    checked before the commit."""
    try:
        with eng.connect() as conn:
            current = _stored_revision(conn)
    except OperationalError as exc:  # server down, wrong credentials, unreadable file
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise RegistryError(f"cannot open the registry "
                            f"{eng.url.render_as_string(hide_password=True)}: {reason}") from None
    if current is not None and current == newest_revision():
        return
    # Only now alembic (with mako and pygments, 8 MB a process): most opens find the registry
    # at the newest revision, and a web server process never needs it after that.
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config(eng.url.render_as_string(hide_password=False))
    scripts = ScriptDirectory.from_config(cfg)
    if current == scripts.get_current_head():
        return
    if current is not None and current not in {r.revision for r in scripts.walk_revisions()}:
        raise RegistryError(f"the registry's schema is at revision {current}, which this "
                            f"version of Casefile does not know: a newer one upgraded it")
    command.upgrade(cfg, "head")  # migrations/env.py runs it in `migration_transaction`


def _stored_revision(conn: Connection) -> str | None:
    """The revision alembic recorded in the registry (None: a new registry)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


_REVISION = re.compile(r"^(down_)?revision\b[^=\n]*=\s*['\"]?(\w+)", re.M)


@cache
def newest_revision() -> str | None:
    """The newest migration's revision, read from the `revision = ` and `down_revision = `
    lines of the migration files, without alembic (which reads the same files by importing
    them). None when they do not name exactly one newest revision: alembic then decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, name in _REVISION.findall(path.read_text(encoding="utf-8")):
            (parents if down else revisions).add(name)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


@contextmanager
def migration_transaction(url: str) -> Iterator[Connection]:
    """The one transaction every migration runs in (see `upgrade`), on a connection of its
    own: committed when the block ends, rolled back if it raises or never ends."""
    migrator = _migration_engine(url)
    try:
        with migrator.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_UPGRADE_LOCK})")
            yield conn
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken:
                    raise RegistryError(f"the schema upgrade would break references in "
                                        f"table {broken[0]}; the registry was left as it was")
    finally:
        migrator.dispose()


def _migration_engine(url: str) -> Engine:
    """An engine of one connection, not pooled, for `upgrade`: see there why."""
    if not url.startswith("sqlite"):
        return create_engine(url, poolclass=NullPool)
    eng = create_engine(url, poolclass=NullPool)

    @event.listens_for(eng, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # the driver begins nothing by itself
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.execute("PRAGMA busy_timeout=600000")  # another process may be upgrading
        cur.close()

    @event.listens_for(eng, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return eng


@cache
def _sessionmaker(url: str | None, on_loop: bool = False) -> sessionmaker[Session]:
    return sessionmaker(loop_engine(url) if on_loop else engine(url), expire_on_commit=False)


def session(url: str | None = None, on_loop: bool = False) -> Session:
    """A session; `on_loop=True` for code on the web server's event loop (see loop_engine)."""
    return _sessionmaker(url, on_loop)()


def end_reading(s: Session) -> None:
    """End a transaction that only read with COMMIT rather than leave it to the session's
    close, which rolls it back: psycopg forgets (and deallocates) the statements it has
    prepared at every ROLLBACK, so the statements of a list or search page were parsed and
    planned anew on each visit (a list page's rows: 0.8-1.5 ms of planning for 1.3 of work
    at 100,000 persons). Anything the session still holds unflushed is left to the rollback,
    as it would have been. SQLite is left as it is (its driver begins nothing to read)."""
    if (s.get_bind().dialect.name == "postgresql" and s.in_transaction()
            and not (s.new or s.dirty or s.deleted)):
        s.commit()


def reader(s: Session) -> Connection:
    """The session's connection, once what the session holds is flushed (as its own execute
    would), for statements that select columns: run on the connection, they skip the ORM's
    result handling, which costs more than a query by primary key or index (about 150 µs a
    statement; a person page runs several)."""
    if s.autoflush:
        s.flush()
    return s.connection()


# The newest audit-log id is the registry's version (casefile.registry.audit.version): the list
# and the public pages are kept until it changes. PostgreSQL hands out ids when rows are
# inserted, not when transactions commit, so two writers could commit ids 11 then 10, and a
# page built between the two would be kept under 11 though 10's change came after it. So a
# writer takes this lock before its first write (the first flush) and holds it to its end:
# ids are handed out in commit order. Writers wait for each other, which a registry edited by
# a handful of people can afford; taking it before any row is written means no deadlock.
# SQLite has one writer at a time anyway.
_VERSION_LOCK = 0x43415345  # any constant, the same in every process
T = TypeVar("T")


@event.listens_for(Session, "before_flush")
def _serialise_writers(session: Session, _context: object, _instances: object) -> None:
    if session.get_transaction() is None or session.get_bind().dialect.name != "postgresql":
        return

    def lock() -> bool:
        session.connection().exec_driver_sql(f"SELECT pg_advisory_xact_lock({_VERSION_LOCK})")
        return True

    per_transaction(session, "version_lock", lock)


def per_transaction(session: Session, key: str, make: Callable[[], T]) -> T:
    """`make()` once per transaction of `session`: kept in `session.info[key]` beside a weak
    reference to the transaction it was made in (a strong one would be a cycle, the
    transaction holding its session, that only the garbage collector frees). Made again in
    the next transaction, and every time when `make` leaves no transaction open."""
    kept = session.info.get(key)
    transaction = session.get_transaction()
    if kept is not None and transaction is not None and kept[0]() is transaction:
        return cast("T", kept[1])
    value = make()
    current = session.get_transaction()
    if current is not None:
        session.info[key] = (weakref.ref(current), value)
    return value


@contextmanager
def transaction(url: str | None = None) -> Iterator[Session]:
    """A session whose work is committed together or not at all."""
    with session(url) as s, s.begin():
        yield s

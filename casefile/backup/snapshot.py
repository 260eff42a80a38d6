"""A consistent copy of the database taken while the server runs, and what it references.

SQLite: the backup API copies every page under one read transaction, so the copy is the
registry as of one commit, however many readers and writers are busy (WAL lets both go on).
PostgreSQL: one repeatable-read transaction exports its snapshot; `pg_dump --snapshot` dumps
exactly that state and the list of blobs is read in the same transaction. Either way the
blobs named by the copy are on disk already, because a capture stores its blob before it
commits its row; a blob written after the snapshot is not needed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from casefile.backup import BackupError, ident


@dataclass(frozen=True)
class Snapshot:
    dialect: str
    database: Path  # the copy: an SQLite file or a pg_dump custom-format file
    schema_revision: str
    blobs: list[str]  # sha256 of every blob the copy references
    tables: dict[str, int]  # row count per table
    pg_schema: str | None = None


def take(eng: Engine, folder: Path) -> Snapshot:
    """Copy the registry behind `eng` into `folder` (a private, empty folder)."""
    if eng.dialect.name == "sqlite":
        return _sqlite(eng, folder)
    if eng.dialect.name == "postgresql":
        try:
            return _postgresql(eng, folder)
        except DBAPIError as exc:
            raise BackupError(f"the PostgreSQL registry could not be read: "
                              f"{str(exc.orig).splitlines()[0]}") from None
    raise BackupError(f"backup of a {eng.dialect.name} database is not supported")


def sqlite_path(eng: Engine) -> Path:
    name = eng.url.database
    if not name or name == ":memory:":
        raise BackupError("an in-memory SQLite registry cannot be backed up or restored")
    return Path(name)


def _sqlite(eng: Engine, folder: Path) -> Snapshot:
    copy = folder / "registry.sqlite3"
    path = sqlite_path(eng)
    if not path.is_file():
        raise BackupError(f"no registry at {path}")
    src = sqlite3.connect(path, timeout=30)
    try:
        dst = sqlite3.connect(copy)
        try:
            # pages=-1: all pages in one step, under one read transaction.
            src.backup(dst, pages=-1)
            # The copy is the archive's, never opened by a server: a single file, no WAL.
            dst.execute("PRAGMA journal_mode=DELETE")
            problems = [r[0] for r in dst.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(f"the registry's database fails its integrity check: "
                                  f"{problems[0]} (run `casefile verify`)")
            revision = _scalar(dst, "SELECT version_num FROM alembic_version")
            blobs = [r[0] for r in dst.execute("SELECT sha256 FROM sources ORDER BY sha256")]
            tables = {t: int(dst.execute(f"SELECT count(*) FROM {ident(t)}")  # noqa: S608
                             .fetchone()[0]) for t in _sqlite_tables(dst)}
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"the SQLite registry could not be copied: {exc}") from None
    finally:
        src.close()
    os.chmod(copy, 0o600)
    return Snapshot("sqlite", copy, str(revision), blobs, tables)


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def _scalar(conn: sqlite3.Connection, sql: str) -> object:
    row = conn.execute(sql).fetchone()
    return row[0] if row else None


def libpq_env(eng: Engine) -> dict[str, str]:
    """Connection settings for pg_dump / psql as libpq variables: the password stays out of
    the process list, and `options` (a search_path) is passed on."""
    url = make_url(eng.url.render_as_string(hide_password=False))
    env = dict(os.environ)
    for var, value in (("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.username),
                       ("PGPASSWORD", url.password), ("PGDATABASE", url.database)):
        if value is not None:
            env[var] = str(value)
    options = url.query.get("options")
    if options:
        env["PGOPTIONS"] = options if isinstance(options, str) else " ".join(options)
    return env


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools are needed to "
                          f"back up and restore a PostgreSQL registry)")
    return found


def _postgresql(eng: Engine, folder: Path) -> Snapshot:
    pg_dump = tool("pg_dump")
    copy = folder / "registry.pgdump"
    with eng.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        snapshot_id = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
        run = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--schema={schema}",
             "--no-owner", "--no-acl", f"--file={copy}"],
            env=libpq_env(eng), capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise BackupError(f"pg_dump failed: {first_error(run.stderr)}")
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        blobs = list(conn.exec_driver_sql("SELECT sha256 FROM sources ORDER BY sha256")
                     .scalars())
        tables = _pg_counts(conn, schema)
        conn.rollback()
    os.chmod(copy, 0o600)
    return Snapshot("postgresql", copy, str(revision), blobs, tables, pg_schema=schema)


def _pg_counts(conn: Connection, schema: str) -> dict[str, int]:
    names = sorted(inspect(conn).get_table_names(schema=schema))
    return {t: int(conn.execute(text(
        f"SELECT count(*) FROM {ident(schema)}.{ident(t)}")).scalar_one())  # noqa: S608
            for t in names}


def first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if "error" in line.lower() or "fatal" in line.lower():
            return line
    return lines[0] if lines else "no message"

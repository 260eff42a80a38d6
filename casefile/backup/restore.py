"""`casefile restore FILE`: an archive into an empty home, whole or not at all.

Only an empty registry is restored into (no tables in its database, no blobs in its store):
restoring over a live registry would mix two histories. The archive is decrypted, checked and
unpacked into a staging folder first; only when every member matched the manifest are the
blobs moved into the store and the database put in place (SQLite: one rename; PostgreSQL: the
dump replayed by psql in one transaction). If that last step fails, the blobs just moved are
removed again, so a failed restore leaves the home as it found it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError

from casefile.backup import BackupError, archive, crypto, ident, snapshot
from casefile.registry import db
from casefile.sources import blobs


@dataclass(frozen=True)
class RestoreResult:
    dialect: str
    schema_revision: str
    blobs: int
    tables: dict[str, int]


def restore(eng: Engine, source: Path, blob_root: Path, *, passphrase: str | None = None,
            identity_file: Path | None = None) -> RestoreResult:
    """Restore `source` into the registry behind `eng` (not migrated: it must be empty) and
    the blob store at `blob_root`."""
    try:
        return _restore(eng, Path(source), blob_root, passphrase, identity_file)
    except DBAPIError as exc:
        raise BackupError(f"the target database cannot be used: "
                          f"{str(exc.orig).splitlines()[0]}") from None
    except OSError as exc:  # a full disk or a folder we may not write: nothing kept
        raise BackupError(f"restore failed, nothing restored: {exc.strerror or exc} "
                          f"({exc.filename or source})") from None


def _restore(eng: Engine, source: Path, blob_root: Path, passphrase: str | None,
             identity_file: Path | None) -> RestoreResult:
    if not source.is_file():
        raise BackupError(f"no backup file {source}")
    _refuse_non_empty(eng, blob_root)
    blob_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=".casefile-restore-", dir=blob_root.parent))
    moved: list[Path] = []
    try:
        packed = source
        if crypto.kind(source) != "plain":
            packed = staging / "backup.tar.gz"
            crypto.decrypt(source, packed, passphrase=passphrase, identity_file=identity_file)
        manifest = archive.read(packed, staging / "members")
        _check_revision(manifest.schema_revision)
        if manifest.dialect != eng.dialect.name:
            raise BackupError(f"the backup is of a {manifest.dialect} registry; the configured "
                              f"one is {eng.dialect.name} (CASEFILE_DATABASE_URL)")
        database = staging / "members" / manifest.database_member
        if manifest.dialect == "sqlite":
            _check_sqlite(database, manifest)
        else:
            _check_schema_free(eng, manifest.pg_schema or "public")
        members = staging / "members" / "blobs"
        for staged in sorted(members.rglob("*")) if members.is_dir() else []:
            if staged.is_file():
                moved.append(_install_blob(staged, blob_root))
        if manifest.dialect == "sqlite":
            _install_sqlite(database, snapshot.sqlite_path(eng))
        else:
            _install_postgresql(eng, database, manifest.pg_schema or "public")
    except BaseException:
        for path in moved:
            with contextlib.suppress(OSError):
                path.unlink()
            with contextlib.suppress(OSError):  # the store was empty: its folders go too
                path.parent.rmdir()
                path.parent.parent.rmdir()
        raise
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
    return RestoreResult(manifest.dialect, manifest.schema_revision, len(moved),
                         manifest.tables)


def _refuse_non_empty(eng: Engine, blob_root: Path) -> None:
    if eng.dialect.name == "sqlite":
        path = snapshot.sqlite_path(eng)
        if path.exists() and _sqlite_has_tables(path):
            raise BackupError(f"the registry at {path} is not empty: restore only into an "
                              "empty home (a new CASEFILE_HOME or database)")
    else:
        schema = target_schema(eng)
        with eng.connect() as conn:
            tables = inspect(conn).get_table_names(schema=schema) if _pg_schema_exists(
                conn, schema) else []
        if tables:
            raise BackupError(f"the database schema {schema!r} is not empty ({len(tables)} "
                              "tables): restore only into an empty database")
    if blob_root.is_dir() and any(p.is_file() for p in blob_root.rglob("*")):
        raise BackupError(f"the blob store {blob_root} is not empty: restore only into an "
                          "empty home")


def _sqlite_has_tables(path: Path) -> bool:
    if path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # unreadable: not ours to overwrite


def _check_revision(revision: str) -> None:
    scripts = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    known = {s.revision for s in scripts.walk_revisions()}
    if revision not in known:
        raise BackupError(f"the backup's schema revision {revision!r} is unknown to this "
                          "Casefile (made by a newer version?): upgrade Casefile first")


def _check_sqlite(database: Path, manifest: archive.Manifest) -> None:
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA trusted_schema=OFF")  # its views and triggers run nothing here
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            names = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'")}
            counts = {t: conn.execute(f"SELECT count(*) FROM {ident(t)}")  # noqa: S608
                      .fetchone()[0] for t in sorted(names)}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"the database in the backup cannot be read: {exc}") from None
    if problems != ["ok"]:
        raise BackupError(f"the database in the backup fails its integrity check: "
                          f"{problems[0]}")
    if counts != manifest.tables:
        raise BackupError("the database in the backup does not hold the rows its manifest "
                          "counts")


def _install_blob(staged: Path, root: Path) -> Path:
    target = blobs.path(staged.name, root)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(staged, blobs.BLOB_MODE)
    os.replace(staged, target)
    return target


def _install_sqlite(database: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()  # an empty file left by an earlier open; checked above
    fd, tmp = tempfile.mkstemp(prefix=".restore-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, database.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def target_schema(eng: Engine) -> str:
    """The schema the configured URL works in: the first of its search_path (which need not
    exist yet), as current_schema() is empty for a schema not created."""
    with eng.connect() as conn:
        current = conn.exec_driver_sql("SELECT current_schema()").scalar()
        if current:
            return str(current)
        path = str(conn.exec_driver_sql("SHOW search_path").scalar())
    for entry in path.split(","):
        name = entry.strip().strip('"')
        if name and name != "$user":
            return name
    return "public"


def _pg_schema_exists(conn, schema: str) -> bool:
    return bool(conn.exec_driver_sql(
        "SELECT 1 FROM pg_namespace WHERE nspname = %(s)s", {"s": schema}).first())


def _check_schema_free(eng: Engine, source_schema: str) -> None:
    snapshot.tool("pg_restore")
    snapshot.tool("psql")
    if source_schema == target_schema(eng):
        return
    with eng.connect() as conn:
        if _pg_schema_exists(conn, source_schema):
            raise BackupError(
                f"the backup was taken from schema {source_schema!r}, which exists in the "
                "target database: restore into a database without it")


def _install_postgresql(eng: Engine, dump: Path, source_schema: str) -> None:
    """Replay the dump in one psql transaction: drop the (empty) target schema, let the dump
    create its own, and rename that to the target's name when they differ."""
    pg_restore, psql = snapshot.tool("pg_restore"), snapshot.tool("psql")
    schema = target_schema(eng)
    env = snapshot.libpq_env(eng)
    env.pop("PGOPTIONS", None)  # the dump sets its own search_path
    # BEGIN here and COMMIT only once pg_restore has ended well: psql reaching the end of a
    # cut-short stream without COMMIT rolls back, where --single-transaction would commit.
    prelude = (f"SET client_min_messages = warning;\nBEGIN;\n"
               f"DROP SCHEMA IF EXISTS {ident(schema)};\n")
    epilogue = (f"ALTER SCHEMA {ident(source_schema)} RENAME TO {ident(schema)};\n"
                if source_schema != schema else "") + "COMMIT;\n"
    with tempfile.TemporaryFile() as err_restore, tempfile.TemporaryFile() as err_psql:
        replay = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            [psql, "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1", "-f", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err_psql, env=env)
        reader = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            [pg_restore, "--no-owner", "--no-acl", "--file=-", str(dump)],
            stdout=subprocess.PIPE, stderr=err_restore, env=env)
        assert replay.stdin is not None and reader.stdout is not None
        with contextlib.suppress(BrokenPipeError):
            replay.stdin.write(prelude.encode())
            shutil.copyfileobj(reader.stdout, replay.stdin)
        reader.stdout.close()
        read_rc = reader.wait()
        with contextlib.suppress(BrokenPipeError):
            if read_rc == 0:
                replay.stdin.write(epilogue.encode())
            replay.stdin.close()
        replay_rc = replay.wait()
        if replay_rc != 0:  # first: a psql that stopped early also breaks pg_restore's pipe
            err_psql.seek(0)
            raise BackupError(f"psql could not restore the dump (nothing was restored): "
                              f"{snapshot.first_error(err_psql.read().decode())}")
        if read_rc != 0:
            err_restore.seek(0)
            raise BackupError(f"pg_restore failed (nothing was restored): "
                              f"{snapshot.first_error(err_restore.read().decode())}")

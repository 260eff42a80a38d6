"""`casefile verify`: re-check a registry's evidence and database, one line per problem.

Every file in the blob store is re-hashed against its name, and every source row is checked
against its blob (present, same hash, same size). SQLite's own checks run (integrity_check,
foreign_key_check); PostgreSQL checks its pages itself.

The audit log is not hash-chained (its rows carry no hash of the previous row), so no chain
can be checked: verify checks what protects it, the append-only triggers of migration 0001,
and says in a note that it cannot prove no entry was changed by someone with direct access to
the database. Nothing here writes: the registry is opened without migrating it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from casefile.backup import BackupError
from casefile.backup.archive import file_sha256
from casefile.backup.snapshot import sqlite_path
from casefile.registry import db
from casefile.sources import blobs

AUDIT_TRIGGERS = {"sqlite": {"audit_log_no_update", "audit_log_no_delete"},
                  "postgresql": {"audit_log_append_only"}}


@dataclass
class VerifyResult:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: int = 0
    blobs: int = 0


def verify(eng: Engine, blob_root: Path) -> VerifyResult:
    if eng.dialect.name == "sqlite" and not sqlite_path(eng).is_file():
        raise BackupError(f"no registry at {sqlite_path(eng)}")
    try:
        return _verify(eng, blob_root)
    except DBAPIError as exc:
        raise BackupError(f"the registry's database cannot be read: "
                          f"{str(exc.orig).splitlines()[0]}") from None


def _verify(eng: Engine, blob_root: Path) -> VerifyResult:
    result = VerifyResult()
    with eng.connect() as conn:
        if eng.dialect.name == "sqlite":
            _sqlite_checks(conn, result)
        _revision(conn, result)
        rows = conn.exec_driver_sql("SELECT id, sha256, size FROM sources ORDER BY id").all()
        _audit(conn, eng.dialect.name, result)
    stored = _blob_store(blob_root, result)
    referenced: set[str] = set()
    for source_id, sha, size in rows:
        result.sources += 1
        referenced.add(sha)
        found = stored.get(sha)
        if found is None:
            result.problems.append(f"source {source_id}: blob {sha} is missing")
        elif found[0] != sha:
            result.problems.append(f"source {source_id}: blob {sha} is corrupted "
                                   f"(its bytes hash to {found[0]})")
        elif found[1] != size:
            result.problems.append(f"source {source_id}: blob {sha} has {found[1]} bytes, "
                                   f"the source row says {size}")
    orphans = sorted(set(stored) - referenced)
    for sha in orphans:
        if stored[sha][0] != sha:
            result.problems.append(f"blob {sha} (of no source) is corrupted")
    if orphans:
        result.notes.append(f"{len(orphans)} blobs belong to no source (left by captures that "
                            "failed after storing their bytes); harmless")
    return result


def _sqlite_checks(conn: Connection, result: VerifyResult) -> None:
    for (line,) in conn.exec_driver_sql("PRAGMA integrity_check").all():
        if line != "ok":
            result.problems.append(f"database: {line}")
    for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").all():
        result.problems.append(f"database: {table} row {rowid} refers to a missing "
                               f"{parent} row")


def _revision(conn: Connection, result: VerifyResult) -> None:
    url = conn.engine.url.render_as_string(hide_password=False)
    head = ScriptDirectory.from_config(db.alembic_config(url)).get_current_head()
    current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        result.notes.append(f"database at schema revision {current}, newest is {head}: the "
                            "next command upgrades it")


def _audit(conn: Connection, dialect: str, result: VerifyResult) -> None:
    if dialect == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    else:
        sql = ("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
               "AND tgrelid = 'audit_log'::regclass")
    present = set(conn.exec_driver_sql(sql).scalars())
    for missing in sorted(AUDIT_TRIGGERS[dialect] - present):
        result.problems.append(f"audit log: trigger {missing} is gone, so entries can be "
                               "changed or deleted")
    entries = conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar_one()
    result.notes.append(f"audit log: {entries} entries, append-only triggers checked; the log "
                        "is not hash-chained, so edits made with direct database access "
                        "cannot be detected")


def _blob_store(root: Path, result: VerifyResult) -> dict[str, tuple[str, int]]:
    """sha256 named → (sha256 of the bytes, size) for every blob file in the store."""
    found: dict[str, tuple[str, int]] = {}
    if not root.is_dir():
        return found
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name.startswith(".tmp-"):
            continue
        name = path.name
        if not blobs.SHA256.fullmatch(name) or path != blobs.path(name, root):
            result.problems.append(f"blob store: unexpected file {path.relative_to(root)}")
            continue
        try:
            found[name] = (file_sha256(path), path.stat().st_size)
        except OSError as exc:
            result.problems.append(f"blob {name} cannot be read: {exc.strerror}")
            continue
        result.blobs += 1
    return found


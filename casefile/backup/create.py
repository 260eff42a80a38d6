"""`casefile backup FILE`: snapshot, pack, optionally encrypt, then move into place.

Everything is built in a private folder beside FILE and renamed onto it last, so FILE is
either absent or a whole backup, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from casefile.backup import BackupError, archive, crypto, snapshot
from casefile.sources import blobs


@dataclass
class BackupResult:
    path: Path
    dialect: str
    schema_revision: str
    blobs: int
    size: int
    # Blobs the snapshot names but the store lacks or holds damaged: left out, reported.
    problems: list[str] = field(default_factory=list)


def backup(eng: Engine, target: Path, *, blob_root: Path | None = None,
           passphrase: str | None = None, recipients: list[str] | None = None) -> BackupResult:
    try:
        return _backup(eng, Path(target), blob_root, passphrase, recipients)
    except OSError as exc:  # a full disk or a folder we may not write: FILE is not written
        raise BackupError(f"backup failed, {target} not written: {exc.strerror or exc} "
                          f"({exc.filename or target})") from None


def _backup(eng: Engine, target: Path, blob_root: Path | None, passphrase: str | None,
            recipients: list[str] | None) -> BackupResult:
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"folder {target.parent} does not exist")
    if passphrase is not None and recipients:
        raise BackupError("give a passphrase or age recipients, not both")
    if passphrase == "":
        raise BackupError("the passphrase is empty")
    work = Path(tempfile.mkdtemp(prefix=".casefile-backup-", dir=target.parent))
    try:
        snap = snapshot.take(eng, work)
        files = {archive.DB_MEMBERS[snap.dialect]: snap.database}
        hashes: dict[str, str] = {}
        problems: list[str] = []
        for sha in snap.blobs:
            src = blobs.path(sha, blob_root)
            if not src.is_file():
                problems.append(f"blob {sha} is missing from the store: not in the backup")
            elif archive.file_sha256(src) != sha:
                problems.append(f"blob {sha} is corrupted (its bytes hash differently): "
                                "not in the backup")
            else:
                files[archive.blob_member(sha)] = src
                hashes[archive.blob_member(sha)] = sha
        manifest = archive.Manifest(
            dialect=snap.dialect, schema_revision=snap.schema_revision,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            pg_schema=snap.pg_schema, tables=snap.tables)
        packed = work / "backup.tar.gz"
        archive.write(packed, manifest, files, hashes)
        final = packed
        if passphrase is not None or recipients:
            final = work / "backup.age"
            crypto.encrypt(packed, final, passphrase=passphrase, recipients=recipients)
        os.chmod(final, 0o600)
        os.replace(final, target)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)
    return BackupResult(target, snap.dialect, snap.schema_revision,
                        len(files) - 1, target.stat().st_size, problems)

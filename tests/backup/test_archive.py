"""Encrypted, truncated and hostile backups: a clear one-line error and nothing written."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pyrage
import pytest

from casefile import settings
from casefile.registry import db
from casefile.registry.ingest import capture
from tests.conftest import seed
from tests.helpers import run


@pytest.fixture
def sqlite_registry(tmp_path, monkeypatch):
    """A small SQLite registry with two sources; the archive format does not depend on the
    database, so these tests need only one."""
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CASEFILE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CASEFILE_BACKUP_PASSPHRASE", raising=False)
    capture(str(seed("000")))
    capture(str(seed("001")))
    yield tmp_path
    db.engine.cache_clear()
    db.loop_engine.cache_clear()
    db._sessionmaker.cache_clear()


def _into_new_home(tmp_path: Path, monkeypatch, name: str = "target") -> Path:
    home = tmp_path / name
    monkeypatch.setenv("CASEFILE_HOME", str(home))
    db.engine.cache_clear()
    db._sessionmaker.cache_clear()
    return home


def _nothing_written(home: Path) -> None:
    """No database with tables, no blob, no staging left behind."""
    database = home / "casefile.db"
    if database.exists():
        conn = sqlite3.connect(database)
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        conn.close()
    files = [p for p in home.rglob("*") if p.is_file()] if home.exists() else []
    assert files in ([], [database]), files


def _one_line_error(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for word in words:
        assert word in lines[0], lines[0]


def test_passphrase_round_trip_and_wrong_passphrase(sqlite_registry, monkeypatch):
    tmp = sqlite_registry
    (tmp / "pass").write_text("correct horse battery staple\n")
    (tmp / "wrong").write_text("correct horse battery stapler\n")
    archive = tmp / "b.age"
    made = run("backup", str(archive), "--passphrase-file", str(tmp / "pass"))
    assert made.exit_code == 0, made.output
    assert b"casefile.db" not in archive.read_bytes()  # encrypted, not merely packed
    home = _into_new_home(tmp, monkeypatch)
    _one_line_error(run("restore", str(archive), "--passphrase-file", str(tmp / "wrong")),
                    "wrong passphrase")
    _nothing_written(home)
    monkeypatch.setenv("CASEFILE_BACKUP_PASSPHRASE", "correct horse battery staple")
    done = run("restore", str(archive))
    assert done.exit_code == 0, done.output
    assert run("verify").exit_code == 0


def test_age_recipient_round_trip(sqlite_registry, monkeypatch):
    tmp = sqlite_registry
    key, other = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    (tmp / "key.txt").write_text(f"# created for the test\n{key}\n")
    (tmp / "other.txt").write_text(f"{other}\n")
    archive = tmp / "b.age"
    made = run("backup", str(archive), "--recipient", str(key.to_public()))
    assert made.exit_code == 0, made.output
    assert archive.read_bytes().startswith(b"age-encryption.org/v1\n")  # a plain age file
    home = _into_new_home(tmp, monkeypatch)
    _one_line_error(run("restore", str(archive)), "--identity")
    _one_line_error(run("restore", str(archive), "--identity", str(tmp / "other.txt")),
                    "could not be decrypted")
    _nothing_written(home)
    done = run("restore", str(archive), "--identity", str(tmp / "key.txt"))
    assert done.exit_code == 0, done.output
    assert "2 blobs" in done.output


def test_bad_recipient_is_refused_before_anything_is_written(sqlite_registry):
    result = run("backup", str(sqlite_registry / "b"), "--recipient", "age1notakey")
    _one_line_error(result, "not an age recipient")
    assert not (sqlite_registry / "b").exists()


@pytest.mark.parametrize("keep", [0, 10, 200, 0.5, -40])
@pytest.mark.parametrize("encrypted", [False, True])
def test_truncated_backup_is_refused(sqlite_registry, monkeypatch, keep, encrypted):
    tmp = sqlite_registry
    archive = tmp / "b"
    monkeypatch.setenv("CASEFILE_BACKUP_PASSPHRASE", "pw")
    extra = ["--passphrase"] if encrypted else []
    assert run("backup", str(archive), *extra).exit_code == 0
    raw = archive.read_bytes()
    cut = int(len(raw) * keep) if isinstance(keep, float) else keep % len(raw)
    archive.write_bytes(raw[:cut])
    home = _into_new_home(tmp, monkeypatch)
    result = run("restore", str(archive))
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and len(result.output.splitlines()) == 1
    _nothing_written(home)


def _members(archive: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(archive) as tar:
        return [(m, tar.extractfile(m).read()) for m in tar.getmembers()]


def _pack(target: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    with tarfile.open(target, "w:gz") as tar:
        for info, data in members:
            info = tarfile.TarInfo(info.name) if info.isfile() else info
            if info.isfile():
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)


def _edit_manifest(members, change):
    info, raw = members[0]
    manifest = json.loads(raw)
    change(manifest)
    return [(info, json.dumps(manifest).encode()), *members[1:]]


def _link(name: str, to: str) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = to
    return info, b""


def _file(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    return tarfile.TarInfo(name), data


def _listed(manifest, name: str, data: bytes) -> None:
    import hashlib

    manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(),
                                 "size": len(data)}


HOSTILE = {
    "dot-dot member": (lambda m: [*m, _file("../../evil", b"x")], "outside its folder"),
    "absolute member": (lambda m: [*m, _file("/tmp/evil", b"x")], "outside its folder"),
    "dot-dot listed in the manifest": (
        lambda m: [*_edit_manifest(m, lambda j: _listed(j, "blobs/../../evil", b"x")),
                   _file("blobs/../../evil", b"x")], "unexpected member"),
    "symlink": (lambda m: [*m, _link("blobs/aa/bb/" + "a" * 64, "/etc/passwd")],
                "link or special file"),
    "member not in the manifest": (lambda m: [*m, _file("blobs/aa/aa/" + "a" * 64, b"x")],
                                   "does not list"),
    "unexpected name": (lambda m: [*m, _file("casefile.db", b"x")], "unexpected member"),
    "member missing": (lambda m: m[:-1], "incomplete"),
    "member changed": (lambda m: [*m[:-1], (m[-1][0], bytes([m[-1][1][0] ^ 1]) + m[-1][1][1:])],
                       "does not match its sha256"),
    "duplicate member": (lambda m: [*m, m[-1]], "twice"),
    "manifest not first": (lambda m: [*m[1:], m[0]], "does not start with a manifest"),
    "manifest damaged": (lambda m: [(m[0][0], b"{not json"), *m[1:]], "manifest is damaged"),
    "newer schema": (lambda m: _edit_manifest(
        m, lambda j: j.update(schema_revision="9999")), "newer version"),
    "another format": (lambda m: _edit_manifest(m, lambda j: j.update(format="zip")),
                       "not a Casefile backup"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archive_is_refused_and_nothing_written(sqlite_registry, monkeypatch, case):
    tmp = sqlite_registry
    archive = tmp / "b"
    assert run("backup", str(archive)).exit_code == 0
    mutate, message = HOSTILE[case]
    hostile = tmp / "hostile.tar.gz"
    _pack(hostile, mutate(_members(archive)))
    home = _into_new_home(tmp, monkeypatch, "deep/er/target")
    _one_line_error(run("restore", str(hostile)), message)
    _nothing_written(home)
    assert not list(tmp.rglob("evil"))


def test_not_a_backup_at_all(sqlite_registry, monkeypatch):
    junk = sqlite_registry / "junk"
    junk.write_bytes(b"\x00" * 3000)
    home = _into_new_home(sqlite_registry, monkeypatch)
    result = run("restore", str(junk))
    assert result.exit_code == 1 and result.output.startswith("error: ")
    _nothing_written(home)


def test_restored_database_is_the_archived_bytes(sqlite_registry, monkeypatch):
    """Byte-identical: the database file restored is the one in the archive."""
    archive = sqlite_registry / "b"
    assert run("backup", str(archive)).exit_code == 0
    stored = dict((i.name, d) for i, d in _members(archive))["database/registry.sqlite3"]
    home = _into_new_home(sqlite_registry, monkeypatch)
    assert run("restore", str(archive)).exit_code == 0
    assert (home / "casefile.db").read_bytes() == stored
    assert settings.blob_dir() == home / "blobs"
    assert oct((home / "casefile.db").stat().st_mode & 0o777) == oct(0o600)

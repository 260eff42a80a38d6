"""The content-addressed blob store: idempotent, atomic, verified, no path escapes."""

from __future__ import annotations

import hashlib
import os

import pytest

from casefile.errors import NotFound
from casefile.sources import blobs


def test_put_get_roundtrip(tmp_path):
    data = "Правозащитник задержан".encode()
    sha = blobs.put(data, tmp_path)
    assert sha == hashlib.sha256(data).hexdigest()
    assert blobs.path(sha, tmp_path) == tmp_path / sha[:2] / sha[2:4] / sha
    assert blobs.exists(sha, tmp_path)
    assert blobs.get(sha, tmp_path) == data


def test_put_many_stores_each_blob_read_only_and_repairs_a_damaged_one(tmp_path):
    items = [f"Item {n}".encode() for n in range(3)]
    first = blobs.put(items[0], tmp_path)
    os.chmod(blobs.path(first, tmp_path), 0o600)
    blobs.path(first, tmp_path).write_bytes(b"Item X")  # same size, other bytes
    shas = blobs.put_many([*items, items[1]], tmp_path)
    assert shas == [hashlib.sha256(d).hexdigest() for d in [*items, items[1]]]
    assert [blobs.get(sha, tmp_path) for sha in shas[:3]] == items
    assert all(blobs.path(sha, tmp_path).stat().st_mode & 0o777 == blobs.BLOB_MODE
               for sha in shas)
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        {blobs.path(sha, tmp_path) for sha in shas})


def test_put_is_idempotent_and_leaves_no_temp_files(tmp_path):
    sha = blobs.put(b"same bytes", tmp_path)
    before = blobs.path(sha, tmp_path).stat().st_mtime_ns
    assert blobs.put(b"same bytes", tmp_path) == sha
    assert blobs.path(sha, tmp_path).stat().st_mtime_ns == before
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files == [blobs.path(sha, tmp_path)]


def test_blob_is_read_only(tmp_path):
    sha = blobs.put(b"evidence", tmp_path)
    assert blobs.path(sha, tmp_path).stat().st_mode & 0o222 == 0


def test_default_root_is_settings_blob_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEFILE_BLOB_DIR", str(tmp_path / "store"))
    sha = blobs.put(b"default root")
    assert (tmp_path / "store" / sha[:2] / sha[2:4] / sha).is_file()
    assert blobs.get(sha) == b"default root"


def test_empty_blob(tmp_path):
    sha = blobs.put(b"", tmp_path)
    assert blobs.get(sha, tmp_path) == b""


def test_missing_and_malformed_names(tmp_path):
    absent = "0" * 64
    assert not blobs.exists(absent, tmp_path)
    with pytest.raises(NotFound):
        blobs.get(absent, tmp_path)
    for bad in ["../../etc/passwd", "A" * 64, "abc", "0" * 63 + "/"]:
        assert not blobs.exists(bad, tmp_path)
        with pytest.raises(ValueError):
            blobs.path(bad, tmp_path)
        with pytest.raises(NotFound):
            blobs.get(bad, tmp_path)


def test_corruption_is_detected_and_repaired_by_put(tmp_path):
    sha = blobs.put(b"original bytes", tmp_path)
    target = blobs.path(sha, tmp_path)
    os.chmod(target, 0o644)
    target.write_bytes(b"tampered bytes")  # same length
    with pytest.raises(blobs.BlobCorrupted):
        blobs.get(sha, tmp_path)
    assert blobs.get(sha, tmp_path, verify=False) == b"tampered bytes"
    blobs.put(b"original bytes", tmp_path)
    assert blobs.get(sha, tmp_path) == b"original bytes"


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        blobs.put(b"never stored", tmp_path)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []

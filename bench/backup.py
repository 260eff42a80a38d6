"""Time `casefile backup`, `restore` and `verify` on a registry (e.g. bench.web.generate's).

Usage: python -m bench.backup HOME   (an SQLite home; its copy is restored beside it)
Each command runs as its own process, as an operator would run it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


def _run(env: dict[str, str], *args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casefile", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _complete(home: Path) -> None:
    """bench.web.generate's synthetic sources have no blob: give each its text as bytes."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from casefile.sources import blobs

    conn = sqlite3.connect(home / "casefile.db")
    with conn:
        for source_id, sha, text in conn.execute("SELECT id, sha256, text FROM sources").fetchall():
            if not blobs.exists(sha, home / "blobs"):
                raw = text.encode()
                new = blobs.put(raw, home / "blobs")
                conn.execute("UPDATE sources SET sha256 = ?, size = ? WHERE id = ?",
                             (new, len(raw), source_id))
    conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("home", type=Path)
    args = ap.parse_args()
    work = args.home.parent / "bench-backup"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    env = {**os.environ, "CASEFILE_HOME": str(args.home), "CASEFILE_BACKUP_PASSPHRASE": "pw"}
    env.pop("CASEFILE_DATABASE_URL", None)
    _complete(args.home)
    db = args.home / "casefile.db"
    print(f"registry: {db.stat().st_size / 2**20:.0f} MB database, "
          f"{sum(1 for p in (args.home / 'blobs').rglob('*') if p.is_file())} blobs")
    plain = _run(env, "backup", str(work / "plain.cfb"))
    size = (work / "plain.cfb").stat().st_size / 2**20
    print(f"backup:            {plain:6.1f} s  {size:.0f} MB")
    secret = _run(env, "backup", "--passphrase", str(work / "secret.cfb"))
    print(f"backup encrypted:  {secret:6.1f} s")
    target = {**env, "CASEFILE_HOME": str(work / "restored")}
    print(f"restore encrypted: {_run(target, 'restore', str(work / 'secret.cfb')):6.1f} s")
    print(f"verify:            {_run(env, 'verify'):6.1f} s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Files Casefile creates are its account's alone: folders 0700, files 0600 or stricter (issue
13, 9: c.db was 0644 and blobs/ 0755 under the usual umask)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from tests.conftest import ROOT, seed


def test_a_new_registry_is_private(tmp_path):
    home = tmp_path / "a" / "home"  # its parent is missing too
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env.update(CASEFILE_HOME=str(home), PYTHONPATH=str(ROOT))
    # The capture, then, while a connection is open (SQLite removes them when the last one
    # closes), the modes of the write-ahead log and its index, which SQLite gives the modes
    # of the database file.
    result = subprocess.run(
        [sys.executable, "-c", "import os, runpy, stat, sys; os.umask(0o022); "
         "sys.argv = ['casefile', 'capture', sys.argv[1]]\n"
         "try: runpy.run_module('casefile', run_name='__main__')\n"
         "except SystemExit as e: assert not e.code, e.code\n"
         "from casefile.registry import db\n"
         "with db.engine().connect() as c:\n"
         "    c.exec_driver_sql('SELECT count(*) FROM sources').scalar()\n"
         "    print(*(oct(stat.S_IMODE(os.stat(os.environ['CASEFILE_HOME'] + '/casefile.db' + x)"
         ".st_mode)) for x in ('-wal', '-shm')))", str(seed("000"))],
        env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["0o600", "0o600"], result.stdout[-300:]
    made = [home.parent, home, *home.rglob("*")]
    names = {p.name for p in made}
    assert {"casefile.db", "blobs"} <= names
    assert any(p.is_file() and p.parent.parent.parent.name == "blobs" for p in made)
    loose = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in made
             if stat.S_IMODE(p.stat().st_mode) & 0o077}
    assert loose == {}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in made if p.is_dir())

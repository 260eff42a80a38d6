"""Registry files are private to the account that runs Casefile: folders 0700, files 0600.

The registry holds confidential notes, protected persons' names, the evidence itself and
editors' password hashes; created with the default umask (0644 files, 0755 folders) they were
readable by every account on the machine. The mode is given when Casefile creates a file or a
folder, whatever the umask; ones that already exist keep the mode an operator gave them (see
docs/OPERATIONS.md for tightening an older registry).
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER = 0o700
FILE = 0o600


def make_folder(path: Path) -> Path:
    """Create `path` and any missing parent, each 0700 (Path.mkdir gives parents the umask's
    mode); an existing folder is left as it is."""
    missing = []
    for level in (path, *path.parents):
        if level.is_dir():
            break
        missing.append(level)
    for level in reversed(missing):
        try:
            level.mkdir(mode=FOLDER)
        except FileExistsError:
            continue  # made by another process meanwhile
        os.chmod(level, FOLDER)  # the umask may have taken bits away from mkdir's mode
    return path


def create_file(path: Path) -> None:
    """Create an empty `path` readable and writable by its owner only, unless it exists. For
    files another program fills: SQLite gives its -wal and -shm files the database's mode."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE)
    except FileExistsError:
        return
    os.close(fd)

"""A digest of every table and of the blob store, to tell whether two registries hold the
same data: `casefile verify --report` prints it, and the backup tests compare a restored
registry with the original by it. Rows are compared as values, in no particular order, so a
copy that stored the same rows in other pages still reports equal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect

from casefile.backup import ident
from casefile.backup.archive import file_sha256


@dataclass(frozen=True)
class TableDigest:
    name: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class Report:
    tables: list[TableDigest]
    blobs: dict[str, str]  # blob name → sha256 of its bytes

    def lines(self) -> list[str]:
        out = [f"table {t.name} {t.rows} rows {t.sha256}" for t in self.tables]
        every = hashlib.sha256("".join(f"{k}{v}" for k, v in sorted(self.blobs.items()))
                               .encode()).hexdigest()
        return [*out, f"blobs {len(self.blobs)} {every}"]


def report(eng: Engine, blob_root: Path) -> Report:
    tables = []
    with eng.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            result = conn.exec_driver_sql(f"SELECT * FROM {ident(name)}")  # noqa: S608 - quoted
            header = repr(list(result.keys()))
            rows = sorted(repr(tuple(row)) for row in result)
            digest = hashlib.sha256("\n".join([header, *rows]).encode()).hexdigest()
            tables.append(TableDigest(name, len(rows), digest))
    found = {}
    if blob_root.is_dir():
        found = {p.name: file_sha256(p) for p in blob_root.rglob("*")
                 if p.is_file() and not p.name.startswith(".tmp-")}
    return Report(tables, found)

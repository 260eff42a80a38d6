"""FollowTheMoney JSON lines from outside, read and checked whole before anyone uses them.

Screening (`casefile screen`) and import (`casefile import ftm`) read the same hostile input:
a partner's export, a user-supplied wanted list. Both must refuse a bad file before doing
anything with it, so the rules live here once: the file's size is checked before a byte is
read (a 1 GB text is refused at once, by `stat`, and reading is bounded in case it grows), it
must be UTF-8, every non-empty line must be a JSON object with an id, a schema FtM knows and
properties FtM accepts, and an entity must have the properties its schema requires (a Person
without a name is refused). The error names the line. The limit is the one for any source,
CASEFILE_MAX_SOURCE_BYTES (50 MB by default): an imported file is kept as a source.

Each entity comes with its line number and its character span in the decoded text, so that a
claim read from it can quote exactly that line of the preserved file.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from casefile import settings
from casefile.errors import CasefileError
from casefile.sources.document import sha256_hex, too_big


@dataclass(frozen=True)
class Line:
    """One entity of the file: where it stands (1-based line, character span) and what it is."""

    n: int
    start: int
    end: int
    entity: EntityProxy = field(repr=False, compare=False)
    datasets: tuple[str, ...] = ()  # the collections a data set export says it comes from


@dataclass(frozen=True)
class FtmFile:
    sha256: str
    raw: bytes = field(repr=False)
    text: str = field(repr=False)
    lines: tuple[Line, ...]


def read_file(path: Path, *, required: bool = True) -> FtmFile:
    """The entities of an FtM JSON-lines file; CasefileError naming the first bad line.
    `required=False` lets entities lack what their schema requires (screening reads a
    person's name from firstName/lastName when `name` is missing)."""
    limit = settings.max_source_bytes()
    try:
        info = path.stat()
    except OSError as exc:
        raise CasefileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise CasefileError(f"{path} is not a regular file")
    if info.st_size > limit:
        raise CasefileError(too_big(str(path), info.st_size, limit))
    with path.open("rb") as fh:
        raw = fh.read(limit + 1)  # bounded even if the file grew after stat()
    if len(raw) > limit:
        raise CasefileError(too_big(str(path), os.path.getsize(path), limit))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = raw.count(b"\n", 0, exc.start) + 1
        raise CasefileError(f"line {where}: not UTF-8 text") from None
    lines: list[Line] = []
    pos = 0
    # Lines end at "\n" only: str.splitlines would also cut at U+2028 and other separators
    # that JSON strings may hold as they are.
    for n, line in enumerate(text.split("\n"), 1):
        start, pos = pos, pos + len(line) + 1
        body = line.removesuffix("\r")
        if body.strip():
            entity, datasets = _entity(body, n, required)
            lines.append(Line(n, start, start + len(body), entity, datasets))
    return FtmFile(sha256_hex(raw), raw, text, tuple(lines))


def _entity(line: str, n: int, required: bool) -> tuple[EntityProxy, tuple[str, ...]]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CasefileError(f"line {n}: not JSON ({exc.msg})") from None
    except RecursionError:
        raise CasefileError(f"line {n}: not JSON (nested too deeply)") from None
    if not isinstance(data, dict) or not isinstance(data.get("schema"), str) \
            or not isinstance(data.get("properties", {}), dict):
        raise CasefileError(f"line {n}: not a FollowTheMoney entity (schema and properties)")
    schema = model.get(data["schema"])
    if schema is None:
        raise CasefileError(f"line {n}: unknown FollowTheMoney schema {data['schema']!r}")
    if not data.get("id") or not isinstance(data["id"], str):
        raise CasefileError(f"line {n}: an entity without an id")
    for prop, values in data.get("properties", {}).items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise CasefileError(f"line {n}: property {prop!r} is not a list of strings")
    try:
        proxy = model.get_proxy(data)
    except (InvalidData, TypeError, ValueError) as exc:
        raise CasefileError(f"line {n}: {exc}") from None
    if proxy.id is None:
        raise CasefileError(f"line {n}: an entity without an id")
    missing = [p for p in schema.required if not proxy.get(p)]
    if required and missing:
        raise CasefileError(f"line {n}: {schema.name} {proxy.id!r} has no "
                            f"{' or '.join(missing)}")
    datasets = data.get("datasets")
    if not isinstance(datasets, list) or not all(isinstance(d, str) for d in datasets):
        return proxy, ()
    return proxy, tuple(datasets)

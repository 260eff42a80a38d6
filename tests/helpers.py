"""Small helpers shared by tests: running the CLI in-process and counting registry rows."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

from sqlalchemy import func, select
from typer.testing import CliRunner

from casefile import cli
from casefile.extract.types import Found
from casefile.registry import db
from casefile.registry.ingest import store_claims
from casefile.registry.models import AuditEntry, Claim, Event, Person, Source
from tests.conftest import GOLD

cli._register()
runner = CliRunner()


def run(*args: str):
    result = runner.invoke(cli.app, list(args), catch_exceptions=False)
    return result


def counts() -> dict[str, int]:
    with db.session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (Source, Claim, Person, Event, AuditEntry)}


POSITION = re.compile(r"(?P<post>.+?)"
                      r"(?: \((?:since (?P<since>[\d-]+)|(?P<a>\d{4})-(?P<b>\d{4}))\))?$")


ORGANISATIONS = ("CSTO", "KAMAZ", "Gazprom", "Samruk-Kazyna", "Kazenergy")


def officials() -> list[dict]:
    return json.loads((GOLD / "seed002-sanctions.json").read_text(encoding="utf-8"))["persons"]


def add_officials(source_id: int) -> None:
    """The Annex 3 officials' names, birth dates and positions as claims of seed 002, through
    the registry's own storing (as the officials' extractor will give them)."""
    with db.transaction() as s:
        src = s.get(Source, source_id)
        found = []
        for i, p in enumerate(officials()):
            family = p["name"].split()[-1]
            start = src.text.index(family, src.text.index("Individuals to be included"))
            end = src.text.index("\n", start)
            group = f"annex3-{i}"

            def claim(predicate: str, value: str, **detail: object) -> Found:
                return Found(predicate, value, start, end, "test-officials@1", 1.0,
                             mention=p["name"], group=group, detail=dict(detail),
                             date=value if predicate == "birth_date" else None)
            found += [claim("name", n, form="alias") for n in p["names"]]
            found.append(claim("birth_date", p["birth_date"]))
            found.append(claim("role", "official"))
            for text in p["positions"]:
                m = POSITION.match(text)
                assert m is not None
                org = next((o for o in ORGANISATIONS if o in m["post"]), None)
                found.append(claim("position", m["post"], organisation=org,
                                   country=p["country"], start=m["since"] or m["a"],
                                   end=m["b"], **({"former": True} if "Former" in text
                                                 else {})))
        store_claims(s, src, found, actor="test", trusted=True)


def publish_officials() -> None:
    """Editors publish the Annex 3 officials, as they must before any public output names
    them as perpetrators (casefile.registry.publication.published_by_editors)."""
    from casefile.registry.models import PersonName

    with db.session() as s:
        ids = {n.person_id for p in officials() for n in s.scalars(
            select(PersonName).where(PersonName.name.in_(p["names"])))}
    for pid in sorted(ids):
        assert run("persons", "publication", str(pid), "public").exit_code == 0


def growth(read: Callable[[str], object], text: str, times: int = 10) -> float:
    """How much more CPU `read` takes on `text` than on a `times`-th of it (best of three
    each): about `times` for a reader that is linear, its square for a quadratic one. A ratio
    measured in one process, so the machine's speed and load cancel out, where an absolute
    rate failed on a slow CI machine (throughput is bench/speed.py's to measure)."""
    part = text[:len(text) // times]
    read(part)  # caches and vocabularies

    def best(t: str) -> float:
        spent = []
        for _ in range(3):
            start = time.process_time()
            read(t)
            spent.append(time.process_time() - start)
        return max(min(spent), 1e-4)

    return best(text) / best(part)

"""Small helpers shared by tests: running the CLI in-process and counting registry rows."""

from __future__ import annotations

from sqlalchemy import func, select
from typer.testing import CliRunner

from casefile import cli
from casefile.registry import db
from casefile.registry.models import AuditEntry, Claim, Event, Person, Source

cli._register()
runner = CliRunner()


def run(*args: str):
    result = runner.invoke(cli.app, list(args), catch_exceptions=False)
    return result


def counts() -> dict[str, int]:
    with db.session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (Source, Claim, Person, Event, AuditEntry)}

"""Any migration runs in the one upgrade transaction: a table rebuilt by a batch migration
while others refer to it keeps its rows and references, and a migration that fails half-way
leaves the registry at its old version, schema and rows (issue 13, 4)."""

from __future__ import annotations

import os

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from casefile.errors import RegistryError
from casefile.registry import db
from tests.conftest import seed
from tests.helpers import counts, run

PROBE = '''
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rebuilt on SQLite (a new table, rows copied, the old one dropped, the new one renamed)
    # while charges, events and claims themselves refer to claims.
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("claims", recreate="always" if sqlite else "auto") as batch:
        batch.add_column(sa.Column("probe", sa.String(10), nullable=True))
    op.create_table("probe", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("UPDATE claims SET probe = 'seen'")
    {fail}


def downgrade() -> None:
    pass
'''


def _probe_config(registry, tmp_path, monkeypatch, fail: str):
    """Casefile's migrations plus a probe one; commands opening the registry now see it."""
    cfg = db.alembic_config(registry)
    head = cfg.get_main_option("script_location")
    current = ScriptDirectory.from_config(cfg).get_current_head()
    versions = tmp_path / "probe_versions"
    versions.mkdir()
    (versions / "9999_probe.py").write_text(PROBE.format(head=current, fail=fail))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join([f"{head}/versions", str(versions)]))
    monkeypatch.setattr(db, "alembic_config", lambda _url: cfg)
    monkeypatch.setattr(db, "newest_revision", lambda: "9999")  # as if among the files
    return current


def _upgrade(registry) -> None:
    """What every command does on opening the registry (db.engine is cached: call it)."""
    db.upgrade(db.engine(registry))


def _schema(registry) -> dict[str, list[str]]:
    with db.engine(registry).connect() as conn:
        insp = inspect(conn)
        return {t: sorted(c["name"] for c in insp.get_columns(t)) for t in insp.get_table_names()}


def test_a_batch_migration_of_a_referenced_table_keeps_its_rows(registry, tmp_path, monkeypatch):
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    before = counts()
    _probe_config(registry, tmp_path, monkeypatch, fail="")
    _upgrade(registry)
    assert counts() == before
    with db.engine(registry).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM claims WHERE probe = 'seen'")).scalar() \
            == before["claims"]
        assert conn.execute(text("SELECT count(*) FROM events e JOIN claims c "
                                 "ON c.id = e.claim_id")).scalar() > 0


def test_a_migration_that_fails_half_way_leaves_the_old_version(registry, tmp_path,
                                                                 monkeypatch):
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    before, schema = counts(), _schema(registry)
    current = _probe_config(registry, tmp_path, monkeypatch,
                            fail="raise RuntimeError('half-way')")
    with pytest.raises(RuntimeError, match="half-way"):
        _upgrade(registry)
    assert _schema(registry) == schema and counts() == before
    with db.engine(registry).connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == current


def test_an_upgrade_that_breaks_references_is_refused(registry, tmp_path, monkeypatch):
    """SQLite checks foreign keys only after the rebuild; a migration that leaves a dangling
    reference is rolled back as a whole instead of committed."""
    if not registry.startswith("sqlite"):
        pytest.skip("PostgreSQL checks each statement")
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    before = counts()
    current = _probe_config(registry, tmp_path, monkeypatch,
                            fail="op.execute(\"UPDATE claims SET source_id = 999999\")")
    with pytest.raises(RegistryError, match="break references"):
        _upgrade(registry)
    assert counts() == before
    with db.engine(registry).connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == current
        assert conn.execute(text("SELECT count(*) FROM claims WHERE source_id = 999999")
                            ).scalar() == 0


def test_a_registry_from_a_newer_casefile_is_a_one_line_error(registry):
    eng = db.engine(registry)
    with eng.begin() as conn:
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.engine.cache_clear()
    try:
        result = run("persons")
        assert result.exit_code == 1
        assert "revision 9999" in result.output and "Traceback" not in result.output
    finally:
        with eng.begin() as conn:  # as it was, for the fixture to drop
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})

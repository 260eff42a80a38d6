"""Statements run on the driver's cursor (casefile.registry.prepared) give the rows
SQLAlchemy's `Connection.execute` gives, on both databases: the dossier's statements for every
person of two seeds, and one of our own with every kind of parameter and column they meet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, func, select, tuple_, update
from sqlalchemy.exc import DBAPIError

from casefile.assess.standing import ALL_SOURCES, known_params
from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Claim, ListState, Person, Source
from casefile.registry.prepared import Prepared
from casefile.reports import dossier
from tests.conftest import seed


def _same(conn, prepared: Prepared, params: dict) -> list[tuple]:
    expected = [tuple(r) for r in conn.execute(prepared.statement, params)]
    assert prepared.rows(conn, params) == expected, params
    return expected


def test_the_dossiers_statements_read_what_sqlalchemy_reads(registry):
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    capture(str(seed("001")), country="KZ")
    shown = 0
    with db.session() as s:
        conn = s.connection()
        ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        groups = [tuple(g) for g in s.execute(
            select(Claim.source_id, Claim.group_key).where(Claim.group_key.is_not(None))
            .distinct().order_by(Claim.source_id, Claim.group_key).limit(40))]
        for pid in ids:
            for cluster in ([pid], [pid, pid + 1, pid + 2]):
                _same(conn, dossier._PERSONS, {"person": pid})
                for public in (True, False):
                    for day in (ALL_SOURCES, "2016-01-01"):
                        shown += bool(_same(conn, dossier._CLAIMS[public],
                                            {"ids": cluster, **known_params(day)}))
                    near = groups[pid % 30:pid % 30 + 1 + pid % 7]
                    _same(conn, dossier._RELATED[public],
                          {"ids": cluster, "keys": sorted({k for _, k in near}),
                           "groups": near})
                _same(conn, dossier._NAMES, {"ids": cluster})
    assert len(ids) > 100 and shown > 200


def test_every_kind_of_parameter_and_column(registry):
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    statement = (
        select(Claim.id, Claim.detail, Claim.confidence, Claim.confidential, Source.captured_at,
               Source.published_at, func.count().over())
        .join(Source, Claim.source_id == Source.id)
        .where(Claim.person_id.in_(bindparam("ids", expanding=True)),
               tuple_(Claim.source_id, Claim.start).in_(bindparam("spans", expanding=True)),
               Source.captured_at < bindparam("after"), Claim.state != "rejected")
        .order_by(Claim.id).limit(7))
    prepared = Prepared(statement)
    with db.session() as s:
        conn = s.connection()
        spans = [tuple(r) for r in s.execute(select(Claim.source_id, Claim.start)
                                             .order_by(Claim.id).limit(50))]
        ids = list(s.scalars(select(Person.id).order_by(Person.id).limit(60)))
        later = datetime(2100, 1, 1, tzinfo=UTC)
        found = _same(conn, prepared, {"ids": ids, "spans": spans, "after": later})
        assert len(found) == 7 and isinstance(found[0][1], dict)  # JSON read, LIMIT kept
        assert isinstance(found[0][4], datetime) and isinstance(found[0][3], bool)
        _same(conn, prepared, {"ids": ids[:3], "spans": spans[:2], "after": later})
        assert _same(conn, prepared, {"ids": [], "spans": spans, "after": later}) == []
        assert _same(conn, prepared, {"ids": ids, "spans": spans,
                                      "after": datetime(2000, 1, 1, tzinfo=UTC)}) == []


def test_the_event_loops_connections_keep_prepared_statements_and_refuse_writes(registry):
    """On PostgreSQL the event loop's pages read in statements of their own, not in a
    transaction that ends in ROLLBACK (psycopg forgets its prepared statements at each):
    a statement run on six pages in turn is prepared on the server and stays so; and those
    connections are read-only, so a write made there by mistake fails instead of being
    committed statement by statement."""
    if not registry.startswith("postgresql"):
        pytest.skip("PostgreSQL's prepared statements")
    for person in range(1, 8):
        with db.session(registry, on_loop=True) as s:
            s.connection().exec_driver_sql(
                "SELECT id FROM persons WHERE id = %(id)s", {"id": person}).all()
    with db.session(registry, on_loop=True) as s:
        prepared = s.connection().exec_driver_sql(
            "SELECT statement FROM pg_prepared_statements").scalars().all()
        assert "SELECT id FROM persons WHERE id = $1" in prepared
        # the URL's own options (here the test's schema) still apply
        assert s.connection().exec_driver_sql("SHOW search_path").scalar() in registry
        assert db.writing(s) is db.engine(registry)  # where a reader's rebuild writes
    with db.session(registry, on_loop=True) as s, pytest.raises(DBAPIError, match="read-only"):
        s.execute(update(ListState).values(audit_id=ListState.audit_id))

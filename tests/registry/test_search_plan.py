"""On PostgreSQL a search of one kind reads that kind's own full-text index (migration 0022):
with a single index over every kind the planner ANDed the words' matches with every document
of the kind, 100,000 index entries per person search at 100,000 persons."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, text

from casefile.registry import db, search
from casefile.registry.ingest import capture
from tests.conftest import seed


def _statements(s, kind: str, q: str) -> list[tuple[str, Any]]:
    """The full-text statements `search.search` runs for `q`, as sent to the driver."""
    seen: list[tuple[str, Any]] = []

    def keep(conn, cursor, statement, parameters, context, executemany) -> None:
        if "to_tsquery" in statement:
            seen.append((statement, parameters))

    engine = s.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        search.search(s, q, kind)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return seen


@pytest.mark.parametrize("kind", search.KINDS)
def test_a_search_reads_its_kinds_own_index(registry, kind):
    if not registry.startswith("postgresql"):
        pytest.skip("SQLite has a full-text table per kind")
    capture(str(seed("002")), trusted=True)
    with db.session() as s:
        indexes = set(s.scalars(text(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_docs' "
            "AND schemaname = current_schema() "
            "AND indexdef LIKE '%USING gin%'")))
        assert indexes == {f"ix_search_docs_tsv_{k}" for k in search.KINDS}
        # Many documents of each kind, few matching: the planner sees a registry's shape.
        s.execute(text(
            "INSERT INTO search_docs (kind, ref, tsv) SELECT k, 'filler-' || n, "
            "to_tsvector('simple', 'filler word' || n) FROM generate_series(1, 4000) AS n, "
            "unnest(CAST(:kinds AS text[])) AS k"), {"kinds": list(search.KINDS)})
        s.execute(text("ANALYZE search_docs"))
        found = _statements(s, kind, "Zhylanbayev")
        assert found, "no full-text statement ran"
        for statement, parameters in found:
            # A constant, not a parameter: the generic plan of a statement the driver has
            # prepared could not tell which partial index applies.
            assert f"hit.kind = '{kind}'" in statement, statement
            plan = "\n".join(row[0] for row in s.connection().exec_driver_sql(
                "EXPLAIN " + statement, parameters))
            assert f"ix_search_docs_tsv_{kind}" in plan, plan
            assert "uq_search_docs_kind_ref" not in plan, plan

"""The migrations and the models describe the same schema, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from casefile.registry import db
from casefile.registry.models import Base

# Tables the models do not map: the search index is filled by casefile.registry.search.
UNMAPPED = ("search_docs", "search_fts")


def _table(diff) -> str:
    """The table a schema difference is about."""
    op = diff[0]
    if op in ("add_table", "remove_table"):
        return diff[1].name
    if op in ("add_index", "remove_index"):
        return diff[1].table.name
    return diff[2] if op in ("add_column", "remove_column") else ""


def test_models_match_migrations(registry):
    with db.engine(registry).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    flat = [d for d in diff if isinstance(d, tuple)] + [x for d in diff if isinstance(d, list)
                                                        for x in d]
    assert [d for d in flat if not _table(d).startswith(UNMAPPED)] == []

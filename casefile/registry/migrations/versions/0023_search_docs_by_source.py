"""the PostgreSQL search entries found by their source

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-08 01:00:00

After a change, the page cache asks which kept searches could now find something else
(casefile.registry.search.touching): on PostgreSQL by reading the words of the index
entries of the sources and persons the change named. Nothing indexed their sources, so each
kind's entries were read through (460,000 at 100,000 persons: 85 ms a kind, a quarter of a
second after every capture, in every server process, while the requests that saw the change
waited). A person's names' entries are found by (kind, ref) already. SQLite matches the
touched entries made again in memory and reads none of these.
"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index("ix_search_docs_source", "search_docs", ["source_id"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_search_docs_source", table_name="search_docs")

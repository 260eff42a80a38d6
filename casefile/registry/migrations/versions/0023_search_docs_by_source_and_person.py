"""the PostgreSQL search entries found by their source and person

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-08 01:00:00

After a change, the page cache asks which kept searches could now find something else
(casefile.registry.search.touching): on PostgreSQL by reading the words of the index
entries of the sources and persons the change named. Nothing indexed those columns, so each
kind's entries were read through (460,000 at 100,000 persons: 85 ms a kind, a quarter of a
second after every capture, in every server process, while the requests that saw the change
waited). SQLite matches the touched entries made again in memory and reads none of these.
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index("ix_search_docs_source", "search_docs", ["source_id"])
    op.create_index("ix_search_docs_person", "search_docs", ["person_id"],
                    postgresql_where=sa.text("kind = 'person'"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_search_docs_person", table_name="search_docs")
    op.drop_index("ix_search_docs_source", table_name="search_docs")

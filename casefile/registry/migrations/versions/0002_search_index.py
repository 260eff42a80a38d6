"""search index: documents table plus SQLite FTS5 / PostgreSQL tsvector

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00

`search_docs` says what each indexed text is (a person's name, an event, a source) so results
can be filtered by the public rule at query time. The text itself is not copied: on SQLite a
contentless FTS5 table keyed by search_docs.id holds only the index; on PostgreSQL a tsvector
column ('simple' config: names and multilingual text must not be stemmed as English) with a
GIN index. casefile.registry.search fills both after each ingest.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("claim_id", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "ref", name="uq_search_docs_kind_ref"),
    )
    # Persons co-named in one list entry are found through the claims' group key.
    op.create_index("ix_claims_group", "claims", ["group_key"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', "
                   "tokenize='unicode61 remove_diacritics 2')")
    else:
        op.add_column("search_docs", sa.Column("tsv", postgresql.TSVECTOR()))
        op.create_index("ix_search_docs_tsv", "search_docs", ["tsv"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index("ix_claims_group", table_name="claims")
    op.drop_table("search_docs")

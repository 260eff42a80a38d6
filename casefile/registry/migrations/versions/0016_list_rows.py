"""list rows: the list of political prisoners as of today, kept up to date

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 00:40:00

The site read the list by building it from every case (seconds at 10,000 persons), and
every change threw the result away. `list_rows` holds the list as of today, one row per
person, updated in the transaction of each change for the persons it touches
(casefile.reports.list_rows); `list_facets` the articles and regions a row is filtered by;
`list_state` what the rows hold. Derived data: empty here, built on first use.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None
# One index per sort, holding all its keys (casefile.reports.list_rows.order_keys), and one
# for the counts: a page is read off an index, not sorted.
INDEXES = {
    "list": ["status_rank", "list_number", "name", "root"],
    "name": ["name_key", "status_rank", "list_number", "name", "root"],
    "status": ["status_rank", "name_key", "list_number", "name", "root"],
    "category": ["category_key", "list_number", "name", "status_rank", "root"],
    "sentence": ["sentence_key", "name_key", "status_rank", "list_number", "name", "root"],
    "detained": ["detained", "name_key", "status_rank", "list_number", "name", "root"],
    "counts": ["status"],
}


def _ordered(length: int | None) -> sa.String:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "list_rows",
        sa.Column("country", sa.String(2), primary_key=True),
        sa.Column("root", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(40), nullable=True),
        sa.Column("status_rank", sa.Integer(), nullable=False),
        sa.Column("shown", sa.Boolean(), nullable=False),
        sa.Column("list_number", sa.Integer(), nullable=False),
        sa.Column("name", _ordered(300), nullable=False),
        sa.Column("name_key", _ordered(300), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("category_key", _ordered(None), nullable=False),
        sa.Column("sentence_key", sa.Float(), nullable=False),
        sa.Column("detained", _ordered(10), nullable=False),
        sa.Column("entry", sa.JSON(), nullable=True),
        sa.Column("years", sa.BigInteger(), nullable=False),
    )
    for name, columns in INDEXES.items():
        op.create_index(f"ix_list_rows_{name}", "list_rows", ["country", "shown", *columns])
    op.create_index("ix_list_rows_root", "list_rows", ["root"])
    op.create_table(
        "list_facets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("root", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", _ordered(None), nullable=False),
    )
    op.create_index("ix_list_facets_value", "list_facets", ["country", "kind", "value"])
    op.create_index("ix_list_facets_root", "list_facets", ["root"])
    op.create_table(
        "list_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("as_of", sa.String(10), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("settings", sa.String(100), nullable=False),
    )
    # One row, always there: a rebuild locks it (casefile.reports.list_rows).
    op.execute("INSERT INTO list_state (id, as_of, audit_id, settings) VALUES (1, '', -1, '')")


def downgrade() -> None:
    op.drop_table("list_state")
    op.drop_index("ix_list_facets_root", "list_facets")
    op.drop_index("ix_list_facets_value", "list_facets")
    op.drop_table("list_facets")
    op.drop_index("ix_list_rows_root", "list_rows")
    for name in INDEXES:
        op.drop_index(f"ix_list_rows_{name}", "list_rows")
    op.drop_table("list_rows")

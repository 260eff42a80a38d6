"""watches: listings fetched again on a schedule, only their new items captured

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 21:30:00

A watch is a listing's URL with how often to fetch it, what its last answer's validators were
(ETag, Last-Modified, for a conditional request), how its last run went, its failures and
when to try next (back-off), and the claim of the run fetching it now
(casefile.registry.watches). Plain DDL: it runs inside the upgrade's transaction.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("publisher", sa.String(300)),
        sa.Column("country", sa.String(2)),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("every_minutes", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_run_at", sa.DateTime(timezone=True)),
        sa.Column("last_result", sa.String(20)),
        sa.Column("last_note", sa.Text()),
        sa.Column("last_listing_id", sa.Integer(), sa.ForeignKey("sources.id")),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True)),
        sa.Column("claim", sa.String(32)),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_watches_next_run_at", "watches", ["next_run_at"])


def downgrade() -> None:
    op.drop_index("ix_watches_next_run_at", "watches")
    op.drop_table("watches")

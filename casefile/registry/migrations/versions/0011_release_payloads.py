"""releases: the canonical JSON of a release as text, its criteria, row count and stamp

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 04:10:00

A release must stay reproducible byte for byte: a JSON column is serialised again by the
driver (key order, spacing), so the hashed text is kept in a Text column instead and the
`payload` JSON column goes. Nothing wrote releases before this revision, so no data moves. The
stamp columns hold an RFC 3161 answer when a TSA is configured (CASEFILE_TSA_URL), else the
state "unstamped": the hash recorded for later stamping.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("releases") as batch:
        batch.drop_column("payload")
        batch.add_column(sa.Column("criteria", sa.JSON(), nullable=False,
                                   server_default="{}"))
        batch.add_column(sa.Column("canonical", sa.Text(), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("rows", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("stamp_state", sa.String(length=10), nullable=False,
                                   server_default="unstamped"))
        batch.add_column(sa.Column("stamp_authority", sa.Text(), nullable=True))
        batch.add_column(sa.Column("stamp_token", sa.Text(), nullable=True))
        batch.add_column(sa.Column("stamp_note", sa.Text(), nullable=True))
        batch.create_index("ix_releases_country_as_of", ["country", "as_of"])


def downgrade() -> None:
    with op.batch_alter_table("releases") as batch:
        batch.drop_index("ix_releases_country_as_of")
        for name in ("stamp_note", "stamp_token", "stamp_authority", "stamp_state", "rows",
                     "canonical", "criteria"):
            batch.drop_column(name)
        batch.add_column(sa.Column("payload", sa.JSON(), nullable=False,
                                   server_default="{}"))

"""follows: the persons each editor follows, for the digest of what arrived about them

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-05 21:30:00

`casefile follow PERSON_ID` (and the Follow button on the editors' person page) keeps one row
per (editor, person); `casefile digest` reads them to name the new events of followed
persons (casefile.registry.follows). Plain DDL: it runs inside the upgrade's transaction.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("editor", sa.String(100), nullable=False),
        sa.Column("person_id", sa.Integer(),
                  sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("editor", "person_id", name="uq_follows_editor_person"),
    )
    op.create_index("ix_follows_person", "follows", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_follows_person", "follows")
    op.drop_table("follows")

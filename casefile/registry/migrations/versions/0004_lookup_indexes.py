"""lookup indexes: assessments by case, judgements by their right-hand person

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 22:30:00

Every person page reads the assessments of its cases and walks the merges from its person
in both directions; without these, both scan their whole table.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_assessments_case", "assessments", ["case_id"])
    op.create_index("ix_judgements_right", "judgements", ["right_id"])


def downgrade() -> None:
    op.drop_index("ix_judgements_right", table_name="judgements")
    op.drop_index("ix_assessments_case", table_name="assessments")

"""screening hits: the editors' queue of registry persons who may be on a list from outside

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-05 03:30:00

`casefile screen FILE --queue` stores each hit of a screened list (a wanted list, a national
"extremist" list) as an item editors confirm or dismiss; a confirmed hit on a wanted-type
listing feeds the CCF draft. One item per (list file sha256, person, listed entity), so a
second screening of the same file opens none. Plain DDL: it runs inside the upgrade's
transaction.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screening_hits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("listed_id", sa.String(200), nullable=False),
        sa.Column("listed_name", sa.String(300), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("dataset", sa.String(200), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("list_sha256", sa.String(64), nullable=False),
        sa.Column("list_origin", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("list_sha256", "person_id", "listed_id"),
    )
    op.create_index("ix_screening_hits_person", "screening_hits", ["person_id"])
    op.create_index("ix_screening_hits_state", "screening_hits", ["state"])


def downgrade() -> None:
    op.drop_index("ix_screening_hits_state", "screening_hits")
    op.drop_index("ix_screening_hits_person", "screening_hits")
    op.drop_table("screening_hits")

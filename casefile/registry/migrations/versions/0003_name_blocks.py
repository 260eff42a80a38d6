"""name blocks: blocking keys for resolving new mentions to persons

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 21:00:00

Filled from existing person names on upgrade, so registries created before it resolve the
same way as new ones.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_blocks",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("block", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "block"),
    )
    op.create_index("ix_name_blocks_block", "name_blocks", ["block"])
    from casefile.names.keys import block_keys

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT person_id, name FROM person_names")).all()
    blocks = {(pid, b) for pid, name in rows for b in block_keys(name)}
    if blocks:
        conn.execute(sa.text("INSERT INTO name_blocks (person_id, block) VALUES (:p, :b)"),
                     [{"p": p, "b": b} for p, b in sorted(blocks)])


def downgrade() -> None:
    op.drop_index("ix_name_blocks_block", table_name="name_blocks")
    op.drop_table("name_blocks")

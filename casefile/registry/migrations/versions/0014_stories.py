"""stories: sources telling the same story, found by MinHash LSH over their texts

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 21:40:00

`sources.story_id` names the story a source tells with other outlets (the id of the story's
earliest source). `source_fingerprints` keeps each source's MinHash signature and
`story_bands` its LSH band keys (casefile.sources.fingerprint), indexed by key, so the sources
that may tell the same story are found by lookup, not by comparing with every source.
Sources captured before this migration get theirs from `casefile sources stories`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer(), nullable=True))
    op.create_index("ix_sources_story_id", "sources", ["story_id"])
    op.create_table(
        "source_fingerprints",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"],
                                name="fk_source_fingerprints_source_id"),
        sa.PrimaryKeyConstraint("source_id"))
    op.create_table(
        "story_bands",
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_story_bands_source_id"),
        sa.PrimaryKeyConstraint("key", "source_id"))


def downgrade() -> None:
    op.drop_table("story_bands")
    op.drop_table("source_fingerprints")
    op.drop_index("ix_sources_story_id", "sources")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("story_id")

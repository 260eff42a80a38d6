"""listing items: a news item captured from a listing is a source linked to that listing

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-05 04:30:00

`casefile capture --listing` keeps the listing (a page, a text, a feed) as a source and each
of its items as a source of its own (casefile.registry.listings). `listing_id` is the
listing capture that first carried this version of the item; `item_key` names the item across
captures of the listing (a hash of the listing's origin and the item's id, link, or date and
first line), so a second capture adds only the new items and a changed item becomes a new
version: a new source with the same key. Plain DDL: it runs inside the upgrade's transaction.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("listing_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("item_key", sa.String(40), nullable=True))
        batch.create_foreign_key("fk_sources_listing_id", "sources", ["listing_id"], ["id"])
    op.create_index("ix_sources_item_key", "sources", ["item_key"])
    op.create_index("ix_sources_listing_id", "sources", ["listing_id"])


def downgrade() -> None:
    op.drop_index("ix_sources_listing_id", "sources")
    op.drop_index("ix_sources_item_key", "sources")
    with op.batch_alter_table("sources") as batch:
        batch.drop_constraint("fk_sources_listing_id", type_="foreignkey")
        batch.drop_column("item_key")
        batch.drop_column("listing_id")

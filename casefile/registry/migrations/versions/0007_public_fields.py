"""public fields: what an anonymised person's list row may show, and "count only" for withheld

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 21:00:00

Editors choose, per person, which fields an anonymised row keeps (NULL: the default, status
and category; casefile.registry.redact owns the rule) and whether a withheld person still counts
in the public totals ("count only"). Plain DDL: it runs inside the upgrade's transaction.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("persons", sa.Column("public_fields", sa.JSON(), nullable=True))
    op.add_column("persons", sa.Column("count_only", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("persons", "count_only")
    op.drop_column("persons", "public_fields")

"""source url: the address a source can be read at, apart from its origin

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 23:40:00

`origin` is what capture was given (the final URL of a fetched page, a file's name for an
upload) and never changes; `url` is where a reader finds the source, cited by every export
and linked from the public source page, and editors may set or correct it. Fetched sources
get their origin as their url. Plain DDL and one UPDATE: it runs inside the upgrade's
transaction.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("url", sa.Text(), nullable=True))
    # What casefile.sources.links accepts, as far as SQL can tell: an http(s) origin with no
    # space in it (capture stores a fetched page's final URL there, normalised).
    op.execute("UPDATE sources SET url = origin WHERE (lower(origin) LIKE 'http://%' "
               "OR lower(origin) LIKE 'https://%') AND origin NOT LIKE '% %' "
               "AND length(origin) <= 2000")


def downgrade() -> None:
    op.drop_column("sources", "url")

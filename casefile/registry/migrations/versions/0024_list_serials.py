"""each country's kept list rows numbered by their changes

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-08 01:10:00

The web server kept a list's counts, filter options and page marks per registry version, so
every capture made them again, for every country (about 0.6 s of reading per server process
at 100,000 persons). `list_state.serials` numbers the changes to each country's rows
(casefile.reports.list_rows): what is read from a country's rows is kept while its number
stands. Empty here: the first change or build numbers them. The rows' settings name the
numbering too, so every registry's rows are rebuilt once by their first reader (and a process
of the previous version, still running, stops keeping them).
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("list_state", sa.Column("serials", sa.JSON, nullable=False,
                                          server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("list_state") as batch:
        batch.drop_column("serials")

"""the kept list's rows as HTML, per language

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 12:20:00

A list page read its hundred rows' entries from their JSON and made their HTML on every
request: half of a page's CPU, with the same rows made again for every visitor. Each shown
row's HTML is now kept per language beside it (casefile.reports.list_html). The rows' settings
name the form of that HTML, so an existing registry's rows, kept without it, are rebuilt by
their first reader (casefile.reports.list_rows.ready); nothing to fill here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_html",
        sa.Column("root", sa.Integer, primary_key=True),
        sa.Column("country", sa.String(2), primary_key=True),
        sa.Column("lang", sa.String(8), primary_key=True),
        sa.Column("html", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("list_html")

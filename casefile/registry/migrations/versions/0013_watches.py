"""watches: listings fetched again on a schedule, only their new items captured

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 21:30:00

A watch is a listing's URL with how often to fetch it, what its last answer's validators were
(ETag, Last-Modified, for a conditional request), how its last run went, its failures and
when to try next (back-off), and the claim of the run fetching it now
(casefile.registry.watches). Plain DDL: it runs inside the upgrade's transaction.

On PostgreSQL it also creates the job queue that shares watch runs between workers
(casefile.registry.watch_queue): procrastinate's own schema, as the pinned version ships it
(procrastinate/sql/schema.sql). Applying it here rather than on a worker's first start keeps
one upgrade path: it is created with the registry's other tables, in the same transaction
and under the same upgrade lock, so two workers starting together never race to create it,
and a later procrastinate version's migration scripts become a migration of ours. SQLite
runs watches in-process and gets no queue.
"""

from importlib import resources

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


# procrastinate's tables, then its functions and types, in this schema only.
DROP_QUEUE = """
DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs,
    procrastinate_workers CASCADE;
DO $$
DECLARE f record;
BEGIN
    FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_proc p
             JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE p.proname LIKE 'procrastinate\\_%' AND n.nspname = current_schema() LOOP
        EXECUTE 'DROP FUNCTION ' || f.sig || ' CASCADE';
    END LOOP;
END $$;
DROP TYPE IF EXISTS procrastinate_job_to_defer_v1, procrastinate_job_event_type,
    procrastinate_job_status CASCADE;
"""


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("publisher", sa.String(300)),
        sa.Column("country", sa.String(2)),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("every_minutes", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_run_at", sa.DateTime(timezone=True)),
        sa.Column("last_result", sa.String(20)),
        sa.Column("last_note", sa.Text()),
        sa.Column("last_listing_id", sa.Integer(), sa.ForeignKey("sources.id")),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True)),
        sa.Column("claim", sa.String(32)),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_watches_next_run_at", "watches", ["next_run_at"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = (resources.files("procrastinate.sql") / "schema.sql").read_text("utf-8")
        # Many statements in one string: psycopg sends a query without parameters as one
        # simple query, inside the upgrade's transaction.
        bind.connection.driver_connection.execute(schema)  # type: ignore[union-attr]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.connection.driver_connection.execute(DROP_QUEUE)  # type: ignore[union-attr]
    op.drop_index("ix_watches_next_run_at", "watches")
    op.drop_table("watches")

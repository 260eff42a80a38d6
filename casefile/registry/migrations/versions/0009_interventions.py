"""interventions and recommendations: what editors filed for whom, what sources recommend

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 03:30:00

`interventions` are the editors' record of letters, communications and appeals filed (status,
follow-up date, confidential notes). `recommendations` are read from sources at extraction,
with the registry persons each one names; `recommendation_progress` tracks implementation and
is append-only like the audit log: triggers refuse UPDATE and DELETE on both databases.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "interventions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=True),
        sa.Column("addressee", sa.String(300), nullable=False),
        sa.Column("filed", sa.String(10), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("follow_up", sa.String(10), nullable=True),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=True),
        sa.Column("updated_at", TZ, nullable=True),
    )
    op.create_index("ix_interventions_person", "interventions", ["person_id"])
    op.create_index("ix_interventions_follow_up", "interventions", ["follow_up"])
    op.create_table(
        "recommendations",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("addressee", sa.Text(), nullable=False),
        sa.Column("institutions", sa.JSON(), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("extractor", sa.String(60), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_recommendations_source", "recommendations", ["source_id"])
    op.create_table(
        "recommendation_persons",
        sa.Column("recommendation_id", sa.String(40),
                  sa.ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), primary_key=True),
        sa.Column("mention", sa.String(300), nullable=False),
    )
    op.create_index("ix_recommendation_persons_person", "recommendation_persons",
                    ["person_id"])
    op.create_table(
        "recommendation_progress",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recommendation_id", sa.String(40), sa.ForeignKey("recommendations.id"),
                  nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id"), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("editor", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_recommendation_progress_rec", "recommendation_progress",
                    ["recommendation_id"])
    # Implementation history is append-only: the database refuses UPDATE and DELETE.
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER recommendation_progress_no_{verb.lower()} BEFORE {verb} "
                "ON recommendation_progress "
                "BEGIN SELECT RAISE(ABORT, 'recommendation_progress is append-only'); END")
    else:
        op.execute(
            "CREATE FUNCTION recommendation_progress_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'recommendation_progress is append-only'; END; $$ "
            "LANGUAGE plpgsql")
        op.execute(
            "CREATE TRIGGER recommendation_progress_append_only BEFORE UPDATE OR DELETE ON "
            "recommendation_progress FOR EACH ROW "
            "EXECUTE FUNCTION recommendation_progress_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER IF EXISTS recommendation_progress_append_only "
                   "ON recommendation_progress")
        op.execute("DROP FUNCTION IF EXISTS recommendation_progress_append_only()")
    op.drop_table("recommendation_progress")
    op.drop_table("recommendation_persons")
    op.drop_table("recommendations")
    op.drop_table("interventions")

"""search passages: sources' texts cut into stored, indexed passages for search excerpts

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-06 00:40:00

A search excerpt was cut from the whole source text at query time (375 kB texts at the 10k
benchmark), most of a cold search's time. `search_passages` holds each text cut into
passages of about 600 characters (casefile.registry.passages) with their start, and their own
full-text index: a contentless FTS5 table on SQLite, a tsvector column with a GIN index on
PostgreSQL. Existing sources are cut here, one text in memory at a time.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None
CHUNK = 500


def upgrade() -> None:
    op.create_table(
        "search_passages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(),
                  sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("more", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.UniqueConstraint("source_id", "seq", name="uq_search_passages_source_seq"),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE VIRTUAL TABLE search_passages_fts USING fts5(body, content='', "
                   "tokenize='unicode61 remove_diacritics 2')")
    else:
        op.add_column("search_passages", sa.Column("tsv", postgresql.TSVECTOR()))
        op.create_index("ix_search_passages_tsv", "search_passages", ["tsv"],
                        postgresql_using="gin")
    _fill(op.get_bind(), sqlite)


def _fill(conn: sa.Connection, sqlite: bool) -> None:
    from casefile.registry.passages import split

    for (sid,) in conn.execute(sa.text("SELECT id FROM sources ORDER BY id")).all():
        body = conn.execute(sa.text("SELECT text FROM sources WHERE id = :i"), {"i": sid}).scalar()
        pieces = split((body or "").replace("\x00", " "))
        for i in range(0, len(pieces), CHUNK):
            rows = [{"sid": sid, "seq": n, "start": start, "more": n + 1 < len(pieces),
                     "body": piece} for n, (start, piece) in enumerate(pieces[i:i + CHUNK], i)]
            conn.execute(sa.text("INSERT INTO search_passages (source_id, seq, start, more, "
                                 "body) VALUES (:sid, :seq, :start, :more, :body)"), rows)
        if sqlite:
            conn.execute(sa.text("INSERT INTO search_passages_fts(rowid, body) SELECT id, body "
                                 "FROM search_passages WHERE source_id = :sid ORDER BY seq"),
                         {"sid": sid})
        else:
            conn.execute(sa.text("UPDATE search_passages SET tsv = to_tsvector('simple', body) "
                                 "WHERE source_id = :sid"), {"sid": sid})


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_passages_fts")
    op.drop_table("search_passages")

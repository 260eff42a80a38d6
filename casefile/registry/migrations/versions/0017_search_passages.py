"""search passages, and a kind column in SQLite's search index: cheap cold searches

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-06 00:40:00

A search excerpt was cut from the whole source text at query time (375 kB texts at the 10k
benchmark), most of a cold search's time. `search_passages` holds each text cut into
passages of about 600 characters (casefile.registry.passages) with their start, and their own
full-text index: a contentless FTS5 table on SQLite, a tsvector column with a GIN index on
PostgreSQL. Existing sources are cut here, one text in memory at a time.

On SQLite the contentless FTS5 table `search_fts` gets a `kind` column beside `body`, so a
search for persons ranks persons' entries only (it ranked every match of every kind, then
kept one kind: up to a tenth of a second for a common word); its rank ignores the kind column
(bm25 weights 0 and 1). A contentless table cannot be altered nor read back, so it is made
again and filled from the registry, each entry's text put together as
casefile.registry.search does (a source's text, an event's label, place and quote, a name
and its key). PostgreSQL's search_docs already has its kind beside its tsvector.
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
    if sqlite:
        _rebuild(op.get_bind(), "kind, body")
        op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(0.0, 1.0)')")


def _rebuild(conn: sa.Connection, columns: str) -> None:
    """Make search_fts again with `columns` ("kind, body" or "body") and fill it."""
    from casefile import vocab
    from casefile.registry.search import event_body, name_body, source_body

    conn.execute(sa.text("DROP TABLE IF EXISTS search_fts"))
    conn.execute(sa.text(f"CREATE VIRTUAL TABLE search_fts USING fts5({columns}, content='', "
                         "tokenize='unicode61 remove_diacritics 2')"))
    into = sa.text("INSERT INTO search_fts(rowid, kind, body) VALUES (:id, :kind, :body)"
                   if "kind" in columns else
                   "INSERT INTO search_fts(rowid, body) VALUES (:id, :body)")
    names = conn.execute(sa.text(
        "SELECT d.id, n.name FROM search_docs d JOIN person_names n "
        "ON n.id = CAST(d.ref AS INTEGER) WHERE d.kind = 'person'")).all()
    _insert(conn, into, [(i, "person", name_body(name)) for i, name in names])
    labels = vocab.event_types()
    events = conn.execute(sa.text(
        "SELECT d.id, e.type, e.place, c.quote FROM search_docs d JOIN events e "
        "ON e.id = CAST(d.ref AS INTEGER) JOIN claims c ON c.id = e.claim_id "
        "WHERE d.kind = 'event'")).all()
    _insert(conn, into, [(i, "event", event_body(labels.get(t, {}).get("label", t), place,
                                                 quote)) for i, t, place, quote in events])
    for i, sid in conn.execute(sa.text("SELECT id, source_id FROM search_docs "
                                       "WHERE kind = 'source' ORDER BY id")).all():
        row = conn.execute(sa.text("SELECT title, publisher, text FROM sources WHERE id = :s"),
                           {"s": sid}).first()
        if row is not None:
            _insert(conn, into, [(i, "source", source_body(*row))])


def _insert(conn: sa.Connection, into: sa.TextClause, rows: list[tuple[int, str, str]]) -> None:
    for n in range(0, len(rows), CHUNK):
        conn.execute(into, [{"id": i, "kind": kind, "body": body.replace("\x00", " ")}
                            for i, kind, body in rows[n:n + CHUNK]])


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
        _rebuild(op.get_bind(), "body")
    op.drop_table("search_passages")

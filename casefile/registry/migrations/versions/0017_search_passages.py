"""search passages, and SQLite's search index split by kind: cheap cold searches

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 00:40:00

A search excerpt was cut from the whole source text at query time (375 kB texts at the 10k
benchmark), most of a cold search's time. `search_passages` holds each text cut into
passages of about 600 characters (casefile.registry.passages) with their start, and their own
full-text index: a contentless FTS5 table on SQLite, a tsvector column with a GIN index on
PostgreSQL. Existing sources are cut here, one text in memory at a time.

On SQLite the one contentless FTS5 table `search_fts` becomes one per kind (search_fts_person,
search_fts_event, search_fts_source), so a search for persons ranks persons' entries only: it
ranked every match of every kind, then kept one kind (up to a tenth of a second for a common
word), and a kind column would not do, as bm25 counts the entries of each phrase, the kind's
too. A contentless table cannot be read back, so the tables are filled from the registry,
each entry's text put together as casefile.registry.search does (a source's title,
publisher and text; an event's label, place and quote; a name and its key). PostgreSQL's
search_docs already has its kind beside its tsvector.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0017"
down_revision = "0016"
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
        _rebuild(op.get_bind(), split=True)


KINDS = ("person", "event", "source")


def _rebuild(conn: sa.Connection, split: bool) -> None:
    """Make the FTS5 tables again, one per kind (`split`) or the one of 0002, and fill them."""
    from casefile import vocab
    from casefile.registry.search import event_body, name_body, source_body

    for name in ("search_fts", *(f"search_fts_{k}" for k in KINDS)):
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {name}"))
    for name in [f"search_fts_{k}" for k in KINDS] if split else ["search_fts"]:
        conn.execute(sa.text(f"CREATE VIRTUAL TABLE {name} USING fts5(body, content='', "
                             "tokenize='unicode61 remove_diacritics 2')"))

    def into(kind: str) -> sa.TextClause:
        name = f"search_fts_{kind}" if split else "search_fts"
        return sa.text(f"INSERT INTO {name}(rowid, body) VALUES (:id, :body)")  # noqa: S608

    names = conn.execute(sa.text(
        "SELECT d.id, n.name FROM search_docs d JOIN person_names n "
        "ON n.id = CAST(d.ref AS INTEGER) WHERE d.kind = 'person'")).all()
    _insert(conn, into("person"), [(i, name_body(name)) for i, name in names])
    labels = vocab.event_types()
    events = conn.execute(sa.text(
        "SELECT d.id, e.type, e.place, c.quote FROM search_docs d JOIN events e "
        "ON e.id = CAST(d.ref AS INTEGER) JOIN claims c ON c.id = e.claim_id "
        "WHERE d.kind = 'event'")).all()
    _insert(conn, into("event"), [(i, event_body(labels.get(t, {}).get("label", t), place,
                                                 quote)) for i, t, place, quote in events])
    for i, sid in conn.execute(sa.text("SELECT id, source_id FROM search_docs "
                                       "WHERE kind = 'source' ORDER BY id")).all():
        row = conn.execute(sa.text("SELECT title, publisher, text FROM sources WHERE id = :s"),
                           {"s": sid}).first()
        if row is not None:
            _insert(conn, into("source"), [(i, source_body(*row))])


def _insert(conn: sa.Connection, into: sa.TextClause, rows: list[tuple[int, str]]) -> None:
    for n in range(0, len(rows), CHUNK):
        conn.execute(into, [{"id": i, "body": body.replace("\x00", " ")}
                            for i, body in rows[n:n + CHUNK]])


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
        _rebuild(op.get_bind(), split=False)
    op.drop_table("search_passages")

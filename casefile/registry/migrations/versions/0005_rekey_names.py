"""rekey names: matching keys, blocking keys and search bodies from the current names layer

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 19:00:00

The names layer learnt Belarusian forms (ў, -ou/-au, ЦЦ), more Russian case forms and press
spellings (-zade/-zoda, ё as yo/io, an initial X as Kh), so some names have new matching and
blocking keys. A registry keeps the keys it computed at capture: without this upgrade a new
mention of a known person would miss them and make a duplicate, and search would not find the
new spellings. Keys are recomputed from the stored names; the search entry of each renamed key
is replaced (SQLite's contentless FTS5 table is told the old body to delete it).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
CHUNK = 500


def upgrade() -> None:
    from casefile.names.keys import block_keys, match_key

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, person_id, name, key FROM person_names")).all()
    changed = [(nid, name, old, match_key(name)) for nid, _pid, name, old in rows]
    changed = [c for c in changed if c[3] != c[2]]
    for i in range(0, len(changed), CHUNK):
        conn.execute(sa.text("UPDATE person_names SET key = :k WHERE id = :i"),
                     [{"i": nid, "k": new} for nid, _, _, new in changed[i:i + CHUNK]])
    blocks = sorted({(pid, b) for _nid, pid, name, _old in rows for b in block_keys(name)})
    conn.execute(sa.text("DELETE FROM name_blocks"))
    for i in range(0, len(blocks), CHUNK):
        conn.execute(sa.text("INSERT INTO name_blocks (person_id, block) VALUES (:p, :b)"),
                     [{"p": p, "b": b} for p, b in blocks[i:i + CHUNK]])
    _reindex(conn, changed)


def _reindex(conn: sa.Connection, changed: list[tuple[int, str, str, str]]) -> None:
    sqlite = conn.dialect.name == "sqlite"
    for nid, name, old, new in changed:
        doc = conn.execute(sa.text("SELECT id FROM search_docs WHERE kind = 'person' "
                                   "AND ref = :ref"), {"ref": str(nid)}).scalar()
        if doc is None:
            continue
        body = f"{name} {new}".replace("\x00", " ")
        if sqlite:
            conn.execute(sa.text("INSERT INTO search_fts(search_fts, rowid, body) "
                                 "VALUES ('delete', :id, :body)"),
                         {"id": doc, "body": f"{name} {old}".replace("\x00", " ")})
            conn.execute(sa.text("INSERT INTO search_fts(rowid, body) VALUES (:id, :body)"),
                         {"id": doc, "body": body})
        else:
            conn.execute(sa.text("UPDATE search_docs SET tsv = to_tsvector('simple', :body) "
                                 "WHERE id = :id"), {"id": doc, "body": body})


def downgrade() -> None:
    """Keys are derived data: the older names layer recomputes them the same way."""

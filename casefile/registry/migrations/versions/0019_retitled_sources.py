"""sources whose title or publisher was edited: their search entries made again

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 18:40:00

A source's search entry is made of its title, publisher and text
(casefile.registry.search.SOURCE_BODY), and the index only added entries it did not hold, so
an edited title was never indexed: a search found the source by its old title and not by the
new one. Edits now make the entry again (casefile.registry.search.retitle); this does it for
the sources edited before, as the audit log names them. The old entry stays under the kind
'retired' (its words cannot be taken out of a contentless FTS5 table), so its id is never
given to another entry.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from casefile.registry.search import SOURCE_BODY, source_body

    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    edited: set[int] = set()
    for target, detail in conn.execute(sa.text(
            "SELECT target, detail FROM audit_log WHERE action = 'source-edit'")):
        changes = (detail if isinstance(detail, dict) else _json(detail)).get("changes") or {}
        if set(changes) & set(SOURCE_BODY) and target.startswith("source:"):
            edited.add(int(target.partition(":")[2]))
    for sid in sorted(edited):
        old = conn.execute(sa.text("SELECT id FROM search_docs WHERE kind = 'source' AND "
                                   "ref = :ref"), {"ref": str(sid)}).scalar()
        row = conn.execute(sa.text("SELECT title, publisher, text FROM sources WHERE id = :s"),
                           {"s": sid}).first()
        if old is None or row is None:
            continue
        conn.execute(sa.text("UPDATE search_docs SET kind = 'retired', ref = :ref WHERE id = :id"),
                     {"ref": f"{sid}:{old}", "id": old})
        new = conn.execute(sa.text("INSERT INTO search_docs (kind, ref, source_id) VALUES "
                                   "('source', :ref, :sid) RETURNING id"),
                           {"ref": str(sid), "sid": sid}).scalar_one()
        body = source_body(*row).replace("\x00", " ")
        if sqlite:
            conn.execute(sa.text("INSERT INTO search_fts_source(rowid, body) VALUES (:id, :b)"),
                         {"id": new, "b": body})
        else:
            conn.execute(sa.text("UPDATE search_docs SET tsv = NULL WHERE id = :id"), {"id": old})
            conn.execute(sa.text("UPDATE search_docs SET tsv = to_tsvector('simple', :b) "
                                 "WHERE id = :id"), {"id": new, "b": body})


def _json(detail: object) -> dict:
    import json

    return json.loads(detail) if isinstance(detail, str) else {}


def downgrade() -> None:
    pass  # the entries made again are right for the old code too

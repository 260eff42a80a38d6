"""The migrations and the models describe the same schema, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from casefile.registry import db
from casefile.registry.models import Base

# Tables the models do not map: the search index and passages are filled by
# casefile.registry.search and casefile.registry.passages; the
# job queue of watches on PostgreSQL is procrastinate's (casefile.registry.watch_queue).
UNMAPPED = ("search_docs", "search_fts", "search_passages", "procrastinate_")


def _table(diff) -> str:
    """The table a schema difference is about."""
    op = diff[0]
    if op in ("add_table", "remove_table"):
        return diff[1].name
    if op in ("add_index", "remove_index"):
        return diff[1].table.name
    return diff[2] if op in ("add_column", "remove_column") else ""


def test_models_match_migrations(registry):
    with db.engine(registry).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    flat = [d for d in diff if isinstance(d, tuple)] + [x for d in diff if isinstance(d, list)
                                                        for x in d]
    assert [d for d in flat if not _table(d).startswith(UNMAPPED)] == []


def test_rekey_gives_stored_names_the_current_keys(registry, tmp_path):
    """A registry whose names were keyed by an older names layer is rekeyed on upgrade: a new
    mention then meets the person, and search finds the new key."""
    from alembic import command
    from sqlalchemy import text

    from casefile.names.keys import match_key
    from casefile.registry import search
    from tests.helpers import run

    source = tmp_path / "by.txt"
    source.write_text("Political prisoners:\n1. Алесь Стральцоў – 2 years in a penal colony.\n",
                      encoding="utf-8")
    run("capture", str(source), "--trusted")
    cfg = db.alembic_config(registry)
    command.downgrade(cfg, "0005")  # the schema of 0004 again, for what follows 0005
    with db.engine(registry).begin() as conn:  # keys as an older layer might have written them
        name, key = conn.execute(text("SELECT name, key FROM person_names")).first()
        assert key == match_key(name)
        conn.execute(text("UPDATE person_names SET key = 'stale key'"))
        conn.execute(text("DELETE FROM name_blocks"))
        doc = conn.execute(text("SELECT id FROM search_docs WHERE kind = 'person'")).scalar()
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO search_fts(search_fts, rowid, body) "
                              "VALUES ('delete', :id, :body)"),
                         {"id": doc, "body": f"{name} {key}"})
            conn.execute(text("INSERT INTO search_fts(rowid, body) VALUES (:id, :body)"),
                         {"id": doc, "body": f"{name} stale key"})
        else:
            conn.execute(text("UPDATE search_docs SET tsv = to_tsvector('simple', :b) "
                              "WHERE id = :id"), {"id": doc, "b": f"{name} stale key"})
        conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    with db.engine(registry).connect() as conn:
        assert _index_finds(conn, key) == 0  # the old index misses the new key
    command.upgrade(cfg, "0005")  # only the rekey
    with db.engine(registry).connect() as conn:
        assert conn.execute(text("SELECT key FROM person_names")).scalar() == match_key(name)
        assert conn.execute(text("SELECT count(*) FROM name_blocks")).scalar() > 0
        assert _index_finds(conn, match_key(name)) == 1
    command.upgrade(cfg, "head")  # the later ones (0017 splits SQLite's index by kind)
    with db.session() as s:
        hits, total = search.search(s, match_key(name), "person")
    assert total == 1 and hits[0].person_id is not None


def _index_finds(conn, key: str) -> int:
    """Person entries of the search index of migrations 0002-0016 that hold every word of
    `key` (read directly: the search of today reads the index of 0017)."""
    from sqlalchemy import text

    words = key.split()
    if conn.dialect.name == "sqlite":
        return conn.execute(text("SELECT count(*) FROM search_fts f JOIN search_docs d "
                                 "ON d.id = f.rowid WHERE search_fts MATCH :m AND "
                                 "d.kind = 'person'"),
                            {"m": " AND ".join(f'"{w}"*' for w in words)}).scalar()
    return conn.execute(text("SELECT count(*) FROM search_docs WHERE kind = 'person' AND "
                             "tsv @@ to_tsquery('simple', :m)"),
                        {"m": " & ".join(f"{w}:*" for w in words)}).scalar()


def test_the_newest_revision_read_without_alembic_is_alembics_head(registry):
    """db.upgrade skips importing alembic when the registry is at this revision (a web server
    process then never loads it), so it must be the one alembic would upgrade to."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(db.alembic_config(registry))
    assert db.newest_revision() == scripts.get_current_head()
    with db.engine(registry).connect() as conn:
        assert db._stored_revision(conn) == db.newest_revision()


def test_sources_retitled_before_0019_are_found_by_their_titles(registry, tmp_path):
    """Before 0019 an edited title was never indexed; the upgrade makes the entries of the
    sources the audit log says were edited again."""
    from alembic import command
    from sqlalchemy import text

    from casefile.registry import search
    from tests.helpers import run

    source = tmp_path / "a.txt"
    source.write_text("Kazakhstan: activist Aigul Omarova was detained on 2 March 2024.\n",
                      encoding="utf-8")
    run("capture", str(source), "--trusted")
    cfg = db.alembic_config(registry)
    command.downgrade(cfg, "0018")
    with db.engine(registry).begin() as conn:  # an edit as the code before 0019 made it
        conn.execute(text("UPDATE sources SET title = 'Zhanaozen bulletin'"))
        conn.execute(text("INSERT INTO audit_log (at, actor, action, target, detail) VALUES "
                          "(CURRENT_TIMESTAMP, 'anna', 'source-edit', 'source:1', :d)"),
                     {"d": '{"changes": {"title": ["a.txt", "Zhanaozen bulletin"]}}'})
    with db.session() as s:
        assert search.search(s, "Zhanaozen", "source")[1] == 0
    command.upgrade(cfg, "head")
    with db.session() as s:
        assert search.search(s, "Zhanaozen", "source")[1] == 1
        assert search.search(s, "Omarova", "source")[1] == 1

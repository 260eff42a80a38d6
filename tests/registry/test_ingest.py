import json

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Claim, Source
from casefile.sources import blobs
from tests.conftest import seed
from tests.helpers import counts, run


def test_capture_keeps_bytes_hash_and_time(registry):
    path = seed("002")
    r = capture(str(path), trusted=True, publisher="Open Dialogue Foundation")
    assert r.created and r.claims > 100 and r.persons >= 47
    with db.session() as s:
        src = s.get(Source, r.source_id)
        assert blobs.get(src.sha256) == path.read_bytes()
        assert src.captured_at is not None and src.country == "KZ"
        assert src.published_at == "2023-08-11" and src.published_at_basis == "inferred"
        # every claim's quote is the exact text at its offsets
        for c in s.scalars(select(Claim).where(Claim.source_id == src.id)):
            assert src.text[c.start:c.end] == c.quote
            assert c.state == "accepted" and c.reviewer == "auto:trusted"


def test_capturing_the_same_bytes_twice_changes_nothing(registry):
    path = str(seed("000"))
    first = capture(path)
    before = counts()
    again = run("capture", path)
    assert again.exit_code == 0
    assert "already captured" in again.output and "nothing changed" in again.output
    assert counts() == before and first.created


def test_untrusted_claims_wait_for_review(registry):
    capture(str(seed("004")))
    with db.session() as s:
        states = set(s.scalars(select(Claim.state)))
    assert states == {"proposed"}


def test_all_seeds_capture_without_error(registry):
    for prefix in ("000", "001", "002", "003", "004"):
        r = run("capture", str(seed(prefix)))
        assert r.exit_code == 0, r.output
    out = run("persons", "--json")
    names = [json.loads(line)["name"] for line in out.stdout.splitlines()]
    assert "Mukhtar Dzhakishev" in names and "Iskander Yerimbetov" in names
    assert len(names) == len(set(names))


def test_given_publication_date_is_validated(registry):
    r = run("capture", str(seed("000")), "--published", "yesterday")
    assert r.exit_code == 1 and "--published" in r.output
    assert counts()["sources"] == 0


def test_sqlite_planner_statistics_follow_captures(registry):
    """Without statistics SQLite read half the claims table through the state index for a
    person page; after a capture it knows how selective each claims index is."""
    eng = db.engine()
    if eng.dialect.name != "sqlite":
        return
    capture(str(seed("002")))
    with eng.connect() as conn:
        stats = dict(conn.exec_driver_sql(
            "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'claims'").all())
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE group_key = 'x' "
            "AND state = 'accepted'"))
    assert {"ix_claims_state", "ix_claims_group", "ix_claims_person"} <= set(stats)
    assert "ix_claims_group" in plan

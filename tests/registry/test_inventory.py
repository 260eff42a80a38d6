"""The sources inventory (issue 14): list with filters, metadata edited with an audit entry
each, extraction run again without touching reviewed claims."""

import json

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Claim, Event, Source
from tests.conftest import seed
from tests.helpers import counts, run


def _listed(*args):
    r = run("sources", *args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_inventory_lists_and_filters_sources(registry):
    run("capture", str(seed("002")), "--publisher", "Open Dialog Foundation")
    run("capture", str(seed("000")), "--publisher", "Justice for Journalists", "--trusted")
    every = _listed()
    assert every["total"] == 2 and {s["id"] for s in every["sources"]} == {1, 2}
    odf = _listed("--publisher", "open dialog")
    assert [s["id"] for s in odf["sources"]] == [1]
    first = odf["sources"][0]
    assert first["claims"] > 0 and first["pending"] == first["claims"]  # nothing reviewed yet
    assert [s["id"] for s in _listed("--pending")["sources"]] == [1]
    table = run("sources")
    assert table.exit_code == 0 and "2 source(s)" in table.stdout


def test_metadata_edit_is_logged_and_moves_list_dates(registry):
    run("capture", str(seed("002")))
    r = run("sources", "edit", "1", "--title", "Political prisoners of Kazakhstan",
            "--publisher", "ODF", "--published", "2023-09-15", "--reason", "from the PDF",
            "--as", "anna")
    assert r.exit_code == 0, r.output
    assert "title" in r.stdout and "published_at" in r.stdout
    with db.session() as s:
        src = s.get(Source, 1)
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "source-edit")).one()
        listed = s.scalars(select(Event).where(Event.type == "listed")).all()
    assert src.title == "Political prisoners of Kazakhstan" and src.published_at_basis == "given"
    assert log.actor == "anna" and log.detail["changes"]["publisher"] == [None, "ODF"]
    assert listed and {e.date for e in listed} == {"2023-09-15"}
    before = counts()
    for bad, message in ((["--published", "2023-13-01"], "publication date"),
                         (["--language", "xx"], "a language is one of"),
                         ([], "say what to change")):
        r = run("sources", "edit", "1", *bad)
        assert r.exit_code == 1 and message in r.output
    assert counts() == before


def test_reextract_proposes_only_new_claims_and_keeps_decisions(registry):
    run("capture", str(seed("002")), "--trusted")
    with db.session() as s:
        kept = s.scalars(select(Claim).where(Claim.predicate == "sentenced_to")).first()
        kept_id = kept.id
    run("review", "reject", kept_id, "--reason", "checked")
    with db.session() as s:  # a claim an older extractor did not find
        s.execute(Claim.__table__.delete().where(
            Claim.id == s.scalars(select(Claim.id).where(
                Claim.predicate == "name",
                ~Claim.id.in_(select(Event.claim_id)))).first()))
        s.commit()
        before = s.scalar(select(Claim.id).where(Claim.id == kept_id))
    r = run("sources", "reextract", "1", "--as", "anna")
    assert r.exit_code == 0 and "1 new claim(s) proposed" in r.stdout, r.output
    with db.session() as s:
        assert s.get(Claim, kept_id).state == "rejected" and before == kept_id
        new = s.scalars(select(Claim).where(Claim.state == "proposed")).all()
    assert [c.predicate for c in new] == ["name"]
    again = run("sources", "reextract", "1")
    assert "0 new claim(s)" in again.stdout


def test_a_fetched_source_has_its_url_and_editors_may_change_it(registry):
    from casefile.registry.ingest import ingest
    from casefile.sources.load import load_bytes

    page = load_bytes(b"Political prisoners:\n1. Bolat Omarov - 6 years.\n",
                      origin="https://example.org/list?id=1")
    fetched = ingest(page).source_id
    run("capture", str(seed("000")))
    with db.session() as s:
        assert s.get(Source, fetched).url == "https://example.org/list?id=1"
        upload = s.scalar(select(Source.id).where(Source.origin.like("000_%")))
        assert s.get(Source, upload).url is None  # a file name is no address
    r = run("sources", "edit", str(upload), "--url", "https://example.org/news/1", "--as", "anna",
            "--reason", "the publisher's page")
    assert r.exit_code == 0, r.output
    for bad in ("javascript:alert(1)", "ftp://example.org/x", "https://exa mple.org",
                "https://example.org/<b>"):
        r = run("sources", "edit", str(upload), "--url", bad)
        assert r.exit_code == 1 and "http:// or https://" in r.output, bad
    assert run("sources", "edit", str(fetched), "--url", "").exit_code == 0
    with db.session() as s:
        assert s.get(Source, upload).url == "https://example.org/news/1"
        assert s.get(Source, fetched).url is None
        logs = s.scalars(select(AuditEntry).where(AuditEntry.action == "source-edit")
                         .order_by(AuditEntry.id)).all()
    assert [entry.detail["changes"]["url"] for entry in logs] == [
        [None, "https://example.org/news/1"], ["https://example.org/list?id=1", None]]
    assert logs[0].actor == "anna" and logs[0].detail["reason"] == "the publisher's page"


def test_the_upgrade_gives_fetched_sources_their_url(registry):
    from alembic import command
    from sqlalchemy import text

    run("capture", str(seed("000")))
    run("capture", str(seed("001")))
    cfg = db.alembic_config(registry)
    command.downgrade(cfg, "0007")
    with db.engine(registry).begin() as conn:  # as a fetch before 0008 stored it
        conn.execute(text("UPDATE sources SET origin = 'https://example.org/a%20b?x=1' "
                          "WHERE id = 1"))
    command.upgrade(cfg, "head")
    with db.session() as s:
        assert s.get(Source, 1).url == "https://example.org/a%20b?x=1"
        assert s.get(Source, 2).url is None


def test_an_edited_title_is_what_search_finds(registry):
    """The source's search entry is made again with each edit of its title or publisher: the
    new words find it, the old ones no longer do, for the public and for editors."""
    from casefile.registry import inventory, search

    run("capture", str(seed("002")), "--trusted")

    def found(words: str) -> list[str]:
        with db.session() as s:
            return [h.ref for public in (True, False)
                    for h in search.search(s, words, "source", public=public)[0]]

    assert found("Quillfeather almanac") == []
    for title in ("Quillfeather almanac", "Marblewick dispatch"):
        with db.transaction() as s:
            inventory.edit(s, 1, inventory.Metadata(title=title, publisher="Tumbleweed"), "anna")
    assert found("Marblewick dispatch") == ["1", "1"]
    assert found("Quillfeather") == [] and found("Tumbleweed") == ["1", "1"]
    with db.transaction() as s:  # a date alone leaves the entry as it was
        inventory.edit(s, 1, inventory.Metadata(published_at="2023-09-15"), "anna")
        retired = s.execute(select(search.docs.c.ref).where(
            search.docs.c.kind == search.RETIRED)).scalars().all()
    assert len(retired) == 2 and found("Marblewick") == ["1", "1"]

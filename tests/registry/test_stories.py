"""Stories in the registry: sources telling the same story share a story id whatever the
order they are captured in, a source joining two stories unites them under the earlier, and
different stories about one person stay apart; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.listings import capture_listing
from casefile.registry.models import Source, SourceFingerprint, StoryBand
from casefile.registry.stories import told_also_by

DATA = Path(__file__).parent.parent / "sources" / "data" / "stories"


def _capture(name: str) -> int:
    return capture(str(DATA / f"{name}.txt")).source_id


def _story(source_id: int) -> int | None:
    with db.session() as s:
        src = s.get(Source, source_id)
        assert src is not None
        return src.story_id


def test_two_outlets_telling_one_story_share_it_and_another_story_stays_apart(registry):
    a, b, other = _capture("written-en-a"), _capture("written-en-b"), _capture(
        "written-en-other")
    assert _story(a) == _story(b) == a
    assert _story(other) is None
    with db.session() as s:
        src = s.get(Source, b)
        assert src is not None
        assert [o.id for o in told_also_by(s, src)] == [a]


def test_in_russian_too(registry):
    other, a, b = _capture("written-ru-other"), _capture("written-ru-a"), _capture(
        "written-ru-b")
    assert _story(a) == _story(b) == a
    assert _story(other) is None


def test_a_real_reprint_captured_in_either_order_is_one_story(registry):
    first = capture(str(DATA / "ceetv-2022-01-24.txt"))
    second = capture(str(DATA / "cpj-2022-01-20.txt"))
    assert first.story_id is None and second.story_id == first.source_id
    assert _story(first.source_id) == first.source_id


def test_order_does_not_matter(registry, tmp_path):
    # The same two reworded reports, as two feeds captured in one order and then the other.
    for n, names in enumerate((("written-en-a", "written-en-b"),
                               ("written-ru-b", "written-ru-a"))):
        page = tmp_path / f"feed{n}.txt"
        page.write_text("".join(f"• Mar {d}, 2021\n{(DATA / f'{m}.txt').read_text()}\n"
                                for d, m in enumerate(names, 2)), encoding="utf-8")
        items = capture_listing(str(page)).new_item_ids
        assert len(items) == 2 and _story(items[0]) == _story(items[1]) == min(items)
    with db.session() as s:  # the listings themselves tell no story: no fingerprint
        assert set(s.scalars(select(SourceFingerprint.source_id))) == set(s.scalars(
            select(Source.id).where(Source.listing_id.is_not(None))))


def test_a_source_telling_both_of_two_stories_joins_them_under_the_earlier(registry, tmp_path):
    x, y, z = ((DATA / f"written-{n}.txt").read_text() for n in ("en-a", "ru-a", "en-other"))
    files = {}
    for name, text in (("first", x + y), ("second", y + z), ("bridge", x + y + z)):
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(text, encoding="utf-8")
    first, second = (capture(str(files[n])).source_id for n in ("first", "second"))
    assert _story(first) is None and _story(second) is None
    bridge = capture(str(files["bridge"]))
    assert bridge.story_id == first
    assert {_story(i) for i in (first, second, bridge.source_id)} == {first}


def test_numbered_entries_about_different_persons_are_not_one_story(registry, tmp_path):
    entry = ("{name} – charged under Article 272 of the Criminal Code (organisation of mass "
             "riots) and Article 179 of the Criminal Code (propaganda of seizure of power); "
             "held in pre-trial detention in Almaty since January 2022.")
    ids = []
    for n, name in enumerate(("Olzhas Kulzhakhanov", "Tenilik Nurlanov", "Olzhas Kulzhakhanov")):
        f = tmp_path / f"entry{n}.txt"
        f.write_text(entry.format(name=name) + (" He denies the charges." if n == 2 else ""),
                     encoding="utf-8")
        ids.append(capture(str(f)).source_id)
    assert _story(ids[0]) == _story(ids[2]) == ids[0]
    assert _story(ids[1]) is None


def test_no_story_work_for_a_listing_an_exact_duplicate_or_when_turned_off(registry,
                                                                            monkeypatch):
    a = _capture("written-en-a")
    again = capture(str(DATA / "written-en-a.txt"))
    assert not again.created and again.source_id == a
    monkeypatch.setenv("CASEFILE_STORY_SIMILARITY", "0")
    b = _capture("written-en-b")
    assert _story(b) is None and _story(a) is None
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SourceFingerprint)) == 1
        assert s.scalar(select(func.count()).select_from(StoryBand)) == len(set(s.scalars(
            select(StoryBand.key))))


def test_sources_kept_before_stories_were_looked_for_join_them_later(registry, monkeypatch,
                                                                      tmp_path):
    from tests.helpers import run

    monkeypatch.setenv("CASEFILE_STORY_SIMILARITY", "0")  # as a registry older than 0014
    other, a = _capture("written-en-other"), _capture("written-ru-a")
    page = tmp_path / "feed.txt"
    page.write_text(f"• Mar 2, 2021\n{(DATA / 'written-ru-b.txt').read_text()}\n",
                    encoding="utf-8")
    listing = capture_listing(str(page))
    b = listing.new_item_ids[-1]  # the item's text (the date line is an item of its own)
    assert _story(a) is None and _story(b) is None
    monkeypatch.delenv("CASEFILE_STORY_SIMILARITY")
    r = run("sources", "stories")
    # Every source but the listing and its date line (an item too short to tell a story).
    assert r.exit_code == 0 and "3 source(s) compared, 1 joined a story" in r.output
    assert _story(a) == _story(b) == a and _story(other) is None
    with db.session() as s:
        assert s.get(SourceFingerprint, listing.listing_id) is None
    assert "0 source(s) compared" in run("sources", "stories").output
    monkeypatch.setenv("CASEFILE_STORY_SIMILARITY", "0")
    off = run("sources", "stories")
    assert off.exit_code == 1 and "CASEFILE_STORY_SIMILARITY is 0" in off.output

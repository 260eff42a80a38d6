"""Search excerpts come from stored passages (casefile.registry.passages), far into a text as
near its start, and the passages, which hold the text as captured, never let out a person
editors withheld or anonymised: the excerpt is redacted when shown, as the source page is."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from casefile.registry import db, passages, search
from casefile.registry.ingest import capture
from casefile.registry.models import Person
from casefile.web.app import create_app
from tests.helpers import run

FILLER = "Nothing of note happened on this day in the capital. " * 60  # 3,240 characters
NEWS = ("Monitoring report\nOn 7 March 2024 the Almaty city court sentenced Yerlan Karimov "
        "to 5 years in prison.\n" + FILLER + "\nOn 5 March 2024 the Aktobe regional court upheld "
        "the sentence of Bolat Omarov to 6 years in prison for a post about Zhanaozen.\n"
        + FILLER + "\nThe Zhanaozen anniversary passed quietly this year.\n")


def _source_hits(c: TestClient, q: str) -> list[dict]:
    r = c.get("/search.json", params={"q": q, "kind": "source"})
    assert r.status_code == 200
    return r.json()["items"]


def test_passages_cover_the_text_and_find_the_first_hit(registry, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(NEWS, encoding="utf-8")
    sid = capture(str(path), trusted=True, country="KZ", published="2024-03-10").source_id
    with db.session() as s:
        rows = s.execute(select(passages.passages.c.start, passages.passages.c.body)
                         .where(passages.passages.c.source_id == sid)
                         .order_by(passages.passages.c.seq)).all()
        assert len(rows) > 3 and "".join(b for _, b in rows) == NEWS
        assert all(start == sum(len(b) for _, b in rows[:i]) for i, (start, _) in
                   enumerate(rows))
        cut = search.excerpts(s, [sid], ["zhanaozen"])[sid]
        assert cut.startswith("…") and "post about Zhanaozen" in cut and cut.endswith("…")
        assert search.reindex_all(s) == 0 and passages.index(s, sid, NEWS) == 0


def _seq_of(s, sid: int, words: str) -> int:
    """The number of the passage of source `sid` that holds `words`."""
    return s.execute(select(passages.passages.c.seq).where(
        passages.passages.c.source_id == sid,
        passages.passages.c.body.contains(words))).scalar_one()


def test_a_whole_word_far_into_a_text_comes_before_a_prefix_near_its_start(registry, tmp_path):
    """An excerpt is cut at a source's first passage holding a word as typed, however far in
    (past the passages tried one by one on PostgreSQL, passages.EARLY), before one holding a
    longer word it starts; a word met only as the start of longer ones is found as such; a
    source whose word is near its start and one whose word is far in are answered together."""
    far = FILLER * (passages.EARLY * passages.LONGEST // len(FILLER) + 1)
    late = ("The Zhanaozenskaya road was closed.\n" + far
            + "\nThe strike in Zhanaozen began in May 2011.\n" + FILLER)
    early = "Oil workers struck in Zhanaozen in 2011.\n" + far
    ids = []
    for name, body in (("late.txt", late), ("early.txt", early)):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        ids.append(capture(str(path), trusted=True, country="KZ",
                           published="2024-03-10").source_id)
    with db.session() as s:
        assert _seq_of(s, ids[0], "strike in Zhanaozen") > passages.EARLY  # far in, truly
        cuts = search.excerpts(s, ids, ["zhanaozen"])
        assert "strike in Zhanaozen" in cuts[ids[0]] and "road" not in cuts[ids[0]]
        assert cuts[ids[1]].startswith("Oil workers struck in Zhanaozen")
        prefix = search.excerpts(s, ids, ["zhanaoz"])
        assert prefix[ids[0]].startswith("The Zhanaozenskaya road")
        assert "struck in Zhanaozen" in prefix[ids[1]]
        none = search.excerpts(s, ids, ["karaganda"])  # no passage holds it: the start
        assert none[ids[0]].startswith("The Zhanaozenskaya road")


@pytest.mark.parametrize("how", ["withheld", "anonymised"])
def test_a_protected_person_is_not_let_out_by_a_passage(registry, tmp_path, how):
    path = tmp_path / "report.txt"
    path.write_text(NEWS, encoding="utf-8")
    capture(str(path), trusted=True, country="KZ", published="2024-03-10")
    c = TestClient(create_app(registry), base_url="https://testserver")
    before = _source_hits(c, "Zhanaozen")
    assert before and "Bolat Omarov" in before[0]["snippet"]  # the passage names him
    with db.session() as s:
        pid = s.scalar(select(Person.id).where(Person.display_name == "Bolat Omarov"))
    assert run("persons", "publication", str(pid), how).exit_code == 0
    with db.engine(registry).connect() as conn:  # the stored passage still holds the name
        assert conn.execute(text("SELECT count(*) FROM search_passages "
                                 "WHERE body LIKE '%Omarov%'")).scalar() == 1
    for q in ("Zhanaozen", "Aktobe regional court", "Omarov", "Bolat Omarov Zhanaozen"):
        hits = _source_hits(c, q)
        assert all("Omarov" not in h["snippet"] and "Omarov" not in h["title"]
                   for h in hits), (q, hits)
    after = _source_hits(c, "Zhanaozen")  # public still: it names Yerlan Karimov too
    assert after and "upheld the sentence" not in after[0]["snippet"]  # the sentence is withheld
    page = c.get("/search", params={"q": "Zhanaozen"})
    assert page.status_code == 200 and "Omarov" not in page.text.replace("Zhanaozen", "")

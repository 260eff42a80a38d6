"""The web benchmark's own parts (bench/web): the editor that captures through a live server
as a browser does, the documents it sends, the wrk result it reads and the report it prints.
No figure is checked: those depend on the machine."""

from __future__ import annotations

import json
import os
import random
import shutil

from sqlalchemy import func, select

from bench.web import editor, generate, load
from bench.web.report import Condition, First, render
from bench.web.servers import Memory
from casefile.registry import db, search
from casefile.registry.models import Case, Charge, Claim, Event, Person, PersonName, Source
from tests.conftest import seed
from tests.web.conftest import LiveServer


def _shared(tmp_path):
    """A ../shared of two real documents: one excerpt with its gold, one seed."""
    docs, gold, seeds = (tmp_path / "shared" / "eval" / "docs", tmp_path / "shared" / "eval" /
                         "gold", tmp_path / "shared" / "seeds")
    for folder in (docs, gold, seeds):
        folder.mkdir(parents=True)
    shutil.copy(seed("003"), docs / "news.txt")
    (gold / "news.json").write_text(json.dumps({"country": "BY"}))
    shutil.copy(seed("000"), seeds / seed("000").name)
    return tmp_path / "shared"


def test_each_document_sent_is_new_in_its_run_and_across_runs(tmp_path):
    shared = _shared(tmp_path)
    docs = editor.documents(editor.pool(shared), "run-1")
    sent = [next(docs) for _ in range(5)]
    assert [d.name for d in sent[:2]] == ["news.txt", seed("000").name]
    news = (shared / "eval" / "docs" / "news.txt").read_bytes()
    assert sent[0].body.startswith(news) and sent[0].body != news  # the generator captured
    assert len({d.body for d in sent}) == 5  # the seeds; a registry may be benchmarked twice
    again = editor.documents(editor.pool(shared), "run-2")
    assert not {next(again).body for _ in range(5)} & {d.body for d in sent}
    assert [d.country for d in sent[:2]] == ["BY", "KZ"]


def test_the_editor_logs_in_and_captures_through_the_server(registry, tmp_path):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    editor.add_editor(dict(os.environ), "bench-editor")  # through the CLI, as the bench does
    with db.session(registry) as s:
        before = s.scalar(select(func.count()).select_from(Source))
    with LiveServer(registry, home) as server:
        writer = editor.Editor(server.base, "bench-editor", every=10, shared=_shared(tmp_path))
        for _ in range(3):  # the third goes round the pool again: a new version
            writer.capture_next()
        captures = writer.stop()
    assert captures.failed == [] and len(captures.done) == 3
    with db.session(registry) as s:
        assert s.scalar(select(func.count()).select_from(Source)) == before + 3


def test_wrk_result_line_is_read():
    out = ("Running 10s test\nRESULT requests=120 duration_us=10000000 p50_us=5000 "
           "p95_us=20000 p99_us=41000 non200=3 last_bad=429 connect=0 read=1 write=0 "
           "timeout=2\n")
    r = load.parse(out, "search", 6)
    assert (r.requests, r.rate, r.p95_ms, r.errors, r.last_bad) == (120, 12.0, 20.0, 6, 429)
    assert load.split(20) == {"list": 7, "person": 7, "search": 6}


def test_report_puts_targets_and_datasette_ratios_beside_the_figures():
    def results(p95: float, rate: float) -> dict[str, load.Result]:
        return {kind: load.Result(kind, 7, int(rate * 10), 10.0, p95 / 2, p95, p95 * 2, 0, 0)
                for kind in load.KINDS}

    memory = Memory({1: 100 * 1024, 2: 20 * 1024})
    text = render([Condition("captures", results(20.0, 500.0), memory, [0.5], [0.5, 2.0]),
                   Condition("datasette", results(400.0, 20.0), Memory({3: 60 * 1024}))],
                  [First("casefile", "list", "/prisoners", 120.0, 200)], 20, 10, 10, [])
    assert "captures   person      7     5000   500.0" in text
    assert "< 30: met" in text and "< 100: met" in text
    assert "captures   list      0.05   0.05   0.05  25.00   2.00  met" in text
    assert "120 MB over 2 process(es), largest 100 MB  met" in text
    assert "2 made (1 in the measured window)" in text


def test_generate_writes_persons_claims_and_their_index(registry):
    """The generator on either database (--database-url): every synthetic person with one
    name, one case, a listing and a charge, the claims asked for, and found by search."""
    generate.generate(registry, 150, 1500, random.Random(7))
    generate.analyze(registry)
    with db.session(registry) as s:
        bench = select(Source.id).where(Source.publisher == "bench")
        assert len(s.scalars(bench).all()) == 2  # a source per hundred persons
        made = select(Claim.person_id).where(Claim.source_id.in_(bench)).distinct()
        persons = s.scalars(select(Person).where(Person.id.in_(made))).all()
        assert len(persons) == 150
        ids = [p.id for p in persons]
        count = lambda q: s.scalar(select(func.count()).select_from(q.subquery()))  # noqa: E731
        assert count(select(Claim.id).where(Claim.source_id.in_(bench))) == 1500
        assert count(select(PersonName.id).where(PersonName.person_id.in_(ids))) == 150
        cases = select(Case.id).where(Case.person_id.in_(ids))
        assert count(cases) == 150
        assert count(select(Event.id).where(Event.case_id.in_(cases),
                                            Event.type == "listed")) == 150
        assert count(select(Charge.id).where(Charge.case_id.in_(cases))) == 150
        last = max(persons, key=lambda p: p.id)
        hits, _ = search.search(s, last.display_name, "person")
        assert hits and hits[0].person_id == last.id

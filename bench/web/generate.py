"""Generate a large registry for the web benchmark from the real seeds, names substituted.

The seeds are captured as they are (real extraction, real claims); then every claim that
names a person serves as a template: its sentence is copied into synthetic sources with the
person's name replaced by a generated one (given and family names drawn from the seeds'
persons), and the claim, charge and event rows are written as ingest would write them.
Usage: python -m bench.web.generate OUT_DIR [--persons 10000] [--claims 200000]
           [--database-url URL]

The registry is OUT_DIR/casefile.db unless --database-url names another (PostgreSQL: create an
empty database first, e.g. `createdb casefile_bench100k`; OUT_DIR then holds only the blobs).
Rows go in a hundred persons at a time, each kind of row in one multi-row statement per batch
(persons and cases with RETURNING for their ids), so 100,000 persons / 2,000,000 claims take
minutes on PostgreSQL and memory stays that of one batch. The same seed gives the same rows on
either database.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

ROOT = Path(__file__).resolve().parents[2]
BATCH = 100  # persons per synthetic source, and per transaction
WRITTEN = ("sources", "persons", "person_names", "cases", "claims", "events", "charges",
           "search_docs", "search_passages")  # the tables generate() fills
CATEGORIES = ["January 2022 protests", "Koshe Partiyasy", "DCK", "Religious believers",
              "Civil activists", "Journalists"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--persons", type=int, default=10_000)
    ap.add_argument("--claims", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--database-url", help="an empty registry to write to (default: "
                    "OUT_DIR/casefile.db)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{args.out / 'casefile.db'}"
    os.environ["CASEFILE_HOME"] = str(args.out)
    os.environ["CASEFILE_DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    t0 = time.time()
    generate(url, args.persons, args.claims, random.Random(args.seed))
    analyze(url)
    print(f"generated {args.persons} persons, {args.claims} claims in {time.time() - t0:.0f} s "
          f"-> {_shown(url)}")


def _shown(url: str) -> str:
    from sqlalchemy import make_url
    return make_url(url).render_as_string(hide_password=True)


@dataclass(frozen=True)
class Template:
    """A seed claim whose sentence names its person (`mention`), to be copied."""

    predicate: str
    value: str
    detail: dict[str, Any]
    date: str | None
    quote: str
    mention: str
    extractor: str
    confidence: float


@dataclass(frozen=True)
class Templates:
    given: list[str]
    family: list[str]
    by_predicate: dict[str, list[Template]]
    other: list[Template]  # neither listing nor charge: events, sentences, places...

    def pick(self, predicate: str, rnd: random.Random) -> Template:
        return rnd.choice(self.by_predicate.get(predicate) or self.other)


def generate(url: str, n_persons: int, n_claims: int, rnd: random.Random) -> None:
    from casefile.registry import audit, db, search
    from casefile.registry.models import Claim, Person

    with db.session(url) as s:
        if s.scalar(select(func.count()).select_from(Person)):
            raise SystemExit(f"{_shown(url)} already has persons: generate into a new registry")
    t = _templates(url)
    per_person = max(1, n_claims // n_persons)
    eng = db.engine(url)
    t0 = time.time()
    for start in range(0, n_persons, BATCH):
        with eng.begin() as conn:
            src_id = _batch(conn, t, start, min(start + BATCH, n_persons), per_person, rnd)
        with db.transaction(url) as s:
            search.index_source(s, src_id)
        done = min(start + BATCH, n_persons)
        print(f"  {done} persons ({time.time() - t0:.0f} s)", file=sys.stderr, end="\r")
    with db.transaction(url) as s:
        audit.record(s, "bench", "generate", "registry", persons=n_persons)
        total = s.scalar(select(func.count()).select_from(Claim))
    print(f"\n{total} claims in all", file=sys.stderr)


def _templates(url: str) -> Templates:
    """Capture the seeds, and take their claims that name a person as templates."""
    from casefile.errors import CasefileError
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.registry.models import Claim, Person

    for path in sorted((ROOT / "samples" / "seeds").glob("*.txt")):
        try:
            capture(str(path), trusted=True, country="KZ", publisher="seed", url=url)
        except (CasefileError, AttributeError, KeyError) as exc:  # a seed the extractor fails on
            print(f"warning: {path.name}: {exc!r}", file=sys.stderr)
    with db.session(url) as s:
        templates = [Template(c.predicate, c.value, c.detail, c.date, c.quote, c.mention,
                              c.extractor, c.confidence)
                     for c in s.scalars(select(Claim).where(Claim.mention.is_not(None))
                                        .order_by(Claim.id))
                     if c.mention and c.mention in c.quote]
        names = [p.display_name.split() for p in s.scalars(select(Person).order_by(Person.id))]
    by_predicate: dict[str, list[Template]] = {}
    for c in templates:
        by_predicate.setdefault(c.predicate, []).append(c)
    return Templates(given=sorted({n[0] for n in names if len(n) > 1}),
                     family=sorted({n[-1] for n in names if len(n) > 1}),
                     by_predicate=by_predicate,
                     other=[c for c in templates
                            if c.predicate not in ("listed", "charged_under")])


def _batch(conn: Connection, t: Templates, start: int, stop: int, per_person: int,
           rnd: random.Random) -> int:
    """Persons start..stop-1, their names, cases, claims, events and charges, and the one
    synthetic source their claims quote; its id. One statement per kind of row."""
    from casefile import vocab
    from casefile.names.keys import match_key
    from casefile.registry.models import Case, Charge, Claim, Event, Person, PersonName, Source

    people = [f"{rnd.choice(t.given)} {rnd.choice(t.family)} {i}" for i in range(start, stop)]
    sha = hashlib.sha256(f"bench-{start}".encode()).hexdigest()
    src_id = conn.execute(insert(Source).returning(Source.id).values(
        sha256=sha, kind="text", origin=f"bench-{start}.txt", media_type="text/plain",
        size=0, publisher="bench", title=f"Synthetic report {start}", language="en",
        country="KZ", published_at="2024-06-01", trusted=True, text="")).scalar_one()
    pids = conn.execute(
        insert(Person).returning(Person.id, sort_by_parameter_order=True),
        [dict(display_name=n, citizenship=[], roles=[], publication="public") for n in people]
    ).scalars().all()
    conn.execute(insert(PersonName), [dict(person_id=pid, name=name, key=match_key(name),
                                           kind="primary")
                                      for pid, name in zip(pids, people, strict=True)])
    claims: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []  # case_id: the index of the person's case, until known
    charges: list[dict[str, Any]] = []
    cases: list[dict[str, Any]] = []
    text_parts: list[str] = []
    pos = 0
    for n, (pid, name) in enumerate(zip(pids, people, strict=True)):
        cases.append(dict(person_id=pid, country="KZ", categories=[rnd.choice(CATEGORIES)]))
        picks = [t.pick("listed", rnd), t.pick("charged_under", rnd)]
        picks += [rnd.choice(t.other) for _ in range(per_person - len(picks))]
        detained = f"{rnd.randint(2016, 2023)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        for k, c in enumerate(picks):
            sentence = c.quote.replace(c.mention, name)
            text_parts.append(sentence)
            st, en = pos, pos + len(sentence)
            pos = en + 1
            cid = hashlib.sha256(f"{sha}{pid}{k}".encode()).hexdigest()[:40]
            state = "accepted" if rnd.random() < 0.9 else "proposed"
            date = c.date or (detained if c.predicate == "event" else None)
            claims.append(dict(
                id=cid, source_id=src_id, person_id=pid, mention=name, predicate=c.predicate,
                value=c.value, detail=c.detail, date=date, start=st, end=en, quote=sentence,
                extractor=c.extractor, confidence=c.confidence, group_key=f"bench:{pid}",
                state=state, confidential=False))
            if c.predicate == "listed":
                events.append(dict(case_id=n, claim_id=cid, type="listed", date="2024-06-01",
                                   detail={**c.detail, "status": c.value,
                                           "category": rnd.choice(CATEGORIES)}))
            elif c.predicate == "event":
                events.append(dict(case_id=n, claim_id=cid, type=c.value, date=date,
                                   detail=c.detail))
            elif c.predicate == "charged_under":
                part = c.detail.get("part")
                charges.append(dict(case_id=n, claim_id=cid, code="KZ-CC-2014", article=c.value,
                                    part=part, title=vocab.article_title("KZ", c.value, part)))
    case_ids = conn.execute(insert(Case).returning(Case.id, sort_by_parameter_order=True),
                            cases).scalars().all()
    for row in events + charges:
        row["case_id"] = case_ids[row["case_id"]]
    text = "\n".join(text_parts)
    conn.execute(update(Source).where(Source.id == src_id).values(text=text, size=len(text)))
    conn.execute(insert(Claim), claims)
    if events:
        conn.execute(insert(Event), events)
    if charges:
        conn.execute(insert(Charge), charges)
    return int(src_id)


def analyze(url: str) -> None:
    """Planner statistics of the generated registry, read in full. The seeds' captures leave
    those of the 5-source sample (db.refresh_statistics after each one), and db.engine
    refreshes them only when there are none, so the rows inserted here went unseen: with the
    sample's counts the planner chose scans, and every search took seconds. A full ANALYZE
    (analysis_limit=0, not the sampled one a capture runs) takes seconds once, here.
    PostgreSQL's autovacuum would get there in its own time, after the benchmark had begun:
    VACUUM (ANALYZE) of the tables written here (by name: in the registry's search_path, and
    not every schema of a shared database) now gives the planner its counts and sets the
    visibility map, so index-only scans do not visit the heap of two million new claims."""
    from casefile.registry import db

    eng = db.engine(url)
    if eng.dialect.name == "postgresql":
        with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f"VACUUM (ANALYZE) {', '.join(WRITTEN)}")
            rows = conn.exec_driver_sql(  # ::regclass: the tables in the search_path
                "SELECT relname, reltuples::bigint FROM pg_class WHERE oid IN ("
                "'persons'::regclass, 'claims'::regclass, 'events'::regclass, "
                "'search_docs'::regclass) "
                "ORDER BY relname").all()
        print("planner statistics: " + "; ".join(f"{t} {n} rows" for t, n in rows),
              file=sys.stderr)
        return
    if eng.dialect.name != "sqlite":
        return
    with eng.begin() as conn:
        conn.exec_driver_sql("PRAGMA analysis_limit=0")
        conn.exec_driver_sql("ANALYZE")
        rows = conn.exec_driver_sql(
            "SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl IN ('persons', 'claims') "
            "ORDER BY tbl, idx").all()
    print("planner statistics: " + "; ".join(f"{t}.{i or '-'} {s}" for t, i, s in rows),
          file=sys.stderr)


if __name__ == "__main__":
    main()

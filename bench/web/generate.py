"""Generate a large registry for the web benchmark from the real seeds, names substituted.

The seeds are captured as they are (real extraction, real claims); then every claim that
names a person serves as a template: its sentence is copied into synthetic sources with the
person's name replaced by a generated one (given and family names drawn from the seeds'
persons), and the claim, charge and event rows are written as ingest would write them.
Usage: python -m bench.web.generate OUT_DIR [--persons 10000] [--claims 200000]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from pathlib import Path

from sqlalchemy import func, insert, select, update

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--persons", type=int, default=10_000)
    ap.add_argument("--claims", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{args.out / 'casefile.db'}"
    os.environ["CASEFILE_HOME"] = str(args.out)
    os.environ["CASEFILE_DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    t0 = time.time()
    generate(url, args.persons, args.claims, random.Random(args.seed))
    analyze(url)
    print(f"generated {args.persons} persons, {args.claims} claims in {time.time() - t0:.0f} s "
          f"-> {url}")


def generate(url: str, n_persons: int, n_claims: int, rnd: random.Random) -> None:
    from casefile import vocab
    from casefile.errors import CasefileError
    from casefile.names.keys import match_key
    from casefile.registry import audit, db, search
    from casefile.registry.ingest import capture
    from casefile.registry.models import Case, Charge, Claim, Event, Person, PersonName, Source

    for path in sorted((ROOT / "samples" / "seeds").glob("*.txt")):
        try:
            capture(str(path), trusted=True, country="KZ", publisher="seed", url=url)
        except (CasefileError, AttributeError, KeyError) as exc:  # a seed the extractor fails on
            print(f"warning: {path.name}: {exc!r}", file=sys.stderr)
    with db.session(url) as s:
        templates = [c for c in s.scalars(select(Claim).where(Claim.mention.is_not(None)))
                     if c.mention and c.mention in c.quote]
        names = [p.display_name.split() for p in s.scalars(select(Person))]
    given = sorted({n[0] for n in names if len(n) > 1})
    family = sorted({n[-1] for n in names if len(n) > 1})
    per_person = max(1, n_claims // n_persons)
    by_pred: dict[str, list[Claim]] = {}
    for c in templates:
        by_pred.setdefault(c.predicate, []).append(c)
    other = [c for c in templates if c.predicate not in ("listed", "charged_under")]
    categories = ["January 2022 protests", "Koshe Partiyasy", "DCK", "Religious believers",
                  "Civil activists", "Journalists"]
    eng = db.engine(url)
    batch = 100
    for start in range(0, n_persons, batch):
        with eng.begin() as conn:
            rows: dict[str, list[dict]] = {k: [] for k in ("claims", "events", "charges")}
            text_parts: list[str] = []
            pos = 0
            people = []
            for i in range(start, min(start + batch, n_persons)):
                name = f"{rnd.choice(given)} {rnd.choice(family)} {i}"
                people.append(name)
            sha = hashlib.sha256(f"bench-{start}".encode()).hexdigest()
            src_id = conn.execute(insert(Source).values(
                sha256=sha, kind="text", origin=f"bench-{start}.txt", media_type="text/plain",
                size=0, publisher="bench", title=f"Synthetic report {start}", language="en",
                country="KZ", published_at="2024-06-01", trusted=True, text="")
            ).inserted_primary_key[0]
            for name in people:
                pid = conn.execute(insert(Person).values(display_name=name, citizenship=[],
                                                         roles=[], publication="public")
                                   ).inserted_primary_key[0]
                conn.execute(insert(PersonName).values(person_id=pid, name=name,
                                                       key=match_key(name), kind="primary"))
                case_id = conn.execute(insert(Case).values(
                    person_id=pid, country="KZ", categories=[rnd.choice(categories)])
                ).inserted_primary_key[0]
                picks = [rnd.choice(by_pred.get("listed") or other),
                         rnd.choice(by_pred.get("charged_under") or other)]
                picks += [rnd.choice(other) for _ in range(per_person - len(picks))]
                group = f"bench:{pid}"
                detained = (f"{rnd.randint(2016, 2023)}-{rnd.randint(1, 12):02d}-"
                            f"{rnd.randint(1, 28):02d}")
                for k, t in enumerate(picks):
                    sentence = t.quote.replace(t.mention, name)
                    text_parts.append(sentence)
                    st, en = pos, pos + len(sentence)
                    pos = en + 1
                    cid = hashlib.sha256(f"{sha}{pid}{k}".encode()).hexdigest()[:40]
                    state = "accepted" if rnd.random() < 0.9 else "proposed"
                    date = t.date or (detained if t.predicate == "event" else None)
                    rows["claims"].append(dict(
                        id=cid, source_id=src_id, person_id=pid, mention=name,
                        predicate=t.predicate, value=t.value, detail=t.detail, date=date,
                        start=st, end=en, quote=sentence, extractor=t.extractor,
                        confidence=t.confidence, group_key=group, state=state,
                        confidential=False))
                    if t.predicate == "listed":
                        rows["events"].append(dict(case_id=case_id, claim_id=cid, type="listed",
                                                   date="2024-06-01", detail={
                                                       **t.detail, "status": t.value,
                                                       "category": rnd.choice(categories)}))
                    elif t.predicate == "event":
                        rows["events"].append(dict(case_id=case_id, claim_id=cid, type=t.value,
                                                   date=date, detail=t.detail))
                    elif t.predicate == "charged_under":
                        rows["charges"].append(dict(case_id=case_id, claim_id=cid,
                                                    code="KZ-CC-2014", article=t.value,
                                                    part=t.detail.get("part"),
                                                    title=vocab.article_title(
                                                        "KZ", t.value, t.detail.get("part"))))
            text = "\n".join(text_parts)
            conn.execute(update(Source).where(Source.id == src_id).values(text=text,
                                                                          size=len(text)))
            conn.execute(insert(Claim), rows["claims"])
            if rows["events"]:
                conn.execute(insert(Event), rows["events"])
            if rows["charges"]:
                conn.execute(insert(Charge), rows["charges"])
        with db.transaction(url) as s:
            search.index_source(s, src_id)
        print(f"  {start + len(people)} persons", file=sys.stderr, end="\r")
    with db.transaction(url) as s:
        audit.record(s, "bench", "generate", "registry", persons=n_persons)
        total = s.scalar(select(func.count()).select_from(Claim))
    print(f"\n{total} claims in all", file=sys.stderr)


def analyze(url: str) -> None:
    """Planner statistics of the generated file, read in full. The seeds' captures leave
    those of the 5-source sample (db.refresh_statistics after each one), and db.engine
    refreshes them only when there are none, so the rows inserted here went unseen: with the
    sample's counts the planner chose scans, and every search took seconds. A full ANALYZE
    (analysis_limit=0, not the sampled one a capture runs) takes seconds once, here."""
    from casefile.registry import db

    eng = db.engine(url)
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

"""How well Casefile reads real documents: each captured into a fresh registry, in-process.

    .venv/bin/python bench/reading.py                      # tests/extract/data/real (ours)
    .venv/bin/python bench/reading.py --docs ../shared/eval/docs --gold ../shared/eval/gold
    .venv/bin/python bench/reading.py --verbose ID          # what one document missed

For each `<id>.txt` with a gold `<id>.json`: capture it as trusted (with the gold's publication
date when it states one), then write what `casefile persons --role victim [--as-of DATE]
--format json` and `casefile events --format json` would print, and score both with the shared
scorer (`score.py`, standard library only) — the same figures as `../shared/eval/run`, without
starting a process per command. Our own set's gold also lists officials (role "official"):
they are dropped from the persons the scorer expects, and must not come out as victims.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _gold_for_scorer(gold: dict) -> dict:
    """Our gold lists every person with a role; the scorer wants the victims only, with the
    others as persons that must not come out."""
    persons = gold.get("persons") or []
    victims = [p for p in persons if p.get("role", "victim") == "victim" and not p.get("optional")]
    optional = [p["name"] for p in persons if p.get("optional")]
    others = [p["name"] for p in persons if p.get("role", "victim") != "victim"]
    events = [e for e in gold.get("events") or [] if not e.get("optional")]
    optional_events = [e for e in gold.get("events") or [] if e.get("optional")]
    return {**gold, "persons": victims, "optional_names": (gold.get("optional_names") or [])
            + optional, "not_list_entries": others, "events": events,
            "optional_events": (gold.get("optional_events") or []) + optional_events}


def run(docs: Path, gold_dir: Path, out: Path, only: str | None) -> Path:
    from casefile.registry import db
    from casefile.registry.ingest import capture
    from casefile.reports.events import event_records
    from casefile.reports.persons import person_records

    scored = out / "gold"
    scored.mkdir(parents=True, exist_ok=True)
    for gold_path in sorted(gold_dir.glob("*.json")):
        gid = gold_path.stem
        doc = docs / f"{gid}.txt"
        if not doc.exists() or (only and gid != only):
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold.setdefault("id", gid)
        (scored / f"{gid}.json").write_text(json.dumps(_gold_for_scorer(gold),
                                                       ensure_ascii=False), encoding="utf-8")
        published = gold.get("published")
        as_of = published
        if as_of and len(as_of) == 7:
            as_of += "-28"
        elif as_of and len(as_of) == 4:
            as_of += "-12-31"
        for old in out.glob(f"{gid}.db*"):
            old.unlink()  # a fresh registry per document
        url = f"sqlite:///{out / gid}.db"
        capture(str(doc), trusted=True, published=published, url=url)
        with db.session(url) as s:
            persons = person_records(s, as_of or _today(), "victim")
            events = event_records(s)
        (out / f"{gid}.persons.json").write_text(json.dumps(
            {"as_of": as_of, "persons": [p.public() for p in persons]}, ensure_ascii=False),
            encoding="utf-8")
        (out / f"{gid}.events.json").write_text(json.dumps(
            [e.public() for e in events], ensure_ascii=False), encoding="utf-8")
        db.engine(url).dispose()
    return scored


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=Path, default=ROOT / "tests/extract/data/real")
    ap.add_argument("--gold", type=Path, default=None, help="default: the --docs folder")
    ap.add_argument("--verbose", metavar="ID", help="one document, with what it missed")
    ap.add_argument("--out", type=Path, default=None, help="keep the outputs here")
    ap.add_argument("--table", action="store_true", help="per-document figures as Markdown")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="casefile-reading-"))
    os.environ["CASEFILE_HOME"] = str(out / "home")
    scored = run(args.docs, args.gold or args.docs, out, args.verbose)
    env = {**os.environ, "EVAL_GOLD": str(scored)}
    if args.verbose:
        for kind in ("persons", "events"):
            path = out / f"{args.verbose}.{kind}.json"
            gold = json.loads((scored / f"{args.verbose}.json").read_text(encoding="utf-8"))
            if gold.get("persons" if kind == "persons" else "events"):
                subprocess.run([sys.executable, str(SCORER), str(scored / f"{args.verbose}.json"),
                                str(path), "--mode", "list" if kind == "persons" else "events"],
                               env=env, check=False)
        return
    if args.table:
        _table(subprocess.run([sys.executable, str(SCORER), "--all", str(out), "--json"],
                              env=env, check=False, capture_output=True, text=True).stdout)
        return
    subprocess.run([sys.executable, str(SCORER), "--all", str(out)], env=env, check=False)
    print(f"outputs kept in {out}")


FIELDS = ("persons", "status_accuracy", "articles", "terms", "events", "events_strict_type")


def _table(scored: str) -> None:
    """Per-document F1 (status: accuracy) as a Markdown table, then the micro totals."""
    rows: dict[str, dict[str, object]] = {}
    totals = []
    for line in scored.splitlines():
        rec = json.loads(line)
        if "id" in rec:
            row = rows.setdefault(rec["id"], {})
            row.update({k: v[-1] for k, v in rec.items() if k in FIELDS})
        elif "part" not in rec:
            totals.append(rec)
    print("| document | " + " | ".join(FIELDS) + " |")
    print("|---" * (len(FIELDS) + 1) + "|")
    for gid, row in sorted(rows.items()):
        cells = ["-" if row.get(f) is None else f"{row[f]:.2f}" for f in FIELDS]
        print(f"| {gid} | " + " | ".join(cells) + " |")
    for rec in totals:
        prf = rec["micro_prf"]
        shown = "-" if prf is None else f"P {prf[0]:.3f} R {prf[1]:.3f} F1 {prf[2]:.3f}"
        print(f"{rec['summary']:24} {rec['documents']:3} documents  {shown}")


if __name__ == "__main__":
    main()

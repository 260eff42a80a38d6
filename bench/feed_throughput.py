"""Feed throughput: `python bench/feed_throughput.py [--items 10000] [--feeds 10] [--profile]`.

Builds ITEMS news items from the real sentences of the seeds (samples/seeds/*.txt): an
original item is four sentences drawn at random (seeded, so every run builds the same feeds);
a share of the items (--copies, 0.2) are another outlet's copy of an earlier original with a
new headline and a few words dropped or changed, which near-duplicate detection should put in
the original's story. The items go into FEEDS RSS 2.0 feeds and are captured with the
listing capture (`capture_listing`: feed parsing, dedup, extraction, resolution, storing) into
a fresh SQLite registry, twice in one run:

- `stories`: as configured (CASEFILE_STORY_SIMILARITY's default);
- `baseline`: the same feeds with CASEFILE_STORY_SIMILARITY=0 (no fingerprints, no lookup).

Printed: items/s, total seconds (and this process's CPU seconds), stories found, how many
planted copies joined their original's story (recall) and how many stories join two
originals (the construction makes none on purpose; a join there is a false story or an
accidental overlap of sentences).
Target of the monitoring issue: 10,000 items deduplicated and extracted in under 2 minutes.
--profile writes a pyinstrument profile of the `stories` run to feed_throughput.txt.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "samples" / "seeds"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ«\"“])")


@dataclass(frozen=True)
class Item:
    n: int
    title: str
    body: str
    original: int  # the item this one copies; itself for an original


def sentences() -> list[str]:
    """The seeds' sentences of six words or more, each once."""
    seen: dict[str, None] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            for s in SENTENCE.split(para.strip()):
                if len(s.split()) >= 6:
                    seen.setdefault(s.strip(), None)
    return list(seen)


def build(count: int, copies: float, rng: random.Random) -> list[Item]:
    pool = sentences()
    items: list[Item] = []
    for n in range(count):
        if items and rng.random() < copies:
            src = items[rng.randrange(len(items))]
            src = items[src.original]
            words = src.body.split(" ")
            for _ in range(max(1, len(words) // 25)):  # about 4 % of the words touched
                i = rng.randrange(len(words))
                if rng.random() < 0.5:
                    del words[i]
                else:
                    words[i] = words[i].upper()
            items.append(Item(n, f"Report {n}: {src.title.split(': ', 1)[1]}", " ".join(words),
                              src.original))
        else:
            body = " ".join(rng.sample(pool, 4))
            items.append(Item(n, f"Report {n}: {body.split('.')[0][:60]}", body, n))
    return items


def write_feeds(items: list[Item], feeds: int, folder: Path) -> list[Path]:
    start = datetime(2023, 1, 1, tzinfo=UTC)
    paths = []
    per = -(-len(items) // feeds)
    for f in range(feeds):
        chunk = items[f * per:(f + 1) * per]
        entries = "".join(
            f"<item><title>{escape(i.title)}</title><guid>item-{i.n}</guid>"
            f"<link>https://example.org/item/{i.n}</link>"
            f"<pubDate>{format_datetime(start + timedelta(hours=i.n))}</pubDate>"
            f"<description>{escape(i.body)}</description></item>\n" for i in chunk)
        path = folder / f"feed{f}.xml"
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                        f"<title>Outlet {f}</title>\n{entries}</channel></rss>\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # this process's CPU seconds: the fairer figure on a machine shared with others
    items: int
    stories: int
    in_stories: int
    recall: float  # planted copies in their original's story
    joined: int  # stories holding two or more originals


def run(paths: list[Path], items: list[Item], similarity: str, profile: bool) -> Run:
    from sqlalchemy import func, select

    from casefile.registry import db
    from casefile.registry.listings import capture_listing
    from casefile.registry.models import Source

    with tempfile.TemporaryDirectory() as home:
        os.environ["CASEFILE_HOME"] = home
        os.environ["CASEFILE_DATABASE_URL"] = url = f"sqlite:///{home}/registry.db"
        os.environ["CASEFILE_STORY_SIMILARITY"] = similarity
        db.engine(url)
        profiler = _profiler() if profile else None
        began, cpu = time.perf_counter(), time.process_time()
        captured = 0
        for path in paths:
            done = capture_listing(str(path), trusted=True, publisher=path.stem)
            captured += len(done.new_item_ids)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        if profiler is not None:
            profiler.stop()
            Path("feed_throughput.txt").write_text(profiler.output_text(), encoding="utf-8")
        with db.session() as s:
            story = {int(key.rsplit("/", 1)[1]): sid for key, sid in s.execute(
                select(Source.origin, Source.story_id).where(Source.listing_id.is_not(None)))}
            stories = s.scalar(select(func.count(func.distinct(Source.story_id)))) or 0
        _forget(url)
    copies = [i for i in items if i.original != i.n and i.n in story]
    recall = sum(1 for i in copies if story[i.n] is not None
                 and story[i.n] == story.get(i.original)) / max(1, len(copies))
    originals: dict[int, set[int]] = {}
    for i in items:
        if i.original == i.n and (sid := story.get(i.n)) is not None:
            originals.setdefault(sid, set()).add(i.n)
    return Run(seconds, cpu, captured, stories, sum(1 for v in story.values() if v is not None),
               recall, sum(1 for v in originals.values() if len(v) > 1))


def _profiler():
    from pyinstrument import Profiler

    profiler = Profiler()
    profiler.start()
    return profiler


def _forget(url: str) -> None:
    from casefile.registry import db

    db.engine(url).dispose()
    db.engine.cache_clear()
    db.loop_engine.cache_clear()
    db._sessionmaker.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--feeds", type=int, default=10)
    ap.add_argument("--copies", type=float, default=0.2, help="share of near-duplicate items")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    items = build(args.items, args.copies, random.Random(17))
    planted = sum(1 for i in items if i.original != i.n)
    with tempfile.TemporaryDirectory() as folder:
        paths = write_feeds(items, args.feeds, Path(folder))
        print(f"{len(items)} items in {len(paths)} feeds, {planted} planted near-duplicate "
              f"copies of {len({i.original for i in items if i.original != i.n})} originals")
        results = {}
        for name, similarity in (("stories", ""), ("baseline", "0")):
            results[name] = run(paths, items, similarity or _default(),
                                args.profile and name == "stories")
    print(f"{'run':<10}{'items':>7}{'seconds':>9}{'items/s':>9}{'CPU s':>7}{'stories':>9}"
          f"{'in stories':>12}{'recall':>8}{'joined':>8}")
    for name, r in results.items():
        print(f"{name:<10}{r.items:>7}{r.seconds:>9.1f}{r.items / r.seconds:>9.1f}"
              f"{r.cpu:>7.1f}{r.stories:>9}{r.in_stories:>12}{r.recall:>8.3f}{r.joined:>8}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    overhead = results["stories"].seconds - results["baseline"].seconds
    print(f"near-duplicate detection costs {overhead:.1f} s "
          f"({1000 * overhead / max(1, results['stories'].items):.2f} ms an item)")


def _default() -> str:
    from casefile import settings

    return next(s.default for s in settings.SETTINGS if s.name == "STORY_SIMILARITY")


if __name__ == "__main__":
    main()

"""Name matching benchmark: Casefile's matcher beside baselines, on three labelled sets.

    .venv/bin/python bench/names/run.py

Sets: samples/gold/name-pairs.json (the issue's gold pairs), bench/names/pairs.csv (our
evaluation set, see README.md) and ../shared/eval/name-pairs.json (53 real pairs from
held-out documents of other publishers; never tuned on, looked at only for the kinds of
pair that fail; skipped with a note when the shared folder is absent). A method calls a pair
positive when:

- casefile      compare(a, b).decision == "same" ("possible" counts as negative)
- levenshtein   normalised Levenshtein similarity of the case-folded raw strings >= 0.85
                (the naive baseline of nomenklatura's contrib/name_bench)
- token_sort    rapidfuzz fuzz.token_sort_ratio on romanised, case-folded strings >= 85
- jaro_winkler  rapidfuzz JaroWinkler.normalized_similarity, same strings, >= 0.9
- name-based    nomenklatura 4.17 NameMatcher score >= 0.7
- logic-v2      nomenklatura 4.17 LogicV2 score >= 0.7

Thresholds are each method's customary default: 85 and 0.9 are rapidfuzz's usual cut-offs
for "near-identical" strings; nomenklatura's algorithms define no threshold of their own and
0.7 is the match threshold OpenSanctions' yente uses with them (its SCORE_THRESHOLD). Pairs
are romanised for the string baselines with casefile.names.translit.romanize (press scheme),
which is kinder to them than generic ASCII folding would be. nomenklatura compares
followthemoney Person entities with one `name` each and a unique id per entity (its name
analysis is cached per entity id). Pairs per second are measured cold but loaded: each method
first compares a few unrelated pairs (data files, models), then Casefile's per-string caches
(which the string baselines share for romanisation) are cleared before each pass and every
nomenklatura entity is new; the best of three passes is shown, the quality is the first
pass's. nomenklatura and rigour may keep per-string caches of their own across passes. The
last line gives Casefile's warm rate (names already analysed, as in a registry).
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402
from rapidfuzz.distance import JaroWinkler, Levenshtein  # noqa: E402

from casefile.names import compare  # noqa: E402
from casefile.names.translit import romanize  # noqa: E402

Pair = tuple[str, str, bool]
# Names outside both sets that touch every data file (Cyrillic of each kind, a patronymic,
# an inflected form, a title).
WARM_UP = [("Warm Up", "Warmup Upov"), ("Иван Иванович Петров", "President Petrov"),
           ("Ерлан Нұрланұлы Сәтбаев", "Satbayev, Yerlan"), ("Петра Сидорова", "Ґонта Ў")]


def gold_pairs() -> list[Pair]:
    data = json.loads((ROOT / "samples" / "gold" / "name-pairs.json").read_text("utf-8"))
    return [(a, b, True) for a, b in data["same"]] + [(a, b, False) for a, b in data["different"]]


SHARED_PAIRS = ROOT.parent / "shared" / "eval" / "name-pairs.json"


def shared_pairs() -> list[Pair] | None:
    """The held-out real pairs of ../shared/eval, None when that folder is not there."""
    if not SHARED_PAIRS.exists():
        return None
    data = json.loads(SHARED_PAIRS.read_text("utf-8"))
    return [(a, b, True) for a, b in data["same"]] + [(a, b, False) for a, b in data["different"]]


def our_pairs() -> list[Pair]:
    with open(Path(__file__).with_name("pairs.csv"), encoding="utf-8") as fh:
        return [(r["a"], r["b"], r["label"] == "same") for r in csv.DictReader(fh)]


def _casefile(a: str, b: str) -> bool:
    try:
        return compare(a, b).decision == "same"
    except ValueError:
        return False


def _rom(text: str) -> str:
    return romanize(text).casefold()


def _nomenklatura(name: str) -> Callable[[str, str], bool] | None:
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
    except ImportError:
        return None
    algorithm = get_algorithm(name)
    if algorithm is None:
        return None
    config = algorithm.default_config()
    ids = itertools.count()

    def entity(text: str):  # noqa: ANN202 - followthemoney's proxy type
        ent = model.make_entity("Person")
        ent.id = f"bench-{next(ids)}"
        ent.add("name", text)
        return ent

    def match(a: str, b: str) -> bool:
        return algorithm.compare(entity(a), entity(b), config).score >= 0.7

    return match


def methods() -> dict[str, Callable[[str, str], bool]]:
    out: dict[str, Callable[[str, str], bool]] = {
        "casefile": _casefile,
        "levenshtein (raw) >=0.85": lambda a, b: Levenshtein.normalized_similarity(
            a.casefold(), b.casefold()) >= 0.85,
        "token_sort_ratio >=85": lambda a, b: fuzz.token_sort_ratio(_rom(a), _rom(b)) >= 85,
        "jaro_winkler >=0.9": lambda a, b: JaroWinkler.normalized_similarity(
            _rom(a), _rom(b)) >= 0.9,
    }
    for name in ("name-based", "logic-v2"):
        fn = _nomenklatura(name)
        if fn is not None:
            out[f"nomenklatura {name} >=0.7"] = fn
    return out


def _clear_caches() -> None:
    from casefile.names import features, inflect, keys, translit, variants

    for fn in (features.features, features._shown, keys.match_key, translit.romanize_word,
               translit.to_ascii, variants.fold, variants.family_stem, variants.skeleton,
               variants.loose, inflect.readings):
        fn.cache_clear()


def score(fn: Callable[[str, str], bool], pairs: list[Pair], cold: Callable[[], None],
          repeat: int = 3) -> dict[str, float]:
    """Quality from one pass; speed as the best of `repeat` cold passes (the machine may be
    shared, and the best pass is the least disturbed one)."""
    seconds = float("inf")
    predicted: list[bool] = []
    for rep in range(repeat):
        cold()
        start = time.perf_counter()
        result = [fn(a, b) for a, b, _ in pairs]
        seconds = min(seconds, time.perf_counter() - start)
        predicted = result if rep == 0 else predicted
    tp = sum(p and t for p, (_, _, t) in zip(predicted, pairs, strict=True))
    fp = sum(p and not t for p, (_, _, t) in zip(predicted, pairs, strict=True))
    fn_ = sum(t and not p for p, (_, _, t) in zip(predicted, pairs, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn_) if tp + fn_ else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1, "pps": len(pairs) / seconds,
            "fp": fp, "fn": fn_}


def main() -> int:
    sets = {"gold name-pairs.json": gold_pairs(), "bench pairs.csv": our_pairs()}
    shared = shared_pairs()
    if shared is None:
        print(f"note: {SHARED_PAIRS} not found; the shared set is skipped")
    else:
        sets["shared eval name-pairs.json"] = shared
    ok = True
    for set_name, pairs in sets.items():
        positives = sum(t for _, _, t in pairs)
        print(f"\n{set_name}: {len(pairs)} pairs ({positives} same, "
              f"{len(pairs) - positives} different)")
        print(f"{'method':34} {'P':>6} {'R':>6} {'F1':>6} {'FP':>4} {'FN':>4} {'pairs/s':>10}")
        results = {}
        for name, fn in methods().items():
            for warm_a, warm_b in WARM_UP:  # load data files and models outside the clock
                fn(warm_a, warm_b)
            r = results[name] = score(fn, pairs, _clear_caches)
            print(f"{name:34} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} {r['fp']:4d} "
                  f"{r['fn']:4d} {r['pps']:10,.0f}")
        best = max(results, key=lambda k: (results[k]["f1"], k == "casefile"))
        others = max(v["f1"] for k, v in results.items() if k != "casefile")
        strictly = results["casefile"]["f1"] > others
        print(f"best F1: {best}" + ("" if strictly else "  (casefile not strictly best)"))
        ok = ok and strictly
        start = time.perf_counter()
        for _ in range(20):
            for a, b, _ in pairs:
                _casefile(a, b)
        warm = 20 * len(pairs) / (time.perf_counter() - start)
        print(f"casefile warm (names cached): {warm:,.0f} pairs/s")
    return 0 if ok else 1


if __name__ == "__main__":
    # logic-v2's result depends on set iteration order (up to 0.1 in F1 between processes),
    # so the run is pinned to one hash seed to be reproducible.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    raise SystemExit(main())

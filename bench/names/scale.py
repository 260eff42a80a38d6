"""Scale benchmark: resolve 100,000 synthetic mentions against a registry of 10,000 persons.

    .venv/bin/python bench/names/scale.py [--persons 10000] [--mentions 100000]

Names come from bench/names/scale-given.tsv (138 given names, Latin and Cyrillic) and
scale-family.tsv (600 family names), drawn with a seeded RNG (README.md says where the
lists come from). Persons are "Given Family" with the family name in the gender's form;
a third also carry a patronymic. Mentions are written as sources write them: another
spelling, capitals, "Family, Given Patronymic", Cyrillic, a Russian genitive, a title and the
family name only, an initial. One mention in ten names nobody in the registry.

Resolution is what the registry does: index persons under `block_keys`, look a mention
up under its own keys (family skeleton + given initial, or the family skeleton alone for a
family-only mention), run `compare` on those few candidates and keep the best "same". As in
casefile/registry/resolve.py, a unique best "same" of AUTO_LINK (0.9) or more links the
mention by itself; a unique "same" below it (a family name with an initial, a family name
alone, a Kazakh -uly / Russian -ov pair: 0.8) is only proposed to an editor, and both are
counted (right and wrong) apart. Reported: wall time, mentions and comparisons per second,
peak RSS (resource.getrusage), and how often the right person was found. Must stay under
60 s and 1 GB on one core.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from casefile.names import block_keys, compare  # noqa: E402
from casefile.names.features import features  # noqa: E402

AUTO_LINK = 0.9  # casefile.registry.resolve.AUTO_LINK (not imported: no database needed here)

HERE = Path(__file__).resolve().parent
CONSONANTS = set("бвгджзйклмнпрстфхцчшщ")


def read(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def female(family: str) -> str:
    return family + "a"


def _given_genitive(given: str) -> str:
    if given[-1] in "йь":
        return given[:-1] + "я"
    if given[-1] == "я":
        return given[:-1] + "и"
    if given[-1] == "а":
        return given[:-1] + ("и" if given[-2] in "гкхжшчщ" else "ы")
    return given + "а" if given[-1] in CONSONANTS else given


def genitive(given: str, family: str, gender: str) -> str:
    """Russian genitive of a Cyrillic name (the form running text uses after "арест").
    Women's names ending in a consonant do not decline."""
    if gender == "m":
        return f"{title(_given_genitive(given))} {title(family + 'а')}"
    g = _given_genitive(given) if given[-1] in "ая" else given
    return f"{title(g)} {title(family[:-1] + 'ой')}"


def spelling(latin: str, rng: random.Random) -> str:
    """Another press spelling of a Latin family name (-ayev / -aev, doubled letters)."""
    if latin.endswith(("aev", "aeva")) and rng.random() < 0.5:
        return latin.replace("aev", "ayev")
    if latin.endswith(("ayev", "ayeva")):
        return latin.replace("ayev", "aev")
    return latin


def make_persons(n: int, rng: random.Random) -> list[dict[str, str]]:
    given = read("scale-given.tsv")
    family = read("scale-family.tsv")
    persons = []
    for i in range(n):
        g = rng.choice(given)
        f = rng.choice(family)
        fam_lat, fam_cyr = f["latin"], f["cyrillic"]
        if g["gender"] == "f":
            fam_lat, fam_cyr = female(fam_lat), female(fam_cyr)
        father = rng.choice([x for x in given if x["gender"] == "m"]) if i % 3 == 0 else None
        persons.append({"id": str(i), "gender": g["gender"], "given": g["latin"],
                        "given_cyr": g["cyrillic"], "family": fam_lat, "family_cyr": fam_cyr,
                        "father": father["latin"] if father else "",
                        "name": f"{title(g['latin'])} {title(fam_lat)}"})
    return persons


def mention(p: dict[str, str], rng: random.Random) -> str:
    style = rng.randrange(8)
    given, family = title(p["given"]), title(spelling(p["family"], rng))
    if style == 0:
        return f"{given} {family.upper()}"
    if style == 1 and p["father"]:
        suffix = "ovich" if p["gender"] == "m" else "ovna"
        return f"{family}, {given} {title(p['father'])}{suffix}"
    if style == 2:
        return f"{title(p['given_cyr'])} {title(p['family_cyr'])}"
    if style == 3:
        return genitive(p["given_cyr"], p["family_cyr"], p["gender"])
    if style == 4:
        return f"activist {family}"
    if style == 5:
        return f"{family} {given[0]}."
    return f"{given} {family}"


def build_index(persons: list[dict[str, str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(persons):
        for key in block_keys(p["name"]):
            index[key].append(i)
    return index


def candidates(name: str, index: dict[str, list[int]]) -> list[int]:
    keys = block_keys(name)
    narrow = [k for k in keys if k.startswith("fg:")]
    found: set[int] = set()
    for key in narrow or [k for k in keys if k.startswith("f:")]:
        found.update(index.get(key, ()))
    return sorted(found)


def resolve(name: str, persons, index) -> tuple[int | None, float, int, list[int]]:
    """(person of the unique best "same" or None, its score, comparisons made, persons tied
    for the best "same")."""
    best: list[tuple[float, int]] = []
    cands = candidates(name, index)
    for i in cands:
        m = compare(name, persons[i]["name"])
        if m.decision == "same":
            best.append((m.score, i))
    if not best:
        return None, 0.0, len(cands), []
    best.sort(reverse=True)
    tied = [i for score, i in best if score == best[0][0]]
    if len(tied) > 1:
        return None, 0.0, len(cands), tied  # a tie is left to an editor, never auto-linked
    return best[0][1], best[0][0], len(cands), []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--mentions", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(20240517)
    persons = make_persons(args.persons, rng)
    outsiders = make_persons(max(1, args.mentions // 10), random.Random(99))
    work: list[tuple[str, int | None]] = []
    outsider_names: dict[int, str] = {}
    for k in range(args.mentions):
        if rng.random() < 0.1:
            o = rng.choice(outsiders)
            outsider_names[k] = o["name"]
            work.append((mention(o, rng), None))
        else:
            i = rng.randrange(len(persons))
            work.append((mention(persons[i], rng), i))

    start = time.perf_counter()
    index = build_index(persons)
    for p in persons:
        features(p["name"])
    indexed = time.perf_counter() - start
    comparisons = right = wrong = missed = namesakes = ties = 0
    proposed_right = proposed_wrong = outsider_linked = outsider_false = outsider_proposed = 0
    for k, (text, truth) in enumerate(work):
        found, score, n, tied = resolve(text, persons, index)
        comparisons += n
        auto = found is not None and score >= AUTO_LINK
        if truth is None:
            outsider_linked += auto
            outsider_false += (auto and found is not None
                               and persons[found]["name"] != outsider_names[k])
            outsider_proposed += found is not None and not auto
            continue
        name = persons[truth]["name"]
        if found is not None:
            # A namesake with the very same name counts as found: names cannot tell them apart.
            ok = found == truth or persons[found]["name"] == name
            if auto:
                right += ok
                wrong += not ok
            else:
                proposed_right += ok
                proposed_wrong += not ok
        elif tied and all(persons[i]["name"] == name for i in tied):
            namesakes += 1
        elif tied:
            ties += 1
        else:
            missed += 1
    total = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    known = sum(1 for _, t in work if t is not None)
    print(f"persons {len(persons):,}, mentions {len(work):,} ({known:,} of registered persons)")
    print(f"index built in {indexed:.2f} s; total {total:.1f} s; "
          f"{len(work) / total:,.0f} mentions/s; {comparisons:,} comparisons "
          f"({comparisons / len(work):.1f} per mention, {comparisons / total:,.0f}/s)")
    print(f"peak RSS {rss_mb:,.0f} MB")
    print(f"of mentions of registered persons: linked automatically to the right person "
          f"{right / known:.1%}, to a wrong person {wrong / known:.2%}; proposed to an editor "
          f"(one 'same' below {AUTO_LINK}) right {proposed_right / known:.1%}, wrong "
          f"{proposed_wrong / known:.2%}; left to an editor: tie between namesakes "
          f"{namesakes / known:.1%}, tie between persons sharing the family name (family-only "
          f"mentions, initials) {ties / known:.1%}, no 'same' candidate {missed / known:.1%}")
    print(f"mentions of persons not in the registry linked automatically to someone: "
          f"{outsider_linked:,} of {len(work) - known:,}, of which "
          f"{outsider_linked - outsider_false:,} to a namesake with the very same name and "
          f"{outsider_false:,} to a different name; proposed to an editor: "
          f"{outsider_proposed:,}")
    ok = total < 60 and rss_mb < 1024
    print("OK: under 60 s and 1 GB" if ok else "FAIL: over 60 s or 1 GB")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

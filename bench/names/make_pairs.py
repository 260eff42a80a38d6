"""Build bench/names/pairs.csv from the seed pairs and the rigour name groups.

    .venv/bin/python bench/names/make_pairs.py

Deterministic (seeded RNG). The seed pairs (seed-pairs.csv) are copied as they are; the
rigour part composes full names from given-name and family-name groups (rigour-kz-groups.tsv,
forms copied verbatim from the person-name groups rigour 2.6.1 ships) and labels them by
construction: the same groups on both sides => same person written two ways; a different
given group, a different family group, or the other gender's family form => different people.
See README.md for the provenance and the selection rules.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RNG_SEED = 9303
# Two groups that are one surname with and without -ov: never used against each other.
SAME_STEM = {frozenset({"Q24954123", "Q110490920"})}


@dataclass(frozen=True)
class Group:
    qid: str
    role: str
    gender: str
    latin: tuple[str, ...]
    kk: tuple[str, ...]
    ru: tuple[str, ...]


def load_groups() -> list[Group]:
    with open(HERE / "rigour-kz-groups.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [Group(r["qid"], r["role"], r["gender"], *(tuple(x for x in r[k].split("|") if x)
                                                      for k in ("latin", "kk", "ru")))
            for r in rows]


def title(form: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in form.split("-"))


def layout(rng: random.Random, given: str, family: str) -> str:
    """One of the layouts sources use: Given Family, Given FAMILY, Family, Given."""
    style = rng.choice(["plain", "plain", "caps", "comma"])
    if style == "caps":
        return f"{title(given)} {family.upper()}"
    if style == "comma":
        return f"{title(family)}, {title(given)}"
    return f"{title(given)} {title(family)}"


def cyrillic(g: Group, f: Group, rng: random.Random) -> tuple[str, str] | None:
    """A (given, family) pair in one Cyrillic spelling, Kazakh preferred."""
    for script in (("kk", "ru") if rng.random() < 0.6 else ("ru", "kk")):
        gs, fs = getattr(g, script), getattr(f, script)
        if gs and fs:
            return rng.choice(gs), rng.choice(fs)
    return None


def prov(kind: str, *groups: Group) -> str:
    return f"rigour 2.6.1 person-name groups {'+'.join(g.qid for g in groups)}: {kind}"


def compose(groups: list[Group], rng: random.Random) -> list[tuple[str, str, str, str]]:
    given = [g for g in groups if g.role == "given"]
    family = [g for g in groups if g.role == "family"]

    def givens_for(fam: Group) -> list[Group]:
        return [g for g in given if g.gender in (fam.gender, "u")]

    out: list[tuple[str, str, str, str]] = []
    for fam in family:
        g = rng.choice(givens_for(fam))
        cyr = cyrillic(g, fam, rng)
        if cyr:
            out.append((layout(rng, rng.choice(g.latin), rng.choice(fam.latin)),
                        layout(rng, *cyr), "same", prov("one name, Latin / Cyrillic", g, fam)))
        if len(g.latin) > 1 or len(fam.latin) > 1:
            a = (rng.choice(g.latin), rng.choice(fam.latin))
            b = (rng.choice(g.latin), rng.choice(fam.latin))
            if a != b:
                out.append((layout(rng, *a), layout(rng, *b), "same",
                            prov("one name, two Latin spellings", g, fam)))
        others = [x for x in givens_for(fam) if x.qid != g.qid and x.gender == g.gender]
        if others:
            g2 = rng.choice(others)
            cyr = cyrillic(g2, fam, rng)
            if cyr:
                out.append((layout(rng, rng.choice(g.latin), rng.choice(fam.latin)),
                            layout(rng, *cyr), "different",
                            prov("shared family name, other given name", g, g2, fam)))
    # Shared given name, another family name of the same gender.
    for _ in range(30):
        f1, f2 = rng.sample(family, 2)
        if f1.gender != f2.gender or frozenset({f1.qid, f2.qid}) in SAME_STEM:
            continue
        g = rng.choice(givens_for(f1))
        cyr = cyrillic(g, f2, rng)
        if cyr:
            out.append((layout(rng, rng.choice(g.latin), rng.choice(f1.latin)),
                        layout(rng, *cyr), "different",
                        prov("shared given name, other family name", g, f1, f2)))
    # Relatives: male and female forms of one family name.
    by_stem: dict[str, dict[str, Group]] = {}
    for fam in family:
        key = fam.latin[0].removesuffix("a") if fam.gender == "f" else fam.latin[0]
        key = key.replace("kyzy", "uly")
        by_stem.setdefault(key, {})[fam.gender] = fam
    for forms in by_stem.values():
        if set(forms) != {"m", "f"}:
            continue
        fm, ff = forms["m"], forms["f"]
        for gm, gf in ((rng.choice(givens_for(fm)), rng.choice(givens_for(ff))),
                       *[(u, u) for u in given if u.gender == "u"][:2]):
            cyr = cyrillic(gf, ff, rng)
            if cyr:
                out.append((layout(rng, rng.choice(gm.latin), rng.choice(fm.latin)),
                            layout(rng, *cyr), "different",
                            prov("relatives: male / female family form", gm, fm, gf, ff)))
    # Kudaibergen / Kudaybergenov with different given names, as in the gold file.
    kb = [f for f in family if f.qid in ("Q24954123", "Q110490920")]
    if len(kb) == 2:
        g1, g2 = rng.sample([g for g in given if g.gender == "m"], 2)
        out.append((layout(rng, g1.latin[0], kb[0].latin[0]),
                    layout(rng, g2.latin[0], kb[1].latin[-1]), "different",
                    prov("suffix-only family difference, other given name", g1, g2, *kb)))
    return out


def main() -> None:
    rng = random.Random(RNG_SEED)
    with open(HERE / "seed-pairs.csv", encoding="utf-8") as fh:
        rows = [(r["a"], r["b"], r["label"], r["provenance"]) for r in csv.DictReader(fh)]
    rows += compose(load_groups(), rng)
    seen: set[tuple[str, str]] = set()
    with open(HERE / "pairs.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["a", "b", "label", "provenance"])
        for a, b, label, provenance in rows:
            if (a, b) in seen or (b, a) in seen or a == b:
                continue
            seen.add((a, b))
            writer.writerow([a, b, label, provenance])
    same = sum(1 for r in rows if r[2] == "same")
    print(f"wrote {len(seen)} pairs ({same} same before de-duplication) to pairs.csv")


if __name__ == "__main__":
    main()

"""The keys under which mentions of one person meet in the registry.

`match_key` is the registry's blocking key: the name romanised (press scheme), folded to its
variant skeleton (casefile/names/variants.py) and sorted, so a Latin, a Kazakh Cyrillic and a
Russian Cyrillic spelling of one name, in any order, with or without patronymic, give one key
("Ivan Petrov", "ПЕТРОВ, Иван Сергеевич" -> "ivan petrov").
Titles, patronymics and initials are left out: they are often missing from one mention and
would keep apart names that belong together. Sorting makes the key order-insensitive.

`block_keys` is the wider net for candidate search when exact keys miss: a family-name
skeleton (gender- and suffix-neutral, consonants only, so Petrov meets Petrova and a one-vowel
slip meets its original) alone and combined with the first letter of the given name.
A family-only mention ("President Petrov") has only the first kind. Candidates found this
way still go through `compare`, which tells relatives and near-misses apart.
"""

from __future__ import annotations

from functools import lru_cache

from casefile.names.clean import clean_text
from casefile.names.features import features
from casefile.names.variants import fold, initial_letters, skeleton


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """Normalised, script-independent, order-insensitive key of a name. Hyphenated given
    names count as their parts, so "A-B" and "A B" meet. Text in which no name is found (a
    lone title, a stop word) is keyed by its folded words, so a one-word caller still gets a
    key; "" only for text without letters or longer than a name can be. Never raises."""
    try:
        feats = features(name)
    except ValueError:
        return ""
    tokens = list(feats.given_parts)
    if feats.family:
        tokens.append(feats.family)
    if not tokens:
        tokens = [f for f in (fold(w) for w in clean_text(name).replace("-", " ").split()) if f]
    return " ".join(sorted(tokens))


def family_block(name: str) -> str:
    """The family-name skeleton of a name ("" when it has no family name)."""
    try:
        feats = features(name)
    except ValueError:
        return ""
    return skeleton(feats.family) if feats.family else ""


def given_initials(name: str) -> frozenset[str]:
    """First letters a name's first given name can be indexed under: its own and those of the
    other forms of that name (Sasha is also an A for Aleksandr). Initials count too."""
    try:
        feats = features(name)
    except ValueError:
        return frozenset()
    if feats.given_parts:
        return initial_letters(feats.given_parts[0])
    letters = {i[0] for i in feats.initials[:1]}
    if feats.initials_shown[:1] and feats.initials_shown[0].startswith("y"):
        letters.add("e")  # Y. is also Yerlan, which folds to erlan
    return frozenset(letters)


def block_keys(name: str) -> frozenset[str]:
    """Blocking keys: "f:<skeleton>" always (when there is a family name), plus
    "fg:<skeleton>:<letter>" for each first letter the given name can have."""
    fam = family_block(name)
    if not fam:
        return frozenset()
    keys = {f"f:{fam}"}
    keys.update(f"fg:{fam}:{letter}" for letter in given_initials(name))
    return frozenset(keys)

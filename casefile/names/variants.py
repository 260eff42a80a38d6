"""Variant folding: one key for the spellings the press uses for one name.

`fold` takes a name token in any script to a lower-case ASCII skeleton: romanise (press
scheme), drop accents and hyphens, then apply the ordered rewrite rules in
casefile/data/names/variants.yml (-ayev/-aev, Zh/J/Dzh, Kh/H, Y/I, Yer-/Er-, Q/K, doubled
letters, -ed/-et). Two tokens that fold alike are spellings of one name.

Given names also have forms folding cannot reach (short forms: Sasha/Aleksandr,
Vladimir/Volodymyr): `given_groups` looks them up in casefile/data/names/given-name-forms.yml,
which also records the gender a given name marks. Family names get a gender-neutral stem
(`family_stem`) and a consonant skeleton (`skeleton`) for cheap blocking. Everything here is
cached per token because the same tokens recur in every comparison.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from casefile.names.script import has_cyrillic
from casefile.names.translit import guess_lang, romanize, to_ascii
from casefile.vocab import load

_NON_ALPHA = re.compile(r"[^a-z]+")
_VOWELS = re.compile(r"[aeiou]")
_GLIDE_END = re.compile(r"(?<=[aeou])i$")


Rule = tuple[str, str, "re.Pattern[str] | None"]


def _compile(rules: list[list[str]]) -> tuple[Rule, ...]:
    """Literal rules run as str.replace (several times faster than a regex), others as
    regexes."""
    return tuple((p, r, None if re.escape(p) == p else re.compile(p)) for p, r in rules)


def _apply(text: str, rules: tuple[Rule, ...]) -> str:
    for pattern, repl, regex in rules:
        text = text.replace(pattern, repl) if regex is None else regex.sub(repl, text)
    return text


@cache
def _rules() -> tuple[Rule, ...]:
    return _compile(load("names/variants.yml")["rules"])


@cache
def parts_data() -> dict:
    """casefile/data/names/parts.yml, with every list sorted longest first for stripping."""
    raw = load("names/parts.yml")
    return {
        "patronymic_male": tuple(sorted(raw["patronymic"]["male"], key=len, reverse=True)),
        "patronymic_female": tuple(sorted(raw["patronymic"]["female"], key=len, reverse=True)),
        "patronymic_words": frozenset(raw["patronymic_words"]),
        "family_endings": tuple(sorted(raw["family_endings"], key=len, reverse=True)),
        "gender_pairs": tuple((m, f) for m, f in raw["gender_pairs"]),
        "suffix_variants": tuple(sorted(raw["family_suffix_variants"], key=len, reverse=True)),
        "national_forms": frozenset(frozenset(pair) for pair in raw["national_forms"]),
        "particles": frozenset(raw["particles"]),
    }


@lru_cache(maxsize=131072)
def fold(token: str, lang: str | None = None) -> str:
    """The folded skeleton of one name token ("Сергеев", "Sergeyev", "SERGEEV" -> "sergev")."""
    if has_cyrillic(token):
        token = romanize(token, lang if lang is not None else guess_lang(token))
    return _apply(_NON_ALPHA.sub("", to_ascii(token)), _rules())


class _Belarusian(NamedTuple):
    marks: tuple[re.Pattern[str], ...]
    given: frozenset[str]
    slavic: tuple[str, ...]
    before: tuple[Rule, ...]
    after: tuple[Rule, ...]


@cache
def _belarusian() -> _Belarusian:
    data = load("names/variants.yml")["belarusian"]
    return _Belarusian(tuple(re.compile(m) for m in data["marks"]),
                       frozenset(fold(g) for g in data["given_names"]),
                       tuple(data["slavic_endings"]),
                       _compile(data["before_fold"]), _compile(data["after_fold"]))


def looks_belarusian(shown: str) -> bool:
    """True when a romanised, lower-case ASCII family name carries a mark of Belarusian
    spelling (-ou / -au, dz, Ts- before i, ia after a consonant, -ava, -enka)."""
    return any(mark.search(shown) for mark in _belarusian().marks)


def belarusian_given(folded: str) -> bool:
    """True for a folded given name in its Belarusian national form (Viktar, Siarhei)."""
    return folded in _belarusian().given


def slavic_family(shown: str) -> bool:
    """True when a romanised family name ends like a Slavic one (-ov, -ou, -ski, -enka...)."""
    return shown.endswith(_belarusian().slavic)


@lru_cache(maxsize=131072)
def belarusian_key(shown: str) -> str:
    """A key on which the Belarusian and Russian forms of one family name meet (straltsou,
    streltsov -> straltsav). Loose on vowels, so only for names that look Belarusian."""
    rules = _belarusian()
    return _apply(_apply(_apply(_NON_ALPHA.sub("", shown), rules.before), _rules()), rules.after)


def national_form(a: str, b: str) -> bool:
    """True when two folded family names are one name in its Russian form and in a national
    form that replaced it (Nurlanov / Nurlanuly, Rahmonov / Rahmonzoda; same gender)."""
    p = parts_data()
    ea, eb = _ends(a, p["suffix_variants"], 3), _ends(b, p["suffix_variants"], 3)
    if ea is None or eb is None or family_stem(a) != family_stem(b):
        return False
    return frozenset((ea, eb)) in p["national_forms"]


@cache
def _loose_rules() -> tuple[Rule, ...]:
    return _compile(load("names/variants.yml")["loose_rules"])


@lru_cache(maxsize=131072)
def loose(folded: str) -> str:
    """A folded token under the looser alternations (kh/k); for comparisons only."""
    return _apply(folded, _loose_rules())


@cache
def _given_table() -> tuple[dict[str, frozenset[int]], dict[str, str]]:
    """folded spelling -> group ids, and folded spelling -> "m" | "f" | "u"."""
    groups: dict[str, set[int]] = {}
    genders: dict[str, str] = {}
    data = load("names/given-name-forms.yml")
    gid = 0
    for key, gender in (("male", "m"), ("female", "f"), ("unisex", "u")):
        for forms in data.get(key) or []:
            gid += 1
            for form in forms:
                folded = fold(str(form))
                groups.setdefault(folded, set()).add(gid)
                previous = genders.get(folded)
                genders[folded] = gender if previous in (None, gender) else "u"
    return {k: frozenset(v) for k, v in groups.items()}, genders


def given_groups(folded: str) -> frozenset[int]:
    """Ids of the given-name groups a folded spelling belongs to (empty if unknown)."""
    return _given_table()[0].get(folded, frozenset())


def given_gender(folded: str) -> str | None:
    """"m", "f" or "u" (unisex) for a known given name, None for an unknown one."""
    return _given_table()[1].get(folded)


@cache
def _group_letters() -> dict[int, frozenset[str]]:
    out: dict[int, set[str]] = {}
    for folded, groups in _given_table()[0].items():
        for group in groups:
            out.setdefault(group, set()).add(folded[:1])
    return {k: frozenset(v) for k, v in out.items()}


def initial_letters(folded: str) -> frozenset[str]:
    """First letters under which a folded given name may appear: its own and those of its
    other forms (Sasha may be written Aleksandr, so "s" and "a")."""
    letters = {folded[:1]} if folded else set()
    for group in given_groups(folded):
        letters |= _group_letters()[group]
    return frozenset(letters)


def same_given(a: str, b: str) -> bool:
    """True if two folded given names are one name: equal or forms of one name."""
    return a == b or bool(given_groups(a) & given_groups(b))


def _ends(word: str, endings: tuple[str, ...], min_stem: int = 2) -> str | None:
    """The longest of `endings` that `word` ends with, leaving a stem of `min_stem`."""
    if not word.endswith(endings):
        return None
    return next((e for e in endings if word.endswith(e) and len(word) - len(e) >= min_stem),
                None)


def patronymic_gender(folded: str) -> str | None:
    """"m"/"f" if the folded token ends like a patronymic (-ovich, -uly, -ovna, -kyzy)."""
    p = parts_data()
    if _ends(folded, p["patronymic_female"], 3):
        return "f"
    if _ends(folded, p["patronymic_male"], 3):
        return "m"
    return None


def patronymic_stem(folded: str) -> str:
    """The father's name inside a patronymic: askaruly, askarovich -> askar."""
    p = parts_data()
    ending = _ends(folded, p["patronymic_female"] + p["patronymic_male"], 3)
    return folded[: len(folded) - len(ending)] if ending else folded


def looks_like_family(folded: str) -> bool:
    """True if the folded token ends like a family name (-ov, -eva, -enko, -uly ...)."""
    return _ends(folded, parts_data()["family_endings"], 3) is not None


def family_gender(folded: str) -> str | None:
    """"m" or "f" when the family name's ending marks a gender (-ov / -ova), else None."""
    for _male, female in parts_data()["gender_pairs"]:
        if folded.endswith(female) and len(folded) > len(female) + 2:
            return "f"
    for male, _female in parts_data()["gender_pairs"]:
        if folded.endswith(male) and len(folded) > len(male) + 2:
            return "m"
    return None


@lru_cache(maxsize=131072)
def family_stem(folded: str) -> str:
    """Gender- and suffix-neutral stem: petrov, petrova -> petr; a stem with and without
    -ov gives one stem; a final glide goes too (-ai meets -aev)."""
    ending = _ends(folded, parts_data()["suffix_variants"], 3)
    stem = folded[: len(folded) - len(ending)] if ending else folded
    return _GLIDE_END.sub("", stem)


@lru_cache(maxsize=131072)
def skeleton(folded: str) -> str:
    """First letter plus the consonants of the stem: a blocking key that survives one vowel
    slip (ruzahunov / ruzahanov -> rzhn)."""
    stem = family_stem(folded)
    return stem[:1] + _VOWELS.sub("", stem[1:]) if stem else ""

"""Back to the nominative: names in Russian and Kazakh running text.

Russian declines names ("арест Ивана Петрова", "Ивану Петрову"), so a mention in
running text must be reduced before it can meet the registry's nominative form. The endings
are data (casefile/data/names/inflection.yml). One reading is chosen for the whole name, not
per word, because the words agree: every token must fit one (gender, case). The choice is
scored: a given name the lexicon knows for that gender counts most, a plausible nominative
counts one, an implausible one (ending in -у, -ом, -овой...) counts against. When nothing
tells the readings apart the nominative wins, so structured, already nominative data is never
changed. Kazakh attaches case suffixes to the last word only ("-овтың", "-евқа"); those are
stripped when what remains ends like a family name or patronymic.

Not handled on purpose: Ukrainian and Belarusian declension, Kazakh suffixes on a given name
that ends a "Family Given" name, and indeclinable foreign names that happen to end in -а.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from casefile.names.script import has_cyrillic
from casefile.names.variants import fold, given_gender
from casefile.vocab import load

_CASES = ("gen", "dat", "acc", "ins", "pre")
_CONSONANT_END = "бвгджзйклмнпрстфхцчшщ"


class Reading(NamedTuple):
    """One way to read a token: its nominative, the gender ("m", "f", None = any), the cases
    it can be in, and how plausible it is."""

    nominative: str
    gender: str | None
    cases: frozenset[str]
    score: int


@cache
def _data() -> dict:
    return load("names/inflection.yml")


@cache
def _rows(kind: str) -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    return tuple((o, n, g, frozenset(c)) for o, n, g, c in _data()["ru"][kind])


@cache
def _unlikely_endings(role: str) -> tuple[str, ...]:
    return tuple(_data()["ru"]["unlikely_nominative"]["given" if role == "given" else "family"])


@cache
def _male_endings() -> tuple[str, ...]:
    return tuple(_data()["male_given_endings"])


@cache
def _kazakh() -> tuple[tuple[str, ...], tuple[str, ...]]:
    kk = _data()["kk"]
    return tuple(sorted(kk["suffixes"], key=len, reverse=True)), tuple(kk["stems"])


def _unlikely(token: str, role: str) -> bool:
    return token.lower().endswith(_unlikely_endings(role))


def _given_support(nominative: str, gender: str) -> int:
    folded = fold(nominative)
    known = given_gender(folded)
    if known is not None:
        return 3 if known in (gender, "u") else -1
    if gender == "m" and folded.endswith(_male_endings()):
        return 3
    return 0


@lru_cache(maxsize=65536)
def readings(token: str, role: str) -> tuple[Reading, ...]:
    """All readings of one Cyrillic token in a role ("given", "family", "patronymic");
    cached, because the same names recur in every text."""
    lower = token.lower()
    if role == "given":
        known = given_gender(fold(token))
        gender = known if known in ("m", "f") else None
    elif role == "family":
        gender = "f" if lower.endswith(("ова", "ева", "ина", "ская", "қызы", "кызы")) else (
            "m" if lower.endswith(("ов", "ев", "ин", "ский", "ұлы", "улы")) else None)
    else:
        gender = "f" if lower.endswith(("на", "қызы", "кызы")) else (
            "m" if lower.endswith(("ич", "ұлы", "улы")) else None)
    score = -2 if _unlikely(token, role) else (3 if role == "given" and gender else 1)
    out = [Reading(token, gender, frozenset({"nom"}), score)]
    kinds = {"given": ("given",), "family": ("family", "family_consonant"),
             "patronymic": ("patronymic",)}[role]
    for kind in kinds:
        for oblique, nominative, g, cases in _rows(kind):
            stem = token[: len(token) - len(oblique)]
            if not lower.endswith(oblique) or len(stem) < (1 if role == "given" else 2):
                continue
            if nominative == "" and stem[-1].lower() not in _CONSONANT_END:
                continue
            nom = stem + nominative
            bonus = _given_support(nom, g) if role == "given" else (2 if role == "patronymic"
                                                                    else 0)
            out.append(Reading(nom, g, cases, bonus))
    out.extend(_indeclinable(token, role, gender))
    return tuple(out)


def _indeclinable(token: str, role: str, gender: str | None) -> list[Reading]:
    """Readings for names that keep one form in every case: those ending in a vowel other
    than -а/-я (-е, -и, -о, -ы: -енко, -қызы) and women's names ending in a consonant.
    Listed last and scored no higher than a real oblique reading, so "Иване" (prepositional)
    still reads as Иван."""
    last = token[-1:].lower()
    if role == "patronymic" or not last:
        return []
    oblique = frozenset(_CASES)
    if last == "ь" and gender == "f" and role == "given":
        return [Reading(token, "f", oblique, 3)]  # Kazakh women's names in -ь keep their form
    if last not in _CONSONANT_END and last not in "аяь":
        score = 3 if role == "given" and gender is not None else 0
        return [Reading(token, gender, oblique, score)]
    if last in _CONSONANT_END and last != "й" and gender in ("f", None):
        score = 3 if role == "given" and gender == "f" else 0
        return [Reading(token, "f", oblique, score)]
    return []


def strip_kazakh_case(token: str) -> str:
    """Drop a Kazakh case suffix from a family name or patronymic ("-овтың" -> "-ов")."""
    suffixes, stems = _kazakh()
    lower = token.lower()
    for suffix in suffixes:
        if lower.endswith(suffix) and lower[: len(lower) - len(suffix)].endswith(stems):
            return token[: len(lower) - len(suffix)]
    return token


def to_nominative(tokens: list[tuple[str, str]]) -> list[str]:
    """Reduce a name, given as (token, role) pairs in text order, to the nominative.

    Latin tokens and tokens of unknown role pass through. Returns the tokens in the same
    order."""
    if not tokens:
        return []
    cyr = [i for i, (tok, role) in enumerate(tokens)
           if role in ("given", "family", "patronymic") and has_cyrillic(tok)]
    if not cyr:
        return [tok for tok, _ in tokens]
    work = [tok for tok, _ in tokens]
    last = cyr[-1]
    work[last] = strip_kazakh_case(work[last])
    options = {i: readings(work[i], tokens[i][1]) for i in cyr}
    combos = {(g, c) for reads in options.values() for r in reads for c in r.cases
              for g in ((r.gender,) if r.gender else ("m", "f"))}
    best: tuple[int, int, list[str]] | None = None
    for gender in ("m", "f"):
        for case in ("nom", *_CASES):
            if (gender, case) not in combos:
                continue
            total, chosen = 0, list(work)
            for i, reads in options.items():
                fits = [r for r in reads if case in r.cases and r.gender in (gender, None)]
                if not fits:
                    break
                pick = max(fits, key=lambda r: r.score)
                total += pick.score
                chosen[i] = pick.nominative
            else:
                rank = (total, 1 if case == "nom" else 0, chosen)
                if best is None or rank[:2] > best[:2]:
                    best = rank
    return best[2] if best is not None else work


_PATRONYMIC_NOMINATIVE = ("ович", "евич", "ьич", "овна", "евна", "ична")


@cache
def _patronymic_endings() -> tuple[str, ...]:
    """Nominative and oblique endings of Russian patronymics, derived from the table."""
    endings = set(_PATRONYMIC_NOMINATIVE)
    for oblique, nominative, _g, _c in _rows("patronymic"):
        for nom in _PATRONYMIC_NOMINATIVE:
            if nom.endswith(nominative):
                endings.add(nom[: len(nom) - len(nominative)] + oblique)
    return tuple(sorted(endings, key=len, reverse=True))


def is_cyrillic_patronymic(token: str) -> bool:
    """True for a Russian patronymic in any case ("Ивановича", "Сергеевной")."""
    lower = token.lower()
    endings = _patronymic_endings()
    if not lower.endswith(endings):
        return False
    return any(lower.endswith(e) and len(lower) > len(e) + 1 for e in endings)

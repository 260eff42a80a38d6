"""Back to the nominative: names in Russian and Kazakh running text.

Russian declines names ("арест Ивана Петрова", "Ивану Петрову"), so a mention in
running text must be reduced before it can meet the registry's nominative form. The endings
are data (casefile/data/names/inflection.yml). One reading is chosen for the whole name, not
per word, because the words agree: every token must fit one (gender, case). The choice is
scored: a given name the lexicon knows for that gender counts most, a plausible nominative
counts one, an implausible one (ending in -у, -ом, -овой..., or a family name in -а that is
no woman's ending, like "Агадила") counts against. When nothing tells the readings apart the
nominative wins, so structured, already nominative data is never changed. Kazakh attaches
case suffixes to the last word only ("-овтың", "-евқа"); those are stripped when what remains
ends like a family name (or, for a patronymic, like -ұлы / -қызы).

Readings follow Russian spelling (Й only after a vowel, -ий after К, Мария not Мариа) and the
fleeting vowel of men's names (Павла -> Павел), checked against the given-name lexicon.

casefile/names/nominative.py (`nominative(mention)`) is the entry point for running text:
the whole mention back in the nominative, words in their order, initials kept.

Not handled on purpose: Ukrainian and Belarusian declension, Kazakh suffixes on a given name
that ends a "Family Given" name, a man's adjectival -ой (Толстого reads as Толстый), and
declinable family names in -а (Окуджавы).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from casefile.names.script import has_cyrillic
from casefile.names.variants import fold, given_gender
from casefile.vocab import load

_CASES = ("gen", "dat", "acc", "ins", "pre")
_CONSONANT_END = "бвгджзйклмнпрстфхцчшщ"

Row = tuple[str, str, str, frozenset[str], str]


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
def _rows(kind: str) -> tuple[Row, ...]:
    """(oblique, nominative, gender, cases, letters the stem must end in or "")."""
    return tuple((r[0], r[1], r[2], frozenset(r[3]), r[4] if len(r) > 4 else "")
                 for r in _data()["ru"][kind])


@cache
def _endings(key: str, sub: str | None = None) -> tuple[str, ...]:
    value = _data()["ru"][key]
    return tuple(value[sub] if sub is not None else value)


class _Spelling(NamedTuple):
    vowels: str
    soft_sign: str
    after_vowel: frozenset[str]
    after_consonant: frozenset[str]
    respell: dict[str, tuple[str, str]]  # ending -> (spelled, after these letters)


@cache
def _spelling() -> _Spelling:
    s = _data()["ru"]["spelling"]
    return _Spelling(s["vowels"], s["soft_sign"], frozenset(s["after_vowel"]),
                     frozenset(s["after_consonant"]),
                     {e: (spelled, letters) for e, spelled, letters in s["respell"]})


@cache
def _gender_endings() -> dict[str, tuple[str, ...]]:
    return {"m": tuple(_data()["male_given_endings"]),
            "f": tuple(_data()["female_given_endings"])}


@cache
def _soft_sign_given() -> frozenset[str]:
    return frozenset(_data()["ru"]["given_soft_sign"])


@cache
def _kazakh() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    kk = _data()["kk"]
    return (tuple(sorted(kk["suffixes"], key=len, reverse=True)),
            {role: tuple(stems) for role, stems in kk["stems"].items()})


def _unlikely(token: str, role: str) -> bool:
    key = "given" if role == "given" else "family"
    return token.lower().endswith(_endings("unlikely_nominative", key))


def _spelled(stem: str, ending: str) -> str | None:
    """stem + ending as Russian spells it, or None when the spelling is impossible
    (Мариа, Лебедй, Сергеь)."""
    if not stem:
        return None
    rules = _spelling()
    last = stem[-1].lower()
    is_vowel = last in rules.vowels
    if (ending in rules.after_vowel and not is_vowel) or \
            (ending in rules.after_consonant and (is_vowel or last not in _CONSONANT_END)):
        return None
    spelled, letters = rules.respell.get(ending, (ending, ""))
    return stem + (spelled if last in letters else ending)


def _gender_of(lower: str, role: str) -> str | None:
    key = "family_gender" if role == "family" else "patronymic_gender"
    if lower.endswith(_endings(key, "f")):
        return "f"
    return "m" if lower.endswith(_endings(key, "m")) else None


def _given_support(nominative: str, gender: str) -> int:
    """3 for a name the lexicon knows for this gender (or whose ending marks it), -1 for one
    it knows for the other gender, 0 for an unknown one. A man's Игорь and Игор fold alike;
    the spelling with Ь wins only for the names listed with it."""
    folded = fold(nominative)
    known = given_gender(folded)
    if known is not None:
        if known not in (gender, "u"):
            return -1
        if gender != "m":
            return 3
        lower, sign = nominative.lower(), _spelling().soft_sign
        soft = lower.endswith(sign)
        listed = (lower if soft else lower + sign) in _soft_sign_given()
        return 3 if soft == listed else 2
    return 3 if folded.endswith(_gender_endings()[gender]) else 0


def _fleeting(stem: str) -> str | None:
    """A man's given name with its fleeting vowel put back (Павл -> Павел, Льв -> Лев) when
    the lexicon knows that name and not the stem itself."""
    if len(stem) < 2 or given_gender(fold(stem)) is not None:
        return None
    vowel = _data()["ru"]["fleeting_vowel"]
    sign = _spelling().soft_sign
    candidate = stem[:-1].rstrip(sign + sign.upper()) + vowel + stem[-1]
    return candidate if given_gender(fold(candidate)) in ("m", "u") else None


def _nominative_score(token: str, lower: str, role: str, gender: str | None) -> int:
    if role == "given" and gender:
        return 3  # a name the lexicon knows, whatever it ends in (Айсұлу, Георги)
    if _unlikely(token, role):
        return -2
    if role == "given":
        return 1
    if role == "family" and gender is None and _genitive_like(lower):
        return -2  # Агадила, Мамая: the genitive of Агадил, Мамай, not a woman's name
    return 1


def _genitive_like(lower: str) -> bool:
    """-а after a consonant or -я after a vowel: how a man's family name in a consonant or
    in -й looks in the genitive (Агадила, Мамая)."""
    if len(lower) < 3:
        return False
    rule = _data()["ru"]["genitive_like"]
    before = lower[-2]
    return (lower[-1] == rule["after_consonant"] and before in _CONSONANT_END) or \
        (lower[-1] == rule["after_vowel"] and before in _spelling().vowels)


def _recase(token: str, nominative: str) -> str:
    return nominative.upper() if token.isupper() and len(token) > 1 else nominative


@lru_cache(maxsize=65536)
def readings(token: str, role: str) -> tuple[Reading, ...]:
    """All readings of one Cyrillic token in a role ("given", "family", "patronymic");
    cached, because the same names recur in every text. A score of 3 or more on a given
    name means the lexicon (or a man's ending like -бек) supports it."""
    lower = token.lower()
    if role == "given":
        known = given_gender(fold(token))
        gender = known if known in ("m", "f") else None
    else:
        gender = _gender_of(lower, role)
    out = [Reading(token, gender, frozenset({"nom"}),
                   _nominative_score(token, lower, role, gender))]
    kinds = {"given": ("given",), "family": ("family", "family_consonant"),
             "patronymic": ("patronymic",)}[role]
    min_stem = 1 if role == "given" else 2
    for kind in kinds:
        fitting = [r for r in _rows(kind) if lower.endswith(r[0])
                   and len(token) - len(r[0]) >= min_stem]
        # -овой is -ова, not an adjectival -ой; given names have no such overlaps (and
        # Дарью is Дарья, though -ью is also the instrumental of Любовь)
        longest = max((len(r[0]) for r in fitting), default=0) if kind == "family" else 0
        for oblique, ending, g, cases, stem_end in fitting:
            if len(oblique) < longest:
                continue
            stem = token[: len(token) - len(oblique)]
            if stem_end and stem[-1].lower() not in stem_end:
                continue
            if ending == "" and stem[-1].lower() not in _CONSONANT_END:
                continue
            nom = _spelled(stem, ending) if ending else stem
            if nom is None:
                continue
            if role == "given":
                bonus = _given_support(nom, g)
                if ending == "" and bonus < 3 and g == "m":
                    restored = _fleeting(stem)
                    if restored is not None:
                        nom, bonus = restored, 3
            else:
                bonus = 2 if role == "patronymic" else 0
            out.append(Reading(_recase(token, nom), g, cases, bonus))
    declined = len(out) > 1
    out.extend(_indeclinable(token, role, gender, declined))
    return tuple(out)


def _indeclinable(token: str, role: str, gender: str | None, declined: bool) -> list[Reading]:
    """Readings for names that keep one form in every case: those ending in a vowel other
    than -а/-я (-е, -и, -о, -ы: -енко, -қызы), family names in -ых/-их, and women's names
    ending in a consonant or -ь (Асель, Нинагуль). Listed last and scored below a real
    oblique reading of a name the lexicon does not know, so "Иване" still reads as Иван and
    "Анджее Почобуте" as Анджей Почобут. A word whose nominative would be unlikely
    ("Досмамбетову") is not an indeclinable name."""
    lower = token.lower()
    last = lower[-1:]
    known = role == "given" and gender is not None
    if role == "patronymic" or not last or (_unlikely(token, role) and not known):
        return []
    oblique = frozenset(_CASES)
    unknown = -1 if declined else 0
    if role == "family" and lower.endswith(_endings("indeclinable_family")):
        return [Reading(token, None, oblique, 1)]
    if last == "ь" and role == "given" and gender in ("f", None):
        # Kazakh women's names in -ь keep their form
        return [Reading(token, "f", oblique, 3 if gender == "f" else unknown)]
    if last not in _CONSONANT_END and last not in "аяь":
        score = 3 if role == "given" and gender is not None else unknown
        return [Reading(token, gender, oblique, score)]
    if (last in _CONSONANT_END and (last != "й" or role == "family")
            or (last == "ь" and role == "family")) and gender in ("f", None):
        score = 3 if role == "given" and gender == "f" else unknown
        return [Reading(token, "f", oblique, score)]
    return []


def strip_kazakh_case(token: str, role: str = "family") -> str:
    """Drop a Kazakh case suffix from a family name ("-овтың" -> "-ов") or from a Kazakh
    patronymic ("-ұлының" -> "-ұлы"); other roles are left alone."""
    suffixes, stems = _kazakh()
    allowed = stems.get(role)
    if not allowed:
        return token
    lower = token.lower()
    for suffix in suffixes:
        if lower.endswith(suffix) and lower[: len(lower) - len(suffix)].endswith(allowed):
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
    work[last] = strip_kazakh_case(work[last], tokens[last][1])
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


@cache
def _patronymic_endings() -> tuple[str, ...]:
    """Nominative and oblique endings of Russian patronymics, derived from the table: the
    nominative forms are the -ич/-на rows' targets grown by the stems -ов-/-ев-/-ьи-."""
    nominatives = _data()["ru"]["patronymic_nominative"]
    endings = set(nominatives)
    for oblique, nominative, _g, _c, _s in _rows("patronymic"):
        for nom in nominatives:
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

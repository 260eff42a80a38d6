"""Romanisation of Cyrillic names: Kazakh, Russian, Ukrainian and Belarusian.

Tables are data (casefile/data/countries/kz/translit.yml for Kazakh, casefile/data/names/
cyrillic.yml for the others), one per scheme: "press" (English press spelling, what the matcher
uses), "icao" (passports), "bgn" (BGN/PCGN) and, for Kazakh, "latin2021". Each word is
romanised letter by letter with three context rules (start of word, after a vowel, end of
word), which is all these schemes need; results are cached per word.

Deliberately not used for Cyrillic: generic ASCII folding (anyascii, unidecode). It knows no
Kazakh spelling practice, so a Қ or an Ұ would come out differently from every document that
writes the name. anyascii is only the fallback for letters of other scripts (Greek, Arabic,
CJK), so that such names still get some Latin key instead of none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from anyascii import anyascii

from casefile.vocab import load

SCHEMES = ("press", "icao", "bgn", "latin2021")
LANGS = ("kk", "ru", "uk", "be")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_KAZAKH_ONLY = frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ")
_UKRAINIAN_ONLY = frozenset("ґєїҐЄЇ")


@dataclass(frozen=True)
class Table:
    """One scheme for one language: plain letters plus the three context overrides."""

    letters: dict[str, str]
    vowels: frozenset[str]
    initial: dict[str, str] = field(default_factory=dict)
    after_vowel: dict[str, str] = field(default_factory=dict)
    final: dict[str, str] = field(default_factory=dict)


def _table(spec: dict, vowels: str) -> Table:
    return Table(
        letters=dict(spec["letters"]),
        vowels=frozenset(vowels),
        initial=dict(spec.get("initial") or {}),
        after_vowel=dict(spec.get("after_vowel") or {}),
        final=dict(spec.get("final") or {}),
    )


@cache
def tables() -> dict[tuple[str, str], Table]:
    """All (lang, scheme) tables, read once from the data files."""
    out: dict[tuple[str, str], Table] = {}
    kz = load("countries/kz/translit.yml")
    for scheme, spec in kz["schemes"].items():
        out[("kk", scheme)] = _table(spec, kz["vowels"])
    for lang, block in load("names/cyrillic.yml")["langs"].items():
        for scheme, spec in block["schemes"].items():
            out[(lang, scheme)] = _table(spec, block["vowels"])
    return out


@cache
def _latin_to_press() -> dict[str, str]:
    return dict(load("countries/kz/translit.yml")["latin_to_press"])


def guess_lang(text: str) -> str:
    """Guess which Cyrillic alphabet a name is written in, from its letters.

    Kazakh-only letters mean "kk"; Ґ Є Ї mean "uk"; Ў means "be"; І without Ы/Э/Ё/Ъ is
    Ukrainian, І with them is read as Kazakh (Casefile is Kazakhstan-first; Belarusian
    needs Ў or an explicit lang). Everything else is "ru", which also covers Kazakh names
    written in Russian spelling (Қ written К)."""
    letters = set(text)
    if letters & _KAZAKH_ONLY:
        return "kk"
    if letters & _UKRAINIAN_ONLY:
        return "uk"
    if "ў" in letters or "Ў" in letters:
        return "be"
    if "і" in letters or "І" in letters:
        return "kk" if letters & set("ыэёъЫЭЁЪ") else "uk"
    return "ru"


def _recase(source: str, out: str, whole_upper: bool) -> str:
    if not out or not source.isupper():
        return out
    return out.upper() if whole_upper else out[0].upper() + out[1:]


@lru_cache(maxsize=65536)
def romanize_word(word: str, lang: str = "ru", scheme: str = "press") -> str:
    """Romanise one word (a run of letters) with the given table; non-Cyrillic letters pass
    through, letters of other scripts go through anyascii."""
    table = tables().get((lang, scheme))
    if table is None:
        raise ValueError(f"no transliteration table for lang={lang!r} scheme={scheme!r}")
    lower = word.lower()
    whole_upper = len(word) > 1 and word.isupper()
    out: list[str] = []
    i = 0
    while i < len(lower):
        ch = lower[i]
        tail = lower[i:]
        ending = next((k for k in table.final if tail == k), None)
        if ending is not None:
            out.append(_recase(word[i], table.final[ending], whole_upper))
            break
        if i == 0 and ch in table.initial:
            rom = table.initial[ch]
        elif i > 0 and lower[i - 1] in table.vowels and ch in table.after_vowel:
            rom = table.after_vowel[ch]
        elif ch in table.letters:
            rom = table.letters[ch]
        elif ch.isascii() or unicodedata.category(ch).startswith("M"):
            rom = ch
        else:
            rom = _fallback(ch)
        out.append(_recase(word[i], rom, whole_upper))
        i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def _fallback(ch: str) -> str:
    """A non-Cyrillic letter: keep Latin (accents are the folding step's business), send
    other scripts through anyascii."""
    base = unicodedata.normalize("NFD", ch)[0]
    if base.isascii() or "LATIN" in unicodedata.name(ch, ""):
        return ch
    return anyascii(ch).lower()


def romanize(text: str, lang: str | None = None, scheme: str = "press") -> str:
    """Romanise every word of `text`; punctuation, spaces and Latin words are kept.

    `lang` is one of "kk", "ru", "uk", "be" (guessed from the letters when None); `scheme`
    one of SCHEMES ("latin2021" exists for Kazakh only)."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")
    language = lang if lang is not None else guess_lang(text)
    if language not in LANGS:
        raise ValueError(f"unknown lang {language!r}; expected one of {', '.join(LANGS)}")
    return _WORD.sub(lambda m: romanize_word(m.group(0), language, scheme), text)


@lru_cache(maxsize=65536)
def to_ascii(word: str) -> str:
    """Lower-case ASCII form of a Latin (or already romanised) word: Kazakh Latin and BGN
    letters to press spelling (ş -> sh, ğ -> g), other accents dropped (é -> e), leftovers
    through anyascii (ß -> ss, ł -> l)."""
    mapping = _latin_to_press()
    out: list[str] = []
    for ch in word.lower():
        if ch.isascii():
            out.append(ch)
        elif ch in mapping:
            out.append(mapping[ch])
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", ch)
                           if not unicodedata.combining(c))
            out.append(base if base.isascii() else anyascii(base).lower())
    return "".join(out)

"""What a comparison needs from one name, computed once and cached.

`features(name)` parses the name (casefile/names/normalize.py), then romanises and folds each
part (casefile/names/variants.py) and infers the gender its parts mark. A registry compares a
mention with many candidates and the same candidate with many mentions, so this is cached per
string (an LRU of 65,536 names); the comparison itself is then a few tuple and string
operations, which keeps `compare` well above 20,000 pairs a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from casefile.names.normalize import ParsedName, parse_name
from casefile.names.script import has_cyrillic
from casefile.names.translit import romanize, to_ascii
from casefile.names.variants import (
    belarusian_given,
    family_gender,
    family_stem,
    fold,
    given_gender,
    looks_belarusian,
    patronymic_gender,
    patronymic_stem,
)


@dataclass(frozen=True, slots=True)
class NameFeatures:
    """Folded parts of one name plus readable (romanised, lower-case) forms for reasons."""

    parsed: ParsedName
    cyrillic: bool
    given: tuple[str, ...]
    given_parts: tuple[str, ...]
    given_shown: tuple[str, ...]
    family: str | None
    family_stem: str | None
    family_gender: str | None
    family_shown: str | None
    family_belarusian: bool  # the name looks Belarusian (family spelling, script, given name)
    patronymic: str | None
    patronymic_gender: str | None
    initials: tuple[str, ...]
    initials_shown: tuple[str, ...]
    gender: str | None

    @property
    def empty(self) -> bool:
        """True when nothing comparable was found in the name."""
        return not (self.given or self.family or self.initials)


@lru_cache(maxsize=65536)
def _shown(token: str, lang: str | None) -> str:
    text = romanize(token, lang) if has_cyrillic(token) else token
    return to_ascii(text)


def _gender(family_g: str | None, patronymic_g: str | None, given: tuple[str, ...]) -> str | None:
    """Family and patronymic endings are strong evidence; a known given name is weaker and
    only used when they say nothing."""
    strong = {g for g in (family_g, patronymic_g) if g is not None}
    if len(strong) == 1:
        return strong.pop()
    if strong:
        return None
    known = {given_gender(g) for g in given} - {None, "u"}
    return known.pop() if len(known) == 1 else None


@lru_cache(maxsize=65536)
def features(name: str) -> NameFeatures:
    """Parse, romanise and fold one name. Raises ValueError like parse_name."""
    parsed = parse_name(name)
    lang = parsed.lang
    given = tuple(g for g in (fold(t, lang) for t in parsed.given) if g)
    parts = tuple(p for t in parsed.given for p in (fold(x, lang) for x in t.split("-")) if p)
    family = fold(parsed.family, lang) if parsed.family else None
    family = family or None
    fam_gender = family_gender(family) if family else None
    pat = fold(parsed.patronymic, lang) if parsed.patronymic else None
    pat_gender = patronymic_gender(pat) if pat else None
    initials = tuple(i for i in (fold(x, lang) for x in parsed.initials) if i)
    family_shown = _shown(parsed.family, lang) if parsed.family else None
    belarusian = bool(family_shown) and (
        (lang in ("be", "uk") and has_cyrillic(parsed.family or ""))
        or looks_belarusian(family_shown or "") or any(belarusian_given(g) for g in parts))
    return NameFeatures(
        parsed=parsed,
        cyrillic=has_cyrillic(name),
        given=given,
        given_parts=parts,
        given_shown=tuple(_shown(t, lang) for t in parsed.given),
        family=family,
        family_stem=family_stem(family) if family else None,
        family_gender=fam_gender,
        family_shown=family_shown,
        family_belarusian=belarusian,
        patronymic=patronymic_stem(pat) if pat else None,
        patronymic_gender=pat_gender,
        initials=initials,
        initials_shown=tuple(_shown(x, lang) for x in parsed.initials),
        gender=_gender(fam_gender, pat_gender, given),
    )

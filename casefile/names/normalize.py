"""Parse a person's name as written into given names, family name, patronymic and initials.

Sources write one name many ways: "Ivan PETROV" (lists put the family name in capitals),
"Petrov, Ivan Sergeyevich" (family first, set off by a comma), "Petrov Ivan Sergeyevich"
(Russian official order), "Иван Сергеевич Петров" (given, patronymic, family), a Kazakh
patronymic in -ұлы/-қызы, "Petrov I." (initials), "President Petrov" (a title and a family
name), "Ивана Петрова" (Russian genitive in running text). `parse_name` reads all of these and
returns the parts in their nominative, original script, with capitals normalised ("PETROV" ->
"Petrov"); romanisation and folding are the comparison's business.

Which token is which, in order of evidence: a comma; a patronymic (then Russian order F G P if
it is last, G P F if it is in the middle); a word in capitals among mixed-case words; initials
beside a single word; a family-name ending (-ov, -eva, -enko, -uly) on the first word but not
the last, or a known given name last; otherwise the last word is the family name. A single
word is a family name unless it is a known given name without a family ending. Patronymics
need three name words (or a comma), because "Roman Abramovich" and a two-word Kazakh name
ending in -uly are given + family (many Kazakhs carry -uly/-kyzy as their surname).
All parsing rules and word lists are data (casefile/data/names/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casefile.names.clean import clean_text, strip_titles
from casefile.names.inflect import is_cyrillic_patronymic, to_nominative
from casefile.names.script import has_cyrillic
from casefile.names.translit import guess_lang
from casefile.names.variants import (
    fold,
    given_gender,
    looks_like_family,
    parts_data,
    patronymic_gender,
)

MAX_NAME_CHARS = 300
_EDGE = re.compile(r"^[^\w]+|[^\w.']+$")
INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.)+$|^[^\W\d_]$")


@dataclass
class ParsedName:
    """The parts of one written name. Tokens keep their script; `original` is the input."""

    given: list[str]
    family: str | None
    patronymic: str | None
    initials: list[str]
    original: str
    titles: list[str] = field(default_factory=list)
    lang: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when no part of a name was found (empty or punctuation-only input)."""
        return not (self.given or self.family or self.patronymic or self.initials)


def _display(token: str) -> str:
    if token.isupper() or token.islower():
        return "-".join(p[:1].upper() + p[1:].lower() for p in token.split("-"))
    return token


def _tokens(segment: str) -> list[str]:
    out = []
    for raw in segment.split():
        tok = _EDGE.sub("", raw)
        if any(ch.isalpha() for ch in tok):
            out.append(tok)
    return out


def _is_patronymic(token: str, lang: str | None) -> bool:
    if has_cyrillic(token) and is_cyrillic_patronymic(token):
        return True
    return patronymic_gender(fold(token, lang)) is not None


def _split_initials(tokens: list[str]) -> tuple[list[str], list[str]]:
    names: list[str] = []
    initials: list[str] = []
    for tok in tokens:
        if INITIALS.match(tok):
            initials.extend(p for p in tok.split(".") if p)
        else:
            names.append(tok.rstrip("."))
    return names, initials


def _join_patronymic_words(tokens: list[str], lang: str | None) -> list[str]:
    words = parts_data()["patronymic_words"]
    out: list[str] = []
    for tok in tokens:
        if out and tok.islower() and fold(tok, lang) in words:
            out[-1] = out[-1] + tok
        else:
            out.append(tok)
    return out


def _drop_lowercase(tokens: list[str], lang: str | None) -> list[str]:
    """Drop lower-case words (stray words, not names) when others are capitalised, except
    particles, and except one lower-case word with a family-name ending beside a single
    capitalised name: a family name published in lower case ("Марат курбанов")."""
    if not any(t[:1].isupper() for t in tokens):
        return tokens
    particles = parts_data()["particles"]
    keep = [not t.islower() or t in particles for t in tokens]
    names = [t for t, k in zip(tokens, keep, strict=True) if k and not INITIALS.match(t)]
    family_like = [i for i, t in enumerate(tokens)
                   if not keep[i] and looks_like_family(fold(t, lang))]
    if len(names) == 1 and len(family_like) == 1:
        keep[family_like[0]] = True
    return [t for t, k in zip(tokens, keep, strict=True) if k]


def _family_first(names: list[str], lang: str | None) -> bool:
    first, last = fold(names[0], lang), fold(names[-1], lang)
    if looks_like_family(first) and not looks_like_family(last) and given_gender(first) is None:
        return True
    return given_gender(last) is not None and given_gender(first) is None


def _roles(names: list[str], comma: bool, initials: list[str], lang: str | None) -> list[str]:
    """One role per name token: "given", "family" or "patronymic"."""
    n = len(names)
    roles = ["given"] * n
    if n == 0:
        return roles
    pat = [i for i, t in enumerate(names) if _is_patronymic(t, lang)] if (n >= 3 or comma) else []
    if comma:
        roles[0] = "family"
        pat = [i for i in pat if i > 0]
        if pat and n >= 3:
            roles[pat[-1]] = "patronymic"
        return roles
    if pat:
        p = pat[-1]
        roles[p] = "patronymic"
        roles[0 if p == n - 1 else n - 1] = "family"
        return roles
    capitals = [i for i, t in enumerate(names) if t.isupper() and sum(c.isalpha() for c in t) > 1]
    if len(capitals) == 1 and n > 1:
        roles[capitals[0]] = "family"
    elif n == 1:
        folded = fold(names[0], lang)
        known = given_gender(folded) is not None and not looks_like_family(folded)
        roles[0] = "given" if known and not initials else "family"
    else:
        roles[0 if _family_first(names, lang) else n - 1] = "family"
    return roles


def _segment(text: str) -> tuple[list[str], bool, list[str]]:
    """Pick the tokens that make the name, whether it is in comma form, and titles found."""
    titles: list[str] = []
    segments = []
    for part in text.split(","):
        toks, found = strip_titles(_tokens(part))
        titles.extend(found)
        if toks:
            segments.append(toks)
    if len(segments) >= 2 and len(segments[0]) == 1 and 1 <= len(segments[1]) <= 3:
        return segments[0] + segments[1], True, titles
    return (segments[0] if segments else []), False, titles


@dataclass(frozen=True)
class Layout:
    """A written name taken apart: the words that make it (titles and stray words removed,
    in text order, initials included), which of them are names and in which role, and the
    nominative of each name word (equal to the word where nothing is declined)."""

    words: tuple[str, ...]
    names: tuple[str, ...]
    roles: tuple[str, ...]
    nominatives: tuple[str, ...]
    initials: tuple[str, ...]
    comma: bool
    titles: tuple[str, ...]
    lang: str | None


def _check(text: object) -> None:
    if not isinstance(text, str):
        raise ValueError(f"a name must be a string, not {type(text).__name__}")
    if len(text) > MAX_NAME_CHARS:
        raise ValueError(f"text of {len(text)} characters is not a name "
                         f"(limit {MAX_NAME_CHARS})")


def layout(text: str, lang: str | None = None) -> Layout:
    """Take a written name apart (see Layout); `lang` as for parse_name. Raises ValueError
    like parse_name."""
    _check(text)
    cleaned = clean_text(text)
    cyrillic = has_cyrillic(cleaned)
    tr_lang = lang if lang in ("kk", "ru", "uk", "be") else (guess_lang(cleaned) if cyrillic
                                                             else None)
    tokens, comma, titles = _segment(cleaned)
    tokens = _drop_lowercase(_join_patronymic_words(tokens, tr_lang), tr_lang)
    names, initials = _split_initials(tokens)
    roles = _roles(names, comma, initials, tr_lang)
    nominatives = names
    if cyrillic and lang not in ("uk", "be", "en") and tr_lang not in ("uk", "be"):
        nominatives = to_nominative(list(zip(names, roles, strict=True)))
    return Layout(words=tuple(tokens), names=tuple(names), roles=tuple(roles),
                  nominatives=tuple(nominatives), initials=tuple(initials), comma=comma,
                  titles=tuple(titles), lang=tr_lang)


def parse_name(text: str, lang: str | None = None) -> ParsedName:
    """Parse one written name. `lang` ("kk", "ru", "uk", "be", or "en") overrides the guess
    of the Cyrillic alphabet; Russian/Kazakh case endings are reduced unless lang is "uk",
    "be" or "en". Returns an empty ParsedName (is_empty) when no name is found; raises
    ValueError for input longer than MAX_NAME_CHARS, which is text, not a name."""
    parts = layout(text, lang)
    names = [_display(t) for t in parts.nominatives]
    pairs = list(zip(names, parts.roles, strict=True))
    family = next((t for t, r in pairs if r == "family"), None)
    patronymic = next((t for t, r in pairs if r == "patronymic"), None)
    given = [t for t, r in pairs if r == "given"]
    return ParsedName(given=given, family=family, patronymic=patronymic,
                      initials=[_display(i) for i in parts.initials], original=text,
                      titles=list(parts.titles), lang=parts.lang)

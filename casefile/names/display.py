"""How a name is shown, and which part of it is the family name.

Lists set the family name in capitals ("Zhaksylyk ABDULLAYEV") or first with a comma
("Kulibayev, Timur Askaruly"); the running text then refers back by the family name alone.
A written form is kept as written (capitals aside); a person is shown as "Given Family".
"""

from __future__ import annotations

from functools import lru_cache

from casefile.names.keys import match_key
from casefile.names.normalize import ParsedName, parse_name


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _title(token: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in token.split("-"))


def display_name(name: str) -> str:
    """A written form with list capitals undone: 'Zhaksylyk ABDULLAYEV' -> 'Zhaksylyk
    Abdullayev'; otherwise unchanged."""
    return " ".join(_title(t) if _is_caps(t) else t for t in name.split())


@lru_cache(maxsize=65536)
def _parsed(name: str) -> ParsedName | None:
    try:
        parsed = parse_name(name)
    except ValueError:
        return None
    return None if parsed.is_empty else parsed


def person_name(name: str) -> str:
    """How a person is shown: given names then family name, without patronymic
    ('Kulibayev, Timur Askaruly' -> 'Timur Kulibayev')."""
    parsed = _parsed(name)
    if parsed is None or not parsed.family or not parsed.given:
        return display_name(name)
    return display_name(" ".join([*parsed.given, parsed.family]))


def family_name(name: str) -> str:
    parsed = _parsed(name)
    if parsed is not None and parsed.family:
        return parsed.family
    tokens = name.split()
    return tokens[-1] if tokens else name


@lru_cache(maxsize=65536)
def family_key(name: str) -> str:
    return match_key(family_name(name))

"""How a name is shown, and which part of it is the family name.

Lists set the family name in capitals ("Zhaksylyk ABDULLAYEV") or first with a comma
("Kulibayev, Timur"); the running text then refers back by the family name alone.
"""

from __future__ import annotations

from casefile.names.keys import match_key


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def display_name(name: str) -> str:
    """'Zhaksylyk ABDULLAYEV' -> 'Zhaksylyk Abdullayev'; other names unchanged."""
    tokens = name.split()
    if all(_is_caps(t) for t in tokens) and len(tokens) > 1:
        return " ".join(_title(t) for t in tokens)
    return " ".join(_title(t) if _is_caps(t) else t for t in tokens)


def _title(token: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in token.split("-"))


def family_name(name: str) -> str:
    """The family name: the token in capitals, the part before a comma, else the last token."""
    if "," in name:
        return name.split(",", 1)[0].strip()
    tokens = name.split()
    caps = [t for t in tokens if _is_caps(t)]
    if caps and len(caps) < len(tokens):
        return caps[-1]
    return tokens[-1] if tokens else name


def family_key(name: str) -> str:
    return match_key(family_name(name))

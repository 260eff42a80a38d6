"""Which writing system a name is in: latin, cyrillic, mixed or other.

The matcher needs this to decide whether a name must be romanised before it is compared,
and a mixed result is a warning sign in its own right: a Latin "o" inside a Cyrillic word is
usually a typing or OCR slip (or a deliberate homoglyph), not a second name. Only letters are
counted; digits, punctuation and marks say nothing about the script. Scripts other than Latin
and Cyrillic are reported as "other" and are not told apart here on purpose: Casefile's sources
are English, Russian and Kazakh, and the rest only need to be recognised as foreign.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Script = Literal["latin", "cyrillic", "mixed", "other"]

# Inclusive code-point ranges. Latin: Basic Latin letters, Latin-1 Supplement, Extended-A/B,
# IPA, Latin Extended Additional (Vietnamese), Extended-C/D/E and fullwidth forms.
_LATIN = (
    (0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x0250, 0x02AF),
    (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xAB30, 0xAB6F), (0xFF21, 0xFF5A),
)
# Cyrillic, Cyrillic Supplement, Extended-A/B/C.
_CYRILLIC = ((0x0400, 0x04FF), (0x0500, 0x052F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F),
             (0x1C80, 0x1C8F))


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


@lru_cache(maxsize=4096)
def char_script(ch: str) -> str | None:
    """The script of one character: "latin", "cyrillic", "other", or None if not a letter."""
    if not ch.isalpha():
        return None
    cp = ord(ch)
    if cp < 0x80 or _in(cp, _LATIN):
        return "latin"
    if _in(cp, _CYRILLIC):
        return "cyrillic"
    return "other"


def scripts_of(text: str) -> set[str]:
    """The set of scripts whose letters occur in `text` (empty when it has no letters)."""
    found: set[str] = set()
    for ch in text:
        script = char_script(ch)
        if script is not None:
            found.add(script)
            if len(found) == 3:
                break
    return found


def detect_script(text: str) -> Script:
    """Classify `text` as "latin", "cyrillic", "mixed" (Latin and Cyrillic letters together,
    with or without others) or "other" (no letters at all, or only letters of other scripts,
    or Latin or Cyrillic beside another script)."""
    found = scripts_of(text)
    if found == {"latin"}:
        return "latin"
    if found == {"cyrillic"}:
        return "cyrillic"
    if {"latin", "cyrillic"} <= found:
        return "mixed"
    return "other"


_CYRILLIC_RE = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _CYRILLIC) + "]")


def has_cyrillic(text: str) -> bool:
    """True if any character of `text` is Cyrillic (cheaper than detect_script for a yes/no;
    called for every token, so it is one regular-expression search)."""
    return _CYRILLIC_RE.search(text) is not None

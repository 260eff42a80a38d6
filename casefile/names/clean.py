"""Text hygiene before a name is parsed: invisible characters, marks, dashes, titles.

Names arrive from PDFs, web pages and OCR. Zero-width spaces and joiners, bidi marks (RTL/LTR
embeddings and isolates), soft hyphens and stray combining marks are invisible to an editor
but make two identical-looking names compare unequal, so they go first. NFKC folds
compatibility forms (fullwidth letters, ligatures). Combining marks are kept only where they
make a letter (é, and the breve/diaeresis of Й Ё Ї Ў); stress marks on Cyrillic vowels and
stacked marks are dropped. Titles and roles ("President", "political prisoner", "журналиста")
come from casefile/data/names/titles.yml and are removed as whole words, longest phrase first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from casefile.names.script import char_script
from casefile.vocab import load

_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\ufeff\ufe00-\ufe0f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_APOSTROPHES = re.compile("[\u2018\u2019\u02bc\u02b9\u0060\u00b4]")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SPACES = re.compile(r"\s+")
# Marks that compose with a Cyrillic base into a letter of an alphabet we read: Й Ё Ї Ў.
_CYRILLIC_KEEP = {"\u0306": "ИиУу", "\u0308": "ЕеІі"}


def _marks(text: str) -> str:
    out: list[str] = []
    base = ""
    marks_on_base = 0
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            out.append(ch)
            base, marks_on_base = ch, 0
            continue
        marks_on_base += 1
        script = char_script(base) if base else None
        if marks_on_base > 2 or script is None:
            continue
        if script == "latin" or (script == "cyrillic" and base in _CYRILLIC_KEEP.get(ch, "")):
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def clean_text(text: str) -> str:
    """NFKC, invisible and control characters removed, marks tidied, dashes and apostrophes
    unified, brackets dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    if not text.isascii():
        text = _marks(text)
        text = _DASHES.sub("-", text)
        text = _APOSTROPHES.sub("'", text)
    previous = None
    while previous != text and ("(" in text or "[" in text):
        previous, text = text, _BRACKETED.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@cache
def _titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> title phrases (as word tuples) starting with it, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrases in load("names/titles.yml").values():
        for phrase in phrases:
            words = tuple(str(phrase).casefold().split())
            by_first.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in by_first.items()}


def _key(token: str) -> str:
    return token.casefold().strip(".'")


def strip_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Remove title phrases from a token list: (remaining tokens, removed titles)."""
    titles = _titles()
    kept: list[str] = []
    removed: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase in titles.get(_key(tokens[i]), ()):
            if tuple(_key(t) for t in tokens[i: i + len(phrase)]) == phrase:
                removed.append(" ".join(phrase))
                i += len(phrase)
                break
        else:
            kept.append(tokens[i])
            i += 1
    return kept, removed

"""A word broken across a line end: join its halves, and keep the hyphen only if it is the word's.

A renderer that hyphenates ("polit-" / "ical", "полити-" / "ческих") leaves the same mark at
a line end as a compound that happens to break at its own hyphen ("pre-" / "trial"). Which one
it was is read from evidence, in this order:

1. a soft hyphen (U+00AD) is never part of the word;
2. the document's hyphen characters: many renderers mark their own breaks with a character
   (often U+2010) that the text never uses inside a word, while the writer's compounds use
   another (U+002D). When a document shows such a split, the renderer's character goes and
   the writer's stays;
3. the document's words: if the joined word occurs elsewhere in it the hyphen was the
   renderer's; if only the hyphenated form occurs, it was the writer's;
4. the languages' own vocabulary: a compound spelled with a hyphen anywhere in
   data/lang/*/*.yml ("pre-trial", "условно-досрочн…") keeps it;
5. otherwise a hyphen between two lower-case letters was the renderer's and goes; next to a
   capital or a digit ("Нур-" / "Султан", "COVID-" / "19") it stays.

There is no hyphenation dictionary: which words may break where is a property of the renderer,
not of the language, and the document is the better witness of how its words are spelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from casefile import vocab

SOFT_HYPHEN = "\u00ad"
HYPHENS = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
# A word, hyphenated compounds included ("pre-trial", "Нур-Султан", "COVID-19").
WORD = re.compile(rf"[^\W_]+(?:[{HYPHENS}][^\W_]+)*")
# The word a line ends in when it ends in a hyphen right after a letter or digit.
BROKEN_END = re.compile(rf"([^\W_]+(?:[{HYPHENS}][^\W_]+)*)([{HYPHENS}{SOFT_HYPHEN}])$")
FIRST_WORD = re.compile(r"[^\W_]+")
MAX_WORD = 200  # characters looked at on either side of a line end: bounded work per line


@dataclass(frozen=True)
class Spellings:
    """How a document spells its words (plain words and hyphenated compounds, lower-cased)
    and which hyphen characters only ever end its lines (the renderer's marks)."""

    words: frozenset[str]
    compounds: frozenset[str]
    inner: frozenset[str]  # hyphen characters used inside words within a line
    renderer: frozenset[str]  # hyphen characters that end lines and are never used inside

    @classmethod
    def of(cls, lines: Iterable[str]) -> Spellings:
        """Collect spellings from lines; a word cut by a line end is not counted as a word."""
        words: set[str] = set()
        compounds: set[str] = set()
        inner: set[str] = set()
        ending: dict[str, int] = {}
        for line in lines:
            found = WORD.findall(line.replace(SOFT_HYPHEN, ""))
            end = line.rstrip()[-1:]
            if found and end and end in HYPHENS:
                found.pop()  # the first half of a word broken at the line end
                ending[end] = ending.get(end, 0) + 1
            for word in found:
                lowered = word.lower()
                marks = {h for h in HYPHENS if h in lowered}
                if marks:
                    inner |= marks
                    compounds.add(_unify(lowered))
                else:
                    words.add(lowered)
        # Only a document that shows both kinds tells them apart: the writer's character
        # inside words, and another ending lines again and again.
        renderer = {h for h, n in ending.items() if n >= 2 and h not in inner} if inner else set()
        return cls(frozenset(words), frozenset(compounds), frozenset(inner), frozenset(renderer))


def _unify(word: str) -> str:
    """One hyphen character, so "pre‐trial" (U+2010) and "pre-trial" are the same spelling."""
    return word.replace("\u2010", "-").replace("\u2011", "-")


def broken_word(left: str, right: str, spellings: Spellings) -> bool | None:
    """Does line `left` end in the first half of a word that `right` completes? None when it
    does not (the lines join with a space); else whether the hyphen ending `left` stays (the
    lines join with nothing, and without the hyphen when False)."""
    found = BROKEN_END.search(left[-MAX_WORD:])
    head = FIRST_WORD.match(right[:MAX_WORD])
    if not found or not head:
        return None
    stem, mark, tail = found.group(1), found.group(2), head.group()
    if mark == SOFT_HYPHEN or mark in spellings.renderer:
        return False
    if spellings.renderer and mark in spellings.inner:
        return True  # the renderer marks its breaks with another character: this is the word's
    if not (stem[-1].islower() and tail[0].islower()):
        return True  # "Нур-Султан", "COVID-19": a capital or a digit keeps the hyphen
    joined = _unify((stem + tail).lower())
    if joined in spellings.words or joined in spellings.compounds:
        return False
    return _unify(f"{stem}-{tail}".lower()) in spellings.compounds or _known_compound(stem, tail)


def _known_compound(stem: str, tail: str) -> bool:
    """Does the vocabulary spell a compound of the last part of `stem` and the start of `tail`
    with a hyphen? Vocabulary entries may be stems ("условно-досрочн"), so a prefix counts."""
    last = _unify(stem.lower()).rsplit("-", 1)[-1]
    tail = tail.lower()
    return any(tail.startswith(right) for right in _vocabulary_compounds().get(last, ()))


@cache
def _vocabulary_compounds() -> dict[str, frozenset[str]]:
    """Hyphenated words in the language vocabularies, as {left part: {right parts}}."""
    pairs: dict[str, set[str]] = {}
    for path in sorted((vocab.DATA / "lang").glob("*/*.yml")):
        try:
            data = vocab.load(path.relative_to(vocab.DATA).as_posix())
        except (OSError, yaml.YAMLError):
            continue  # optional evidence: a vocabulary file being edited must not stop capture
        for text in _strings(data):
            for word in WORD.findall(text):
                parts = _unify(word.lower()).split("-")
                for left, right in zip(parts, parts[1:], strict=False):
                    if len(right) >= 2 and not right.isdigit():
                        pairs.setdefault(left, set()).add(right)
    return {left: frozenset(rights) for left, rights in pairs.items()}


def _strings(data: Any) -> Iterable[str]:
    """Every string in parsed YAML, keys included, without recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


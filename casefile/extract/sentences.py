"""Split text into sentences, as character spans, for recognisers that judge facts sentence-locally.

Why not a library: the texts are reports full of citations and initials ("Art. 174", "No. 226",
"prosecutors Suttibayev S., and Nauryzbayev Sh."), and a generic splitter cuts those apart,
which would tear an article from the words that say its charge was dropped. The rule here:
a sentence ends at a line break, or at . ! ? … (plus closing quotes or brackets) followed by
whitespace and a capital letter, digit or opening quote; not after an abbreviation listed in
data/lang/<lang>/articles.yml (`sentence_abbreviations`), not after an initial (one capital
letter, or a capital and a lower-case letter: "S.", "Zh."), and not after a bare list number
("1. Zhaksylyk ..."). Spans exclude surrounding whitespace.
"""

from __future__ import annotations

import re
from functools import cache

from casefile import vocab

# Only the first mark of a run ("...") may start a match, so a long run stays linear.
_END = re.compile(
    r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[”\"’'»)\]]*+(?=[ \t\u00a0]+[“\"‘'«(\[]*([^\W_]))|\n"
)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)$")


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    words = vocab.load(f"lang/{lang}/articles.yml").get("sentence_abbreviations") or []
    return frozenset(str(w).lower() for w in words)


def _is_initial(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or (len(word) == 2 and word[1].islower()))


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """(start, end) of every sentence in `text`, in order, covering all non-blank text."""
    abbrev = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if m.group() != "\n":
            nxt = m.group(1)
            if not (nxt.isupper() or nxt.isdigit()):
                continue
            dot = m.start()
            w = _WORD_BEFORE.search(text, max(0, dot - 30), dot)
            if text[dot] == "." and w and (w[1].lower() in abbrev or _is_initial(w[1])):
                continue
            if text[start:dot].strip().isdigit():  # "1. Name" opens a list entry
                continue
        end = m.end() if m.group() != "\n" else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out

"""Which language each stretch of a document is in.

A document mostly keeps to one language, but captions, quotes and bilingual releases mix them
("Таццяна Канеўская. Фота:" under an English paragraph; a Russian statement with an English
summary). Extraction reads each paragraph with the vocabulary of its own language, so the
text is cut into runs of consecutive paragraphs that share a language. A paragraph too short
to judge (under MIN_LETTERS letters) takes the language of the run it sits in.
"""

from __future__ import annotations

import re

from casefile.sources.document import guess_language

# Languages with a complete set of extraction vocabulary (data/lang/<lang>/). Others (Kazakh)
# are captured and searchable; their claims come when their data files do.
EXTRACTED = frozenset({"en", "ru"})
MIN_LETTERS = 40
MIXED = 0.02  # a document whose minority script has fewer letters than this share is one run
PARAGRAPH = re.compile(r"\n")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")


def _sample(text: str, size: int = 2000, chunks: int = 50) -> str:
    """Evenly spaced stretches of a long text: enough to tell whether it mixes scripts."""
    if len(text) <= size * chunks:
        return text
    step = len(text) // chunks
    return "".join(text[i:i + size] for i in range(0, len(text), step))


def runs(text: str, default: str | None) -> list[tuple[int, int, str]]:
    """(start, end, language) of each run of paragraphs in one language, covering the text."""
    base = default or guess_language(text) or "en"
    if text.isascii():
        return [(0, len(text), base)]
    sample = _sample(text)
    cyr, lat = len(CYRILLIC.findall(sample)), len(LATIN.findall(sample))
    if min(cyr, lat) <= MIXED * (cyr + lat):
        return [(0, len(text), base)]
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in [*PARAGRAPH.finditer(text), None]:
        end = m.end() if m else len(text)
        para = text[pos:end]
        lang = base
        if sum(c.isalpha() for c in para[:400]) >= MIN_LETTERS:
            lang = guess_language(para) or base
        elif out:
            lang = out[-1][2]
        if out and out[-1][2] == lang:
            out[-1] = (out[-1][0], end, lang)
        elif end > pos:
            out.append((pos, end, lang))
        pos = end
    return out or [(0, len(text), base)]

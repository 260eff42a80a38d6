"""A name found in Russian running text, given back in the nominative.

Russian text declines names ("приговор Асхату Жексебаеву", "адвокат Ляззат Досмамбетовой",
"письмо Иванову И.И."), and a list, a registry or a report wants them as a person is called:
"Асхат Жексебаев", "Ляззат Досмамбетова", "Иванов И.И.". `nominative` does that for one
mention, with the whole-name reading of casefile/names/inflect.py (the words of a name agree
in gender and case, so "Ляззат" being a woman's name makes "Досмамбетову" the accusative of
Досмамбетова, not the dative of Досмамбетов).

It keeps what the mention wrote: word order (Family Given or Given Family), initials, capitals
("ИВАНОВУ" -> "ИВАНОВ"), Kazakh letters; titles and roles in front ("журналиста") are left
out, because they are not the name. Latin, Ukrainian and Belarusian mentions come back as
they were written (only Russian declension is undone, plus Kazakh case suffixes on the last
word). Results are cached: the same names recur throughout a document and across documents.
"""

from __future__ import annotations

from functools import lru_cache

from casefile.names.normalize import INITIALS, layout


@lru_cache(maxsize=65536)
def nominative(mention: str) -> str:
    """The name in `mention` (a person's name as found in Russian text, in any of the six
    cases) in the nominative: "Асхату Жексебаеву" -> "Асхат Жексебаев", "Иванову И.И." ->
    "Иванов И.И.", "Кайрата Султанбека" -> "Кайрат Султанбек". Returns "" when the mention
    holds no name (or is longer than a name can be); never raises."""
    try:
        parts = layout(mention)
    except ValueError:
        return ""
    nominatives = iter(parts.nominatives)
    words = [w if INITIALS.match(w) else next(nominatives, w.rstrip("."))
             for w in parts.words]
    if parts.comma and len(words) > 1:
        words[0] += ","
    return " ".join(words)

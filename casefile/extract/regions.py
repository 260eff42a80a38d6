"""Which region of its country a place name lies in: "SIZO No. 1 of Almaty" -> Almaty,
"в колонии в Петропавловске" -> North Kazakhstan Region.

The regions and their places are data (data/places/regions/<cc>.yml); a region is named by its
English name there, so the list's Region filter offers one value per region whatever the
language of the sources. Latin forms match as written; a Cyrillic word longer than four letters
loses a final letter of data/lang/ru/events.yml `place_endings` (an adjective its ending,
data/lang/ru/details.yml `adjective_endings`) and takes any ending, so "Алматинская область"
reads "Алматинской области".
"""

from __future__ import annotations

import re
from functools import cache

from casefile import vocab

CYRILLIC = re.compile(r"[А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def _form(name: str, endings: str, adjectives: tuple[str, ...]) -> str:
    """A regex for one form: Latin as written, Cyrillic with its case endings."""
    if not CYRILLIC.search(name):
        return re.escape(name).replace(r"\ ", r"\s+")
    words = []
    for word in name.split():
        if len(word) <= 4:
            words.append(re.escape(word) + r"\w{0,2}")
        elif word.endswith(adjectives):
            words.append(re.escape(word[:-2]) + r"\w*")
        elif word[-1] in endings:
            words.append(re.escape(word[:-1]) + r"\w*")
        else:
            words.append(re.escape(word) + r"\w*")
    return r"\s+".join(words)


@cache
def _table() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """One alternation of every form of every country's regions (longest first, so "Almaty
    region" wins over "Almaty"), the group name -> region name, and the forms' first three
    letters (casefolded): the alternation is tried only at a word that starts so, as trying
    its three hundred forms at every position of a long report took seconds."""
    endings = str((vocab.load("lang/ru/events.yml").get("country_forms") or {})
                  .get("place_endings") or "")
    adjectives = tuple(str(e) for e in vocab.load("lang/ru/details.yml")
                       .get("adjective_endings") or ())
    forms: list[tuple[str, str]] = []
    for path in sorted((vocab.DATA / "places" / "regions").glob("*.yml")):
        for region, names in (vocab.load(f"places/regions/{path.name}").get("regions")
                              or {}).items():
            forms += [(str(n), str(region)) for n in names]
    forms.sort(key=lambda f: len(f[0]), reverse=True)
    groups = {f"r{i}": region for i, (_, region) in enumerate(forms)}
    alt = "|".join(f"(?P<r{i}>{_form(n, endings, adjectives)})"
                   for i, (n, _) in enumerate(forms))
    starts = frozenset(name[:3].casefold() for name, _ in forms)
    return re.compile(rf"(?:{alt or '(?!x)x'})(?!\w)"), groups, starts


WORD_START = re.compile(r"(?<!\w)\w{3}")


def find_regions(text: str, start: int = 0, end: int | None = None
                 ) -> list[tuple[str, tuple[int, int]]]:
    """[(region, (start, end))] for each place in text[start:end] the region data knows."""
    pattern, groups, starts = _table()
    end = len(text) if end is None else end
    out: list[tuple[str, tuple[int, int]]] = []
    after = start
    for w in WORD_START.finditer(text, start, end):
        if w.start() < after or w.group().casefold() not in starts:
            continue
        m = pattern.match(text, w.start(), end)
        if m is not None and m.lastgroup:
            out.append((groups[m.lastgroup], m.span()))
            after = m.end()
    return out


def region_of(text: str) -> str | None:
    """The region of the first place named in `text` ("Medeu District Court of Almaty"), or
    None."""
    found = find_regions(text)
    return found[0][0] if found else None


@cache
def region_names() -> frozenset[str]:
    """Every region's own name (a key of data/places/regions/*.yml)."""
    return frozenset(_table()[1].values())

"""The layout of lists of persons: numbered entries, the headings above them, their sections.

NGO lists share one shape whatever the publisher: a list title ("The List of Political
Prisoners in ..."), status headings ("CONVICTED", "UNDER ARREST IN A PRE-TRIAL DETENTION
FACILITY"), category headings ("Others"), and numbered entries that open with a person's name
followed by a dash or a colon, continued by paragraphs up to the next entry or heading. This
module finds that shape from the text alone; the words it looks for are in
data/lang/<lang>/listing.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from casefile import vocab

ENTRY = re.compile(r"(?P<num>\d{1,4})\s*[.)]\s+(?=\S)")
BULLET = re.compile(r"[•▪●◦\-–]\s+(?=\S)")
MAX_HEADING = 160


@dataclass(frozen=True)
class Entry:
    """One numbered (or bulleted) entry of a list, with where it sits."""

    number: int | None
    start: int  # first character of the entry line (after the number)
    end: int  # end of its last continuation paragraph
    first_line_end: int
    kind: str | None  # political_prisoners | sanctions | persecuted | None
    status: str | None
    category: str | None
    list_title: str | None


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@cache
def _patterns(lang: str) -> dict[str, object]:
    data = vocab.load(f"lang/{lang}/listing.yml")

    def words(phrases: list[str]) -> re.Pattern[str]:
        alt = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)

    return {
        "kinds": {k: words(v) for k, v in data["list_kinds"].items()},
        "statuses": {k: words(v) for k, v in data["status_headings"].items()},
        "section": re.compile(
            r"^(?:" + "|".join(re.escape(w) for w in data["section_starts"]) + r")\b",
            re.IGNORECASE,
        ),
    }


def lines(text: str) -> Iterator[Line]:
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield Line(pos + lead, pos + lead + len(stripped), stripped)
        pos += len(raw) + 1


def is_heading(line: str) -> bool:
    """Short lines without closing punctuation: titles, status and category headings."""
    return (
        len(line) <= MAX_HEADING
        and line[-1] not in ".:;,!?…"
        and (line[0].isupper() or line[0] in "“\"«'")
        and not ENTRY.match(line)
        and not BULLET.match(line)
    )


def find_entries(text: str, starts_with_name, lang: str = "en") -> list[Entry]:
    """Entries of every list in `text`.

    `starts_with_name(text, offset)` tells whether a person's name opens the text at offset;
    it keeps chapter headings such as "1. Imitation of Democratic Processes" out of lists.
    """
    pats = _patterns(lang)
    kind = status = category = title = None
    entries: list[Entry] = []
    current: dict | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            entries.append(Entry(**current))
            current = None

    for line in lines(text):
        match = ENTRY.match(line.text) or BULLET.match(line.text)
        body_start = line.start + match.end() if match else line.start
        named = bool(match) and starts_with_name(text, body_start)
        if match and not named and ENTRY.match(line.text) and is_heading(line.text[match.end():]):
            close()  # a numbered chapter heading: "1. Imitation of Democratic Processes"
            kind = status = category = title = None
            continue
        if named:
            close()
            number = int(match.group("num")) if "num" in match.groupdict() else None
            current = dict(number=number, start=body_start, end=line.end,
                           first_line_end=line.end, kind=kind, status=status,
                           category=category, list_title=title)
            continue
        if is_heading(line.text):
            close()
            if pats["section"].match(line.text):
                kind = status = category = title = None
            for name, pat in pats["kinds"].items():
                if pat.search(line.text):
                    if name != kind:
                        kind, title = name, line.text
                    status = category = None
                    break
            else:
                for name, pat in pats["statuses"].items():
                    if pat.search(line.text) and _mostly_heading_case(line.text):
                        status, category = name, None
                        break
                else:
                    category = line.text
            continue
        if match and current is None:
            continue
        if current is not None:
            current["end"] = line.end
    close()
    return entries


def _mostly_heading_case(line: str) -> bool:
    """Status headings are short or set in capitals; a long sentence-case line is a category
    that merely mentions a status word ("Persecuted for participation in ...")."""
    letters = [c for c in line if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(line) <= 40 or upper >= 0.8 * max(1, len(letters))

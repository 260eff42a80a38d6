"""Names listed one after another: "A, B and C", "A; journalists D and E", "(A, B and C)".

Lists of political prisoners and court news name people in runs, and what the text says next to
the run is said of every name in it ("sentenced A and B to five years", "17 people are held:
A, B and C"). Two names belong to one run when only a separator stands between them: a comma,
a semicolon or a conjunction (data/lang/<lang>/listing.yml `enumeration`), then at most four
label or role words ("journalists", "political prisoner"; after a semicolon any six lower-case
words, "; users of social networks"), optionally ending in a dash or a colon ("; prosecutors –
..."). A note in brackets may follow a name ("Makhambet Abzhan (he is being held in
detention) and ..."); by the convention of such lists it speaks of the names since the
previous note. A run never crosses a line break or a sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.persons import role_pattern
from casefile.extract.types import NameMatch

NOTE = r"\s*\((?:[^()\n]|\([^()\n]*\)){0,300}\)"
MAX_GAP = 160


@dataclass(frozen=True)
class Enumeration:
    """A run of names: indexes into the document's name list, in text order."""

    members: tuple[int, ...]
    start: int
    end: int  # end of the last name (a note after it not included)
    # (note start, note end, members it speaks of): bracketed notes after names
    notes: tuple[tuple[int, int, tuple[int, ...]], ...] = ()
    # members (indexes into the document's names) that open a group of their own after a
    # semicolon or label words: "; journalists D and E", ", journalists D and E"
    groups: tuple[int, ...] = ()


@cache
def _gap(lang: str) -> re.Pattern[str]:
    listing = vocab.load(f"lang/{lang}/listing.yml")
    try:
        roles = vocab.load(f"lang/{lang}/persons.yml")["roles"]
    except FileNotFoundError:
        roles = vocab.load("lang/en/persons.yml")["roles"]
    role_alt, _ = role_pattern(roles)
    role_alt = re.sub(r"\(\?P<r\d+>", "(?:", role_alt)
    plural = r"(?:e?s)?" if lang == "en" else ""
    labels = "|".join(p.replace(" ", r"\s+") for p in listing.get("labels") or [])
    label = rf"(?:(?:{role_alt}){plural}|{labels})" if labels else rf"(?:{role_alt}){plural}"
    conj = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in listing["enumeration"]["conjunctions"])
    fill = rf"(?:(?:{label})(?!\w)[ \t]*){{0,4}}"
    loose = r"(?-i:(?:[^\W\d_A-ZА-ЯЁ][\w’'-]*[ \t]+){0,6})"
    dash = r"(?:[–—:-][ \t]*)?"
    return re.compile(
        rf"(?P<note>{NOTE})?[ \t]*(?:"
        rf"(?P<semi>;)[ \t]*(?:(?:{conj})[ \t]+)?(?P<g1>{fill}|{loose}){dash}"
        rf"|,[ \t]*(?:(?:{conj})[ \t]+)?(?P<g2>{fill}){dash}"
        rf"|(?:{conj})[ \t]+(?P<g3>{fill}){dash}"
        rf")", re.IGNORECASE)


def find_enumerations(text: str, names: list[NameMatch], lang: str = "en") -> list[Enumeration]:
    """Every run of two or more names, and every name alone as a run of one, in text order."""
    gap = _gap(lang)
    out: list[Enumeration] = []
    run: list[int] = []
    notes: list[tuple[int, int, tuple[int, ...]]] = []
    since = 0  # index in `run` of the first name after the previous note

    groups: list[int] = []

    def close() -> None:
        if run:
            last = trailing_note(text, names[run[-1]].end)
            if last is not None:
                notes.append((*last, tuple(run[since:])))
            out.append(Enumeration(tuple(run), names[run[0]].start, names[run[-1]].end,
                                   tuple(notes), tuple(groups)))

    for i, name in enumerate(names):
        if run:
            prev = names[run[-1]]
            m = gap.fullmatch(text, prev.end, name.start) \
                if name.start - prev.end <= MAX_GAP else None
            if m is not None:
                if m["note"]:
                    notes.append((m.start("note"), m.end("note"), tuple(run[since:])))
                    since = len(run)
                if m["semi"] or (m["g1"] or m["g2"] or m["g3"] or "").strip():
                    groups.append(i)
                run.append(i)
                continue
            close()
        run, notes, since, groups = [i], [], 0, []
    close()
    return out


_NOTE = re.compile(NOTE)


def trailing_note(text: str, end: int) -> tuple[int, int] | None:
    """The span of a bracketed note right after position `end`, if any."""
    m = _NOTE.match(text, end)
    return m.span() if m else None

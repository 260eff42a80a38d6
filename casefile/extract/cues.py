"""What a heading, a lead-in or a note says of the persons it governs.

NGO lists group people under words that state their situation: a heading ("CONVICTED"), a
lead-in ("17 people are being held in prison: ..."), a list title ("List of political
prisoners"), a note after a name ("Makhambet Abzhan (he is being held in detention)"). This
module reads such a stretch of text and returns the kind of list it opens (political
prisoners, persecuted, sanctions) and the statuses it states; casefile.extract.layout decides
which persons a cue governs. The phrases are data (data/lang/<lang>/listing.yml).

Statuses combine from the innermost cue outwards (`resolve`): the first cue stating a specific
status decides; the pseudo-status `held` (deprived of liberty, stage unknown) becomes pre-trial
detention when a cue around it says the case is still being prosecuted, and otherwise a
sentence being served; `prosecuted` alone (no custody stated) is `other`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.casing import lowered

HELD, PROSECUTED = "held", "prosecuted"


@dataclass(frozen=True)
class Cue:
    """What one stretch of text says: the list kind it names and the statuses it states,
    most specific first (the order of `statuses` in listing.yml)."""

    kind: str | None
    statuses: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.kind is not None or bool(self.statuses)


NONE = Cue(None, ())


@dataclass(frozen=True)
class _Lang:
    labels: re.Pattern[str]  # a list kind's phrase standing as a title before a name
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: tuple[tuple[str, re.Pattern[str]], ...]
    any_status: re.Pattern[str]
    section: re.Pattern[str]
    states: re.Pattern[str]  # one named group per status
    state_keys: re.Pattern[str]  # lower case: searched in casing.lowered(text)
    former: re.Pattern[str]  # ends right before a title: "former", "бывший"
    label_keys: re.Pattern[str]  # a word every title contains
    recognition: re.Pattern[str]  # "recognised A and B as political prisoners"
    recognition_keys: re.Pattern[str]  # a word every recognition phrase starts with (lower)


@dataclass(frozen=True)
class State:
    """A phrase saying how things stand for the persons of its clause ("is serving a
    sentence", "remains in pre-trial detention")."""

    start: int
    end: int
    status: str


def words(phrases: Sequence[str]) -> str:
    """A longest-first alternation of regex fragments held to whole words; a space matches any
    run of whitespace."""
    alt = "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return rf"(?<!\w)(?:{alt})(?!\w)"


@cache
def _lang(lang: str) -> _Lang:
    data = vocab.load(f"lang/{lang}/listing.yml")
    kinds = tuple((k, re.compile(words(v), re.I)) for k, v in data["list_kinds"].items())
    statuses = tuple((k, re.compile(words(v), re.I)) for k, v in data["statuses"].items())
    every = [p for v in data["statuses"].values() for p in v]
    section = re.compile(r"^(?:" + "|".join(re.escape(w) for w in data["section_starts"])
                         + r")(?!\w)", re.I)
    states = "|".join(f"(?P<{k}>{words(v)})" for k, v in (data.get("states") or {}).items())
    keys = data.get("state_keys") or []
    label = "|".join(f"(?P<{k}>{words(v)})" for k, v in data["list_kinds"].items()
                     if k != "sanctions")
    return _Lang(re.compile(rf"(?:{label})\s*[,:–—-]?\s*", re.I), kinds, statuses,
                 re.compile(words(every), re.I), section,
                 re.compile(states or "(?!)", re.I),
                 re.compile(rf"(?<!\w)(?:{'|'.join(keys).lower() or '(?!)'})"),
                 re.compile(rf"{words(data.get('former') or ['(?!)'])}\s*$", re.I),
                 re.compile("|".join(data.get("label_keys") or ["(?!)"]), re.I),
                 re.compile(words(data.get("recognition") or ["(?!)"]), re.I),
                 re.compile(r"(?<!\w)(?:"
                            + "|".join(data.get("recognition_keys") or ["(?!)"]).lower() + ")"))


@dataclass(frozen=True)
class Label:
    kind: str
    former: bool  # "former political prisoner": on the list once, released since


def label_before(text: str, pos: int, lang: str) -> Label | None:
    """The list kind of a title right before a name ("political prisoner Danebaev T.",
    "политзаключенного Ивана Петрова"): the publisher places the person on that list."""
    lx = _lang(lang)
    if lx.label_keys.search(text, max(0, pos - 50), pos) is None:
        return None  # most names have no title: a quick look before walking back
    start = pos
    for _ in range(4):
        start = word_start(text, start)
        if start < 0 or pos - start > 50:
            return None
        m = lx.labels.fullmatch(text, start, pos)
        if m is not None and m.lastgroup:
            former = lx.former.search(text, max(0, start - 20), start) is not None
            return Label(m.lastgroup, former)
    return None


def word_start(text: str, end: int) -> int:
    """Where the word before `end` starts (skipping spaces and a dash, comma or colon), or
    -1: stepping back word by word lets a few anchored matches replace a search."""
    i = end
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i > 0 and text[i - 1] in "–—:,-":
        i -= 1
        while i > 0 and text[i - 1] in " \t\u00a0":
            i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "’'-"):
        j -= 1
    return j if j < i else -1


def find_states(text: str, lang: str) -> list[State]:
    """Every state phrase of `text` (data/lang/<lang>/listing.yml `states`), in text order.
    The phrases are only tried where one of their first words (`state_keys`) stands: the
    alternation is slow to try everywhere."""
    lx = _lang(lang)
    out: list[State] = []
    for key in lx.state_keys.finditer(lowered(text)):
        if out and key.start() < out[-1].end:
            continue
        m = lx.states.match(text, key.start())
        if m is not None:
            out.append(State(m.start(), m.end(), m.lastgroup or ""))
    return out


def read(text: str, lang: str, start: int = 0, end: int | None = None) -> Cue:
    """The cue in text[start:end]."""
    lx = _lang(lang)
    end = len(text) if end is None else end
    if end - start > 2000:  # a cue is a heading or a lead-in, never a whole page
        start = end - 2000
    kind = next((k for k, rx in lx.kinds if rx.search(text, start, end)), None)
    if not lx.any_status.search(text, start, end):
        return Cue(kind, ())
    found = tuple(s for s, rx in lx.statuses if rx.search(text, start, end))
    return Cue(kind, found)


def recognitions(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of phrases that put the persons of their sentence on a list ("were recognised
    as political prisoners", "добавлены в список"); tried only where a word one of them
    starts with stands (`recognition_keys`): trying them everywhere is slow."""
    lx = _lang(lang)
    out: list[tuple[int, int]] = []
    for key in lx.recognition_keys.finditer(lowered(text)):
        if out and key.start() < out[-1][1]:
            continue
        m = lx.recognition.match(text, key.start())
        if m is not None:
            out.append(m.span())
    return out


def kind_in(text: str, lang: str, start: int, end: int) -> str | None:
    """The list kind text[start:end] names, if any."""
    return next((k for k, rx in _lang(lang).kinds if rx.search(text, start, end)), None)


def is_section_start(line: str, lang: str) -> bool:
    return _lang(lang).section.match(line) is not None


@dataclass(frozen=True)
class Status:
    value: str
    stated: bool  # False: read from `held`/`prosecuted` or a list's kind, not a status phrase


def resolve(chain: Sequence[Cue]) -> Status | None:
    """The status the cues around a person state, innermost first (see the module notes)."""
    held = prosecuted = False
    for cue in chain:
        for status in cue.statuses:
            if status == HELD:
                held = True
            elif status == PROSECUTED:
                prosecuted = True
            else:
                return Status(status, True)
    held = held or any(c.kind == "political_prisoners" for c in chain)
    if held:
        return Status("pretrial" if prosecuted else "convicted", False)
    return Status("other", False) if prosecuted else None


def kind_of(chain: Sequence[Cue]) -> str | None:
    """The list kind the innermost cue naming one states."""
    return next((c.kind for c in chain if c.kind), None)

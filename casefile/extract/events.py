"""Event trigger phrases: "was detained", "refused to grant asylum", "released on parole".

Runs on one sentence or a short passage and knows nothing of persons: the caller decides whom
a phrase is about. The vocabulary is data (data/lang/<lang>/events.yml) so that another
publisher's phrasing or another language is a data change. Per event type it lists regular
expressions, most specific type first, because overlapping phrases must resolve to the
specific reading ("arrested for 20 days" is an administrative arrest, not an arrest). Cue words
before a phrase turn it into a demand, a hypothesis or a negation ("should release", "could
be extradited", "was not released"), which are not events and are dropped. Countries named
around an extradition, asylum or Red Notice phrase become ISO codes in the detail, since the
acting and the destination state are what a lawyer needs from such a phrase.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from casefile import vocab
from casefile.extract.types import EventMatch

MACRO = re.compile(r"\{(\w+)\}")
BEFORE = 120  # characters looked at before a phrase (cue words, the acting state)
AFTER = 160  # characters looked at after a phrase start (destination state)
SENTENCE_CUT = r"[.;!?\n]"
SENTENCE_START = re.compile(rf"(?s).*{SENTENCE_CUT}")  # matches up to the last sentence end
WORD = re.compile(r"\w+")
GATE_BEFORE, GATE_AFTER = 150, 250  # the text searched around a key word


@dataclass(frozen=True)
class _Blocker:
    cut: re.Pattern[str]  # the look-back stops after the last of these characters
    cue: re.Pattern[str]  # a cue followed by at most N words, up to the end of the look-back
    exempt: frozenset[str]


@dataclass(frozen=True)
class _Type:
    name: str
    regex: re.Pattern[str]  # all the type's phrases, on lower-cased text
    details: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]  # phrases that carry detail


@dataclass(frozen=True)
class _Vocab:
    types: tuple[_Type, ...]
    keys: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]  # key[:3] -> (key, type indices)
    extend_back: re.Pattern[str] | None
    blockers: tuple[_Blocker, ...]
    slots: dict[str, dict[str, str]]  # event type -> slot -> detail key
    slot_res: dict[str, re.Pattern[str]]  # the `before` slot is anchored at the phrase start


def _expand(pattern: str, macros: dict[str, str]) -> str:
    """Replace {name} by its macro, repeatedly (macros use macros); regex braces stay."""
    for _ in range(6):
        new = MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            return new
        pattern = new
    return pattern


@cache
def country_pattern(lang: str, adjectives: bool = False, stems: bool = False,
                    caseless: bool = False) -> str:
    """A regex alternation of the country names (or demonyms) of `lang`, one named group per
    ISO code (n_KZ / a_KZ) so a match tells the code. `stems`: a word ending may follow (for
    languages that decline names); `caseless`: match in any case."""
    groups = []
    for code, names in vocab.load("places/countries.yml").items():
        words = sorted(names.get(f"{lang}_adj" if adjectives else lang) or [], key=len,
                       reverse=True)
        if words:
            alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") + (r"\w*" if stems else "")
                           for w in words)
            alt = f"(?i:{alt})" if caseless else alt
            groups.append(f"(?P<{'a' if adjectives else 'n'}_{code}>{alt})")
    return r"(?<!\w)(?:" + "|".join(groups or ["(?!x)x"]) + r")(?!\w)"


@cache
def _vocab(lang: str) -> _Vocab:
    try:
        data = vocab.load(f"lang/{lang}/events.yml")
    except FileNotFoundError:
        lang, data = "en", vocab.load("lang/en/events.yml")
    macros = data.get("macros", {})
    types = []
    for name, entries in data["events"].items():
        alts, details = [], []
        for entry in entries:
            pat, detail = (entry["p"], entry.get("detail")) if isinstance(entry, dict) \
                else (entry, None)
            alts.append(_expand(pat, macros))
            if detail:
                details.append((re.compile(rf"(?:{alts[-1]})(?!\w)"), dict(detail)))
        regex = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")
        types.append(_Type(name, regex, tuple(details)))
    by_prefix: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    names = [t.name for t in types]
    for name, stems in data.get("keys", {}).items():
        for stem in stems:
            by_prefix.setdefault(stem[:3], []).append((stem, (names.index(name),)))
    keys = {k: tuple(v) for k, v in by_prefix.items()}
    back = data.get("extend_back")
    extend_back = re.compile(rf"(?<!\w){_expand(back, macros)}$") if back else None
    blockers = []
    for b in data.get("blockers", {}).values():
        cues = "|".join(_expand(c, macros) for c in b["cues"])
        cue = rf"(?<!\w)(?:{cues})(?!\w)(?:\W+[\w’'-]+){{0,{int(b['words'])}}}\W*$"
        blockers.append(_Blocker(re.compile(rf"(?s).*{b['cut']}"),
                                 re.compile(cue, re.IGNORECASE), frozenset(b.get("exempt", []))))
    forms = data.get("country_forms", {})
    country_macros = {**macros, "country": country_pattern(lang, stems=bool(forms.get("stems"))),
                      "adj": country_pattern(lang, True, bool(forms.get("stems")),
                                             bool(forms.get("caseless_adjectives")))}
    slot_res = {k: re.compile(_expand(v, country_macros))
                for k, v in data.get("slot_patterns", {}).items()}
    if "before" in slot_res:  # the last actor named at most N words before the phrase
        words = int(data.get("before_words", 6))
        slot_res["before"] = re.compile(
            rf"(?s).*({slot_res['before'].pattern})(?:\W+[\w’'-]+){{0,{words}}}\W*$")
    return _Vocab(tuple(types), keys, extend_back, tuple(blockers),
                  data.get("country_slots", {}), slot_res)


def _blocked(v: _Vocab, text: str, start: int, etype: str) -> bool:
    """True when a cue (negation, hypothesis, demand) stands just before the phrase."""
    before = text[max(0, start - BEFORE):start]
    for b in v.blockers:
        if etype in b.exempt:
            continue
        cut = b.cut.match(before)
        if b.cue.search(before[cut.end():] if cut else before):
            return True
    return False


def _countries(v: _Vocab, text: str, start: int, end: int, etype: str) -> dict[str, str]:
    """ISO codes of the states named as actor before the phrase and as destination after it."""
    detail: dict[str, str] = {}
    for slot, key in v.slots.get(etype, {}).items():
        pattern = v.slot_res.get(slot)
        if pattern is None or key in detail:
            continue
        if slot == "before":
            m = SENTENCE_START.match(text, max(0, start - BEFORE), start)
            hit = pattern.match(text[m.end() if m else max(0, start - BEFORE):start])
        else:
            stop = re.search(SENTENCE_CUT, text[end:end + AFTER])
            hit = pattern.search(text[start:end + (stop.start() if stop else AFTER)])
        group = hit and next((g for g, val in hit.groupdict().items() if val), None)
        if group:
            detail[key] = group.split("_", 1)[1]
    return detail


def _is_heading(phrase: str) -> bool:
    """A phrase in capitals ("CONVICTED", "UNDER ARREST") heads a list section: it states the
    status of the entries below, which the list reader handles, and is not an event."""
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _lower(text: str) -> str:
    """Lower-cased text with the same offsets (the few characters whose lower case is longer,
    like "İ", are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _windows(v: _Vocab, low: str) -> dict[int, list[tuple[int, int]]]:
    """Per event type, the stretches of text around its key words; a type whose keys are
    absent is not searched at all."""
    hits: dict[int, list[int]] = {}
    for m in WORD.finditer(low):
        word = m.group()
        for stem, type_ids in v.keys.get(word[:3], ()):
            if word.startswith(stem):
                for i in type_ids:
                    hits.setdefault(i, []).append(m.start())
    out: dict[int, list[tuple[int, int]]] = {}
    for i, positions in hits.items():
        spans: list[tuple[int, int]] = []
        for p in positions:
            start, end = max(0, p - GATE_BEFORE), p + GATE_AFTER
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        out[i] = [(s, _word_end(low, e)) for s, e in spans]
    return out


def _word_end(low: str, pos: int) -> int:
    """`pos` moved right to the end of the word it falls in, so no phrase is cut mid-word."""
    m = WORD.match(low, pos) if pos < len(low) else None
    return min(len(low), m.end() if m else pos)


def find_events(text: str, lang: str = "en", *, gate: bool = True) -> list[EventMatch]:
    """Event trigger phrases in `text`, in text order, never overlapping one another.
    `gate=False` searches the whole text for every type (slower; tests compare the two)."""
    v = _vocab(lang)
    low = _lower(text)
    candidates: list[tuple[int, int, int, str, dict[str, Any]]] = []
    windows = _windows(v, low) if gate and v.keys else None
    for rank, t in enumerate(v.types):
        spans = [(0, len(low))] if windows is None else windows.get(rank, [])
        for m in (m for s, e in spans for m in t.regex.finditer(low, s, e)):
            start, end = m.span()
            if v.extend_back is not None:
                aux = v.extend_back.search(low, max(0, start - 40), start)
                start = aux.start() if aux else start
            if end == start or _is_heading(text[start:end]) or \
                    _blocked(v, text, start, t.name) or _blocked(v, text, m.start(), t.name):
                continue
            detail = next((dict(d) for rx, d in t.details if rx.match(low, m.start(), end)), {})
            candidates.append((rank, start, end, t.name, detail))
    # The type listed first wins an overlap; within a type the longer phrase.
    candidates.sort(key=lambda c: (c[0], c[1] - c[2], c[1]))
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    out: list[EventMatch] = []
    for _rank, start, end, etype, detail in candidates:
        i = bisect.bisect_left(taken, (start, end))
        if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        taken.insert(i, (start, end))
        detail.update(_countries(v, text, start, end, etype))
        out.append(EventMatch(start, end, etype, detail))
    return sorted(out, key=lambda e: e.start)

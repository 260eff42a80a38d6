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

Beyond that, the vocabulary can say:
- `only` on a blocker: the cue cancels only those types ("released from extradition arrest":
  the arrest after "released from" is the state being left, so only the release counts);
- `context` on a pattern: the phrase counts only when the context regex occurs within
  CONTEXT characters ("ruled on temporary detention" is an extradition arrest in a story
  about an extradition, and an ordinary detention elsewhere);
- `merge_joins` (and `merge_adverbs`): two phrases of one type joined by such a word are one
  event ("served their sentences and were released", "пытали и избивали");
- `{any_country}` / `{any_adj}` in a pattern: any country name or demonym, without telling
  which ("detained at the request of Kazakhstan"); the slots then tell which.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from casefile import vocab
from casefile.extract.casing import lowered
from casefile.extract.trie import alternation
from casefile.extract.types import EventMatch

MACRO = re.compile(r"\{(\w+)\}")
BEFORE = 120  # characters looked at before a phrase (cue words, the acting state)
AFTER = 160  # characters looked at after a phrase start (destination state)
SENTENCE_CUT = r"[.;!?\n]"
# A carried state stops at a blank line, or a line break after a sentence end (texts that put
# each paragraph on its own line); a hard-wrapped line does not stop it.
PARAGRAPH = re.compile(r"\n[ \t]*\n|(?<=[.!?…»\"”])[ \t]*\n")
REACH_BACK = 400  # how far back in its sentence a `reach_back` slot is looked for
SENTENCE_START = re.compile(rf"(?s).*{SENTENCE_CUT}")  # matches up to the last sentence end
WORD = re.compile(r"\w+")
# The text searched around a key word: wide enough for the longest phrase around its key
# (tests compare the gated search with a whole-text one on the seeds and real documents).
GATE_BEFORE, GATE_AFTER = 100, 200
CONTEXT = 400  # characters either side of a phrase searched for its `context`


@dataclass(frozen=True)
class _Blocker:
    cut: re.Pattern[str]  # the look-back stops after the last of these characters
    cue: re.Pattern[str]  # a cue followed by at most N words, up to the end of the look-back
    exempt: frozenset[str]
    only: frozenset[str] | None  # when set, the cue cancels these types and no other


@dataclass(frozen=True)
class _Type:
    name: str
    regex: re.Pattern[str]  # the type's phrases that need no context, on lower-cased text
    details: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]  # phrases that carry detail
    # phrases that count only with their context regex nearby
    conditional: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()


@dataclass(frozen=True)
class _Vocab:
    types: tuple[_Type, ...]
    keys: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]  # key[:3] -> (key, type indices)
    key_words: re.Pattern[str]  # the words that start with a key
    extend_back: re.Pattern[str] | None
    blockers: tuple[_Blocker, ...]
    slots: dict[str, dict[str, str]]  # event type -> slot -> detail key
    # per slot its phrases; those of the `before` slot are anchored at the phrase start
    slot_res: dict[str, tuple[re.Pattern[str], ...]]
    joins: re.Pattern[str]  # the gap between two phrases of one type that are one event
    # any country, demonym or place, on lower-cased text: without one near a phrase, no slot
    # can be filled and the slot phrases are not tried
    any_name: re.Pattern[str]
    # slots also looked for earlier in the sentence when the phrase is not followed by one
    # ("On 12 May in Karlovy Vary, Czech Republic, ... X was detained")
    reach_back: frozenset[str] = frozenset()


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
def _place_forms(lang: str, endings: str, lower: bool) -> dict[str, tuple[str, ...]]:
    """ISO code -> regex forms of its places (see place_pattern), lower-cased if `lower`."""
    keys = ("cities", "regions") if lang == "en" else (f"cities_{lang}", f"regions_{lang}")
    by_code: dict[str, set[str]] = {}
    for path in sorted((vocab.DATA / "places").glob("*.yml")):
        data = vocab.load(f"places/{path.name}")
        code = data.get("country") if isinstance(data, dict) else None
        if not isinstance(code, str):
            continue
        forms = by_code.setdefault(code.upper(), set())
        for key in keys:
            for name in data.get(key) or []:
                name = str(name).lower() if lower else str(name)
                tail = ""
                if endings:  # a short name takes only a short ending: "Киев", "в Киеве"
                    tail = r"\w*" if len(name) > 4 else r"\w{0,2}"
                    if len(name) > 4 and name[-1] in endings:
                        name = name[:-1]
                forms.add(re.escape(name).replace(r"\ ", r"\s+") + tail)
        if lang != "en":
            forms.update(f"(?i:{re.escape(str(a)[:-2])}\\w*)"
                         for a in data.get(f"adjectives_{lang}") or [] if len(str(a)) > 5)
    return {code: tuple(sorted(forms, key=len, reverse=True)) for code, forms in by_code.items()
            if forms}


@cache
def place_pattern(lang: str, endings: str = "") -> str:
    """A regex alternation of the places of data/places/*.yml that name their country
    (`country: KZ`), one named group per code (p_KZ): `cities` and `regions` in English;
    `cities_<lang>`, `regions_<lang>` and (lower-case) `adjectives_<lang>` in another
    language, whose nominative forms lose a final letter of `endings` (two letters for an
    adjective) and take any ending ("Москва" reads "в Москве", "киевский" "Киевского"); a
    name of four letters or fewer keeps all of them and takes at most two more ("Киев",
    "в Киеве"). Only files that name their country are read, so neighbouring places never
    count for it."""
    groups = [f"(?P<p_{code}>" + "|".join(forms) + ")"
              for code, forms in _place_forms(lang, endings, False).items()]
    return r"(?<!\w)(?:" + "|".join(groups or ["(?!x)x"]) + r")(?!\w)"


@cache
def _any_country(lang: str, adjectives: bool, stems: bool) -> str:
    """Every country name (or demonym) of `lang`, lower case, with no groups: for patterns,
    which run on lower-cased text and only need to know that some country is named."""
    words = {w.lower() for names in vocab.load("places/countries.yml").values()
             for w in names.get(f"{lang}_adj" if adjectives else lang) or []}
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                   for w in sorted(words, key=len, reverse=True))
    return rf"(?:{alt or '(?!x)x'})" + (r"\w*" if stems else r"(?!\w)")


@cache
def _vocab(lang: str) -> _Vocab:
    try:
        data = vocab.load(f"lang/{lang}/events.yml")
    except FileNotFoundError:
        lang, data = "en", vocab.load("lang/en/events.yml")
    forms = data.get("country_forms", {})
    declines = bool(forms.get("stems"))  # country names are stems that take endings
    endings = str(forms.get("place_endings") or "")
    macros = {**data.get("macros", {}), "any_country": _any_country(lang, False, declines),
              "any_adj": _any_country(lang, True, declines)}
    types = []
    for name, entries in data["events"].items():
        alts, details, conditional = [], [], []
        for entry in entries:
            entry = entry if isinstance(entry, dict) else {"p": entry}
            pat = _expand(entry["p"], macros)
            if entry.get("detail"):
                details.append((re.compile(rf"(?:{pat})(?!\w)"), dict(entry["detail"])))
            if entry.get("context"):
                conditional.append((re.compile(rf"(?<!\w)(?:{pat})(?!\w)"),
                                    re.compile(_expand(entry["context"], macros))))
            else:
                alts.append(pat)
        regex = re.compile(r"(?<!\w)(?:" + "|".join(alts or ["(?!x)x"]) + r")(?!\w)")
        types.append(_Type(name, regex, tuple(details), tuple(conditional)))
    by_prefix: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    names = [t.name for t in types]
    for name, stems in data.get("keys", {}).items():
        for stem in stems:
            by_prefix.setdefault(stem[:3], []).append((stem, (names.index(name),)))
    keys = {k: tuple(v) for k, v in by_prefix.items()}
    stems = sorted({stem for entries in keys.values() for stem, _ in entries}, key=len,
                   reverse=True)
    # As a trie: an alternation of a hundred stems is tried at every position of the text.
    key_words = re.compile(r"(?<!\w)" + alternation(sorted(set(stems))) + r"\w*")
    back = data.get("extend_back")
    extend_back = re.compile(rf"(?<!\w){_expand(back, macros)}$") if back else None
    blockers = []
    for b in data.get("blockers", {}).values():
        cues = "|".join(_expand(c, macros) for c in b["cues"])
        cue = rf"(?<!\w)(?:{cues})(?!\w)(?:\W+[\w’'-]+){{0,{int(b['words'])}}}\W*$"
        only = frozenset(b["only"]) if b.get("only") else None
        blockers.append(_Blocker(re.compile(rf"(?s).*{b['cut']}"), re.compile(cue, re.IGNORECASE),
                                 frozenset(b.get("exempt", [])), only))
    country_macros = {**macros, "country": country_pattern(lang, stems=declines),
                      "adj": country_pattern(lang, True, declines,
                                             bool(forms.get("caseless_adjectives"))),
                      "place": place_pattern(lang, endings)}
    words = int(data.get("before_words", 6))
    slot_res: dict[str, tuple[re.Pattern[str], ...]] = {}
    for slot, phrases in data.get("slot_patterns", {}).items():
        expanded = [_expand(p, country_macros)
                    for p in (phrases if isinstance(phrases, list) else [phrases])]
        if slot == "before":  # the last actor named at most N words before the phrase
            expanded = [rf"(?s).*({p})(?:\W+[\w’'-]+){{0,{words}}}\W*$" for p in expanded]
        slot_res[slot] = tuple(re.compile(p) for p in expanded)
    joins = "|".join(_expand(j, macros) for j in data.get("merge_joins") or [])
    gap = r"[^\w.;!?\n]*"  # never across a sentence end
    adverb = rf"(?:(?<!\w)(?:{data['merge_adverbs']})(?!\w){gap})?" if data.get("merge_adverbs") \
        else ""  # "отбыл срок полностью и вышел на свободу"
    places = [f for forms in _place_forms(lang, endings, True).values() for f in forms]
    any_name = re.compile(r"(?<!\w)(?:" + "|".join([macros["any_country"], macros["any_adj"]]
                                                  + places) + ")")
    return _Vocab(tuple(types), keys, key_words, extend_back, tuple(blockers),
                  data.get("country_slots", {}), slot_res,
                  re.compile(rf"{gap}{adverb}(?:(?<!\w)(?:{joins or '(?!x)x'})(?!\w))?{gap}",
                             re.IGNORECASE), any_name, frozenset(data.get("reach_back") or ()))


def _blocked(v: _Vocab, text: str, start: int, etype: str) -> bool:
    """True when a cue (negation, hypothesis, demand) stands just before the phrase."""
    before = text[max(0, start - BEFORE):start]
    for b in v.blockers:
        if etype in b.exempt or (b.only is not None and etype not in b.only):
            continue
        cut = b.cut.match(before)
        if b.cue.search(before[cut.end():] if cut else before):
            return True
    return False


def _countries(v: _Vocab, text: str, low: str, start: int, end: int,
               etype: str) -> dict[str, str]:
    """ISO codes of the states named as actor before the phrase and as destination after it."""
    detail: dict[str, str] = {}
    slots = v.slots.get(etype, {})
    if not slots or not v.any_name.search(low, max(0, start - BEFORE), end + AFTER):
        return detail
    for slot, key in slots.items():
        patterns = v.slot_res.get(slot)
        if not patterns or key in detail:
            continue
        if slot == "before":
            m = SENTENCE_START.match(text, max(0, start - BEFORE), start)
            window = text[m.end() if m else max(0, start - BEFORE):start]
            hits = [h for h in (p.match(window) for p in patterns) if h]
            hit = max(hits, key=lambda h: h.end(1), default=None)
        else:
            stop = re.search(SENTENCE_CUT, text[end:end + AFTER])
            window = text[start:end + (stop.start() if stop else AFTER)]
            hits = [h for h in (p.search(window) for p in patterns) if h]
            hit = min(hits, key=lambda h: h.start(), default=None)
            if hit is None and slot in v.reach_back:  # the nearest earlier in the sentence
                m = SENTENCE_START.match(text, max(0, start - REACH_BACK), start)
                window = text[m.end() if m else max(0, start - REACH_BACK):start]
                hits = [h for p in patterns for h in p.finditer(window)]
                hit = max(hits, key=lambda h: h.start(), default=None)
        group = hit and next((g for g, val in hit.groupdict().items() if val), None)
        if group:
            detail[key] = group.split("_", 1)[1]
    return detail


def _is_heading(phrase: str) -> bool:
    """A phrase in capitals ("CONVICTED", "UNDER ARREST") heads a list section: it states the
    status of the entries below, which the list reader handles, and is not an event."""
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


SLASH_BEFORE = re.compile(r"/[ \t]*$")
SLASH_AFTER = re.compile(r"[ \t]*/")


def _is_label(text: str, start: int, end: int) -> bool:
    """A phrase that is an item of a slash-separated enumeration names a category, as form
    labels and tag lists do ("Stage 1 details (accusations/ charges/ Interpol notice/
    extradition requests):", "Tags: arrest / extradition"): it states no event."""
    return SLASH_BEFORE.search(text, max(0, start - 3), start) is not None \
        or SLASH_AFTER.match(text, end) is not None


def _windows(v: _Vocab, low: str) -> dict[int, list[tuple[int, int]]]:
    """Per event type, the stretches of text around its key words; a type whose keys are
    absent is not searched at all."""
    hits: dict[int, list[int]] = {}
    for m in v.key_words.finditer(low):
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
    low = lowered(text)
    candidates: list[tuple[int, int, int, str, dict[str, Any]]] = []
    windows = _windows(v, low) if gate and v.keys else None
    for rank, t in enumerate(v.types):
        spans = [(0, len(low))] if windows is None else windows.get(rank, [])
        for m in _matches(t, low, spans):
            start, end = m.span()
            if v.extend_back is not None:
                aux = v.extend_back.search(low, max(0, start - 40), start)
                start = aux.start() if aux else start
            if end == start or _is_heading(text[start:end]) or _is_label(text, start, end) \
                    or _blocked(v, text, start, t.name) \
                    or (m.start() != start and _blocked(v, text, m.start(), t.name)):
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
        detail.update(_countries(v, text, low, start, end, etype))
        out.append(EventMatch(start, end, etype, detail))
    return _merged(v, text, _carried(v, text, sorted(out, key=lambda e: e.start)))


def _carried(v: _Vocab, text: str, events: list[EventMatch]) -> list[EventMatch]:
    """States told once for a story (`state` in data/event-types.yml). An event abroad that
    names no acting state takes the one of the nearest event before it in its paragraph that
    names one: a story about an arrest in Madrid goes on "but was later released" without
    saying Spain again. A requesting state passes on the same way, to a type whose slots can
    hold one. Only forward: a state named later belongs to what is told later (another
    person's arrest, often); a risk of extradition told later of the same person joins their
    arrest in casefile.extract.document instead."""
    types = vocab.event_types()

    def state(e: EventMatch) -> tuple[str, ...]:
        return tuple(types.get(e.type, {}).get("state") or ())

    def holds(e: EventMatch, key: str) -> bool:
        return "takes" in state(e) and key not in e.detail and (
            key == "country" or key in v.slots.get(e.type, {}).values())

    last: dict[str, tuple[int, str]] = {}  # detail key -> (end, code) of the last giver
    for e in events:
        for key, (pos, code) in last.items():
            if holds(e, key) and not PARAGRAPH.search(text, pos, e.start):
                e.detail[key] = code
        for key in ("country", "requesting_country"):
            if key in e.detail and ("gives" in state(e) or key == "requesting_country"):
                last[key] = (e.end, e.detail[key])
    return events


def _matches(t: _Type, low: str, spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The type's phrases in the spans; a conditional phrase only with its context nearby."""
    for s, e in spans:
        yield from t.regex.finditer(low, s, e)
        for rx, context in t.conditional:
            for m in rx.finditer(low, s, e):
                if context.search(low, max(0, m.start() - CONTEXT), m.end() + CONTEXT):
                    yield m


def _merged(v: _Vocab, text: str, events: list[EventMatch]) -> list[EventMatch]:
    """Neighbouring phrases of one type and detail joined only by a conjunction are one event:
    "had served their sentences and were released", "пытали и избивали"."""
    out: list[EventMatch] = []
    for e in events:
        last = out[-1] if out else None
        if last is not None and last.type == e.type and last.detail == e.detail \
                and v.joins.fullmatch(text, last.end, e.start):
            out[-1] = EventMatch(last.start, e.end, e.type, {**last.detail})
        else:
            out.append(e)
    return out

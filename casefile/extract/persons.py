"""Person names in running text and list entries, tuned for precision over recall.

A wrong name costs more than a missed one: it becomes a Person an editor must reject, and it
pulls nearby facts to the wrong subject. So capitalised words only become a name with
positive evidence: a family name in capitals after a given name ("Zhaksylyk ABDULLAYEV", the
list style of NGO reports), a surname ending ("Mendygaziyev"), a common given name first
("Marie Struthers"), a role word before it ("activist ..."), or a family name already known
in the document. An organisation word ends an organisation's name ("Halyk Bank"); common
capitalised words, places, countries and titles split runs and never belong to a name. All
vocabularies are data (data/lang/<lang>/persons.yml, data/places/*.yml); no name is in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from casefile import vocab
from casefile.extract.types import NameMatch
from casefile.names.keys import match_key

TOKEN = re.compile(r"[^\W\d_]+(?:[-'’‘][^\W\d_]+)*\.?")
JOINERS = re.compile(r"[ \t\u00a0]{1,2}")  # what may stand between two words of one name
COMMA = re.compile(r",[ \t\u00a0]{1,2}")
ENUMERATION = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+)")


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str  # without a possessive 's
    kind: str  # title | upper | initial | particle
    key: str  # casefolded
    last: bool  # a possessive 's followed: the run ends here


@dataclass(frozen=True)
class _Vocab:
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    patronymic: tuple[str, ...]
    min_family: int
    particles: frozenset[str]
    orgs: frozenset[str]
    stops: frozenset[str]  # split runs: common words, titles, places, countries, acronyms
    stems: tuple[str, ...]  # country stems (Russian forms take endings)
    given: frozenset[str]
    roles: re.Pattern[str]
    role_of: dict[str, str]


@cache
def _key(word: str) -> str:
    """The registry's key of a word; one the key function cannot handle is kept as written."""
    try:
        return match_key(word)
    except (IndexError, ValueError):
        return word.casefold()


def _words(items: Any) -> set[str]:
    return {str(w).casefold() for w in items or []}  # word lists match case-insensitively


@cache
def _vocab(lang: str) -> _Vocab:
    try:
        data = vocab.load(f"lang/{lang}/persons.yml")
    except FileNotFoundError:
        data = vocab.load("lang/en/persons.yml")
    stem_fields = set(data.get("country_stem_fields", []))
    stops = _words(data["common_words"]) | _words(data["title_words"]) | _words(data["acronyms"])
    stems: set[str] = set()
    for names in vocab.load("places/countries.yml").values():
        for field, items in names.items():
            target = stems if field in stem_fields else stops
            target.update(t.casefold() for n in items for t in str(n).split())
    given = _words(data["given_names"])
    places = [vocab.load(f"places/{path.name}") for path in (vocab.DATA / "places").glob("*.yml")
              if path.name != "countries.yml"]
    stops.update(t for place in places for items in place.values() if isinstance(items, list)
                 for p in _words(items) for t in p.split() if t not in given)
    role_of = {" ".join(p.casefold().split()): role
               for role, phrases in data["roles"].items() for p in phrases}
    stops.update(p for p in role_of if " " not in p)
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                   for p in sorted(role_of, key=len, reverse=True))
    sfx = data["surname_suffixes"]
    return _Vocab(
        strong=tuple(_words(sfx["strong"])), weak=tuple(_words(sfx["weak"])),
        patronymic=tuple(_words(data["patronymic_suffixes"])),
        min_family=int(sfx.get("family_min_length", 5)), particles=frozenset(
            _words(data["particles"])), orgs=frozenset(_words(data["organisation_words"])),
        stops=frozenset(stops), stems=tuple(stems), given=frozenset(given),
        roles=re.compile(rf"(?<!\w)(?P<role>{alt})(?P<plural>e?s)?\s+$", re.IGNORECASE),
        role_of=role_of)


def _tokens(text: str, v: _Vocab) -> list[_Tok]:
    out: list[_Tok] = []
    for m in TOKEN.finditer(text):
        word, start = m.group(), m.start()
        if word[0].islower() and word not in v.particles:
            continue
        core = word[:-1] if word.endswith(".") else word
        if word.endswith(".") and len(core) <= 2 and core[0].isupper() \
                and (len(core) == 1 or core[1:].islower()) and core.casefold() not in v.stops:
            out.append(_Tok(start, m.end(), word, "initial", word.casefold(), False))
            continue
        possessive = core.endswith(("'s", "’s", "‘s"))
        core = core[:-2] if possessive else core
        kind = "upper" if len(core) > 1 and core.isupper() else "title" if core[:1].isupper() \
            else "particle" if core.casefold() in v.particles else None
        if kind:
            out.append(_Tok(start, start + len(core), core, kind, core.casefold(), possessive))
    return out


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Maximal sequences of name-like words separated by one or two spaces."""
    runs: list[list[_Tok]] = []
    for tok in toks:
        prev = runs[-1][-1] if runs else None
        if prev and not prev.last and JOINERS.fullmatch(text, prev.end, tok.start):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _is_stop(v: _Vocab, tok: _Tok) -> bool:
    return tok.key in v.stops or tok.key.rstrip(".") in v.stops or tok.key.startswith(v.stems)


def _surname(v: _Vocab, tok: _Tok, weak: bool = True) -> bool:
    return tok.key.endswith(v.strong) or (weak and tok.key.endswith(v.weak))


def _segments(v: _Vocab, run: list[_Tok]) -> list[list[_Tok]]:
    """A run split at stop words, no particles at the edges. An organisation word ends a name of
    an organisation, dropped with it; a person may follow ("Foundation Lyudmyla Kozlovska")."""
    segs: list[list[_Tok]] = [[]]
    for tok in run:
        if tok.key in v.orgs:
            segs[-1] = []
        elif _is_stop(v, tok):
            segs.append([])
        else:
            segs[-1].append(tok)
    out = []
    for seg in segs:
        kept = [i for i, t in enumerate(seg) if t.kind != "particle"]
        if kept and kept[-1] - kept[0] < 4:
            out.append(seg[kept[0]:kept[-1] + 1])
    return out


def _classify(v: _Vocab, seg: list[_Tok], known: set[str], role: bool) -> str | None:
    """The form of the name a segment spells, or None when the evidence is not enough."""
    kinds = [t.kind for t in seg]
    is_known = any(_key(t.text) in known for t in seg if t.kind != "initial")
    if "upper" in kinds:  # Zhaksylyk ABDULLAYEV; ABDULLAYEV Zhaksylyk when there is evidence
        ok = "title" in kinds and all(len(t.text) >= 3 for t in seg if t.kind == "upper") and (
            kinds[-1] == "upper" or seg[-1].key in v.given or _surname(v, seg[0]))
        return "full" if ok and kinds[0] != kinds[-1] else None
    if "initial" in kinds:
        names = [t for t in seg if t.kind != "initial"]
        if len(names) == 1 and (_surname(v, names[0]) or is_known or role):
            return "initials"  # Suttibayev S. / S. Suttibayev
        if len(names) >= 2 and kinds[0] != "initial" and (
                seg[0].key in v.given or _surname(v, seg[-1]) or is_known):
            return "full"  # Stephen M. Bland
        return None
    if len(seg) == 1:
        tok = seg[0]
        strong = _surname(v, tok, weak=False) and sum(c.isalpha() for c in tok.text) >= v.min_family
        return "family" if (strong or is_known or role) and tok.key not in v.given else None
    if seg[0].key in v.given or role or is_known or _surname(v, seg[-1]) \
            or any(_surname(v, t, weak=False) for t in seg) or seg[-1].key.endswith(v.patronymic):
        return "full"
    return None


def _trim(v: _Vocab, seg: list[_Tok], known: set[str]) -> list[_Tok]:
    """Drop a long run's leading words that cannot start a name: "Co-operation Denis Manturov"."""
    while len(seg) >= 3 and seg[0].key not in v.given and not _surname(v, seg[0]) \
            and _key(seg[0].text) not in known and any(t.key in v.given for t in seg[1:]):
        seg = seg[1:]
    return seg


def _family_key(v: _Vocab, seg: list[_Tok]) -> str:
    """The family name of a full name, for recognising it alone later in the document."""
    uppers = [t for t in seg if t.kind == "upper"]
    first = (len(seg) == 3 and seg[-1].key.endswith(v.patronymic)) or (
        _surname(v, seg[0]) and seg[1].key in v.given and not _surname(v, seg[1]))
    return _key((uppers or [seg[0] if first else seg[-1]])[-1].text)


def _comma_form(v: _Vocab, text: str, run: list[_Tok], nxt: list[_Tok], known: set[str]) -> bool:
    """A lone surname, a comma, a given name and maybe a patronymic: "Kulibayev, Timur"."""
    return len(run) == 1 and 0 < len(nxt) <= 2 and run[0].kind in ("title", "upper") \
        and not _is_stop(v, run[0]) and COMMA.fullmatch(text, run[0].end, nxt[0].start) \
        is not None and nxt[0].key in v.given \
        and (len(nxt) == 1 or nxt[1].key.endswith(v.patronymic)) \
        and (_surname(v, run[0]) or run[0].kind == "upper" or _key(run[0].text) in known)


def find_names(text: str, lang: str = "en", known: set[str] | None = None) -> list[NameMatch]:
    """Person names in `text`, in text order, never overlapping. `known` holds family names
    (casefolded) already seen in the document: a capitalised word that is one of them is a
    family-name mention even without a surname ending ("Sembay", "Kami"). Family names of the
    full names found in `text` itself are added to it."""
    v = _vocab(lang)
    known_keys = {_key(k) for k in known or ()}
    runs = _runs(text, _tokens(text, v))
    found: list[list[Any]] = []  # [segment, form, role match]; forms of single words come last
    for i, run in enumerate(runs):
        nxt = runs[i + 1] if i + 1 < len(runs) else []
        if _comma_form(v, text, run, nxt, known_keys):
            runs[i + 1] = []
            found.append([run + nxt, "full", None])
            known_keys.add(_key(run[0].text))
            continue
        for seg in _segments(v, run):
            seg = _trim(v, seg, known_keys)
            role = v.roles.search(text, max(0, seg[0].start - 60), seg[0].start)
            form = _classify(v, seg, known_keys, role is not None) if len(seg) > 1 else None
            if form == "full":
                known_keys.add(_family_key(v, seg))
            found.append([seg, form, role])
    out: list[NameMatch] = []
    carry: str | None = None  # a plural role word covers the names listed after it
    for seg, form, role_m in found:
        if form is None and len(seg) == 1:
            form = _classify(v, seg, known_keys, role_m is not None)
        if form is None:
            carry = None
            continue
        role = v.role_of.get(" ".join(role_m["role"].casefold().split())) if role_m else None
        listed = out and ENUMERATION.fullmatch(text, out[-1].end, seg[0].start)
        role = role or (carry if listed else None)
        carry = role if role_m is None or role_m["plural"] else None
        start, end = seg[0].start, seg[-1].end
        out.append(NameMatch(start, end, text[start:end], form, role))
    return out

"""Person names in running text and list entries, tuned for precision over recall.

A wrong name costs more than a missed one: it becomes a Person an editor must reject, and it
pulls nearby facts to the wrong subject. So capitalised words only become a name with
positive evidence: a family name in capitals after a given name ("Zhaksylyk ABDULLAYEV", the
list style of NGO reports), a surname ending ("Mendygaziyev"), a common given name first
("Marie Struthers"), a role word before it ("activist ..."), or a family name already known
in the document. An organisation word ends an organisation's name ("Halyk Bank"); common
capitalised words, places, countries and titles split runs and never belong to a name. All
vocabularies are data (data/lang/<lang>/persons.yml, data/places/*.yml); no name is in code.

Languages that decline names (Russian: `declines: true` is implied by a persons.yml with
`organisation_stems`) differ in three ways: a given name counts as known in any of its case
forms (through casefile.names.inflect and the given-name lexicon of casefile.names.variants);
a run of capitalised words at the start of a sentence needs a known given name or a patronymic,
because every Russian sentence starts with a capital and many nouns end like surnames; and a
family name written in lower case right after a known given name ("Марат курбанов", a typing
slip of the press) still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, NamedTuple

from casefile import vocab
from casefile.extract.cues import word_start
from casefile.extract.types import NameMatch
from casefile.names.inflect import readings
from casefile.names.keys import match_key
from casefile.names.script import has_cyrillic
from casefile.names.variants import fold, given_gender

WORD = r"[^\W\d_]*(?:[-'’‘][^\W\d_]+)*\.?"
# Letters that may open a capitalised word: Latin and Cyrillic capitals, and the extended blocks
# where capitals and small letters alternate (checked one by one in _tokens).
CAPITALS = "A-ZÀ-ÖØ-ÞĀ-ɏЀ-ЯѠ-ԯ"
LOWER_FAMILY = re.compile(rf" (?=[а-яё])({WORD})")
JOINERS = re.compile(r"[ \t\u00a0]{1,2}")  # what may stand between two words of one name
COMMA = re.compile(r",[ \t\u00a0]{1,2}")
SENTENCE_END = re.compile(r"(?:^|[.!?…:\n]|^\W*[\d.)]+)\W*$")
QUOTE_OPEN = "«“\"„"
LOWER_FAMILY_MIN = 7  # letters of a family name written in lower case ("курбанов")


class _Tok(NamedTuple):
    """One capitalised word (a tuple: there are tens of thousands per megabyte)."""

    start: int
    end: int
    text: str  # without a possessive 's
    kind: str  # title | upper | initial | particle | lower (a lower-case family name)
    key: str  # casefolded
    last: bool  # a possessive 's followed: the run ends here


@dataclass(frozen=True)
class _Vocab:
    lang: str
    declines: bool
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    patronymic: tuple[str, ...]
    min_family: int
    particles: frozenset[str]
    orgs: frozenset[str]
    org_stems: tuple[str, ...]
    stops: frozenset[str]  # split runs: common words, titles, places, countries, acronyms
    plain_stops: frozenset[str]  # stops that are no organisation word: dropped at once
    stems: tuple[str, ...]  # country stems (Russian forms take endings)
    given: frozenset[str]
    roles: re.Pattern[str]
    role_groups: dict[str, str]  # regex group name -> role


@cache
def _key(word: str) -> str:
    """The registry's key of a word; one the key function cannot handle is kept as written."""
    try:
        return match_key(word)
    except (IndexError, ValueError):
        return word.casefold()


def _words(items: Any) -> set[str]:
    return {str(w).casefold() for w in items or []}  # word lists match case-insensitively


def role_pattern(roles: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    """One alternation of all role phrases, a named group per role; longest phrases first."""
    groups: dict[str, str] = {}
    alts = []
    for i, (role, phrases) in enumerate(roles.items()):
        groups[f"r{i}"] = role
        alt = "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
        alts.append(f"(?P<r{i}>{alt})")
    return "|".join(alts), groups


@cache
def _vocab(lang: str) -> _Vocab:
    try:
        data = vocab.load(f"lang/{lang}/persons.yml")
    except FileNotFoundError:
        lang, data = "en", vocab.load("lang/en/persons.yml")
    stem_fields = set(data.get("country_stem_fields", []))
    stops = _words(data["common_words"]) | _words(data["title_words"]) | _words(data["acronyms"])
    stems: set[str] = set()
    for names in vocab.load("places/countries.yml").values():
        for fieldname, items in names.items():
            target = stems if fieldname in stem_fields else stops
            target.update(t.casefold() for n in items for t in str(n).split())
    given = _words(vocab.load("lang/en/persons.yml")["given_names"]) | _words(data["given_names"])
    places = [vocab.load(f"places/{path.name}") for path in (vocab.DATA / "places").glob("*.yml")
              if path.name != "countries.yml"]
    stops.update(t for place in places for items in place.values() if isinstance(items, list)
                 for p in _words(items) for t in p.split()
                 if t not in given and not _known_given(t.capitalize()))
    alt, groups = role_pattern(data["roles"])
    stops.update(p.casefold() for phrases in data["roles"].values() for p in phrases
                 if re.fullmatch(r"[\w-]+", p))
    sfx = data["surname_suffixes"]
    plural = r"(?P<plural>e?s)?" if lang == "en" else ""
    orgs = _words(data.get("organisation_words"))
    org_stems = tuple(_words(data.get("organisation_stems")))
    particles = _words(data["particles"])
    return _Vocab(
        lang=lang, declines="organisation_stems" in data,
        strong=tuple(_words(sfx["strong"])), weak=tuple(_words(sfx["weak"])),
        patronymic=tuple(_words(data["patronymic_suffixes"])),
        min_family=int(sfx.get("family_min_length", 5)), particles=frozenset(particles),
        orgs=frozenset(orgs), org_stems=org_stems,
        stops=frozenset(stops), stems=tuple(stems), given=frozenset(given),
        plain_stops=frozenset(w for w in stops if w not in orgs and w not in particles
                              and not w.startswith(org_stems)),
        roles=re.compile(rf"(?:{alt}){plural}(?:\s+of)?\s*[–—:-]?\s*", re.IGNORECASE),
        role_groups=groups)


def role_before(text: str, pos: int, lang: str) -> tuple[str, bool, int] | None:
    """(role, plural, start) of a role word ending right before `pos`, or None."""
    v = _vocab(lang)
    # The last one to four words before `pos`, tried whole: a few anchored matches cost less
    # than searching the window for a phrase that ends at its edge.
    m = None
    start = pos
    for _ in range(4):  # the longest phrase wins: "opposition politician" over "politician"
        start = word_start(text, start)
        if start < 0 or pos - start > 60:
            break
        m = v.roles.fullmatch(text, start, pos) or m
    if m is None:
        return None
    role = next(v.role_groups[g] for g, val in m.groupdict().items() if val and g in v.role_groups)
    plural = bool(m.groupdict().get("plural")) or (v.declines and _plural_ru(m.group().strip()))
    return role, plural, m.start()


def _plural_ru(phrase: str) -> bool:
    return phrase.rstrip(" –—:-").endswith(("ы", "и", "ие", "ые"))


@cache
def _given_folded() -> frozenset[str]:
    """The given names of data/lang/en/persons.yml, folded: a Cyrillic or Belarusian spelling
    of one of them ("Жанар", "Zhanar") is known too."""
    return frozenset(fold(str(w)) for w in vocab.load("lang/en/persons.yml")["given_names"])


@lru_cache(maxsize=65536)
def _known_given(word: str) -> bool:
    """A word that is a known given name, in a Russian case form too."""
    try:
        folded = fold(word)
    except (IndexError, ValueError):  # a letter the tables cannot romanise
        return False
    if given_gender(folded) is not None or folded in _given_folded():
        return True
    return has_cyrillic(word) and any(r.score >= 3 or fold(r.nominative) in _given_folded()
                                      for r in readings(word, "given"))


@lru_cache(maxsize=65536)
def _family_keys(word: str) -> frozenset[str]:
    """Keys of the nominatives a declined family name may stand for ("Аяна" -> Аян)."""
    return frozenset(_key(r.nominative) for r in readings(word, "family"))


def _is_known(v: _Vocab, tok: _Tok, known: set[str]) -> bool:
    if _key(tok.text) in known:
        return True
    return v.declines and has_cyrillic(tok.text) and not _family_keys(tok.text).isdisjoint(known)


def _is_given(v: _Vocab, tok: _Tok) -> bool:
    """A given name of the vocabulary, or one the names layer knows in any of its spellings
    (Dzyanis, Alyaksandr, Uladzimir) or case forms (Кайрата)."""
    if tok.key in v.given:
        return True
    return tok.kind == "title" and tok.key not in v.stops and _known_given(tok.text)


def _tokens(text: str, v: _Vocab) -> list[_Tok]:
    """The capitalised words (and particles) of `text`; the regex skips small-letter words so
    the loop sees only candidates."""
    out: list[_Tok] = []
    stops, particles = v.plain_stops, v.particles
    for m in _token_re(v.lang).finditer(text):
        word = m.group()
        if word.casefold() in stops or (word[0].islower() and word not in particles):
            continue  # most capitalised words start a sentence: "The", "In", "However"
        start = m.start()
        core = word[:-1] if word.endswith(".") else word
        if word.endswith(".") and len(core) <= 2 and core[0].isupper() \
                and (len(core) == 1 or core[1:].islower()) and core.casefold() not in v.stops:
            out.append(_Tok(start, m.end(), word, "initial", word.casefold(), False))
            continue
        possessive = core.endswith(("'s", "’s", "‘s"))
        core = core[:-2] if possessive else core
        key = core.casefold()
        if key in v.plain_stops:
            continue  # a stop word only splits runs, and a missing token splits them too
        kind = "upper" if len(core) > 1 and core.isupper() else "title" if core[:1].isupper() \
            else "particle" if key in v.particles else None
        if kind:
            out.append(_Tok(start, start + len(core), core, kind, key, possessive))
            if v.declines and kind == "title" and not possessive:
                low = LOWER_FAMILY.match(text, start + len(core))
                if low and len(low[1]) >= LOWER_FAMILY_MIN and low[1].endswith(v.strong):
                    out.append(_Tok(low.start(1), low.end(1), low[1], "lower", low[1], False))
    return out


@cache
def _token_re(lang: str) -> re.Pattern[str]:
    v = _vocab(lang)
    particles = "|".join(re.escape(p) for p in sorted(v.particles, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:[{CAPITALS}]{WORD}|(?:{particles})(?![^\W\d_]))")


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Maximal sequences of name-like words separated by one or two spaces."""
    runs: list[list[_Tok]] = []
    for tok in toks:
        prev = runs[-1][-1] if runs else None
        if prev and not prev.last and JOINERS.fullmatch(text, prev.end, tok.start):
            runs[-1].append(tok)
        elif tok.kind != "lower":
            runs.append([tok])
    return runs


def _is_stop(v: _Vocab, tok: _Tok) -> bool:
    return tok.key in v.stops or tok.key.rstrip(".") in v.stops or tok.key.startswith(v.stems)


def _is_org(v: _Vocab, tok: _Tok) -> bool:
    return tok.key in v.orgs or (bool(v.org_stems) and tok.key.startswith(v.org_stems))


def _surname(v: _Vocab, tok: _Tok, weak: bool = True) -> bool:
    return tok.key.endswith(v.strong) or (weak and tok.key.endswith(v.weak))


def _segments(v: _Vocab, run: list[_Tok]) -> list[list[_Tok]]:
    """A run split at stop words, no particles at the edges. An organisation word ends a name of
    an organisation, dropped with it; a person may follow ("Foundation Lyudmyla Kozlovska")."""
    segs: list[list[_Tok]] = [[]]
    for tok in run:
        if _is_org(v, tok):
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


def _classify(v: _Vocab, seg: list[_Tok], known: set[str], role: bool,
              sentence_start: bool = False) -> str | None:
    """The form of the name a segment spells, or None when the evidence is not enough."""
    kinds = [t.kind for t in seg]
    is_known = any(_is_known(v, t, known) for t in seg if t.kind != "initial")
    if "lower" in kinds:  # Марат курбанов: a known given name, then the family name
        return "full" if len(seg) == 2 and kinds == ["title", "lower"] \
            and _is_given(v, seg[0]) else None
    if "upper" in kinds:  # Zhaksylyk ABDULLAYEV; ABDULLAYEV Zhaksylyk when there is evidence
        ok = "title" in kinds and all(len(t.text) >= 3 for t in seg if t.kind == "upper") and (
            kinds[-1] == "upper" or _is_given(v, seg[-1]) or _surname(v, seg[0]))
        return "full" if ok and kinds[0] != kinds[-1] else None
    if "initial" in kinds:
        names = [t for t in seg if t.kind != "initial"]
        if len(names) == 1 and (_surname(v, names[0]) or is_known or role):
            return "initials"  # Suttibayev S. / S. Suttibayev
        if len(names) >= 2 and kinds[0] != "initial" and (
                _is_given(v, seg[0]) or _surname(v, seg[-1]) or is_known):
            return "full"  # Stephen M. Bland
        return None
    if len(seg) == 1:
        tok = seg[0]
        strong = _surname(v, tok, weak=False) and sum(c.isalpha() for c in tok.text) >= v.min_family
        if sentence_start and v.declines and not (is_known or role):
            return None
        return "family" if (strong or is_known or role) and not _is_given(v, tok) else None
    given = any(_is_given(v, t) for t in seg)
    patronymic = seg[-1].key.endswith(v.patronymic) and len(seg) >= 3
    if v.declines:
        # At a sentence start, a known given name or a family name in last place (with a
        # strong ending) tells a name from a noun phrase ("Даметкан Аспандиярова" but not
        # "Депутатов Мажилиса").
        if sentence_start and not (given or patronymic or is_known or role
                                   or _surname(v, seg[-1], weak=False)):
            return None
        if not (given or patronymic or is_known or role) and not all(
                _surname(v, t) or t.key not in v.stops for t in seg):
            return None
    if _is_given(v, seg[0]) or role or is_known or _surname(v, seg[-1]) \
            or any(_surname(v, t, weak=False) for t in seg) or patronymic \
            or (v.declines and given):
        return "full"
    return None


def _trim(v: _Vocab, seg: list[_Tok], known: set[str]) -> list[_Tok]:
    """Drop a long run's leading words that cannot start a name: "Co-operation Denis Manturov"."""
    while len(seg) >= 3 and not _is_given(v, seg[0]) and not _surname(v, seg[0]) \
            and not _is_known(v, seg[0], known) and any(_is_given(v, t) for t in seg[1:]):
        seg = seg[1:]
    return seg


def _family_key(v: _Vocab, seg: list[_Tok]) -> str:
    """The family name of a full name, for recognising it alone later in the document."""
    uppers = [t for t in seg if t.kind in ("upper", "lower")]
    first = (len(seg) == 3 and seg[-1].key.endswith(v.patronymic)) or (
        _surname(v, seg[0]) and _is_given(v, seg[1]) and not _surname(v, seg[1]))
    return _key((uppers or [seg[0] if first else seg[-1]])[-1].text)


def _comma_form(v: _Vocab, text: str, run: list[_Tok], nxt: list[_Tok], known: set[str]) -> bool:
    """A lone surname, a comma, a given name and maybe a patronymic: "Kulibayev, Timur"."""
    return len(run) == 1 and 0 < len(nxt) <= 2 and run[0].kind in ("title", "upper") \
        and not _is_stop(v, run[0]) and COMMA.fullmatch(text, run[0].end, nxt[0].start) \
        is not None and _is_given(v, nxt[0]) \
        and (len(nxt) == 1 or nxt[1].key.endswith(v.patronymic)) \
        and (_surname(v, run[0]) or run[0].kind == "upper" or _key(run[0].text) in known)


def _at_sentence_start(text: str, pos: int) -> bool:
    return SENTENCE_END.search(text, max(0, pos - 12), pos) is not None


def _quoted(text: str, pos: int) -> bool:
    """A run right after an opening quotation mark names a thing: «Нур Отан», “Alga”."""
    return pos > 0 and text[pos - 1] in QUOTE_OPEN


def find_names(text: str, lang: str = "en", known: set[str] | None = None) -> list[NameMatch]:
    """Person names in `text`, in text order, never overlapping. `known` holds family names
    (casefolded) already seen in the document: a capitalised word that is one of them is a
    family-name mention even without a surname ending ("Sembay", "Kami"). Family names of the
    full names found in `text` itself are added to it."""
    v = _vocab(lang)
    known_keys = {_key(k) for k in known or ()}
    runs = _runs(text, _tokens(text, v))
    found: list[list[Any]] = []  # [segment, form, role]; forms of single words come last
    for i, run in enumerate(runs):
        nxt = runs[i + 1] if i + 1 < len(runs) else []
        if _comma_form(v, text, run, nxt, known_keys):
            runs[i + 1] = []
            found.append([run + nxt, "full", None, False])
            known_keys.add(_key(run[0].text))
            continue
        for seg in _segments(v, run):
            seg = _trim(v, seg, known_keys)
            if _quoted(text, seg[0].start):
                continue
            titled = role_before(text, seg[0].start, v.lang)
            start = v.declines and _at_sentence_start(text, seg[0].start)
            form = _classify(v, seg, known_keys, titled is not None, start) if len(seg) > 1 \
                else None
            if form == "full":
                known_keys.add(_family_key(v, seg))
            found.append([seg, form, titled, start])
    _listed_together(text, found, v)
    # Given names that open a full name of the document: "Tatsiana" alone refers back to
    # "Tatsiana Kaneuskaya" (casefile.extract.document resolves it).
    givens = {f[0][0].key for f in found if f[1] == "full" and _is_given(v, f[0][0])}
    out: list[NameMatch] = []
    carry: str | None = None  # a plural role word covers the names listed after it
    for seg, form, role_m, start in found:
        if form is None and len(seg) == 1:
            form = _classify(v, seg, known_keys, role_m is not None, start)
            if form is None and seg[0].key in givens and seg[0].kind == "title":
                form = "given"
        if form is None:
            carry = None
            continue
        role = role_m[0] if role_m else None
        listed = out and _enumerated(text, out[-1].end, seg[0].start, lang)
        role = role or (carry if listed else None)
        carry = role if role_m is None or role_m[1] else None
        first, last = seg[0].start, seg[-1].end
        out.append(NameMatch(first, last, text[first:last], form, role))
    return out


def _listed_together(text: str, found: list[list[Any]], v: _Vocab) -> None:
    """A run of two or three capitalised words listed next to full names ("Mukhtar Dzhakishev
    and Muratkhan Tokmadi") is a name too: a list gives its members the same evidence."""
    changed = True
    while changed:
        changed = False
        for i, f in enumerate(found):
            seg = f[0]
            if f[1] is not None or not 2 <= len(seg) <= 3 or f[3] \
                    or any(t.kind not in ("title", "upper") for t in seg):
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(found) and found[j][1] == "full":
                    a, b = (found[j][0], seg) if j < i else (seg, found[j][0])
                    if _enumerated(text, a[-1].end, b[0].start, v.lang):
                        f[1] = "full"
                        changed = True
                        break


@cache
def _enumeration(lang: str) -> re.Pattern[str]:
    words = vocab.load(f"lang/{lang}/listing.yml")["enumeration"]["conjunctions"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\s*(?:,\s*(?:(?:{alt})\s+)?|\s+(?:{alt})\s+)")


def _enumerated(text: str, end: int, start: int, lang: str) -> bool:
    """Whether only a comma or a conjunction stands between two names."""
    try:
        return _enumeration(lang).fullmatch(text, end, start) is not None
    except FileNotFoundError:
        return False

"""The country of a case: which state a document, or a passage of it, is about, and why.

A case belongs to the state that persecutes. The evidence a text gives, strongest first:

1. `code`: the criminal or administrative code named ("ч. 2 ст. 174 УК РК", "Criminal Code
   of the Republic of Belarus"). A person is charged under the code of the state that
   prosecutes; a procedure code is not one (the arresting state applies its own).
2. `persecutor`: the state another state acts for: "at the request of Kazakhstan",
   "extradition to Tajikistan", "wanted by Russia", "a Red Notice issued by ...", "fled
   Belarus". A Kazakh activist arrested in Kyiv at Kazakhstan's request is a KZ case; Ukraine
   is the acting state of that arrest (the extradition event records it), not the case's.
3. `court`: a court with its place ("Almaty City Court", "районный суд г. Минска") or a court
   name only one country has ("Southern District Military Court"). A court in a sentence
   about an extradition is the arresting state's (`acting`) and does not count.
4. `named`: places and country names, counted: a city, region or district 2 points, a
   country's name 2, a demonym 1 ("Kazakh").

A state the text shows acting for another (`acting`: "extradited from Kazakhstan", its court
ordering an extradition arrest) is not the case's country: it does not count in tiers 3 and
4 while another country is named there.

The first kind the text holds decides; within it the country with the most evidence wins. A
tie goes to the publisher's default (`capture --country`) when it is among the tied, else to
the country named first. With no evidence at all the default is the answer, and without a
default the answer is None: never a made-up code that would split a person's facts.

Places, codes and courts are data (data/places/*.yml, data/places/countries.yml); the
phrases around them are data per language (data/lang/<lang>/country.yml). Every language's
rules are tried on every text, since documents mix them ("ст. 174 УК РК" in an English
report). Names are found by a dictionary walk over the words, not one huge regex, and the
phrase rules only run near their key words, so a capture stays fast however long the lists.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from casefile import vocab

WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
GAP = re.compile(r"[ \t\u00a0]*\.?[ \t\u00a0]*\n?[ \t\u00a0]*")  # "St. Petersburg", "U.S."
POSSESSIVE = ("’s", "'s")
FIELD = re.compile(r"(?P<what>[a-z]+?)(?:_(?P<script>ru|kk|be|uk))?$")
KINDS = {"cities": "place", "regions": "place", "districts": "place", "adjectives": "place",
         "metonyms": "place", "courts": "court", "codes": "code", "state": "state"}
TIERS = ("code", "persecutor", "court", "named")
# Which mentions a rule's {X} may be (unless the rule says, "{X:demonym}"; "adjective" is a
# demonym or a place named by an adjective): a code is cited with a state, not a city.
RULE_MENTIONS = {"code": frozenset({"country", "demonym", "abbr"}),
                 "persecutor": frozenset({"country", "demonym", "abbr", "place"}),
                 "court": frozenset({"country", "demonym", "abbr", "place"}),
                 "acting": frozenset({"country", "demonym", "abbr", "place"})}
SLOT = re.compile(r"\{X(?::(?P<kinds>[a-z|]+))?\}")
POINTS = {"place": 2, "country": 2, "demonym": 1}
NEAR = 100  # a rule is tried on a mention with one of its key words this close
BEFORE, AFTER = 120, 200  # how far a rule's text may reach before / after its mention
PARAGRAPH = re.compile(r"\n[ \t]*\n")
SENTENCE_END = re.compile(r"[!?\n]|(?<=\w\w\w\.)\s")  # not after "г." or "ст."
MAX_PARAGRAPH = 3000  # a longer "paragraph" is a text without blank lines: use its line


@dataclass(frozen=True)
class Evidence:
    """One reason to think a text is about `country`; `quote` is text[start:end]."""

    kind: str  # code | persecutor | court | acting | place | country | demonym
    country: str
    quote: str
    start: int
    end: int

    @property
    def tier(self) -> str:
        """The tier the evidence counts in; `acting` (the court of a state that arrests for
        another) counts in none."""
        return "named" if self.kind in POINTS else self.kind


@dataclass(frozen=True)
class CountryGuess:
    """The case country of a text and the evidence behind it, for the editor to check.

    `basis` is the kind of evidence that decided (code, persecutor, court, named), "default"
    when the text gave none and the publisher's default was used, "none" otherwise."""

    country: str | None
    basis: str
    evidence: tuple[Evidence, ...] = ()
    default: str | None = None

    def reasons(self, limit: int = 5) -> list[str]:
        """Short lines saying why: the deciding evidence first, most frequent first."""
        if self.basis in ("default", "none"):
            return ["the text names no court, code or place that decides"
                    + ("; the publisher's default" if self.country else "")]
        counts = Counter((e.tier, e.country, e.quote) for e in self.evidence)
        rank = {tier: i for i, tier in enumerate(TIERS)}
        order = sorted(counts.items(), key=lambda kv: (kv[0][0] != self.basis,
                                                       rank.get(kv[0][0], len(rank)), -kv[1]))
        return [f"{tier} {code}: «{quote}»" + (f" ×{n}" if n > 1 else "")
                for (tier, code, quote), n in order[:limit]]


@dataclass(frozen=True)
class _Word:
    raw: str  # as the data writes it
    form: str  # normalised: the whole word, or its stem
    full: str  # normalised whole word
    mode: str  # exact | declined | prefix
    case: str  # upper (written exactly so) | title (capitalised) | any
    adjective: bool = False  # declines as an adjective


@dataclass(frozen=True)
class _Name:
    words: tuple[_Word, ...]
    country: str
    kind: str  # place | court | code | abbr | country | demonym


@dataclass(frozen=True)
class Mention:
    """A place, court, code, state, country or demonym named at text[start:end]."""

    start: int
    end: int
    country: str
    kind: str
    adjective: bool  # a demonym, or a place named by an adjective ("Алмалинский")


@dataclass(frozen=True)
class _Rule:
    kind: str
    mentions: frozenset[str]  # the kinds of mention its {X} may be
    before: re.Pattern[str] | None  # must end where the mention starts
    after: re.Pattern[str] | None  # must start where the mention ends


@dataclass(frozen=True)
class _Index:
    heads: dict[str, tuple[_Name, ...]]  # a first word's index key -> the names it starts
    noun_endings: frozenset[str]
    adjective_endings: frozenset[str]
    max_ending: int
    prefix_lengths: dict[str, tuple[int, ...]]  # first two letters -> lengths of prefix heads
    # The words a name may start with: capitalised ones, and those that begin like a name
    # written in lower case (a Russian adjective). Most words of a text are passed over by
    # the regex engine alone, and most of the rest by their first three letters: that is
    # what keeps the scan fast.
    starts: re.Pattern[str]
    firsts: frozenset[str]


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е")


def _case(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    return "title" if letters and letters[0].isupper() else "any"


@cache
def _declension() -> dict[str, Any]:
    return vocab.load("lang/ru/country.yml")["declension"]


def _word(raw: str, mode: str) -> _Word:
    full = _norm(raw)
    form, adjective = full, False
    if mode == "declined":
        d = _declension()
        adjective = full.endswith(tuple(d["adjective"]))
        cut = 0
        while cut < int(d["strip_max"]) and len(form) > 1 and form[-1] in d["strip"]:
            form, cut = form[:-1], cut + 1
        if len(form) < int(d["min_stem"]):
            form, mode = full, "exact"
    return _Word(raw, form, full, mode, _case(raw), adjective)


def _split(name: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", name.strip()) if w]


def _names() -> list[_Name]:
    """Every place, court, code and state name of data/places/*.yml, and every country name
    and demonym of countries.yml, as word sequences with their matching modes."""
    out: list[_Name] = []
    for path in sorted((vocab.DATA / "places").glob("*.yml")):
        data = vocab.load(f"places/{path.name}")
        if path.name == "countries.yml":
            for code, forms in data.items():
                for field, items in forms.items():
                    kind = "demonym" if field.endswith("_adj") else "country"
                    for item in items or []:
                        words = _split(str(item))
                        if field.startswith("en"):
                            out.append(_Name(tuple(_word(w, "exact") for w in words), code,
                                             kind))
                        else:  # a stem that any ending may follow; earlier words decline
                            out.append(_Name(tuple(
                                [_word(w, "declined") for w in words[:-1]]
                                + [_Word(words[-1], _norm(words[-1]), _norm(words[-1]),
                                         "prefix", _case(words[-1]))]), code, kind))
            continue
        code = data.get("country")
        if not code:
            continue  # world.yml: stop words for persons, no country
        for field, items in data.items():
            m = FIELD.match(field)
            what = KINDS.get(m.group("what")) if m else None
            if m is None or what is None or not isinstance(items, list):
                continue
            mode = "declined" if m.group("script") else "exact"
            for item in items:
                words = _split(str(item))
                k = what if what != "state" else ("abbr" if len(words) == 1 else "country")
                out.append(_Name(tuple(_word(w, mode) for w in words), code, k))
    return out


@cache
def _index() -> _Index:
    d = _declension()
    heads: dict[str, list[_Name]] = {}
    prefix_lengths: dict[str, set[int]] = {}
    lower: set[str] = set()
    for name in _names():
        first = name.words[0]
        heads.setdefault(first.form, []).append(name)
        if first.mode == "prefix":
            prefix_lengths.setdefault(first.form[:2], set()).add(len(first.form))
        if first.case == "any":
            lower.add(first.form)
    nouns = frozenset(str(e) for e in d["noun_endings"])
    adjectives = frozenset(str(e) for e in d["adjective_endings"])
    longest = {k: tuple(sorted(v, key=lambda n: -len(n.words))) for k, v in heads.items()}
    upper = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())
    starts = re.compile(rf"(?<![\w’'-])(?=[{re.escape(upper)}]|{_trie(lower)}){WORD.pattern}")
    return _Index(longest, nouns, adjectives, max(map(len, nouns | adjectives)),
                  {k: tuple(sorted(v, reverse=True)) for k, v in prefix_lengths.items()},
                  starts, frozenset(k[:3] for k in heads))


def _trie(words: set[str] | list[str]) -> str:
    """A regex matching the start of any of `words` in any case, as a prefix tree with the
    cases spelt out ("[cC]"): the engine then rejects a position at its first letter
    instead of trying every alternative."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in _norm(word):
            node = node.setdefault(ch, {})
        node[""] = {}

    def letter(ch: str) -> str:
        forms = {ch, ch.upper(), *({"ё", "Ё"} if ch == "е" else ())}
        return "[" + "".join(sorted(map(re.escape, forms))) + "]" if len(forms) > 1 \
            else re.escape(ch)

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a listed word ends here: what follows does not matter
        alts = [letter(ch) + emit(sub) for ch, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree) if tree else "(?!x)x"


def _fits(w: _Word, token: str, idx: _Index) -> bool:
    if w.case == "upper" and token != w.raw:
        return False
    if w.case == "title" and not token[:1].isupper():
        return False
    key = _norm(token)
    if w.mode == "exact":
        return key == w.form
    if w.mode == "prefix":
        return key.startswith(w.form)
    endings = idx.adjective_endings if w.adjective else idx.noun_endings
    return key == w.full or (key.startswith(w.form) and key[len(w.form):] in endings)


def _candidates(key: str, idx: _Index) -> list[_Name]:
    found: list[_Name] = []
    for cut in range(min(idx.max_ending, len(key) - 1) + 1):
        found.extend(idx.heads.get(key[:len(key) - cut], ()))
    for n in idx.prefix_lengths.get(key[:2], ()):
        if n < len(key) - idx.max_ending:
            found.extend(idx.heads.get(key[:n], ()))
    return found


def _core(token: str) -> str:
    return token[:-2] if token.endswith(POSSESSIVE) else token


def find_mentions(text: str) -> list[Mention]:
    """Every place, court, code, state, country and demonym named in `text`, longest first
    where names overlap ("East Turkestan" is not Turkestan; "Issyk-Kul" is not Issyk)."""
    idx = _index()
    out: list[Mention] = []
    pos = 0
    for word in idx.starts.finditer(text):
        if word.start() < pos or _norm(word.group()[:3]) not in idx.firsts:
            continue
        found = _name_at(text, word, idx)
        if found is not None:
            out.append(found)
            pos = found.end
    return out


def _name_at(text: str, first: re.Match[str], idx: _Index) -> Mention | None:
    best: tuple[int, _Name, int] | None = None
    for name in _candidates(_norm(_core(first.group())), idx):
        if best is not None and len(name.words) <= best[0]:
            continue
        end = _words_end(text, first, name, idx)
        if end is not None:
            best = (len(name.words), name, end)
    if best is None:
        return None
    name = best[1]
    return Mention(first.start(), best[2], name.country, name.kind,
                    name.kind == "demonym" or name.words[-1].adjective)


def _words_end(text: str, first: re.Match[str], name: _Name, idx: _Index) -> int | None:
    """Where `name` ends when it is written from the word `first` on, or None."""
    token = first
    word = ""
    for j, w in enumerate(name.words):
        if j:
            gap = GAP.match(text, token.end())
            following = WORD.match(text, gap.end()) if gap else None
            if word != token.group() or following is None:  # a possessive ends a name
                return None
            token = following
        word = _core(token.group()) if j == len(name.words) - 1 else token.group()
        if not _fits(w, word, idx):
            return None
    return token.start() + len(word)


@cache
def _languages() -> tuple[str, ...]:
    return tuple(sorted(p.parent.name for p in (vocab.DATA / "lang").glob("*/country.yml")))


@dataclass(frozen=True)
class _Rules:
    keys: dict[str, tuple[str, ...]]  # kind -> key word starts: its rules only run near one
    court: re.Pattern[str]  # a word that names a court (the `court` keys)
    acting: tuple[str, ...]  # words that make a court in their sentence the arresting state's
    rules: tuple[_Rule, ...]


@cache
def _rules() -> _Rules:
    """The phrase rules of every language, with their key words."""
    keys: dict[str, list[str]] = {}
    rules: list[_Rule] = []
    for lang in _languages():
        data = vocab.load(f"lang/{lang}/country.yml")
        for kind, words in data.get("keys", {}).items():
            keys.setdefault(kind, []).extend(_norm(str(k)) for k in words)
        for kind, patterns in data.get("rules", {}).items():
            for pattern in patterns:
                slot = SLOT.search(str(pattern))
                if slot is None:
                    raise ValueError(f"lang/{lang}/country.yml: a rule without {{X}}: {pattern}")
                before, after = str(pattern)[:slot.start()], str(pattern)[slot.end():]
                kinds = slot.group("kinds")
                rules.append(_Rule(
                    kind, frozenset(kinds.split("|")) if kinds else RULE_MENTIONS[kind],
                    re.compile(rf"(?<![\w-])(?:{before})\Z", re.IGNORECASE) if before else None,
                    re.compile(after, re.IGNORECASE) if after else None))
    court = "|".join(map(re.escape, keys.get("court", []))) or "(?!x)x"
    return _Rules({kind: tuple(words) for kind, words in keys.items()},
                  re.compile(rf"(?<!\w)(?:{court})", re.IGNORECASE),
                  tuple(keys.get("acting", ())), tuple(rules))


def _rule_evidence(text: str, mentions: list[Mention]) -> list[Evidence]:
    r = _rules()
    out: list[Evidence] = []
    for m in mentions:
        # Substring tests on the mention's surroundings: far cheaper than a regex over the
        # whole text, and a rule that is tried needlessly only costs time.
        around = _norm(text[max(0, m.start - NEAR):m.end + NEAR])
        kinds = {kind for kind in RULE_MENTIONS
                 if any(k in around for k in r.keys.get(kind, ()))}
        for rule in r.rules:
            if rule.kind not in kinds or not ({m.kind, "adjective" if m.adjective else ""}
                                              & rule.mentions):
                continue
            lo, hi = m.start, m.end
            if rule.before is not None:
                b = rule.before.search(text, max(0, m.start - BEFORE), m.start)
                if b is None:
                    continue
                lo = b.start()
            if rule.after is not None:
                a = rule.after.match(text, m.end, min(len(text), m.end + AFTER))
                if a is None:
                    continue
                hi = a.end()
            kinds.discard(rule.kind)
            out.append(Evidence(rule.kind, m.country, text[lo:hi], lo, hi))
    return [_acting(text, e, r.acting) for e in _one_place_per_court(out, r.court)]


def _acting(text: str, e: Evidence, words: tuple[str, ...]) -> Evidence:
    """A court in a sentence about an extradition is the arresting state's: `acting`."""
    if e.kind != "court":
        return e
    lo = max((m.end() for m in SENTENCE_END.finditer(text, max(0, e.start - 300), e.start)),
             default=max(0, e.start - 300))
    nxt = SENTENCE_END.search(text, e.end, e.end + 300)
    sentence = _norm(text[lo:nxt.start() if nxt else e.end + 300])
    return replace(e, kind="acting") if any(w in sentence for w in words) else e


def _one_place_per_court(found: list[Evidence], court: re.Pattern[str]) -> list[Evidence]:
    """A court named with two places ("Московский районный суд г. Минска": a district, then
    the city) is in the place named after the court word: the one before is its district."""
    by_court: dict[int, list[Evidence]] = {}
    rest: list[Evidence] = []
    for e in found:
        word = court.search(e.quote) if e.kind == "court" else None
        if word is None:
            rest.append(e)
        else:
            by_court.setdefault(e.start + word.start(), []).append(e)
    for anchor, group in by_court.items():
        rest.extend([e for e in group if e.start >= anchor] or group)
    return rest


def _evidence(text: str) -> tuple[Evidence, ...]:
    mentions = find_mentions(text)
    found = _rule_evidence(text, mentions)
    found += [Evidence(m.kind, m.country, text[m.start:m.end], m.start, m.end)
              for m in mentions if m.kind in ("court", "code") or m.kind in POINTS]
    return tuple(sorted(found, key=lambda e: (e.start, e.end)))


def decide(evidence: tuple[Evidence, ...], default: str | None = None) -> CountryGuess:
    """The rule of the module docstring, on evidence already found. A state the text shows
    acting for another (`acting`: it extradites, its court orders the extradition arrest) is
    left out of the court and place tiers while another country is named there."""
    acting = {e.country for e in evidence if e.kind == "acting"}
    for tier in TIERS:
        scores: Counter[str] = Counter()
        first: dict[str, int] = {}
        for e in evidence:
            if e.tier == tier:
                scores[e.country] += POINTS.get(e.kind, 1)
                first.setdefault(e.country, e.start)
        if tier in ("court", "named") and set(scores) - acting:
            scores = Counter({c: n for c, n in scores.items() if c not in acting})
        if scores:
            top = max(scores.values())
            tied = [c for c, n in scores.items() if n == top]
            winner = default if default in tied else min(tied, key=first.__getitem__)
            return CountryGuess(winner, tier, evidence, default)
    return CountryGuess(default, "default" if default else "none", evidence, default)


def case_country(text: str, default: str | None = None) -> CountryGuess:
    """The country of the case(s) `text` reports, with its evidence. `default` is the
    publisher's country: used when the text names no place, court or code, and on a tie."""
    return decide(_evidence(text), default.upper() if default else None)


def passage_country(guess: CountryGuess, text: str, start: int, end: int) -> CountryGuess:
    """The country of the passage around text[start:end] (its paragraph, or its line in a
    text without blank lines): the paragraph's own code, persecutor or court evidence when it
    has some (a digest reports cases of several countries), else the document's country."""
    lo, hi = _paragraph(text, start, end)
    own = tuple(e for e in guess.evidence if lo <= e.start and e.end <= hi and e.tier != "named")
    if not any(e.tier in TIERS for e in own):  # nothing but an acting state: the document's
        return guess
    local = decide(own, guess.country)
    return replace(local, basis=f"passage:{local.basis}", evidence=own)


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in PARAGRAPH.finditer(text, 0, start)), default=0)
    nxt = PARAGRAPH.search(text, end)
    hi = nxt.start() if nxt else len(text)
    if hi - lo > MAX_PARAGRAPH:
        lo = text.rfind("\n", 0, start) + 1
        cut = text.find("\n", end)
        hi = cut if cut >= 0 else len(text)
    return lo, hi

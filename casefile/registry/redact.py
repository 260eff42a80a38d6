"""Protected persons: who they are, how their names are written, and what of a text may leave.

A person marked `anonymised` or `withheld` (casefile.registry.publication) must not be named by any
public output, yet a source is public as soon as one of its claims is, and sources name many
people. So redaction is a rule of the registry, applied here to every text that leaves it: a
source's text, title and origin, a quote in a dossier or a report, a search snippet.

What is withheld is the passage, not only the name: every sentence (a whole line when the line
is a list entry or a table row) that holds a claim about a protected person, or names one.
Names are found by their family name, because sources spell them in ways the registry never
stored: every capitalised word whose matching key (casefile.names.keys: transliteration, press
variants, Russian and Kazakh case endings reduced) equals the key of the family name of any form
the registry holds for the person (stored names, mentions as written, the display name; the
longest word of a form without a family name): "Жексебаеву", "ZHEKSEBAYEV" and "Jeksebaev" all
meet "Асхат Жексебаев". Every written form holds its family word, so a form as stored is found
too. (A regular expression of every form as written cost more than the rest of a page at 100
protected persons: Python's alternation is tried at every position.)
A merged person is as protected as the most protected of its records, and all the records'
names are protected. A public namesake's sentences may be withheld too: the rule errs on the
side of the protected person.

The list rule for anonymised rows lives here too (FIELDS, DEFAULT_FIELDS): a row keeps only the
fields editors allow, and never a list number, sources or the internal person id.

The protected set is built once per registry version (the newest audit-log id: every change,
publication included, writes the log) and is empty-cheap: with no protected person every
function returns its input unchanged.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.extract.sentences import split_sentences
from casefile.names.inflect import readings
from casefile.names.keys import match_key
from casefile.names.normalize import parse_name
from casefile.names.script import has_cyrillic
from casefile.registry import audit, db
from casefile.registry.clusters import clusters
from casefile.registry.models import Claim, Person, PersonName
from casefile.registry.publication import DEFAULT_FIELDS, FIELDS, HIDDEN, strictest

PASSAGE = "[passage withheld]"

_WORD = re.compile(r"[^\W\d_]{2,}")
_ENTRY = re.compile(r"\s*(?:\d{1,4}[.)]|\(\w{1,3}\)|[-–—•*·▪●◦])\s")


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> frozenset[str]:
    """Matching keys a word may stand for as a family name (Russian case forms reduced)."""
    keys = {match_key(word)}
    if has_cyrillic(word):
        keys.update(match_key(r[0]) for r in readings(word, "family"))
    return frozenset(k for k in keys if k)


@dataclass(frozen=True)
class Protected:
    """Everyone public outputs must not name, with their names' forms and keys."""

    how: dict[int, str] = field(default_factory=dict)  # person id -> anonymised | withheld
    fields: dict[int, frozenset[str]] = field(default_factory=dict)  # anonymised ids
    counted: frozenset[int] = frozenset()  # withheld ids editors chose to count
    keys: frozenset[str] = frozenset()
    # source id -> spans of claims about protected persons there (casefile.registry.redact)
    spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    _seen: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def naming(cls, forms: Iterable[str], how: dict[int, str] | None = None) -> Protected:
        """Protection for persons written as `forms` (what _build does with the registry's)."""
        return cls(how or {0: "withheld"}, keys=_keys(forms))

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(self.how)

    def __bool__(self) -> bool:
        return bool(self.how)

    def is_name(self, word: str) -> bool:
        hit = self._seen.get(word)
        if hit is None:
            hit = self._seen[word] = bool(_word_keys(word) & self.keys)
        return hit

    def names_in(self, text: str, any_case: bool = False) -> list[tuple[int, int]]:
        """Spans of `text` that name a protected person. Words are tried when capitalised
        (as names are written), or all of them with `any_case` (a URL's slug)."""
        if not self or not text:
            return []
        seen = self._seen  # every quote of a page is read: the words seen are asked once
        out = []
        for m in _WORD.finditer(text):
            word = m.group()
            if any_case or word[0].isupper():
                hit = seen.get(word)
                if hit is None:
                    hit = self.is_name(word)
                if hit:
                    out.append(m.span())
        return out

    def claim_spans(self, source_ids: Iterable[int]) -> dict[int, tuple[tuple[int, int], ...]]:
        """The spans of claims about protected persons in these sources."""
        return {sid: self.spans[sid] for sid in source_ids if sid in self.spans}

    def drop_names(self, words: list[str]) -> list[str]:
        """A query's words without those that name a protected person: a search must not
        tell, by finding something, that a text names them."""
        return [w for w in words if not self.is_name(w)]


_cache: dict[tuple[str, int], Protected] = {}
_lock = threading.Lock()


def protected(s: Session) -> Protected:
    """The protected persons of the registry `s` reads, once per registry version. Not kept
    for a transaction that has logged a change: the version it reads is its own, not yet
    committed, and after a rollback the next change would be given that number."""
    if audit.pending(s):
        return _build(s)
    key = (str(s.get_bind().engine.url), audit.version(db.reader(s)))
    with _lock:
        hit = _cache.get(key)
    if hit is None:
        hit = _build(s)
        with _lock:
            if len(_cache) > 16:
                _cache.clear()
            _cache[key] = hit
    return hit


def protected_except(s: Session, spared: Iterable[int]) -> Protected:
    """The protected persons but those of the clusters of `spared`: a filing made for a
    withheld person names them, and only them (casefile.drafts). Built on each call: drafts
    are few."""
    return _build(s, frozenset(spared))


_RECORDS = select(Person.id, Person.publication, Person.public_fields, Person.count_only,
                  Person.display_name).order_by(Person.id)


def _build(s: Session, spared: frozenset[int] = frozenset()) -> Protected:
    """Read from the hidden records and the records merged with them, never from every
    person: each capture changes the version, and the first page after it builds this
    (at 10,000 persons, reading them all cost 15 ms with nobody protected)."""
    conn = s.connection()
    rows = list(conn.execute(_RECORDS.where(Person.publication.in_(HIDDEN))))
    if not rows:
        return Protected()
    cluster = clusters(s, of=Person.id.in_([r[0] for r in rows]))
    merged = set(cluster) | set(cluster.values())
    merged.difference_update(r[0] for r in rows)
    if merged:
        rows += conn.execute(_RECORDS.where(Person.id.in_(merged))).all()
        rows.sort(key=lambda r: r[0])
    worst: dict[int, str] = {}
    members: dict[int, list[int]] = defaultdict(list)
    spared_roots = {cluster.get(pid, pid) for pid in spared}
    for pid, publication, *_ in rows:
        root = cluster.get(pid, pid)
        members[root].append(pid)
        if publication in HIDDEN and root not in spared_roots:
            worst[root] = strictest((worst.get(root), publication))
    if not worst:
        return Protected()
    by_id = {r[0]: r for r in rows}
    how: dict[int, str] = {}
    fields: dict[int, frozenset[str]] = {}
    counted: set[int] = set()
    for root, publication in worst.items():
        ids = members[root]
        # The record that made the cluster hidden speaks for its choices.
        chosen = [by_id[p] for p in ids if by_id[p][1] == publication]
        allowed = next((frozenset(r[2]) & set(FIELDS) for r in chosen if r[2] is not None),
                       DEFAULT_FIELDS)
        for pid in ids:
            how[pid] = publication
            if publication == "anonymised":
                fields[pid] = allowed
            elif all(r[3] for r in chosen):
                counted.add(pid)
    forms = {r[4] for r in rows if r[0] in how}
    forms.update(conn.execute(select(PersonName.name)
                              .where(PersonName.person_id.in_(how))).scalars())
    forms.update(conn.execute(
        select(Claim.mention).where(Claim.person_id.in_(how), Claim.mention.is_not(None))
        .distinct()).scalars())
    forms.update(conn.execute(
        select(Claim.value).where(Claim.person_id.in_(how), Claim.predicate == "name")
        .distinct()).scalars())
    return Protected(how, fields, frozenset(counted), _keys(forms),
                     _claim_spans(s, list(how)))


def _keys(forms: Iterable[str]) -> frozenset[str]:
    """Keys of the family names (or of the longest word of a name without one)."""
    return frozenset().union(*map(_form_keys, forms))


@lru_cache(maxsize=65536)
def _form_keys(form: str) -> frozenset[str]:
    """One form's keys: kept, since every change of the registry rebuilds the protected set
    from mostly the same forms, and parsing a name costs more than reading it."""
    try:
        parsed = parse_name(form)
    except ValueError:
        parsed = None
    words = _WORD.findall(form)
    family = parsed.family if parsed is not None and parsed.family else (
        max(words, key=len) if words else None)
    if not family:
        return frozenset()
    return frozenset(k for k in _word_keys(family) if len(k) >= 3)


@dataclass(frozen=True)
class Redacted:
    """A text with its withheld passages replaced by PASSAGE, and where each original
    offset went (so quotes and highlights still point at the right words)."""

    text: str
    cuts: tuple[tuple[int, int, int], ...] = ()  # (start, end) in the original, start here

    @property
    def changed(self) -> bool:
        return bool(self.cuts)

    def at(self, offset: int) -> int:
        """Where `offset` of the original text is in this one (a withheld offset lands at
        the start of its mark)."""
        shift = 0
        for start, end, new in self.cuts:
            if offset < start:
                break
            if offset < end:
                return new
            shift = new + len(PASSAGE) - end
        return offset + shift

    def overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b, _ in self.cuts)


def redact_text(prot: Protected, text: str, spans: Iterable[tuple[int, int]] = (),
                lang: str | None = None, any_case: bool = False) -> Redacted:
    """`text` with every passage that names a protected person or holds one of `spans`
    (claims about them, as offsets into `text`) replaced by PASSAGE."""
    if not prot or not text:
        return Redacted(text)
    marks = [(max(0, a), min(len(text), b)) for a, b in spans if b > 0 and a < len(text)]
    marks += prot.names_in(text, any_case)
    if not marks:
        return Redacted(text)
    lines: dict[int, list[tuple[int, int]]] = {}  # a line's sentences, split once
    segments = sorted(_passage(text, a, b, lang or "en", lines) for a, b in marks)
    merged: list[list[int]] = []
    for a, b in segments:
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out: list[str] = []
    cuts = []
    pos = 0
    size = 0
    for a, b in merged:
        out.append(text[pos:a])
        size += a - pos
        cuts.append((a, b, size))
        out.append(PASSAGE)
        size += len(PASSAGE)
        pos = b
    out.append(text[pos:])
    return Redacted("".join(out), tuple(cuts))


def _passage(text: str, a: int, b: int, lang: str,
             lines: dict[int, list[tuple[int, int]]]) -> tuple[int, int]:
    """The sentences holding text[a:b], or the whole line when it is a list entry or a row
    of a table (an entry is one person's, and its sentences all speak of them)."""
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    end = len(text) if end < 0 else end
    if start not in lines:
        line = text[start:end]
        whole = "\t" in line or _ENTRY.match(line)
        lines[start] = [(0, end - start)] if whole else split_sentences(
            line, lang if lang in ("en", "ru") else "en")
    lo, hi = a, b
    for s0, s1 in lines[start]:
        if start + s0 < b and a < start + s1:
            lo, hi = min(lo, start + s0), max(hi, start + s1)
    return lo, hi


def _claim_spans(s: Session, ids: list[int]) -> dict[int, tuple[tuple[int, int], ...]]:
    """Per source, the spans of its claims about the persons `ids` (whatever their review
    state: the text says it either way), a list entry's or passage's claims (one group
    key) joined into one span. Read once per registry version through the person index:
    asked per page by source, SQLite read every claim of the sources."""
    groups: dict[tuple[int, str], list[int]] = {}
    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for sid, start, end, group in s.connection().execute(
            select(Claim.source_id, Claim.start, Claim.end, Claim.group_key)
            .where(Claim.person_id.in_(ids))):
        out[sid].append((start, end))
        if group:
            span = groups.setdefault((sid, group), [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
    for (sid, _), (start, end) in groups.items():
        out[sid].append((start, end))
    return {sid: tuple(spans) for sid, spans in out.items()}


def redact_source_text(s: Session, source_id: int, text: str,
                       lang: str | None = None) -> Redacted:
    prot = protected(s)
    if not prot:
        return Redacted(text)
    return redact_text(prot, text, prot.spans.get(source_id, ()), lang)


def redact_line(prot: Protected, value: str | None, any_case: bool = False) -> str | None:
    """A title or an origin: withheld whole when it names a protected person."""
    if value is None or not prot.names_in(value, any_case):
        return value
    return PASSAGE


def redact_quote(prot: Protected, spans: dict[int, tuple[tuple[int, int], ...]],
                 source_id: int | None,
                 quote: str | None, start: int | None, lang: str | None = None) -> str | None:
    """A quote of a source (text[start:start+len(quote)]) as the public may read it: the
    same rule as for the whole text, judged within the quote."""
    if not prot or not quote:
        return quote
    near = []
    if source_id is not None and start is not None:
        end = start + len(quote)
        near = [(a - start, b - start) for a, b in spans.get(source_id, ()) if a < end
                and start < b]
    return redact_text(prot, quote, near, lang).text


def quote_redactor(s: Session, source_ids: Iterable[int], prot: Protected | None = None):
    """A function (source_id, quote, start) -> quote for many quotes of these sources, with
    the registry read once (not at all when the caller has read `prot`)."""
    prot = protected(s) if prot is None else prot
    spans = prot.claim_spans(source_ids)

    def redact(source_id: int | None, quote: str | None, start: int | None) -> str | None:
        return redact_quote(prot, spans, source_id, quote, start)
    return redact


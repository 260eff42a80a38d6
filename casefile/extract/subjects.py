"""Whom a fact is about: the persons a sentence's event, term or charge applies to.

A sentence may name several people, and what it says applies to all of those it is said of:
- an event phrase in the active voice applies to the names right after it ("the court
  sentenced activists Maks Bokayev and Talgat Ayan to five years"; Russian: the first run of
  names after the verb in its clause, "Суд приговорил 28 ноября ... Макса Бокаева и Талгата
  Аяна"), and a run of names further on continues it when each name carries its own term
  ("sentenced A to three years, B — to two", the ellipsis Russian court news favours);
- a nominal phrase applies to the names after "of" / "against" ("the extradition arrest of
  Akhmetova");
- otherwise a fact applies to the nearest run of names before it in its clause (a clause ends at
  a semicolon), which is how "A, B and C were released" and "Bokayev and Ayan were convicted of
  ... (Part 2, Art. 174)" are written;
- "respectively" pairs a run of k names with the k terms that follow, in order;
- a term or a charge with no names before it in its clause goes with the persons of the event
  before it in the sentence ("sentenced them to five years");
- a clause that names nobody but refers back ("he", "they", "the woman", "их") is about the
  persons named last in its paragraph;
- and failing all that, a fact in a list entry or a profile belongs to its person; but not one
  whose clause has a crowd for its subject ("more than 300 protesters were detained"), which
  is about no one person.
Officials, lawyers and relatives (casefile.extract.roles) are passed over while anyone else is
named: "judge X sentenced A" gives A the sentence. The words are data
(data/lang/<lang>/reference.yml; role and label words of persons.yml and listing.yml).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.casing import lowered
from casefile.extract.enumerations import Enumeration
from casefile.extract.layout import _prefix
from casefile.extract.persons import role_before
from casefile.extract.types import NameMatch

PASSIVE_EN = re.compile(r"(?<!\w)(?:was|were|been|being|is|are|be|got|get|gets|has|have|had)"
                        r"(?!\w)", re.IGNORECASE)
ACTIVE_RU = re.compile(r"^\w+(?:л|ла|ли|ло|ит|ят|ет|ут|ют)(?!\w)", re.IGNORECASE)
NOMINAL = {"en": re.compile(r"\s+(?:of|against|for|to)\s+(?:the\s+)?", re.IGNORECASE),
           "ru": re.compile(r"\s+(?:в\s+отношении|против)\s+", re.IGNORECASE)}
NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w’'-]*)")
APPOSITION = re.compile(r",\s+[^,;.:()\n]{3,120}")
DASH_RUN = re.compile(r"\s*[–—-]\s*")  # "10.5 years – Omirbek Kurbanov": the term's persons follow
GAP_TO_NEXT = re.compile(r"(?:\s*[\w’'«»\"-]+){0,3}\s*[,;]\s*(?:(?:and|и)\s+)?$", re.IGNORECASE)
TERM_AFTER_NAME = re.compile(r"\s*[–—-]?\s*(?:(?:to|к|на|by)\s+)?$", re.IGNORECASE)
OBJECT_GAP_EN = 60
REFERENCE_WINDOW = 200  # characters around a fact searched for "he", "they", "их"
SEMICOLON = re.compile(";")  # a clause ends at a semicolon


@dataclass(frozen=True)
class Fact:
    kind: str  # event | state | term | article
    start: int
    end: int


@dataclass(frozen=True)
class _Refs:
    singular: re.Pattern[str]
    plural: re.Pattern[str]
    respectively: re.Pattern[str]  # lower case, no word-start check (see _refs)
    objects: re.Pattern[str]  # an object pronoun right after a verb
    preposition: re.Pattern[str]  # ends right before a name that is no subject
    first_person: re.Pattern[str]
    speech: re.Pattern[str]  # right after a name: its speaker
    crowd: re.Pattern[str]  # a counted or uncounted crowd as a clause's subject


@cache
def _refs(lang: str) -> _Refs:
    try:
        data = vocab.load(f"lang/{lang}/reference.yml")
    except FileNotFoundError:
        data = vocab.load("lang/en/reference.yml")

    def words(items: list[str]) -> re.Pattern[str]:
        alt = "|".join(p.replace(" ", r"\s+") for p in sorted(items, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)

    # Searched in the lower-cased text, its word start checked after: a pattern that opens
    # with a plain word is searched for far faster than one that opens with a look-behind.
    respectively = re.compile(rf"(?:{'|'.join(w.lower() for w in data['respectively'])})(?!\w)")
    return _Refs(words(data["singular"]), words(data["plural"]), respectively,
                 re.compile(rf"\s+(?:{'|'.join(data['objects'])})", re.IGNORECASE),
                 re.compile(rf"(?<!\w)(?:{'|'.join(data['prepositions'])})"
                            rf"(?:\s+(?:{'|'.join(data.get('articles') or ['(?!)'])}))?\s+$",
                            re.IGNORECASE),
                 re.compile(rf"(?<!\w)(?:{'|'.join(data['first_person'])})(?!\w)"),
                 re.compile(rf"[\s,]*(?:{'|'.join(data['speech'])})(?!\w)", re.IGNORECASE),
                 words(data.get("crowd") or ["(?!)"]))


@cache
def _function_words(lang: str) -> frozenset[str]:
    """Words after a verb that do not begin its object (data/lang/<lang>/reference.yml)."""
    try:
        data = vocab.load(f"lang/{lang}/reference.yml")
    except FileNotFoundError:
        data = vocab.load("lang/en/reference.yml")
    return frozenset(str(w).casefold() for w in data.get("not_objects") or [])


class Subjects:
    """Answers "whom is this fact about" sentence by sentence, keeping the persons last
    referred to within a paragraph."""

    def __init__(self, text: str, lang: str, names: list[NameMatch], runs: list[Enumeration],
                 functions: list[str | None]) -> None:
        self.text, self.lang, self.names, self.functions = text, lang, names, functions
        self.runs = runs
        self.run_starts = [r.start for r in runs]
        self.starts = [n.start for n in names]
        self.refs = _refs(lang)
        low = lowered(text)
        self.respectively = [m.start() for m in self.refs.respectively.finditer(low)
                             if not low[m.start() - 1:m.start()].isalnum()]
        self.previous: list[int] = []
        self.speaker: list[int] = []  # who "I" is in this paragraph: "X said: “I was ...”"
        self.paragraph_end = -1

    # -- lookups ---------------------------------------------------------------------------
    def _runs_in(self, start: int, end: int) -> list[Enumeration]:
        i = bisect_left(self.run_starts, start)
        j = bisect_left(self.run_starts, end)
        return [r for r in self.runs[i:j] if r.end <= end]

    def _victims(self, run: Enumeration) -> list[int]:
        """The members of a run without a function. When a preposition governs the run's
        first group ("In addition to A and B, journalists C and D received ..."), that group
        is not the subject: the members from the next group on are."""
        members = run.members
        if run.groups and self._governed(run):
            members = members[members.index(run.groups[0]):]
        return [i for i in members if self.functions[i] is None]

    def _before(self, pos: int, lo: int) -> list[int]:
        """Members of the nearest run ending before `pos` (not before `lo`) that names
        someone without a function. A run inside an apposition set off by commas is passed
        over: "A, B and C, victims of the prosecution against D, are tortured" is about A, B
        and C."""
        runs = [r for r in self._runs_in(lo, pos) if self._victims(r)]
        for i in range(len(runs) - 1, -1, -1):
            if i and APPOSITION.fullmatch(self.text, runs[i - 1].end, runs[i].start) \
                    and self.text[runs[i].end:pos].lstrip().startswith(","):
                continue
            return self._victims(runs[i])
        return []

    def _first_after(self, pos: int, hi: int) -> Enumeration | None:
        runs = self._runs_in(pos, hi)
        for run in runs:
            if self._victims(run):
                return run
        return None

    def _reference(self, start: int, end: int, any_reference: bool = False) -> list[int]:
        """The persons a reference word in text[start:end] points back to; with
        `any_reference` the span is known to be one ("him", "их"), whatever its number."""
        if any_reference and self.previous:
            return list(self.previous)
        if self.speaker and self.refs.first_person.search(self.text, start, end):
            return list(self.speaker)
        if self.refs.plural.search(self.text, start, end) and len(self.previous) > 1:
            return list(self.previous)
        if self.refs.singular.search(self.text, start, end) and len(self.previous) == 1:
            return list(self.previous)
        if self.refs.plural.search(self.text, start, end) and self.previous:
            return list(self.previous)
        return []

    # -- rules -----------------------------------------------------------------------------
    def _objects(self, fact: Fact, clause_end: int) -> list[int]:
        """Names an event phrase governs as objects: after an active verb or "of"."""
        text, after = self.text, fact.end
        nominal = NOMINAL.get(self.lang, NOMINAL["en"]).match(text, after)
        if nominal is not None:
            run = self._first_after(nominal.end(), clause_end)
            if run is not None and run.start <= nominal.end() + 40:
                return self._victims(run)
        pronoun = self.refs.objects.match(text, after)
        if self.lang == "ru":
            if not ACTIVE_RU.match(text, fact.start, fact.end):
                return []
            run = self._first_after(after, clause_end)
            if pronoun is not None and (run is None or run.start > pronoun.end()):
                return self._reference(pronoun.start(), pronoun.end(), any_reference=True)
        else:
            if PASSIVE_EN.search(text, fact.start, fact.end):
                return []
            if pronoun is not None:
                return self._reference(pronoun.start(), pronoun.end(), any_reference=True)
            run = self._first_after(after, clause_end)
            if run is None or run.start - after > OBJECT_GAP_EN:
                return []
            gap = _prefix(self.lang).match(text, after, run.start)
            if gap is None or gap.end() != run.start:
                return []
        return self._victims(run) if run is not None else []

    def _inside(self, fact: Fact) -> list[int]:
        """Names inside an event phrase are what it is about: "a request for Tatyana
        Paraskevich's extradition", "accuses Pavlov of"."""
        return [i for run in self._runs_in(fact.start, fact.end) for i in self._victims(run)]

    def _in_note(self, fact: Fact) -> list[int]:
        """A fact inside a bracketed note after names is about those names: "Mikita
        Kharlovich (sentenced to 5 years in prison); Dzmitry ..."."""
        i = bisect_right(self.run_starts, fact.start) - 1
        if i < 0:
            return []
        for start, end, covered in self.runs[i].notes:
            if start <= fact.start < end:
                return [k for k in covered if self.functions[k] is None]
        return []

    def _transitive(self, fact: Fact) -> bool:
        """An event verb in the active voice followed by its object ("Lukashenka granted parole
        to four participants", "Лукашенко помиловал четырех участников"): whoever is named
        before it acted, nothing happened to them. A verb followed by a preposition, a date or
        nothing ("Maks Bokayev sentenced to five years", a headline) is not."""
        text = self.text
        if self.lang == "ru":
            active = ACTIVE_RU.match(text, fact.start, fact.end) is not None
        else:
            active = PASSIVE_EN.search(text, fact.start, fact.end) is None
        if not active:
            return False
        nxt = NEXT_WORD.match(text, fact.end)
        return nxt is not None and nxt.group(1).casefold() not in _function_words(self.lang)

    def _dash_run(self, fact: Fact, hi: int) -> list[int]:
        """The names after a dash that follows a term: "10.5 years – Omirbek Kurbanov"."""
        dash = DASH_RUN.match(self.text, fact.end)
        if dash is None:
            return []
        run = self._first_after(dash.end(), hi)
        return self._victims(run) if run is not None and run.start == dash.end() else []

    def _continued(self, objects: list[int], terms: list[Fact], hi: int) -> list[int]:
        """Names after the objects that each carry their own term (an elided verb)."""
        out = list(objects)
        pos = self.names[objects[-1]].end
        for k in range(objects[-1] + 1, len(self.names)):
            name = self.names[k]
            if name.start >= hi:
                break
            term = next((t for t in terms if pos <= t.start < name.start), None)
            nxt = next((t for t in terms if t.start >= name.end), None)
            if term is None or nxt is None or self.functions[k] is not None \
                    or not GAP_TO_NEXT.match(self.text[term.end:name.start]) \
                    or not TERM_AFTER_NAME.match(self.text[name.end:nxt.start]):
                break
            out.append(k)
            pos = name.end
        return out

    def _respectively(self, start: int, end: int, terms: list[Fact]) -> dict[Fact, list[int]]:
        i = bisect_left(self.respectively, start)
        if len(terms) < 2 or i == len(self.respectively) or self.respectively[i] >= end:
            return {}
        for run in self._runs_in(start, end):
            after = [t for t in terms if t.start > run.end]
            if len(run.members) > 1 and len(after) == len(run.members):
                return {t: [m] for t, m in zip(after, run.members, strict=True)}
        return {}

    # -- a sentence --------------------------------------------------------------------------
    def sentence(self, start: int, end: int, facts: list[Fact], default: list[int],
                 leads: list[tuple[int, int, list[int]]] = ()) -> dict[Fact, list[int]]:  # type: ignore[assignment]
        """The persons each fact of the sentence text[start:end] is about (name indexes).
        `leads` are lead-ins ((start, end, names)) whose facts are said of the names they
        govern ("suspects under Article 405: A, B and C")."""
        if start > self.paragraph_end:
            self.previous, self.speaker = list(default), []
            nl = self.text.find("\n", end)
            self.paragraph_end = len(self.text) if nl == -1 else nl
        if not facts:
            self._remember(start, end, {})
            return {}
        clauses = [start] + [m.end() for m in SEMICOLON.finditer(self.text, start, end)]
        terms = [f for f in facts if f.kind != "event"]
        out = self._respectively(start, end, [f for f in facts if f.kind == "term"])
        last_event: list[int] = []
        for fact in facts:
            if fact in out:
                continue
            lo = clauses[bisect_right(clauses, fact.start) - 1]
            nxt = bisect_right(clauses, fact.start)
            hi = clauses[nxt] if nxt < len(clauses) else end
            who = next((list(names) for a, b, names in leads if a <= fact.start < b), [])
            who = who or self._in_note(fact)
            if who:
                out[fact] = who
                continue
            agent = False  # the names before an active verb with an object are its agent
            if fact.kind == "event":
                who = self._inside(fact) or self._objects(fact, hi)
                if who:
                    who = self._continued(who, terms, end)
                agent = not who and self._transitive(fact)
            elif fact.kind == "term":
                who = self._dash_run(fact, hi)
            if not agent:
                who = who or self._before(fact.start, lo)
            near = max(lo, fact.start - REFERENCE_WINDOW)
            if not who and fact.kind in ("event", "state") and self._crowd(near, fact.start):
                out[fact] = []  # "more than 300 protesters were detained": no one person
                continue
            if not who and fact.kind in ("term", "article"):
                who = last_event
            if not who and self.lang == "ru":  # free word order: "К году приговорили A и B"
                run = self._first_after(fact.end, hi)
                who = self._victims(run) if run is not None else []
            who = who or self._reference(near, fact.end) or list(default)
            if not who and fact.kind in ("event", "state"):
                who = self._reference(near, min(hi, fact.end + REFERENCE_WINDOW))
            out[fact] = who
            if fact.kind == "event" and who:
                last_event = who
        self._remember(start, end, out)
        return out

    def _crowd(self, lo: int, pos: int) -> bool:
        """A crowd is the subject of the clause up to `pos`, and no "he" or "they" is there
        too ("He was one of hundreds detained" is still about him)."""
        refs = self.refs
        return refs.crowd.search(self.text, lo, pos) is not None \
            and refs.singular.search(self.text, lo, pos) is None \
            and refs.plural.search(self.text, lo, pos) is None

    def _remember(self, start: int, end: int, out: dict[Fact, list[int]]) -> None:
        """Who the next sentence's "he", "they" or "I" may mean: the persons this one's facts
        are about, else the persons it names (not after a preposition); a name followed by
        "said" speaks the quotation."""
        runs = self._runs_in(start, end)
        if not runs and not out:
            return
        assigned = [i for who in out.values() for i in who]
        named = [] if assigned else [
            i for run in runs if not self._governed(run) for i in self._victims(run)]
        self.previous = list(dict.fromkeys(assigned or named)) or self.previous
        for run in runs:
            if self.refs.speech.match(self.text, self.names[run.members[-1]].end):
                self.speaker = self._victims(run) or self.speaker

    def _governed(self, run: Enumeration) -> bool:
        """A run after a preposition ("chief of security for Mukhtar Ablyazov") is not what
        the next sentence's "he" or "they" refers to."""
        pos = run.start
        if self.refs.preposition.search(self.text, max(0, pos - 25), pos) is not None:
            return True
        if self.names[run.members[0]].role is None:
            return False  # no role word between a preposition and the name
        role = role_before(self.text, pos, self.lang)
        if role is None:  # the role was carried from an earlier name of the list
            return False
        pos = role[2]  # "for the opposition politician Serik Zhakenov"
        return self.refs.preposition.search(self.text, max(0, pos - 25), pos) is not None

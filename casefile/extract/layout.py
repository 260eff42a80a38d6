"""The layout of a document: which persons a list names, and what it says of them.

Publishers lay lists out in many ways, and the reading here is of the layout, not of one
publisher:
- numbered or bulleted entries that open with a name ("1. Zhaksylyk ABDULLAYEV – 5 years'
  imprisonment ..."), and paragraphs that open with a name and a dash or stand alone as a
  name ("Political prisoner Aksana Zaretskaya — ...", a profile headed "Aleksandr Pavlov"):
  the entry's text belongs to its person;
- a heading that states a list kind or a status ("List of political prisoners",
  "CONVICTED", "Under house arrest"), governing the entries and lines below it;
- a lead-in that ends in a colon, on a line of its own ("18 political prisoners are held:")
  governing the bulleted lines after it, or inside a line or sentence ("... were released:
  A, B and C"), governing the names after the colon up to the sentence end;
- bulleted lines that are names with a few label words ("— The Crimean Tatars A, B and C;",
  "• Maks Bokayev, Mukhtar Dzhakishev, ...");
- a bracketed note after a name or a run of names ("A (he is being held in detention)");
- a numbered or bulleted line that continues a list of persons (the next number, the same
  bullet) but opens with no readable name ("2. Name withheld at the family's request – 2
  years"): an `Unreadable` entry. It ends the entry above, so nothing in it is credited to
  that person; what it states goes to an editor (casefile.extract.document flags it).
Each person so placed is a `Member` whose status comes from the cues around it, innermost
first (casefile.extract.cues.resolve). A prose paragraph ends a lead-in's reach; a heading or a
section start ("Annex", "Conclusions") ends a heading's. Tables flattened to text (cells split
by tabs or runs of spaces) are lines like any other: a row that opens with a name is an entry.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from casefile import vocab
from casefile.extract import cues
from casefile.extract.cues import Cue
from casefile.extract.enumerations import Enumeration
from casefile.extract.persons import role_pattern
from casefile.extract.types import NameMatch

NUMBERED = re.compile(r"(?P<num>\d{1,4})\s*[.)]\s+(?=\S)")
BULLET = re.compile(r"[•▪●◦∙·*\-–—]\s*(?=\S)")
MAX_HEADING = 160
AFTER_ENTRY_NAME = re.compile(r"\s*(?:[–—:]|-\s|\(|$|\.\s*$|\t|\s{3})")
MAX_PREFIX_WORDS = 5  # label words before the names of a bulleted line ("The Crimean Tatars")
# "Defendants: A, B" / "Статьи: статья 405 часть 2": a line of a case card (labelled fields).
CARD_LINE = re.compile(r"[^\W\d_][\w .’'/-]{0,30}:\s*\S")
TABLE_ROW = re.compile(r"\t|\S {3,}\S")  # cells split by tabs or runs of spaces
LEAD_IN_MARK = re.compile(r":|\s[–—]\s")  # what ends a lead-in before the names it governs
MIN_RUN = 3  # names listed together in a political-prisoner document are its list


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Member:
    """A person a list places under a cue: the mention, what the cues say, and the span quoted
    for it (the entry's first line, or the lead-in or heading and the names)."""

    name: int  # index into the document's names
    status: cues.Status | None
    kind: str | None
    category: str | None
    list_title: str | None
    number: int | None
    quote: tuple[int, int]


@dataclass(frozen=True)
class Entry:
    """An entry whose text belongs to one person unless a sentence names someone else."""

    name: int
    start: int
    end: int
    first_line_end: int
    number: int | None


@dataclass(frozen=True)
class Unreadable:
    """A list entry whose person cannot be read: what the list says there is about someone,
    but not about anyone named."""

    start: int
    end: int
    number: int | None
    status: cues.Status | None
    kind: str | None
    list_title: str | None


@dataclass
class Layout:
    entries: list[Entry] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    profile: bool = False  # the document opens with a person's name as its title
    # lead-in span -> the names it governs: what the lead-in says ("suspects under Article
    # 405:") is said of each of them
    leads: dict[tuple[int, int], list[int]] = field(default_factory=dict)


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
        and not NUMBERED.match(line)
        and not BULLET.match(line)
    )


def _mostly_heading_case(line: str) -> bool:
    """Status headings are short or set in capitals; a long sentence-case line is a category
    that merely mentions a status word ("Persecuted for participation in ...")."""
    letters = [c for c in line if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(line) <= 40 or upper >= 0.8 * max(1, len(letters))


@cache
def _prefix(lang: str) -> re.Pattern[str]:
    """Label and role words that may stand before the first name of an entry."""
    listing = vocab.load(f"lang/{lang}/listing.yml")
    try:
        roles = vocab.load(f"lang/{lang}/persons.yml")["roles"]
    except FileNotFoundError:
        roles = vocab.load("lang/en/persons.yml")["roles"]
    role_alt = re.sub(r"\(\?P<r\d+>", "(?:", role_pattern(roles)[0])
    labels = "|".join(p.replace(" ", r"\s+") for p in listing.get("labels") or [])
    plural = r"(?:e?s)?" if lang == "en" else ""
    return re.compile(rf"(?:\W*(?:(?:{role_alt}){plural}|{labels})(?!\w))*\W*", re.IGNORECASE)


class _Reader:
    """One pass over the lines, keeping the cues in force."""

    def __init__(self, text: str, lang: str, names: list[NameMatch],
                 runs: list[Enumeration], sentences: list[tuple[int, int]],
                 functions: list[str | None]) -> None:
        self.text, self.lang, self.names, self.runs = text, lang, names, runs
        self.functions = functions
        self.starts = [n.start for n in names]
        self.run_of = {i: r for r in runs for i in r.members}
        self.run_starts = [r.start for r in runs]
        self.sentence_ends = [e for _, e in sentences]
        self.out = Layout()
        self.title: tuple[Cue, str] | None = None
        self.heading: Cue = cues.NONE
        self.category: str | None = None
        self.block: tuple[Cue, tuple[int, int]] | None = None
        self.entry: dict | None = None
        self.card: list = []  # [start, end, lines, names] of the labelled fields being read

    # -- helpers -----------------------------------------------------------------------
    def names_in(self, start: int, end: int) -> list[int]:
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        return [k for k in range(i, j) if self.names[k].end <= end]

    def sentence_end(self, pos: int) -> int:
        i = bisect_left(self.sentence_ends, pos + 1)
        return self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)

    def opens_with(self, start: int, end: int) -> int | None:
        """The first name of text[start:end] when only label words stand before it."""
        found = self.names_in(start, end)
        if not found:
            return None
        first = found[0]
        m = _prefix(self.lang).match(self.text, start, self.names[first].start)
        return first if m is not None and m.end() == self.names[first].start else None

    def names_line(self, line: Line, body: int) -> list[int] | None:
        """The names of a bulleted line that is a few label words and a run of names."""
        found = self.names_in(body, line.end)
        if not found:
            return None
        first = self.names[found[0]]
        prefix = self.text[body:first.start]
        if len(prefix.split()) > MAX_PREFIX_WORDS or re.search(r"[\d.:;!?]", prefix):
            return None
        run = self.run_of.get(found[0])
        members = list(run.members) if run is not None else [found[0]]
        tail = self.text[self.names[members[-1]].end:line.end]
        tail = re.sub(r"\([^()]*\)", "", tail)
        return members if len(tail.strip(" ;,.–—-")) <= 3 else None

    def chain(self, *inner: Cue) -> list[Cue]:
        out = [c for c in inner if c]
        if self.block is not None:
            out.append(self.block[0])
        out.append(self.heading)
        if self.title is not None:
            out.append(self.title[0])
        return out

    def add(self, name: int, chain: list[Cue], quote: tuple[int, int],
            number: int | None = None) -> None:
        if self.functions[name] is not None:
            return  # a judge or a relative named in a list line is not on the list
        if self.block is not None:
            self.out.leads.setdefault(self.block[1], []).append(name)
        note = self.note_cue(name)
        full = [note, *chain] if note else chain
        self.out.members.append(Member(
            name, cues.resolve(full), cues.kind_of(full), self.category,
            self.title[1] if self.title else None, number, quote))

    def note_cue(self, name: int) -> Cue:
        run = self.run_of.get(name)
        for start, end, covered in run.notes if run else ():
            if name in covered:
                return cues.read(self.text, self.lang, start, end)
        return cues.NONE

    def close_entry(self) -> None:
        if self.entry is not None:
            entry, self.entry = self.entry, None
            entry.pop("kind")
            entry.pop("marker", None)
            chain = entry.pop("chain", None)
            if entry["name"] is None:
                self.out.unreadable.append(Unreadable(
                    entry["start"], entry["end"], entry["number"], cues.resolve(chain),
                    cues.kind_of(chain), self.title[1] if self.title else None))
            else:
                self.out.entries.append(Entry(**entry))

    def continues_list(self, marker: tuple[str, int | str] | None) -> bool:
        """Whether a marked line is the next entry of the person list being read: the next
        number after a numbered entry, or the same bullet."""
        if marker is None or self.entry is None or self.entry.get("marker") is None:
            return False
        kind, value = marker
        before_kind, before = self.entry["marker"]
        if kind != before_kind:
            return False
        return value == before + 1 if kind == "num" else value == before

    def unreadable(self, line: Line, body: int, number: int | None,
                   marker: tuple[str, int | str]) -> None:
        self.close_entry()
        self.entry = dict(name=None, start=body, end=line.end, first_line_end=line.end,
                          number=number, kind="unreadable", marker=marker,
                          chain=self.chain())

    # -- the pass ------------------------------------------------------------------------
    def read(self) -> Layout:
        first = True
        for line in lines(self.text):
            self.card_line(line)
            self.line(line, first)
            first = False
        self.close_entry()
        self.close_card()
        self.labelled()
        self.recognised()
        return self.out

    def recognised(self) -> None:
        """A sentence that puts persons on a list ("Viasna recognised A and B as political
        prisoners", "Впервые в список были добавлены ... A, B и C") places every name it
        lists, on the list kind it names or its paragraph named before it."""
        placed = {m.name for m in self.out.members}
        for start, _end in cues.recognitions(self.text, self.lang):
            s, e = self.sentence_start(start), self.sentence_end(start)
            paragraph = self.text.rfind("\n", 0, s) + 1
            kind = cues.kind_in(self.text, self.lang, s, e) or \
                cues.kind_in(self.text, self.lang, paragraph, s) or \
                (self.title[0].kind if self.title else None)
            if kind not in ("political_prisoners", "persecuted"):
                continue
            for k in self.names_in(s, e):
                if k not in placed and self.functions[k] is None \
                        and self.names[k].form != "family":
                    placed.add(k)
                    self.out.members.append(Member(
                        k, cues.resolve([Cue(kind, ())]), kind, None, None, None, (s, e)))

    def labelled(self) -> None:
        """Anyone the publisher titles a political prisoner where they are named ("political
        prisoner Danebaev T.") is on its list, whatever the layout around."""
        placed = {m.name for m in self.out.members}
        for k, n in enumerate(self.names):
            run = self.run_of.get(k)
            if k in placed or (run is not None and run.members[0] != k):
                continue  # a title before a run of names covers the run
            label = cues.label_before(self.text, n.start, self.lang)
            if label is None:
                continue
            status = cues.Status("released", True) if label.former else \
                cues.resolve([Cue(label.kind, ())])
            quote = (self.sentence_start(n.start), self.sentence_end(n.start))
            for m in run.members if run is not None else (k,):
                if m not in placed and self.functions[m] is None:
                    self.out.members.append(Member(m, status, label.kind, None, None, None,
                                                   quote))

    def card_line(self, line: Line) -> None:
        """Consecutive "Label: value" lines are one case card: the persons its fields name
        are who its other fields (articles, sanctions) speak of."""
        if CARD_LINE.match(line.text) is None:
            self.close_card()
            return
        if not self.card:
            self.card = [line.start, line.end, 0, []]
        self.card[1] = line.end
        self.card[2] += 1
        self.card[3].extend(k for k in self.names_in(line.start, line.end)
                            if self.functions[k] is None)

    def close_card(self) -> None:
        if self.card and self.card[2] >= 2 and self.card[3]:
            self.out.leads[(self.card[0], self.card[1])] = list(dict.fromkeys(self.card[3]))
        self.card = []

    def line(self, line: Line, first: bool) -> None:
        prefix = NUMBERED.match(line.text) or BULLET.match(line.text)
        body = line.start + (prefix.end() if prefix else 0)
        number = int(prefix["num"]) if prefix and "num" in prefix.groupdict() else None
        marker = _marker(prefix, number)
        head = self.opens_with(body, line.end)
        mark = self.inline_colon(line, body)
        if mark is not None and (head is None or mark < self.names[head].start):
            self.lead_in(line, body, mark, number)
            if prefix is None:
                self.heading_entry(line)
            return
        full = head is not None and self.names[head].form != "family"
        after = self.names[head].end if head is not None else 0
        # A numbered or bulleted line that opens with a name is that person's entry; an
        # unmarked line only when the name stands alone or is followed by a dash or a colon.
        entry_like = full and (prefix is not None or AFTER_ENTRY_NAME.match(
            self.text, after, line.end) is not None)
        # Under a lead-in ("... recognised four more people as political prisoners:"), each
        # paragraph that opens with a name is that person's entry.
        if full and prefix is None and self.block is not None:
            entry_like = True
        if entry_like and head is not None:
            self.close_entry()
            members = self.names_line(line, body) if prefix else None
            if members and len(members) > 1:
                for k in members:
                    self.add(k, self.chain(), (line.start, line.end), number)
                return
            kind = "numbered" if prefix else "profile" if first else "paragraph"
            self.entry = dict(name=head, start=body, end=line.end, first_line_end=line.end,
                              number=number, kind=kind, marker=marker)
            self.out.profile = self.out.profile or kind == "profile"
            # A table row's other cells say what the row's person is ("\tin prison\t...").
            row = cues.read(self.text, self.lang, self.names[head].end, line.end) \
                if TABLE_ROW.search(line.text) else cues.NONE
            self.add(head, self.chain(row), (body, line.end), number)
            return
        if not entry_like and self.continues_list(marker) \
                and not (prefix and self.names_line(line, body)):
            self.unreadable(line, body, number, marker)  # type: ignore[arg-type]
            return
        if head is None and is_heading(line.text[prefix.end():] if prefix else line.text) \
                and (prefix is None or NUMBERED.match(line.text)):
            self.close_entry()  # also a numbered chapter heading: "1. The political prisoners"
            self.heading_line(Line(body, line.end, self.text[body:line.end]))
            self.heading_entry(line)
            return
        if line.text.endswith(":"):
            self.close_entry()
            self.block = (cues.read(self.text, self.lang, body, line.end), (body, line.end))
            self.title_from(self.block[0], line)
            return
        if prefix is not None:
            members = self.names_line(line, body)
            if members:
                self.close_entry()
                for k in members:
                    self.add(k, self.chain(), (line.start, line.end), number)
                return
        elif self.entry is None:
            self.block = None  # a prose paragraph ends a lead-in's reach
            self.runs_of_list(line)
        if self.entry is not None:
            self.entry["end"] = line.end

    def heading_entry(self, line: Line) -> None:
        """A heading that ends with one person's name ("News on political prisoner Tatsiana
        Kaneuskaya", "Letters from prisoners: Dzmitry Kubarau") heads a section about them:
        like an entry, its text belongs to that person."""
        names = [k for k in self.names_in(line.start, line.end)
                 if self.names[k].form == "full" and self.functions[k] is None]
        if len(names) != 1 or self.text[self.names[names[0]].end:line.end].strip(" .:;,–—-"):
            return
        self.close_entry()
        self.entry = dict(name=names[0], start=line.start, end=line.end,
                          first_line_end=line.end, number=None, kind="heading")

    def runs_of_list(self, line: Line) -> None:
        """In a document about political prisoners, names listed together in prose are its
        list ("Это крымские татары A, B и C, граждане Украины D, E ...")."""
        if self.title is None or self.title[0].kind not in ("political_prisoners", "persecuted"):
            return
        i = bisect_left(self.run_starts, line.start)
        for run in self.runs[i:bisect_left(self.run_starts, line.end)]:
            if run.end <= line.end:
                members = [k for k in run.members if self.functions[k] is None]
                if len(members) >= MIN_RUN:
                    span = (self.sentence_start(run.start), self.sentence_end(run.end))
                    for k in members:
                        self.add(k, self.chain(), span)

    def title_from(self, cue: Cue, line: Line) -> None:
        if cue.kind in ("political_prisoners", "persecuted", "sanctions") and self.title is None:
            self.title = (Cue(cue.kind, ()), line.text)

    def heading_line(self, line: Line) -> None:
        self.block = None
        if cues.is_section_start(line.text, self.lang):
            self.title, self.heading, self.category = None, cues.NONE, None
        cue = cues.read(self.text, self.lang, line.start, line.end)
        specific = cue.statuses and not set(cue.statuses) <= {cues.HELD, cues.PROSECUTED}
        if cue.kind is not None:
            # A title's statuses govern the entries below only when it is set as a heading:
            # "CONVICTED POLITICAL PRISONERS", not "Lukashenka released 4 political prisoners".
            if self.title is None or self.title[0].kind != cue.kind:
                self.title = (Cue(cue.kind, ()), line.text)
            self.heading = Cue(None, cue.statuses) if _mostly_heading_case(line.text) \
                else cues.NONE
            self.category = None
        elif specific and _mostly_heading_case(line.text):
            self.heading, self.category = cue, None
        elif not cues.is_section_start(line.text, self.lang):
            self.category = line.text

    def inline_colon(self, line: Line, body: int) -> int | None:
        """A colon inside the line followed (after label words) by a name; or a dash after a
        cue ("Имена новых политзаключенных — A, B, ...")."""
        for m in LEAD_IN_MARK.finditer(self.text, body, line.end):
            mark = m.start()
            if self.opens_with(m.end(), self.sentence_end(mark)) is None:
                continue
            if m.group().strip() == ":" or cues.read(
                    self.text, self.lang, max(body, self.sentence_start(mark)), mark):
                return mark
        return None

    def lead_in(self, line: Line, body: int, colon: int, number: int | None) -> None:
        """"<cue>: A, B and C" inside a line: the names up to the sentence end."""
        self.close_entry()
        if number is None and not BULLET.match(line.text):
            self.block = None  # a prose lead-in stands alone; a bulleted one nests in the block
        start = max(body, self.sentence_start(colon))
        cue = cues.read(self.text, self.lang, start, colon)
        end = self.sentence_end(colon)
        names = [k for k in self.names_in(colon + 1, end) if self.functions[k] is None]
        for k in names:
            self.add(k, self.chain(cue), (start, end), number)
        if names:
            self.out.leads[(start, colon)] = names

    def sentence_start(self, pos: int) -> int:
        i = bisect_left(self.sentence_ends, pos + 1)
        return self.sentence_ends[i - 1] if i > 0 else 0


def _marker(prefix: re.Match[str] | None, number: int | None) -> tuple[str, int | str] | None:
    """What marks a list line: its number, or its bullet character."""
    if prefix is None:
        return None
    return ("num", number) if number is not None else ("bullet", prefix.group()[0])


def read_layout(text: str, lang: str, names: list[NameMatch], runs: list[Enumeration],
                sentences: list[tuple[int, int]], functions: list[str | None]) -> Layout:
    """Entries and list members of `text` (see the module notes). `functions` says which
    names are officials, lawyers or relatives (casefile.extract.roles): never list members."""
    return _Reader(text, lang, names, runs, sentences, functions).read()

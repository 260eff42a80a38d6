"""Rejoin the paragraphs of a laid-out document: lines of a paragraph become one line again.

A PDF keeps where each line was drawn, not which lines make a paragraph, and the extractors
read a line break as the end of a sentence and a line as a list entry. So lines are rejoined
here, before the text is stored (the stored text is what claims quote; the raw bytes stay in
the blob store unchanged). Every boundary between two lines is decided in this order:

1. a line that opens a list item (a bullet, a dash after a closed line, "1." / "1)" that
   continues the numbering or starts it after a closed line) starts a new line ("\\n");
2. a boundary the source marks itself (a DOCX paragraph) stays, and a table row (cells
   separated by tabs) keeps its own line;
3. the geometry of a PDF page, when known: a vertical gap larger than the page's line pitch
   is a paragraph break ("\\n\\n"); a change of font size, an indented first line, or a return
   to the margin after an indented block start a new line; in typed text, the same two
   changes of indentation do;
4. a heading stays on its own line: a line without final punctuation followed by a capital,
   when it is in capitals or the next line's first word would have fitted on it; so does each
   line of a block that never runs on like prose (rows, names one per line);
5. a line ending a sentence (. ! ? … : ;) ends its paragraph when the next word would have
   fitted on it, or when a heading follows;
6. anything else is one paragraph: joined with a space, or with nothing where a word was
   broken by a hyphen (hyphens.py decides whether the hyphen stays).

"Would have fitted" is estimated from the characters' widths against where the column's lines
end (pagelines.fits): crude for proportional fonts, so it asks for a 15 % margin, and it is
not asked at all in a column whose usual line holds only a word or two. Plain text wrapped at
a fixed width (hardwrap.py) is counted in characters against that width.

When the source's line breaks are deliberate (DOCX line breaks), a paragraph whose breaks
never run on (no line continues in lower case or after a hyphen: names one per line, an
address) keeps them all unless a sentence plainly runs on (`_deliberate`); a paragraph whose
breaks do run on is text pasted from a laid-out page and is read by rules 4-6. Nothing here
knows words of a language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from casefile.sources.hyphens import SOFT_HYPHEN, Spellings, broken_word
from casefile.sources.pagelines import (
    OPENERS,
    Layout,
    Line,
    fits,
    layout_of,
    runs_on,
    title_block,
)

# Bullets that only ever open a list item, and dashes that do after a closed line.
BULLET = re.compile(r"[•▪●◦‣⁃∙○■□►➢✓]\s")
DASH = re.compile(r"[-–—*]\s+\S")
NUMBER = re.compile(r"\(?(\d{1,4})[.)]\s+\S")
LETTER = re.compile(r"\(?[^\W\d_]\)\s+\S")
CLOSERS = "\"'”’»)]"
SENTENCE_END = ".!?…:;"
NOT_HEADING_END = ".,;:!?…-‐‑–—(/\u00ad"
LONG_LINE = 50  # characters: a typed line this long that stops mid-sentence was wrapped
GAP = 1.4  # a baseline distance over this many line pitches is a paragraph break
INDENT = 2  # characters: a typed line indented this much more or less than the last one
PARA, LINE, JOIN = "\n\n", "\n", " "


@dataclass(frozen=True)
class Seam:
    """What goes between a line and the one before it: `between` is PARA or LINE (a new
    paragraph or line), JOIN (the same paragraph) or "" (the rest of a word broken at the
    line end); `unhyphen` when the hyphen ending the line before goes with the break."""

    between: str
    unhyphen: bool = False

    @property
    def joins(self) -> bool:
        return self.between in (JOIN, "")


def reflow(lines: Sequence[Line], *, deliberate: bool = False,
           wrap_width: int | None = None) -> str:
    """The text of `lines` with paragraphs rejoined, one paragraph (or list item) per line;
    `wrap_width` is the width typed lines (plain text) were wrapped at, in characters.

    Footnotes (`note` lines) are read apart and put after the paragraph they interrupted, so
    that a paragraph running over a page break stays one."""
    lines = _nonblank(lines)
    notes: list[tuple[int, list[Line]]] = []  # (lines of text before them, the notes)
    text: list[Line] = []
    for ln in lines:
        if not ln.note:
            text.append(ln)
        elif notes and notes[-1][0] == len(text):
            notes[-1][1].append(ln)
        else:
            notes.append((len(text), [ln]))
    if not text:
        return _paragraphs(lines, deliberate, wrap_width)
    return _paragraphs(text, deliberate, wrap_width, notes)


def seams(lines: Sequence[Line], *, wrap_width: int | None = None) -> list[Seam]:
    """What goes between each line of `lines` and the one before it (one Seam per line after
    the first). The lines must have text and no surrounding whitespace: a caller that keeps
    the source's own separators where a line break stays (hardwrap.py) needs them aligned."""
    return list(_seams(lines, False, wrap_width)) if lines else []


def _paragraphs(lines: list[Line], deliberate: bool, wrap_width: int | None,
                notes: list[tuple[int, list[Line]]] | None = None) -> str:
    """Reflow `lines`; each block of `notes` goes in after the paragraph that holds the line
    it followed."""
    if not lines:
        return ""
    pending = list(reversed(notes or []))  # next block last, to pop
    out = [lines[0].text]  # one chunk per line and separator: a hyphen is cut from a line
    for i, seam in enumerate(_seams(lines, deliberate, wrap_width), 1):
        if seam.unhyphen:
            out[-1] = out[-1][:-1]
        if not seam.joins:
            while pending and pending[-1][0] <= i:
                out.extend((LINE, _paragraphs(pending.pop()[1], deliberate, wrap_width)))
        out.extend((seam.between, lines[i].text))
    for _, block in reversed(pending):
        out.extend((LINE, _paragraphs(block, deliberate, wrap_width)))
    return "".join(out).replace(SOFT_HYPHEN, "")


def _seams(lines: Sequence[Line], deliberate: bool, wrap_width: int | None) -> Iterator[Seam]:
    """The Seam before each line of `lines` after the first, in order."""
    spellings = Spellings.of(ln.text for ln in lines)
    layout = layout_of(lines, wrap_width)
    kept = _kept_breaks(lines) if deliberate else [False] * len(lines)
    opened = lines[0]  # the line that opened the current paragraph
    number = _number(lines[0].text) or 0  # the last list number seen
    for i in range(1, len(lines)):
        a, b, c = lines[i - 1], lines[i], lines[i + 1] if i + 1 < len(lines) else None
        sep, n = _boundary(a, b, c, opened, number, layout, kept[i])
        if sep == JOIN:
            keep = broken_word(a.text, b.text, spellings)
            yield Seam(JOIN) if keep is None else Seam("", unhyphen=not keep)
        else:
            opened, number = b, number if n is None else n
            yield Seam(sep)


def _nonblank(lines: Sequence[Line]) -> list[Line]:
    """Lines stripped, blank ones left out; a boundary marked on a blank line moves on to the
    next line that has text."""
    out: list[Line] = []
    pending = False
    for ln in lines:
        text = ln.text.strip()
        if not text:
            pending = pending or ln.hard
            continue
        out.append(replace(ln, text=text, hard=ln.hard or pending))
        pending = False
    return out


def _boundary(a: Line, b: Line, c: Line | None, opened: Line, number: int, layout: Layout,
              kept: bool) -> tuple[str, int | None]:
    """What goes between lines `a` and `b` (`c` follows `b`), and `b`'s number when it opens
    a numbered item."""
    item, n = _opens_item(a, b, opened, number, layout)
    if item:
        return LINE, n
    if b.hard or "\t" in a.text or "\t" in b.text:
        return LINE, None  # a paragraph the source marks, or a table row
    if kept:
        return _deliberate(a, b), None
    in_item = _marker_of(opened.text) is not None
    geometry = _geometry(a, b, layout, a is opened, in_item) or _indents(a, b, a is opened, in_item)
    return geometry or _text(a, b, c, layout, in_item), None


def _opens_item(a: Line, b: Line, opened: Line, number: int,
                layout: Layout) -> tuple[bool, int | None]:
    """Does `b` open a list item? Also the item's number, to follow the numbering."""
    kind = _marker_of(b.text)
    if kind is None:
        return False, None
    n = _number(b.text)
    if b.item or kind == "bullet":
        return True, n
    after_break = closed(a.text) or (
        _heading_shape(a.text) and (_caps(a.text) or fits(a, b, layout)))
    if kind == "number":
        return (n == number + 1 or (n in (0, 1) and after_break)), n
    same_kind = _marker_of(opened.text) == kind and (kind != "dash" or opened.text[0] == b.text[0])
    return after_break or same_kind, None


def _marker_of(text: str) -> str | None:
    if BULLET.match(text):
        return "bullet"
    if NUMBER.match(text):
        return "number"
    if DASH.match(text):
        return "dash"
    if LETTER.match(text):
        return "letter"
    return None


def _number(text: str) -> int | None:
    found = NUMBER.match(text)
    return int(found.group(1)) if found else None


def _geometry(a: Line, b: Line, layout: Layout, a_opens: bool, in_item: bool) -> str | None:
    """The break the page geometry shows between `a` and `b`, or None when it shows none."""
    if a.page != b.page or a.x is None or b.x is None or a.y is None or b.y is None:
        return None
    if not (a.size and b.size and a.size > 0 and b.size > 0):
        return None
    size = max(a.size, b.size)
    drop = a.y - b.y
    if drop <= 0.3 * size:
        return None  # a new column or a jump up the page: only the text can tell
    if drop > GAP * layout.pitch * size:
        return PARA
    if abs(a.size - b.size) > 0.15 * size:
        return LINE
    indent = b.x - a.x
    if indent > 0.8 * size and not (a_opens and in_item):
        return LINE  # first line of an indented paragraph, or the start of an indented block
    if indent < -0.8 * size and not a_opens:
        return LINE  # back to the margin after an indented block or a list item
    return None


def _indents(a: Line, b: Line, a_opens: bool, in_item: bool) -> str | None:
    """The break typed indentation shows: an indented first line, or a return to the margin
    after an indented block (the continuation lines of a list item hang under its text)."""
    if a.x is not None or b.x is not None:
        return None
    if b.indent - a.indent >= INDENT and not (a_opens and in_item):
        return LINE
    if a.indent - b.indent >= INDENT and not a_opens:
        return LINE
    return None


def _kept_breaks(lines: Sequence[Line]) -> list[bool]:
    """For each line: are the breaks of its paragraph (lines up to the next `hard` one) the
    writer's own? They are unless one of them runs on into lower case or after a hyphen."""
    out: list[bool] = []
    start = 0
    for end in range(1, len(lines) + 1):
        if end == len(lines) or lines[end].hard:
            para = lines[start:end]
            wrapped = any(runs_on(a, b) for a, b in zip(para, para[1:], strict=False))
            out.extend([not wrapped] * len(para))
            start = end
    return out


def _deliberate(a: Line, b: Line) -> str:
    """A break the writer typed stays, unless the sentence plainly runs on: the next line
    starts in lower case, or a long line stops on a lower-case word (text converted from a
    laid-out page keeps a break at every line end)."""
    if not _capital(b.text):
        return JOIN
    words = a.text.split()
    wrapped = len(a.text) >= LONG_LINE and _heading_shape(a.text) and words[-1][:1].islower()
    return JOIN if wrapped else LINE


def _text(a: Line, b: Line, c: Line | None, layout: Layout, in_item: bool) -> str:
    """The break the words show between `a` and `b`: a line break or a join."""
    if not _capital(b.text):
        return JOIN
    if _heading_shape(a.text):
        if _caps(a.text):
            return JOIN if _caps(b.text) else LINE  # a heading in capitals, maybe wrapped
        if _heading(a, b, layout) or _rows(a, b, layout):
            return LINE
        if in_item and b.text.rstrip(CLOSERS).endswith(":"):
            return LINE  # a lead-in after a list item ends the item: "Released:"
        return JOIN
    if closed(a.text) and (fits(a, b, layout) or c is not None and _heading(b, c, layout)):
        return LINE  # a paragraph ends: its last line was short, or a heading follows
    return JOIN


def _rows(a: Line, b: Line, layout: Layout) -> bool:
    """Are `a` and `b` lines of a block that never runs on, such as table rows or names one
    per line, rather than a wrapped paragraph? They start at one left edge where no line
    continues into the next; a title set larger than the text is not such a block."""
    if a.x is None or b.x is None or a.page != b.page or round(a.x) != round(b.x):
        return False
    edge = (a.page, round(a.x))
    block = layout.columns.get(edge)
    return (block is not None and block.count >= 3 and edge not in layout.prose
            and not title_block(a, b, layout))  # fmt: skip


def _heading(line: Line, after: Line, layout: Layout) -> bool:
    """Is `line` a heading above `after`: no final punctuation, short of the column (the next
    word would have fitted) or in capitals, and `after` starts like a sentence?"""
    if not (_heading_shape(line.text) and _capital(after.text)):
        return False
    if _caps(line.text):
        return not _caps(after.text)
    return fits(line, after, layout) and not title_block(line, after, layout)


def closed(text: str) -> bool:
    """Does the line end a sentence or a clause (. ! ? … : ;), closing quotes aside?"""
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def _heading_shape(text: str) -> bool:
    """No final punctuation: the shape of a heading, a name on its own, a table row."""
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] not in NOT_HEADING_END


def _capital(text: str) -> bool:
    """Does the line start like a new sentence: a capital (after quotes), № or §, a marker?
    Not a digit: a date or a number wrapped to the next line is far more common."""
    core = text.lstrip(OPENERS)
    if not core:
        return False
    first = core[0]
    return first.isupper() or first in "№§" or _marker_of(text) is not None


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)



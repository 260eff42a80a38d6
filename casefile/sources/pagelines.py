"""A line of a laid-out document, and what a page's lines tell about its layout.

Reflow needs to know how a page is set before it can judge a line end: the usual distance
between baselines (a larger one is a paragraph gap), where a column's lines end (a line that
stops well short ended on purpose), which font size is the body text (a larger one is a
title), and which blocks of lines run on like prose. All of it is read from the lines
themselves; widths are estimated from the characters (`em`), which is crude for proportional
fonts, so every comparison keeps a margin.

Plain text hard-wrapped at a fixed width (hardwrap.py) has no page: its lines carry their
indentation instead of a left edge, and the layout the width the text was wrapped at, in
characters, against which "would the next word have fitted" is counted (with the margin the
text itself shows, see hardwrap.wrap_width).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from casefile.sources.hyphens import HYPHENS, SOFT_HYPHEN

OPENERS = "\"'“‘«([„"
FITS = 0.85  # share of the column a line plus the next word must stay under to "fit"
MIN_MEASURE = 8  # ems (about 16 characters): a column with shorter lines is too narrow
SPACE_EM = 0.28


@dataclass(frozen=True)
class Line:
    """One line of a laid-out document; geometry (PDF user space, y upwards) when known."""

    text: str
    page: int = 0
    x: float | None = None
    y: float | None = None  # baseline
    size: float | None = None  # font size, in the same units
    item: bool = False  # the layout itself shows a list item starting here (marker drawn apart)
    hard: bool = False  # the source marks a paragraph boundary before this line
    note: bool = False  # a footnote: set apart from the text it interrupts at a page end
    indent: int = 0  # typed text: characters before the line's text, where a placed line has x


@dataclass(frozen=True)
class Measure:
    """How long the lines of a column (or of a page) are: the usual width in ems, and the
    right edge where full lines end (a high line end, not the one most overestimated)."""

    count: int
    usual: float
    right: float

    @classmethod
    def of(cls, lines: list[tuple[float, float]]) -> Measure:
        """From (width in ems, right end) of each line."""
        ends = sorted(end for _, end in lines)
        usual = median(width for width, _ in lines)
        return cls(len(lines), usual, ends[int(0.9 * (len(ends) - 1))])


@dataclass(frozen=True)
class Layout:
    """What the lines tell about the page layout: line pitch, where lines end, body size."""

    pitch: float  # baseline distance / font size between lines of one paragraph
    columns: dict[tuple[int, int], Measure]  # (page, left edge) -> its lines, when prose
    prose: frozenset[tuple[int, int]]  # left edges whose lines run on into each other
    pages: dict[tuple[int, bool], Measure]  # (page, placed?) -> all its lines
    body: dict[int, float]  # page -> the font size most of its characters are set in
    wrap_width: int | None = None  # typed text: the width in characters it was wrapped at


def runs_on(a: Line, b: Line) -> bool:
    """Does line `a` plainly continue on line `b`: a hyphen, or `b` goes on in lower case?"""
    return a.text[-1] in HYPHENS + SOFT_HYPHEN or b.text.lstrip(OPENERS)[:1].islower()


def fits(a: Line, b: Line, layout: Layout) -> bool:
    """Would the first word of `b` have fitted at the end of `a`? Then `a` ended on purpose.

    Widths are estimated from the characters (`em`), the column's right edge from where its
    lines end: the lines starting at the same left edge when they are prose (a column, the
    text of a list; they run on into each other: a line ends in a hyphen or the next starts
    in lower case) and there are enough of them, else all the page's lines (lines that never
    run on, such as table rows or names one per line, may all be short of the column). A
    column whose usual line holds a word or two says nothing about where a paragraph ends.
    A typed line is counted in characters against the width its text was wrapped at."""
    if layout.wrap_width and a.x is None:
        return typed_fits(a, b, layout.wrap_width)
    x, size = place(a)
    edge = (a.page, round(x))
    column = layout.columns.get(edge) if a.x is not None and edge in layout.prose else None
    if column is None or column.count < 3:
        column = layout.pages.get((a.page, a.x is not None and bool(a.size)))
    if column is None or column.usual < MIN_MEASURE:
        return False
    need = (em(a.text) + SPACE_EM + em(b.text.split(None, 1)[0])) * size
    return need <= FITS * (column.right - x)


def typed_fits(a: Line, b: Line, wrap_width: float) -> bool:
    """Would the first word of `b` have fitted at the end of typed line `a`, counted in
    characters against the width the text was wrapped at?"""
    return typed_need(a, b) <= wrap_width


def typed_need(a: Line, b: Line) -> int:
    """Characters typed line `a` would take with the first word of `b` after it."""
    return a.indent + len(a.text) + 1 + len(b.text.split(None, 1)[0])


def place(line: Line) -> tuple[float, float]:
    """(left edge, font size) of a placed line; (0, 1) measures an unplaced one in ems."""
    if line.x is not None and line.size:
        return line.x, line.size
    return 0.0, 1.0


def em(text: str) -> float:
    """A text's width in ems, roughly: capitals are wide, spaces narrow."""
    return sum(
        SPACE_EM if c.isspace() else 0.7 if c.isupper() else 0.55 if c.isdigit() else 0.5
        for c in text
    )


def title_block(a: Line, b: Line, layout: Layout) -> bool:
    """Two lines of one title: the same font size, larger than the page's body text."""
    if a.size is None or b.size is None or a.page != b.page:
        return False
    body = layout.body.get(a.page, a.size)
    return size_class(a) == size_class(b) and a.size > 1.1 * body


def size_class(line: Line) -> float:
    """Font size to the half point, so float noise does not split one size in two."""
    return round(line.size * 2) / 2 if line.size else 0.0


def _pitch(a: Line, b: Line) -> float | None:
    """Baseline distance over font size of two lines in one column set in one size."""
    if a.page != b.page or a.y is None or b.y is None or not a.size:
        return None
    if size_class(a) != size_class(b):
        return None
    ratio = (a.y - b.y) / a.size
    return ratio if 0.8 < ratio < 3 else None


def layout_of(lines: Sequence[Line], wrap_width: int | None = None) -> Layout:
    """Line pitch (the usual baseline distance over font size), line lengths, body size;
    `wrap_width` is a typed text's, when it has one."""
    ratios = sorted(r for a, b in zip(lines, lines[1:], strict=False) if (r := _pitch(a, b)))
    # The lower third: paragraph gaps only ever make distances larger.
    pitch = median(ratios[: max(1, len(ratios) // 3)]) if ratios else 1.2
    columns: dict[tuple[int, int], list[tuple[float, float]]] = {}
    pages: dict[tuple[int, bool], list[tuple[float, float]]] = {}
    chars: dict[tuple[int, float], int] = {}
    for ln in lines:
        chars[(ln.page, size_class(ln))] = chars.get((ln.page, size_class(ln)), 0) + len(ln.text)
        if "\t" in ln.text:
            continue  # a table row says nothing about the width of the text
        x, size = place(ln)
        width = em(ln.text)
        measured = (width, x + width * size)
        pages.setdefault((ln.page, ln.x is not None and bool(ln.size)), []).append(measured)
        if ln.x is not None and ln.size:
            columns.setdefault((ln.page, round(x)), []).append(measured)
    body: dict[int, float] = {}
    for (page, size), count in sorted(chars.items()):
        if count > chars.get((page, body.get(page, -1.0)), 0):
            body[page] = size
    return Layout(
        pitch=pitch, prose=_prose(lines), body=body, wrap_width=wrap_width,
        columns={edge: Measure.of(found) for edge, found in columns.items()},
        pages={key: Measure.of(found) for key, found in pages.items()},
    )  # fmt: skip


def _prose(lines: Sequence[Line]) -> frozenset[tuple[int, int]]:
    """Left edges (page, x) where at least a fifth of the lines run on into the next one;
    an edge with a single pair of lines counts as prose, as there is no telling."""
    pairs: dict[tuple[int, int], list[int]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        if a.x is None or b.x is None or a.page != b.page or round(a.x) != round(b.x):
            continue
        counts = pairs.setdefault((a.page, round(a.x)), [0, 0])
        counts[0] += 1
        counts[1] += runs_on(a, b)
    return frozenset(edge for edge, (n, wrapped) in pairs.items()
                     if n < 2 or wrapped >= 0.2 * n)

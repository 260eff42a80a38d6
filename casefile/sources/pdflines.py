"""The lines of a PDF, each with where it sits on its page, ready for reflow.

The words and their order come from pypdf's plain extraction: it follows the content stream,
which keeps the columns of a page apart, and it spaces words from the fonts' real widths.
Its visitor reports where each run of text starts, which gives every line a baseline, a left
edge and a font size. With those, three repairs are made before paragraphs are rejoined:

- a list marker drawn apart from its item (WeasyPrint and browsers draw "1." and "•" after
  the page's text) is put back in front of the item on its baseline;
- runs of one baseline that pypdf put on separate lines are put back on one line, with a tab
  where a wide gap separates them (the cells of a table row); rows whose cells pypdf ran
  together with spaces get their tabs from pdftables.py;
- running heads and feet (lines at the top or bottom of pages, set apart from the text by a
  gap, that repeat on many pages once digits are ignored: titles, "Page 3 of 9", bare page
  numbers) are dropped.

Lines whose geometry cannot be trusted (rotated text, a visitor that disagrees with pypdf's
own output) keep their words and lose their geometry: reflow then reads the text alone.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from casefile.sources.pagelines import Line, em
from casefile.sources.pdftables import table_rows, with_tabs

# A line that is nothing but a list marker.
BARE_MARKER = re.compile(r"(?:[•▪●◦‣⁃∙○■□►➢✓\-–—*]|\(?\d{1,4}[.)]|\(?[^\W\d_]\))")
HEAD_LINES = 2  # lines at each end of a page that may be a running head or foot
HEAD_GAP = 1.6  # ... and set apart from the text by more than this many font sizes
HEAD_SHARE = 0.3  # ... dropped when the same line is there on this share of pages (and >= 2)
SHOW_TEXT = frozenset({b"Tj", b"TJ", b"'", b'"'})
NOTE_START = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]")
NOTE_SIZE = 0.9  # footnotes are set in a font this much smaller than the body, or smaller
MARKER_EMS = 4  # a list marker sits at most this many font sizes left of its item's text
MAX_NEIGHBOURS = 64  # lines looked at when a marker seeks its item: hostile pages stay linear


@dataclass
class _Draft:
    """A line being assembled from pypdf's runs."""

    page: int
    parts: list[str] = field(default_factory=list)
    x: float | None = None
    y: float | None = None
    sizes: dict[float, int] = field(default_factory=dict)  # font size -> characters
    last_x: float | None = None  # start of the line's last run, and that run's text and size
    last_text: str = ""
    last_size: float = 0.0
    trusted: bool = True  # False once a run without a usable position joined the line
    item: bool = False
    note: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def size(self) -> float | None:
        if not self.trusted or not self.sizes:
            return None
        return max(self.sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def add(self, text: str, where: tuple[float, float, float] | None) -> None:
        self.parts.append(text)
        if not text.strip():
            return
        if where is None:
            self.trusted = False
            return
        x, y, size = where
        if self.x is None:
            self.x, self.y = x, y
        self.sizes[size] = self.sizes.get(size, 0) + len(text.strip())
        self.last_x, self.last_text, self.last_size = x, text, size

    def line(self) -> Line:
        geo = self.trusted and self.x is not None
        return Line(
            text=self.text, page=self.page, x=self.x if geo else None,
            y=self.y if geo else None, size=self.size if geo else None, item=self.item,
            note=self.note,
        )  # fmt: skip


def pdf_lines(pages: Iterable[Any]) -> list[Line]:
    """Every line of every page, in reading order, running heads and feet left out."""
    drafts = [_page_drafts(page, number) for number, page in enumerate(pages)]
    drafts = _drop_running_heads(drafts)
    return [d.line() for page in drafts for d in page]


def _page_drafts(page: Any, number: int) -> list[_Draft]:
    """One page's lines, with markers put back and split baselines rejoined."""
    runs: list[tuple[str, tuple[float, float, float] | None]] = []
    shows: list[tuple[float, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text:
            runs.append((text, _position(cm, tm, size)))

    def operator(op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op in SHOW_TEXT and (where := _position(cm, tm, 1.0)) is not None:
            shows.append(where)

    output = page.extract_text(visitor_text=visit, visitor_operand_before=operator) or ""
    output = output.replace("\r\n", "\n").replace("\r", "\n")
    if "".join(text for text, _ in runs).replace("\r\n", "\n").replace("\r", "\n") != output:
        runs = [(output, None)]  # the visitor missed text: keep the words, lose the geometry
    drafts = [_Draft(page=number)]
    for text, where in runs:
        for k, segment in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
            if k:
                drafts.append(_Draft(page=number))
            drafts[-1].add(segment, where if k == 0 else None)
    drafts = _join_baselines(_attach_markers([d for d in drafts if d.text.strip()]))
    rows = table_rows(page) if _aligned_columns(shows) else {}
    for draft in drafts:
        cells = rows.get("".join(draft.text.split()))
        if cells:
            draft.parts = [with_tabs(draft.text, cells)]
    _mark_notes(drafts)
    return drafts


def _mark_notes(drafts: list[_Draft]) -> None:
    """Mark the footnotes of a page: the lines below its last line of body text, set in a
    smaller size than the body, the first of them opening with a note's number or sign (a
    table in small print at the foot of a page is not a footnote). Reflow moves them out of
    the way of a paragraph that goes on over the page break."""
    sized = [d for d in drafts if d.size and d.y is not None]
    if len(sized) < len(drafts) or not sized:
        return
    chars: dict[float, int] = {}
    for d in sized:
        chars[round(d.size or 0.0, 1)] = chars.get(round(d.size or 0.0, 1), 0) + len(d.text)
    body = max(chars.items(), key=lambda kv: (kv[1], kv[0]))[0]
    lowest = min((d.y or 0.0) for d in sized if abs((d.size or 0.0) - body) <= 0.05 * body)
    below = sorted((d for d in sized if (d.y or 0.0) < lowest), key=lambda d: -(d.y or 0.0))
    if not below or len(below) == len(drafts) or not NOTE_START.match(below[0].text.lstrip()):
        return  # a footnote block opens with its number: small print that does not is text
    if all((d.size or 0.0) < NOTE_SIZE * body for d in below):
        for d in below:
            d.note = True


def _aligned_columns(shows: list[tuple[float, float, float]]) -> bool:
    """Do text-showing operators start at one x, not at the start of their line, on three
    lines or more? The least a table shows (prose starts its runs at the margin), and cheap
    to see; finding the cells costs a second pass over the page, so only then."""
    lines: dict[int, list[float]] = {}
    for x, y, _ in shows:
        lines.setdefault(round(y * 2), []).append(x)
    columns: dict[int, set[int]] = {}
    for y, xs in lines.items():
        first = min(xs)
        for x in xs:
            if x - first > 1.0:
                for near in (round(x) - 1, round(x), round(x) + 1):
                    columns.setdefault(near, set()).add(y)
    return any(len(ys) >= 3 for ys in columns.values())


def _position(cm: Any, tm: Any, size: Any) -> tuple[float, float, float] | None:
    """(x, baseline y, font size) of a run in page space; None for rotated or odd text."""
    try:
        a, b, c, d, e, f = (float(v) for v in tm)
        ca, cb, cc, cd, ce, cf = (float(v) for v in cm)
        font_size = float(size)
    except (TypeError, ValueError):
        return None
    m0, m1 = a * ca + b * cc, a * cb + b * cd
    m2, m3 = c * ca + d * cc, c * cb + d * cd
    x, y = e * ca + f * cc + ce, e * cb + f * cd + cf
    scale = math.hypot(m2, m3) * abs(font_size)
    values = (m0, m1, m2, m3, x, y, scale)
    if not all(math.isfinite(v) for v in values) or m0 <= 0 or abs(m1) > 0.01 * m0:
        return None  # rotated, mirrored or degenerate text: its position says nothing here
    if scale <= 0 or scale > 1000:
        return None
    return x, y, scale


def _attach_markers(drafts: list[_Draft]) -> list[_Draft]:
    """Put each marker drawn on its own back in front of the item text on its baseline: the
    nearest text within a few ems to its right. A marker with text to its left on the same
    baseline is not a marker (a dash in a table cell)."""
    placed = sorted(
        (d for d in drafts if d.y is not None and d.trusted), key=lambda d: (d.y, d.x)
    )
    ys = [d.y for d in placed if d.y is not None]  # all of them: `placed` has a y
    used: set[int] = set()
    for marker in drafts:
        text = marker.text.strip()
        if marker.y is None or not marker.trusted or not BARE_MARKER.fullmatch(text):
            continue
        size = marker.size or 0.0
        lo = bisect_left(ys, marker.y - 0.35 * size)
        hi = min(bisect_right(ys, marker.y + 0.35 * size), lo + MAX_NEIGHBOURS)
        best = None
        for target in placed[lo:hi]:
            gap = (target.x or 0.0) - (marker.x or 0.0)
            if target is marker or id(target) in used:
                continue
            if gap <= 0:
                best = None  # text to the left: this is a cell or a word, not a marker
                break
            if gap <= MARKER_EMS * size and not BARE_MARKER.fullmatch(target.text.strip()) and (
                    best is None or gap < (best.x or 0.0) - (marker.x or 0.0)):  # fmt: skip
                best = target
        if best is not None:
            best.parts.insert(0, text + " ")
            best.x, best.item = marker.x, True
            used.add(id(best))
            used.add(id(marker))
            marker.parts = []
    return [d for d in drafts if d.text.strip()]


def _join_baselines(drafts: list[_Draft]) -> list[_Draft]:
    """Rejoin consecutive lines drawn on one baseline, left to right."""
    out: list[_Draft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        if prev is None or not _same_baseline(prev, draft):
            out.append(draft)
            continue
        assert prev.last_x is not None and draft.x is not None
        end = prev.last_x + em(prev.last_text) * prev.last_size
        if draft.x - end > 2 * max(prev.last_size, draft.size or 0.0):
            sep = "\t"
        elif prev.text[-1:].isspace() or draft.text[:1].isspace():
            sep = ""
        else:
            sep = " "
        prev.parts.append(sep)
        prev.parts.extend(draft.parts)
        for size, count in draft.sizes.items():
            prev.sizes[size] = prev.sizes.get(size, 0) + count
        prev.last_x, prev.last_text, prev.last_size = draft.last_x, draft.last_text, draft.last_size
    return out


def _same_baseline(a: _Draft, b: _Draft) -> bool:
    if not (a.trusted and b.trusted) or None in (a.y, b.y, a.last_x, b.x):
        return False
    assert a.y is not None and b.y is not None and a.last_x is not None and b.x is not None
    size = max(a.size or 0.0, b.size or 0.0)
    return abs(a.y - b.y) <= 0.2 * size and b.x > a.last_x


def _drop_running_heads(pages: list[list[_Draft]]) -> list[list[_Draft]]:
    """Leave out lines that sit at the top or bottom of many pages with the same words."""
    if len(pages) < 2:
        return pages
    ends = [_page_ends(page) for page in pages]
    counts: dict[str, int] = {}
    for page_ends in ends:
        for key in {_head_key(d) for d in page_ends}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, math.ceil(HEAD_SHARE * len(pages)))
    out = []
    for page, page_ends in zip(pages, ends, strict=True):
        heads = {id(d) for d in page_ends if counts[_head_key(d)] >= needed}
        out.append([d for d in page if id(d) not in heads])
    return out


def _page_ends(page: list[_Draft]) -> list[_Draft]:
    """The lines at the top and the bottom of a page set apart from the text by a gap: the
    places of running heads and feet. None on a page whose positions are unknown."""
    if not page or any(d.y is None or not d.size for d in page):
        return []
    ordered = sorted(page, key=lambda d: -(d.y or 0.0))
    ends: list[_Draft] = []
    for lines in (ordered, ordered[::-1]):
        for k in range(min(HEAD_LINES, len(lines) - 1)):
            here, there = lines[k], lines[k + 1]
            if abs((here.y or 0.0) - (there.y or 0.0)) > HEAD_GAP * (here.size or 0.0):
                ends.extend(lines[: k + 1])
                break
    return ends


def _head_key(draft: _Draft) -> str:
    """A line's words with its numbers blanked: "Page 3 of 9" and "Page 4 of 9" are one."""
    return re.sub(r"\d+", "#", " ".join(draft.text.lower().split()))

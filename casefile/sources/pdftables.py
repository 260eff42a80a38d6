"""Which lines of a PDF page are table rows, and where their cells begin.

pypdf's plain extraction runs a row's cells together with single spaces when they are drawn in
one text object, and then a row reads like a line of prose: the gap after the widest cell of
a column is no wider than a space, so no gap can tell a cell apart. Alignment can: in a table
the cells of a column start at one x, row after row. So each text-showing operator of the page
is placed (pypdf's layout-mode machinery: text, start, end and baseline of every Tj/TJ), the
operators are gathered into lines, and an operator that starts a cell is one that starts, with
room before it, where operators of two more rows nearby also start, in a block of rows that
never runs on like prose (no row ends in a hyphen, no row continues in lower case). A table
needs three rows (a heading row counts) to be seen. A row is then found again
among the page's plain lines by its characters (whitespace ignored), and its cells are marked
by the offsets of their first characters.

pypdf's layout machinery is not public API (pypdf is pinned): if it is missing or fails on a
page, the page simply gets no tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ALIGN = 1.0  # points: cells of one column start within this of each other
NEIGHBOURS = 3  # rows looked at above and below for an aligned cell
MAX_CELLS = 64
ROWS = 3  # rows that must start a cell at one x before it counts as a column


@dataclass(frozen=True)
class _Op:
    """One text-showing operator: its text, where it starts and ends, its baseline."""

    text: str
    x: float
    end: float
    down: float  # how far down the page its baseline is, in points
    height: float
    space: float  # width of a space in its font


def table_rows(page: Any) -> dict[str, tuple[int, ...]]:
    """{row's characters without whitespace: offsets (in those characters) where cells 2..n
    begin} for the table rows of `page`; empty when there are none or the page can't say."""
    try:
        ops = _ops(page)
    except Exception:  # pypdf internals on hostile input: a failure costs only the tabs
        return {}
    lines = _lines(ops)
    prose = _runs_on(lines)
    starts = [[] if prose[k] else _cell_starts(line) for k, line in enumerate(lines)]
    found: dict[str, tuple[int, ...]] = {}
    for k, line in enumerate(lines):
        window = range(max(0, k - NEIGHBOURS), min(len(lines), k + NEIGHBOURS + 1))
        near = [starts[j] for j in window if j != k and starts[j]]
        cells = {x for x in starts[k]
                 if sum(any(abs(x - other) <= ALIGN for other in row) for row in near) >= ROWS - 1}
        if not cells:
            continue
        squeezed, offsets = "", []
        for op in line:
            chars = "".join(op.text.split())
            if squeezed and chars and op.x in cells:
                offsets.append(len(squeezed))
            squeezed += chars
        found[squeezed] = tuple(offsets)
    return found


def _cell_starts(line: list[_Op]) -> list[float]:
    """Where operators after the first start with at least half a space of room before them:
    the places a cell may begin (glyphs drawn one by one sit edge to edge)."""
    out = []
    for before, op in zip(line, line[1:], strict=False):
        if op.text.strip() and op.x - before.end >= 0.5 * max(op.space, 0.05 * op.height):
            out.append(op.x)
    return out if len(out) < MAX_CELLS else []  # no table row has that many: keep work bounded


def _ops(page: Any) -> list[_Op]:
    """Every text-showing operator of the page, placed, in content order."""
    from pypdf._text_extraction._layout_mode._fixed_width_page import (
        recurse_to_target_op,
        set_font_operation,
    )
    from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager
    from pypdf.generic import ContentStream

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if contents is None:
        return []
    fonts = page._layout_mode_fonts()
    ops = iter(ContentStream(contents, page.pdf, "bytes").operations)
    state = TextStateManager()
    shown = []
    for operands, op in ops:
        if op in (b"BT", b"q"):
            _, tjs = recurse_to_target_op(ops, state, b"ET" if op == b"BT" else b"Q", fonts)
            shown.extend(tjs)
        elif op == b"Tf":
            set_font_operation(state, fonts, operands)
        else:
            state.set_state_param(op, operands)
    return [_Op(tj.text, tj.tx, tj.displaced_tx, tj.ty if tj.flip_vertical else -tj.ty,
                tj.font_height,
                tj.space_tx * abs(tj.transform[0]))
            for tj in shown if not tj.rotated and tj.text]


def _lines(ops: list[_Op]) -> list[list[_Op]]:
    """Operators gathered into lines by baseline, top to bottom, each line left to right."""
    lines: list[list[_Op]] = []
    for op in sorted(ops, key=lambda o: (o.down, o.x)):
        if lines and abs(lines[-1][0].down - op.down) <= 0.5 * max(op.height, 1e-6):
            lines[-1].append(op)
        else:
            lines.append([op])
    return [sorted(line, key=lambda o: o.x) for line in lines]


def _runs_on(lines: list[list[_Op]]) -> list[bool]:
    """For each line: does it run on like prose (ends in a hyphen, or the next line goes on
    in lower case)? Table rows and lists of names do not."""
    texts = ["".join(op.text for op in line).strip() for line in lines]
    out = []
    for k, text in enumerate(texts):
        after = texts[k + 1] if k + 1 < len(texts) else ""
        before = texts[k - 1] if k else ""
        out.append(text[-1:] in "-\u2010\u00ad" or after[:1].islower()
                   or (text[:1].islower() and before[-1:] not in ".:;!?"))
    return out


def with_tabs(text: str, offsets: tuple[int, ...]) -> str:
    """`text` with the whitespace before each cell (by offset in its non-space characters)
    replaced by a tab; a tab is inserted where the cells touch."""
    out: list[str] = []
    seen = 0
    wanted = set(offsets)
    for ch in text:
        if ch.isspace():
            out.append(ch)
            continue
        if seen in wanted:
            while out and out[-1].isspace():
                out.pop()
            out.append("\t")
        out.append(ch)
        seen += 1
    return "".join(out)

"""The lines of a DOCX body as a reader sees them: paragraphs, list numbers, table rows.

python-docx gives each paragraph's text, but not what Word draws around it: the "1." or "•"
of a numbered or bulleted paragraph comes from the numbering definitions, not from the text.
A list of persons typed as a Word list would lose every number, and the list reader needs
them, so each numbered paragraph gets its marker back ("1. ", "a) ", "• ") from its own or
its style's numbering (decimal, letters, Roman numerals, bullets; other formats count in
digits). A table row becomes one line with its cells separated by tabs; a cell's paragraphs
(and any table nested in it) are joined with spaces. Line breaks inside a paragraph (w:br)
are kept as separate lines for reflow to judge.

The body is walked with an explicit stack, so hostile nesting cannot exhaust recursion.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from lxml import etree

from casefile.sources.pagelines import Line

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
CONTAINERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"})
MAX_STYLE_DEPTH = 20  # basedOn chains are short; a cycle must not loop forever
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


@cache
def _xpath(expr: str) -> etree.XPath:
    return etree.XPath(expr, namespaces={"w": W_NS})


def docx_lines(document: Any) -> list[Line]:
    """Every paragraph and table row of the body in order; `hard` marks where each begins."""
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    lines: list[Line] = []
    for element in _blocks(document.element.body):
        if element.tag == f"{W}tbl":
            for row in _xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")(element):
                cells = [_cell_text(cell) for cell in _xpath("./w:tc")(row)]
                if any(cells):
                    lines.append(Line("\t".join(cells), hard=True))
            continue
        text = numbering.marker(element) + Paragraph(element, None).text  # type: ignore[arg-type]  # no part: text only
        for k, part in enumerate(text.split("\n")):
            lines.append(Line(part, hard=k == 0))
    return lines


def _blocks(body: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body, looking inside content controls."""
    stack = [iter(body.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in CONTAINERS:
            stack.append(iter(child.iterchildren()))


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, nested tables included, as one line."""
    from docx.text.paragraph import Paragraph

    texts = (Paragraph(p, None).text  # type: ignore[arg-type]  # text only
             for p in _xpath(".//w:p")(cell))
    return " ".join(" ".join(t.split()) for t in texts if t.strip())


class _Numbering:
    """Numbers and bullets of list paragraphs, counted in document order."""

    def __init__(self, document: Any) -> None:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        self.root = root
        self.styles = {s.get(f"{W}styleId"): s for s in _xpath("w:style")(
            document.styles.element)}  # fmt: skip
        self.counters: dict[str, list[int | None]] = {}
        self.definitions: dict[str, dict[int, tuple[str, str, int]]] = {}

    def marker(self, paragraph: Any) -> str:
        """The marker Word draws before `paragraph` ("1. ", "• "), or ""."""
        num_id, level = self._num_pr(paragraph)
        if self.root is None or num_id in (None, "0"):
            return ""
        if num_id not in self.definitions:
            self.definitions[num_id] = self._levels(num_id)
        levels = self.definitions[num_id]
        if level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [None] * 9)
        fmt, pattern, start = levels[level]
        current = counts[level]
        counts[level] = start if current is None else current + 1
        for deeper in range(level + 1, 9):
            counts[deeper] = None
        if fmt == "bullet":
            return "• "
        if fmt == "none":
            return ""
        text = pattern
        for k in range(level + 1):  # "%1.%2." names the counters of levels 0 and 1
            kfmt, _, kstart = levels.get(k, ("decimal", "", 1))
            count = counts[k]
            text = text.replace(f"%{k + 1}", _format(kstart if count is None else count, kfmt))
        text = " ".join(text.split())
        return f"{text} " if text else ""

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        """(numId, level) of a paragraph, from its own properties or its style's."""
        found = _xpath("./w:pPr/w:numPr")(paragraph)
        style_ids = _xpath("./w:pPr/w:pStyle/@w:val")(paragraph)
        style_id = style_ids[0] if style_ids else None
        for _ in range(MAX_STYLE_DEPTH):
            if found or style_id is None or style_id not in self.styles:
                break
            style = self.styles[style_id]
            found = _xpath("./w:pPr/w:numPr")(style)
            based = _xpath("./w:basedOn/@w:val")(style)
            style_id = based[0] if based else None
        if not found:
            return None, 0
        num_ids = _xpath("./w:numId/@w:val")(found[0])
        levels = _xpath("./w:ilvl/@w:val")(found[0])
        level = int(levels[0]) if levels and levels[0].isdigit() else 0
        return (num_ids[0] if num_ids else None), min(level, 8)

    def _levels(self, num_id: str) -> dict[int, tuple[str, str, int]]:
        """{level: (number format, level text, start)} of a numbering instance."""
        assert self.root is not None
        nums = _xpath("w:num[@w:numId=$n]")(self.root, n=num_id)
        if not nums:
            return {}
        abstract = _xpath("./w:abstractNumId/@w:val")(nums[0])
        lvls = _xpath("w:abstractNum[@w:abstractNumId=$a]/w:lvl")(
            self.root, a=abstract[0] if abstract else "")
        levels: dict[int, tuple[str, str, int]] = {}
        for lvl in lvls:
            ilvl = lvl.get(f"{W}ilvl", "0")
            fmt = _xpath("./w:numFmt/@w:val")(lvl)
            text = _xpath("./w:lvlText/@w:val")(lvl)
            start = _xpath("./w:start/@w:val")(lvl)
            if ilvl.isdigit() and int(ilvl) < 9:
                levels[int(ilvl)] = (
                    fmt[0] if fmt else "decimal",
                    text[0] if text else f"%{int(ilvl) + 1}.",
                    int(start[0]) if start and start[0].isdigit() else 1,
                )
        for override in _xpath("./w:lvlOverride")(nums[0]):
            ilvl = override.get(f"{W}ilvl", "")
            start = _xpath("./w:startOverride/@w:val")(override)
            if ilvl.isdigit() and int(ilvl) in levels and start and start[0].isdigit():
                fmt, text, _ = levels[int(ilvl)]
                levels[int(ilvl)] = (fmt, text, int(start[0]))
        return levels


def _format(n: int, fmt: str) -> str:
    """A counter in a Word number format; formats not known here count in digits."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        out = ""
        for value, numeral in ROMAN:
            while n >= value:
                out, n = out + numeral, n - value
        return out.upper() if fmt == "upperRoman" else out
    return str(n)

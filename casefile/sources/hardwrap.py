"""Plain text hard-wrapped at a fixed width: tell it apart, and rejoin its paragraphs.

Emails, mailing-list archives, Usenet digests, old NGO bulletins and text copied out of a PDF
break every line at about one width, wherever the sentence happens to be. The extractors end a
sentence at a line break and read each line as a possible list entry, so such a text loses
every fact split over two lines. It is rejoined here, before it is stored (the stored text is
what claims quote; the raw bytes stay in the blob store unchanged), by the rules PDF and DOCX
text goes through (reflow.py), with the typed line lengths in place of a page's geometry.

The rule (`wrap_width`). A text is hard-wrapped when
1. its lines (table rows, quoted lines and rules aside) share a common maximum length W (no
   more than one line in twenty is longer) between 40 and 160 characters;
2. most (half or more) of its long lines (W/2 or more) end near W (at 0.7 W or more: a word
   short of it in typed text, a little more in text copied from a page set in a proportional
   font);
3. many of those lines (a quarter, and at least two) stop mid-sentence and go on in lower case,
   or after a hyphen, on the next line, whose first word would not have fitted on them (the
   line and the word would pass 85 % of W, the margin kept for a page's proportional font).
Any other text comes back unchanged, as the very same string: above all text with one
paragraph per line (lines of very different lengths that end with sentence punctuation), and
short deliberate lines (a poem, an address, names one per line), which never reach 40
characters or never run on past a word that would have fitted.

Rejoining moves line breaks and nothing else. Where reflow keeps a break, the source's own
characters stay (blank lines, indentation, trailing spaces); where two lines join, the line
end and the next line's indentation become one space, or nothing where a word broken by a
hyphen is mended (hyphens.py decides whether its hyphen stays). Lines are never joined across a
blank line, nor to a line kept apart: a table row (a tab inside, cells between "|" as
trafilatura writes them, or columns aligned by runs of spaces), a quoted line of a reply
("> "), a line with no letter or digit (a rule, "* * *"). Lists, headings and list items are
reflow's own rules. Nothing here knows words of a language.
"""

from __future__ import annotations

import math

from casefile.sources.pagelines import FITS, Line, runs_on, typed_need
from casefile.sources.reflow import closed, seams

MIN_WIDTH, MAX_WIDTH = 40, 160  # characters: the widths text is typed or wrapped at
COMMON = 0.95  # share of lines no longer than the common maximum
NEAR = 0.7  # a line this close to the width ends near it
MOST = 0.5  # share of long lines that must end near the width
MANY = 0.25  # share of lines near the width that must run on past a word that did not fit
MIN_WRAPS = 2
COLUMNS = "   "  # cells aligned by runs of spaces (inside a stripped line)
QUOTED = ">"


def unwrap(text: str) -> str:
    """`text` with its paragraphs rejoined when it is hard-wrapped; else `text` itself."""
    if text.count("\n") < MIN_WRAPS:
        return text
    raw = text.split("\n")
    width = wrap_width(raw)
    return text if width is None else _rejoin(text, raw, width)


def wrap_width(raw: list[str]) -> int | None:
    """The width the lines `raw` were hard-wrapped at, or None when they were not (the rule
    of the module docstring).

    The width is the longest a line and the next word may be and still have been set on one
    line: the common maximum W when the wrapper was greedy (mail clients, `fold -s`), less
    where the text shows it broke lines earlier than that (a page set in a proportional font,
    `fmt`'s balanced lines): then one less than the shortest line-plus-next-word it did break
    mid-sentence. Reflow reads a line that leaves room for the next word as ended on purpose."""
    typed = [(k, _length(line)) for k, line in enumerate(raw) if line.strip() and not _apart(line)]
    if len(typed) <= MIN_WRAPS:
        return None
    lengths = sorted(length for _, length in typed)
    width = lengths[math.ceil(COMMON * len(lengths)) - 1]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    long = sum(length >= width / 2 for length in lengths)
    near = [k for k, length in typed if length >= NEAR * width]
    if len(near) < MOST * long:
        return None
    needs = []  # line plus next word, where a line near the width runs on past a word
    for k in near:
        if k + 1 < len(raw) and raw[k + 1].strip() and not _apart(raw[k + 1]):
            a, b = _line(raw[k]), _line(raw[k + 1])
            if not closed(a.text) and runs_on(a, b) and typed_need(a, b) > FITS * width:
                needs.append(typed_need(a, b))
    if len(needs) < max(MIN_WRAPS, MANY * len(near)):
        return None
    return min(width, min(needs) - 1)


def _rejoin(text: str, raw: list[str], width: int) -> str:
    """Join the lines reflow joins; keep the source's characters wherever a break stays."""
    spans: list[tuple[int, int]] = []  # (start, end) of each line's text in `text`
    lines: list[Line] = []
    offset, blank, apart = 0, False, False
    for line in raw:
        text_start = len(line) - len(line.lstrip())
        if text_start == len(line):
            blank = True
        else:
            here = _apart(line)
            spans.append((offset + text_start, offset + len(line.rstrip())))
            lines.append(_line(line, hard=blank or apart or here))
            blank, apart = False, here
        offset += len(line) + 1
    out = [text[: spans[0][1]]]
    joins = seams(lines, wrap_width=width)
    for (start, end), (_, before), seam in zip(spans[1:], spans[:-1], joins, strict=True):
        if not seam.joins:
            out.append(text[before:end])
            continue
        if seam.unhyphen:
            out[-1] = out[-1][:-1]
        out.extend((seam.between, text[start:end]))
    out.append(text[spans[-1][1] :])
    return "".join(out)


def _line(line: str, *, hard: bool = False) -> Line:
    """A typed line as reflow reads it: its text, its indentation in characters."""
    text = line.strip()
    indent = len(line.expandtabs()) - len(line.expandtabs().lstrip())
    return Line(text, indent=indent, hard=hard)


def _length(line: str) -> int:
    """A line's typed length: indentation (tabs to 8 columns) and text."""
    return len(line.rstrip().expandtabs())


def _apart(line: str) -> bool:
    """A line never joined to another: a table row, a quoted line, a rule."""
    text = line.strip()
    return (
        "\t" in text
        or text.startswith(("|", QUOTED))
        or COLUMNS in text
        or not any(c.isalnum() for c in text)
    )

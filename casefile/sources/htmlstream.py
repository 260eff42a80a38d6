"""Visible text of an HTML page read as a stream of tags, for pages libxml2 cannot hold.

libxml2 builds a tree and stops, even with huge_tree, at 2,048 levels of nesting (an old
page with thousands of unclosed <font> or <div> tags) or when memory runs out; the text
after that point would be lost. The standard library's tokenizer builds no tree, so it has
no depth or size limit: it is slower (about 6 MB/s), which is why it is only the fallback.
What it keeps is what the tree walk keeps: text outside inert elements (scripts, styles,
templates, embedded objects, the head), a line break at block elements, and the title.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from casefile.sources.htmltext import BLOCK, INERT, MAX_TITLE

# Elements that never have an end tag: they must not open an inert span.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})  # fmt: skip
SKIPPED = frozenset(INERT) - {"head"} - VOID


def stream_text(markup: str) -> tuple[str, str | None, int]:
    """(visible text, title, visible characters read) of a page, without building a tree."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    og = " ".join(reader.og_title.split())[:MAX_TITLE]
    title = " ".join("".join(reader.title).split())[:MAX_TITLE]
    return text, og or title or None, reader.seen


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.og_title = ""
        self.seen = 0
        self.skip = 0  # depth inside inert elements
        self.in_head = False
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif tag == "body" or (tag in BLOCK and tag != "html"):
            self.in_head = False  # a body's tags end an unclosed head, as browsers read it
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            found = dict(attrs)
            if "og:title" in (found.get("property"), found.get("name")) and not self.og_title:
                self.og_title = found.get("content") or ""
        if tag in SKIPPED:
            self.skip += 1
        elif tag in BLOCK and not self._hidden():
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK and not self._hidden():
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title and not self.skip:
            self.title.append(data)
        elif not self._hidden():
            self.parts.append(data)
            self.seen += sum(len(word) for word in data.split())

    def _hidden(self) -> bool:
        return self.skip > 0 or self.in_head

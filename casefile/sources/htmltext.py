"""Main text and title of an HTML page, with active content removed first.

Scripts, styles, <noscript>, <template>, embedded objects and comments are deleted from the
parsed tree before any text is taken, so no script body, handler or hidden template can
reach a source's text (trafilatura alone keeps <noscript> text). trafilatura then picks the
main text offline; when it finds nothing (short pages, odd layouts), or the page is too large
for it, a plain tree walk keeps every visible text node instead, and must keep every visible
character the parser delivered. trafilatura's metadata, and its dates in particular, are
not used: a "© 2024" footer is not a publication date.
"""

from __future__ import annotations

import copy
import logging
import re

import trafilatura
from lxml import etree, html

from casefile.errors import CaptureError

log = logging.getLogger(__name__)

# Elements whose content is never text a reader sees on the page.
INERT = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "audio", "video", "head",
)  # fmt: skip
# Elements that end a line in the fallback walk.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
MAX_TITLE = 500
# trafilatura's main text costs about 1 s and 50 MB of memory per MB of markup (44 s and
# 2.7 GB for a 52 MB page) and its own limit for markup is 20 MB: a page this large is a
# document or a list, not an article in a frame of menus, so every visible text node is kept.
MAIN_TEXT_MAX = 5_000_000
# Every character str.isspace() accepts, so str.split() splits at them; counted one at a
# time, the fastest way in CPython (a regex or str.translate takes 3 to 6 times as long).
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
          "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def html_text(markup: str) -> tuple[str, str | None]:
    """(main text, title) of an HTML document already decoded to str.

    Complete or refused: when libxml2 reports that it stopped early (a limit, memory), the
    page is read again by the streaming reader, and the text kept is checked against the
    visible characters the parser delivered.
    """
    root, stopped = _parse(markup)
    seen: int | None  # visible characters the parser delivered, when all of them are kept
    if stopped:
        log.warning("libxml2 stopped reading the page (%s); reading it as a stream", stopped)
        from casefile.sources.htmlstream import stream_text

        text, title, seen = stream_text(markup)
    else:
        title = _title(root)
        # "head" only goes after the title is read; comments and PIs go with the inert tags.
        etree.strip_elements(root, *INERT, etree.Comment, etree.ProcessingInstruction,
                             with_tail=False)  # fmt: skip
        text = _main_text(copy.deepcopy(root)) if len(markup) <= MAIN_TEXT_MAX else ""
        seen = None if text else _visible_chars(root)
        text = text or _visible_text(root)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CaptureError("HTML page has no readable text")
    if seen is not None and _chars(text) != seen:
        raise CaptureError(f"HTML text was cut: the parser read {seen} characters, "
                           f"{_chars(text)} were kept")
    return text, title


def _parse(markup: str) -> tuple[html.HtmlElement, str]:
    """Parse with libxml2's HTML parser: no network, no entity expansion, and huge_tree, so
    neither the 256-level depth limit nor the 10 MB text-node limit cuts a page short.
    Returns the tree and libxml2's reason for stopping early ("" when it read everything):
    it still stops at 2,048 levels and when memory runs out."""
    parser = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                             no_network=True, huge_tree=True)  # fmt: skip
    try:
        root = html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise CaptureError(f"HTML page could not be parsed: {exc}") from None
    if root is None:
        raise CaptureError("HTML page has no readable text")
    fatal = [e.message.strip() for e in parser.error_log if e.level == etree.ErrorLevels.FATAL]
    return root, "; ".join(fatal)[:200]


def _title(root: html.HtmlElement) -> str | None:
    """og:title (usually without the site name), else <title>."""
    og = root.xpath("//meta[@property='og:title' or @name='og:title']/@content")
    for value in [*og, *(el.text_content() for el in root.iter("title"))]:
        title = " ".join(str(value).split())[:MAX_TITLE]
        if title:
            return title
    return None


def _main_text(root: html.HtmlElement) -> str:
    """trafilatura's main text, or "" when it finds none or fails on odd input."""
    try:
        text = trafilatura.extract(
            root,
            include_comments=False,
            favor_recall=True,
            include_tables=True,
            with_metadata=False,
            output_format="txt",
        )
    except Exception as exc:  # a third-party extractor on hostile input: fall back, don't fail
        log.warning("trafilatura failed (%s); using the plain tag stripper", exc)
        return ""
    return text or ""


def _chars(text: str) -> int:
    """Characters that are not white space: what a cut would lose and a re-wrap keeps."""
    return len(text) - sum(text.count(space) for space in SPACES)


def _visible_chars(root: html.HtmlElement) -> int:
    """The visible characters the parser delivered, counted apart from the walk that keeps
    them, so a walk that dropped some is caught."""
    return _chars("".join(root.itertext()))


def _visible_text(root: html.HtmlElement) -> str:
    """Every text node left in the cleaned tree, a line break at block elements.

    Iterative (iterwalk), so deeply nested hostile markup cannot exhaust the stack.
    """
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in BLOCK:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag in BLOCK:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def fragment_text(markup: str) -> str:
    """Every visible text node of a piece of HTML (a feed entry's description, an item of a
    listing page), a line per block, active content removed first. No main-text choice: a
    fragment is all content."""
    if not markup.strip():
        return ""
    root, _ = _parse(f"<html><body>{markup}</body></html>")
    return element_text(root)


def element_text(root: html.HtmlElement) -> str:
    """The visible text of an element already parsed (a copy is cleaned, the tree is kept)."""
    root = copy.deepcopy(root)
    etree.strip_elements(root, *INERT, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)  # fmt: skip
    return _visible_text(root)


def page_tree(markup: str) -> html.HtmlElement:
    """The parsed tree of a page whose items are looked for (casefile.sources.listing);
    a page libxml2 could not read whole is refused, not split in part."""
    root, stopped = _parse(markup)
    if stopped:
        raise CaptureError(f"HTML page could not be read whole ({stopped}): "
                           "capture it as a plain document")
    return root

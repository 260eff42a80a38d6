"""Main text and title of an HTML page, with active content removed first.

Scripts, styles, <noscript>, <template>, embedded objects and comments are deleted from the
parsed tree before any text is taken, so no script body, handler or hidden template can
reach a source's text (trafilatura alone keeps <noscript> text). trafilatura then picks the
main text offline; when it finds nothing (short pages, odd layouts) a plain tree walk keeps
every visible text node instead. trafilatura's metadata, and its dates in particular, are
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


def html_text(markup: str) -> tuple[str, str | None]:
    """(main text, title) of an HTML document already decoded to str."""
    root = _parse(markup)
    title = _title(root)
    # "head" only goes after the title is read; comments and PIs go with the inert tags.
    etree.strip_elements(root, *INERT, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)  # fmt: skip
    text = _main_text(copy.deepcopy(root)) or _visible_text(root)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CaptureError("HTML page has no readable text")
    return text, title


def _parse(markup: str) -> html.HtmlElement:
    """Parse with libxml2's HTML parser: no network, no entity expansion, default limits."""
    parser = html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise CaptureError(f"HTML page could not be parsed: {exc}") from None
    if root is None:
        raise CaptureError("HTML page has no readable text")
    return root


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

"""A news listing split into its items: a text of dated entries, a page of news, a feed.

News reaches editors as listings: a page of an NGO's statements, each with its date, or an
RSS/Atom feed. Each item is a story of its own, told on its own date, so each becomes a source
of its own (casefile.registry.listings) and its events are read against its date, not the
listing's. What makes an item is layout, and the layout words (bullets, the words around a
date line) are data: the `items` section of data/lang/<lang>/listing.yml. Dates are read by
casefile.extract.dates, the one reader of dates.

An item's `key` says which item it is when the listing is captured again: the feed's id or
the item's link, else its date and its first sentence. A changed text under the same key is a
new version of the item; a changed first sentence of an item without id or link is a new item.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from lxml import html

from casefile import vocab
from casefile.errors import CaptureError
from casefile.extract.dates import find_dates
from casefile.sources.document import guess_language
from casefile.sources.feed import Feed, FeedEntry, NotAFeed, iso_date, looks_like_feed, read_feed

KINDS = ("text", "html", "feed")
# Per-item text kept at most (a listing is of news items, not of books): a longer item is cut
# at a line end and its key still names it.
ITEM_MAX_CHARS = 200_000
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Page parts that hold menus and links, never the news items themselves (outside an article).
PAGE_FRAME = ("nav", "header", "footer", "aside", "form")
MIN_ITEM_CHARS = 40  # a group of list entries shorter than this on average is a menu
MAX_TITLE = 300


@dataclass(frozen=True)
class ListingItem:
    """One item of a listing: its own text, and the date the listing gives it."""

    key: str  # which item this is, across captures of the listing (see the module notes)
    text: str  # what extraction reads: the item as the listing shows it, one line a paragraph
    title: str | None
    link: str | None  # the item's own page, as the listing writes it (maybe relative)
    published: str | None  # ISO date the listing gives the item (None: it gives none)


@dataclass(frozen=True)
class Listing:
    """A listing read from its bytes: its text as a document and its items."""

    kind: str  # text | html | feed
    text: str
    title: str | None
    items: tuple[ListingItem, ...]


def read_listing(raw: bytes, *, max_bytes: int, charset: str | None = None) -> Listing:
    """Read `raw` as a listing. Runs where documents are read (casefile.sources.worker): feeds
    and pages are parsed here. CaptureError for what cannot be read or holds no item."""
    from casefile.sources.formats import detect, extract

    feed = _feed(raw)
    if feed is not None:
        entries = _unique(_feed_item(e) for e in feed.entries)
        whole = "\n\n".join(i.text for i in entries) or (feed.title or "")
        if not whole.strip():
            raise CaptureError("feed has no items and no title: nothing to capture")
        return Listing("feed", whole, feed.title, tuple(entries))
    kind = detect(raw)
    text, title = extract(raw, kind, max_bytes=max_bytes, charset=charset)
    lang = guess_language(text) or "en"
    items: list[ListingItem] = []
    if kind == "html":
        from casefile.sources.formats import html_charset

        items = split_html(raw, lang, html_charset(raw, charset))
    if not items:
        items = split_text(text, lang)
    if not items:
        raise CaptureError("no items found in the listing: capture it as a plain document")
    return Listing("html" if kind == "html" else "text", text, title, tuple(items))


def _feed(raw: bytes) -> Feed | None:
    """The feed these bytes are, or None when they are no XML; an XHTML page is read as the
    page it is, any other XML that is no feed is refused."""
    from casefile.sources.formats import STRONG_HTML, decode_head

    if not looks_like_feed(raw):
        return None
    try:
        return read_feed(raw)
    except NotAFeed:
        if STRONG_HTML.search(decode_head(raw[:1024])):
            return None
        raise


# --- text ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    bullets: re.Pattern[str]
    words: re.Pattern[str]  # the words allowed before a date line's date
    separators: tuple[str, ...]


@cache
def _layout(lang: str) -> _Layout:
    try:
        data = vocab.load(f"lang/{lang}/listing.yml")["items"]
    except (FileNotFoundError, KeyError):
        data = vocab.load("lang/en/listing.yml")["items"]
    bullets = "|".join(re.escape(b) for b in data["bullets"])
    words = "|".join(re.escape(w) for w in sorted(data["date_words"], key=len, reverse=True))
    return _Layout(re.compile(rf"[ \t]*({bullets})[ \t]+"),
                   re.compile(rf"\s*(?:(?:{words})\b\s*:?\s*)?", re.IGNORECASE),
                   tuple(data["date_separators"]))


def split_text(text: str, lang: str = "en") -> list[ListingItem]:
    """The items of a listing's text: the entries its bullets open (a text's lines before the
    first entry are its heading, not an item) or, with no bulleted lines, its paragraphs. A
    line that is only a date dates the entry it opens or the paragraph below it."""
    layout = _layout(lang)
    lines = text.split("\n")
    bullet = _bullet(lines, layout)
    blocks: list[list[str]] = []
    if bullet is not None:
        for line in lines:
            m = layout.bullets.match(line)
            if m and m.group(1) == bullet:
                blocks.append([line[m.end():].strip()])
            elif blocks and line.strip():
                blocks[-1].append(line.strip())
    else:
        pending: list[str] = []  # a date line waits for its paragraph
        for line in (raw.strip() for raw in lines):
            if not line:
                continue
            if _date_line(line, lang, layout):
                if pending:
                    blocks.append(pending)
                pending = [line]
                continue
            blocks.append([*pending, line])
            pending = []
        if pending:
            blocks.append(pending)
    return _unique(_text_item(block, lang, layout) for block in blocks if any(block))


def _bullet(lines: list[str], layout: _Layout) -> str | None:
    """The bullet that opens the entries: the commonest one opening two lines or more."""
    found = Counter(m.group(1) for line in lines if (m := layout.bullets.match(line)))
    if not found:
        return None
    bullet, n = found.most_common(1)[0]
    return bullet if n >= 2 else None


def _text_item(block: list[str], lang: str, layout: _Layout, link: str | None = None
               ) -> ListingItem:
    first = block[0]
    published = _date_line(first, lang, layout)
    heading = next((line for line in block[1:]), "") if published else first
    if published is None:
        published, heading = _date_lead(first, lang, layout)
    if published is None and len(block) > 2:  # a heading, then its date line
        published = _date_line(block[1], lang, layout)
    text = _cut("\n".join(line for line in block if line))
    return ListingItem(key=_text_key(published, heading, link), text=text,
                       title=_first_sentence(heading)[:MAX_TITLE] or None, link=link,
                       published=published)


def _date_line(line: str, lang: str, layout: _Layout) -> str | None:
    """The date of a line that is only a date (after a date word, before a time of day)."""
    line = line.strip()
    if len(line) > 80:
        return None
    dates = find_dates(line, lang)
    if len(dates) != 1 or len(dates[0].value) < 7:
        return None
    m = dates[0]
    before = layout.words.fullmatch(line[: m.start])
    after = re.fullmatch(r"[\s,.]*(?:\d\d?[:.]\d\d(?::\d\d)?)?[\s.]*", line[m.end:])
    return m.value if before and after else None


def _date_lead(line: str, lang: str, layout: _Layout) -> tuple[str | None, str]:
    """A paragraph opening with its date and a separator ("14 April 2014 — Court frees X"):
    the date and the rest; else no date and the whole line."""
    dates = find_dates(line[:80], lang)
    if not dates or len(dates[0].value) < 7 or not layout.words.fullmatch(line[:dates[0].start]):
        return None, line
    rest = line[dates[0].end:].lstrip(" ,\t")
    sep = next((s for s in layout.separators if rest.startswith(s)), None)
    if sep is None:
        return None, line
    return dates[0].value, rest[len(sep):].strip()


def _text_key(published: str | None, heading: str, link: str | None) -> str:
    if link:
        return f"link:{link}"
    words = " ".join(re.findall(r"\w+", _first_sentence(heading).lower())[:30])
    digest = hashlib.sha256(words.encode()).hexdigest()[:16]
    return f"text:{published or ''}:{digest}"


def _first_sentence(line: str) -> str:
    return re.split(r"(?<=[.!?…])\s+", line.strip(), maxsplit=1)[0]


def _cut(text: str) -> str:
    if len(text) <= ITEM_MAX_CHARS:
        return text
    end = text.rfind("\n", 0, ITEM_MAX_CHARS)
    return text[: end if end > 0 else ITEM_MAX_CHARS]


def _unique(items: Iterable[ListingItem]) -> list[ListingItem]:
    """Items in listing order, an item listed twice (the same key) kept once."""
    seen: set[str] = set()
    out: list[ListingItem] = []
    for item in items:
        if item.key not in seen and item.text.strip():
            seen.add(item.key)
            out.append(item)
    return out


# --- feeds --------------------------------------------------------------------------------------


def _feed_item(entry: FeedEntry) -> ListingItem:
    body = "\n".join(line.strip() for line in entry.body.split("\n") if line.strip())
    title = entry.title
    text = body if title is None or body.startswith(title) else f"{title}\n{body}".strip()
    key = (f"id:{entry.key}" if entry.key else
           f"link:{entry.link}" if entry.link else _text_key(entry.published, title or body, None))
    return ListingItem(key=key, text=_cut(text), title=title, link=entry.link,
                       published=entry.published)


# --- pages --------------------------------------------------------------------------------------


def split_html(raw: bytes, lang: str, charset: str | None) -> list[ListingItem]:
    """The items of a news page: its <article> elements, else the longest list whose entries
    link somewhere; none when the page has neither (its text is then split as a text)."""
    from lxml import etree

    from casefile.sources.formats import decode_text
    from casefile.sources.htmltext import INERT, element_text, page_tree

    root = page_tree(decode_text(raw, charset))
    etree.strip_elements(root, *INERT, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)  # fmt: skip
    for frame in [el for el in root.iter(*PAGE_FRAME) if not _inside(el, "article")]:
        if frame.getparent() is not None:  # not inside a frame dropped already
            frame.drop_tree()  # an article's own <header> (its title, its date) stays
    elements = [el for el in root.iter("article") if not _inside(el, "article")]
    if len(elements) < 2:
        elements = _linked_entries(root)
    layout = _layout(lang)
    items = []
    for el in elements:
        lines = [line for line in element_text(el).split("\n") if line.strip()]
        if not lines:
            continue
        href = next((str(a.get("href")).strip() for a in el.iter("a") if a.get("href")), None)
        item = _text_item(lines, lang, layout, link=href or None)
        title = next((" ".join(h.text_content().split()) for h in el.iter(*HEADINGS)), None)
        stamp = next((str(t.get("datetime")) for t in el.iter("time") if t.get("datetime")),
                     None)
        published = iso_date(stamp) or item.published
        items.append(ListingItem(key=item.key if href else _text_key(published, title or
                                                                      lines[0], None),
                                 text=item.text, title=title or item.title, link=item.link,
                                 published=published))
    return _unique(items)


def _inside(el: html.HtmlElement, tag: str) -> bool:
    return any(a.tag == tag for a in el.iterancestors())


def _linked_entries(root: html.HtmlElement) -> list[html.HtmlElement]:
    """The entries of the list (<ul>, <ol>) whose linked entries hold the most text."""
    best: list[html.HtmlElement] = []
    best_chars = 0
    for lst in root.iter("ul", "ol"):
        entries = [li for li in lst if li.tag == "li" and li.find(".//a[@href]") is not None]
        chars = sum(len(li.text_content().strip()) for li in entries)
        if len(entries) >= 2 and chars >= MIN_ITEM_CHARS * len(entries) and chars > best_chars:
            best, best_chars = entries, chars
    return best


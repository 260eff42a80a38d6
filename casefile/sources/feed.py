"""RSS 2.0, RSS 1.0 and Atom feeds read into their entries, refusing hostile XML.

A feed is XML from the open web, and an XML parser left to its defaults expands entities
(a "billion laughs" document of a few KB asks for gigabytes) and may fetch external ones
(a file of this machine, an intranet address). defusedxml refuses both before they are
expanded, and a feed whose bytes do not match its own encoding declaration is refused by
expat; either way the whole feed is refused as one CaptureError and nothing of it is kept.
The size limit is checked before any of this (casefile.sources.load). Plain capture still
refuses XML (casefile.sources.formats.detect): only a capture as a listing reads a feed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from casefile.errors import CaptureError
from casefile.sources.formats import CONTROLS, decode_head

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
# What a feed begins with, after a BOM and white space: its XML declaration or its root tag.
FEED_START = re.compile(r"<\?xml\b|<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]", re.IGNORECASE)
DECLARED = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


class NotAFeed(CaptureError):
    """Well-formed XML whose root is no RSS or Atom feed (an XHTML page, an SVG image)."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed as its publisher gave it."""

    key: str | None  # guid (RSS) or id (Atom); None when the feed gives none
    link: str | None
    title: str | None
    published: str | None  # ISO date of the entry as the feed states it, in its own time zone
    body: str  # the description or content, HTML already turned into text


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(raw: bytes) -> bool:
    """Do these bytes start as XML (a declaration or a feed's root tag)? Only such bytes are
    read as a feed; whether they are one is for `read_feed` to say."""
    head = decode_head(raw[:1024]).lstrip("\ufeff \t\r\n")
    return bool(FEED_START.match(head))


def read_feed(raw: bytes) -> Feed:
    """The entries of an RSS or Atom feed, or CaptureError naming what is wrong with it."""
    _check_declaration(raw)
    try:
        root = SafeET.fromstring(raw, forbid_dtd=False, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as exc:
        raise CaptureError(f"feed refused: it declares entities or external references "
                           f"({type(exc).__name__}), which a feed never needs") from None
    except ParseError as exc:
        raise CaptureError(f"feed is not well-formed XML ({_one_line(exc)}): a broken feed or "
                           "bytes that do not match its declared encoding") from None
    except LookupError as exc:
        raise CaptureError(f"feed declares an encoding Python does not know: {exc}") from None
    except ValueError as exc:  # expat on bytes it cannot take at all
        raise CaptureError(f"feed could not be read: {_one_line(exc)}") from None
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise CaptureError("RSS feed without a <channel>")
        return Feed(_text(channel.find("title")), tuple(_rss(i) for i in channel.iter("item")))
    if root.tag == f"{ATOM}feed":
        return Feed(_text(root.find(f"{ATOM}title")),
                    tuple(_atom(e) for e in root.iter(f"{ATOM}entry")))
    if root.tag == f"{RDF}RDF":
        channel = root.find(f"{RSS1}channel")
        return Feed(_text(channel.find(f"{RSS1}title")) if channel is not None else None,
                    tuple(_rss(i, RSS1) for i in root.iter(f"{RSS1}item")))
    raise NotAFeed("XML document that is not an RSS or Atom feed")


def _check_declaration(raw: bytes) -> None:
    """A feed declaring a single-byte encoding (windows-1251, koi8-r, latin-1) whose bytes
    are UTF-8 text would decode without an error into mojibake ("РџСЂРёРіРѕРІРѕСЂ"): refused,
    as expat refuses the opposite lie. Real single-byte Cyrillic or accented text is almost
    never valid UTF-8 (a letter is not followed by continuation bytes)."""
    m = DECLARED.match(raw[:200])
    if m is None:
        return
    label = m.group(1).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return  # expat names the unknown encoding
    if name.startswith(("utf", "ascii")) or raw.isascii():
        return
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise CaptureError(f"feed declares encoding {label!r} but its bytes are UTF-8 text: "
                       "the declaration is false")


def _rss(item: Element, ns: str = "") -> FeedEntry:
    body = _longest(_html(item.find(f"{CONTENT}encoded")), _html(item.find(f"{ns}description")))
    return FeedEntry(
        key=_text(item.find("guid")) or item.get(f"{RDF}about"),
        link=_text(item.find(f"{ns}link")),
        title=_plain(_text(item.find(f"{ns}title"))),
        published=_rfc822(_text(item.find("pubDate"))) or iso_date(_text(item.find(f"{DC}date"))),
        body=body)


def _atom(entry: Element) -> FeedEntry:
    links = entry.findall(f"{ATOM}link")
    link = next((a.get("href") for a in links if a.get("rel", "alternate") == "alternate"),
                None) or next((a.get("href") for a in links), None)
    return FeedEntry(
        key=_text(entry.find(f"{ATOM}id")),
        link=link,
        title=_plain(_atom_text(entry.find(f"{ATOM}title"))),
        published=iso_date(_text(entry.find(f"{ATOM}published"))
                       or _text(entry.find(f"{ATOM}updated"))),
        body=_longest(_atom_text(entry.find(f"{ATOM}content")),
                      _atom_text(entry.find(f"{ATOM}summary"))))


def _atom_text(el: Element | None) -> str:
    """An Atom text construct: text, escaped HTML, or inline XHTML."""
    if el is None:
        return ""
    kind = el.get("type", "text")
    if kind == "xhtml":
        return _plain("".join(el.itertext())) or ""
    if kind == "html":
        return _html(el)
    return _clean(el.text or "")


def _html(el: Element | None) -> str:
    """Escaped HTML of an element (RSS description, content:encoded) as text: every visible
    text node, a line per block, no script or style."""
    if el is None or not (el.text or "").strip():
        return ""
    from casefile.sources.htmltext import fragment_text

    return _clean(fragment_text(el.text or ""))


def _plain(value: str | None) -> str | None:
    """A title: markup some feeds put in it removed, white space folded."""
    if value is None:
        return None
    if "<" in value:
        value = _html_string(value)
    return " ".join(value.split()) or None


def _html_string(markup: str) -> str:
    from casefile.sources.htmltext import fragment_text

    return fragment_text(markup)


def _text(el: Element | None) -> str | None:
    if el is None or el.text is None:
        return None
    return _clean(el.text).strip() or None


def _clean(text: str) -> str:
    """Newlines normalised; control characters are refused (binary data dressed as a feed)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if CONTROLS.search(text):
        raise CaptureError("feed refused: control characters in its text")
    return text.strip()


def _longest(*bodies: str) -> str:
    return max(bodies, key=len)


def _rfc822(value: str | None) -> str | None:
    """The date of an RSS pubDate ("Tue, 03 Mar 2020 10:00:00 +0600"), as written."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return iso_date(value)  # some feeds put an ISO date in pubDate


def iso_date(value: str | None) -> str | None:
    """The date of an RFC 3339 / ISO 8601 timestamp ("2020-03-03T10:00:00+06:00"), as written."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4}-\d\d-\d\d)", value)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1)).isoformat()
    except ValueError:
        return None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__

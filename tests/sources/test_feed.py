"""Feeds: RSS and Atom read into entries; hostile or broken XML refused with one clear line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.errors import CaptureError
from casefile.sources.feed import looks_like_feed, read_feed
from casefile.sources.formats import detect
from casefile.sources.listing import read_listing

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Rights Monitor</title>
<item><title>Activist detained in Almaty</title><link>https://example.org/news/1</link>
<guid isPermaLink="false">news-1</guid><pubDate>Mon, 09 Mar 2020 09:30:00 +0600</pubDate>
<description>&lt;p&gt;On March 3 police detained activist &lt;b&gt;Ivan Petrov&lt;/b&gt;.&lt;/p&gt;
&lt;script&gt;steal()&lt;/script&gt;</description></item>
<item><title>Report</title><link>https://example.org/news/2</link>
<pubDate>Tue, 10 Mar 2020 12:00:00 GMT</pubDate><description>A plain report.</description>
<content:encoded>&lt;p&gt;A plain report.&lt;/p&gt;
&lt;p&gt;With a second paragraph.&lt;/p&gt;</content:encoded>
</item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Статьи</title>
<entry><id>urn:uuid:1</id><title type="html">&lt;b&gt;Суд&lt;/b&gt; освободил</title>
<link rel="alternate" href="https://example.org/ru/1"/>
<updated>2021-05-17T10:00:00+06:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Текст новости.</p></div>
</content>
</entry></feed>"""


def test_rss_entries_with_dates_links_and_text():
    feed = read_feed(RSS.encode())
    assert feed.title == "Rights Monitor"
    first, second = feed.entries
    assert (first.key, first.link, first.published) == ("news-1", "https://example.org/news/1",
                                                        "2020-03-09")
    assert "Ivan Petrov" in first.body and "steal" not in first.body
    assert second.key is None and second.published == "2020-03-10"
    assert "second paragraph" in second.body  # content:encoded, the fuller text, wins


def test_atom_entries():
    (entry,) = read_feed(ATOM.encode()).entries
    assert (entry.key, entry.link, entry.published) == ("urn:uuid:1", "https://example.org/ru/1",
                                                        "2021-05-17")
    assert entry.title == "Суд освободил" and entry.body == "Текст новости."


def test_feed_items_as_listing_items():
    listing = read_listing(RSS.encode(), max_bytes=10**6)
    assert listing.kind == "feed"
    keys = [i.key for i in listing.items]
    assert keys == ["id:news-1", "link:https://example.org/news/2"]
    assert listing.items[0].text.startswith("Activist detained in Almaty\n")


def test_a_true_single_byte_declaration_is_read():
    raw = ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>'
           "Новости</title><item><guid>1</guid><title>Суд освободил активиста</title></item>"
           "</channel></rss>").encode("cp1251")
    feed = read_feed(raw)
    assert feed.title == "Новости" and feed.entries[0].title == "Суд освободил активиста"


def test_plain_capture_still_refuses_xml():
    assert looks_like_feed(RSS.encode())
    with pytest.raises(CaptureError, match="XML document that is not HTML"):
        detect(RSS.encode())


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol">'
          + b"".join(b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode()
                                                                   + b";") * 10)
                     for i in range(9))
          + b']><rss version="2.0"><channel><title>&j;</title></channel></rss>')
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<rss version="2.0"><channel><title>&x;</title></channel></rss>')


@pytest.mark.parametrize(("raw", "why"), [
    (LAUGHS, "entities"),
    (EXTERNAL, "entities or external"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut', "not well-formed"),
    # declared UTF-8, written in Windows-1251: the declaration is false
    ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости'
     '</title></channel></rss>'.encode("cp1251"), "not well-formed"),
    (b'<?xml version="1.0" encoding="x-no-such"?><rss><channel/></rss>', "encoding"),
    # declared Windows-1251, written in UTF-8: decodes without error, into mojibake
    ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости'
     '</title></channel></rss>'.encode(), "declares encoding 'windows-1251' but its bytes"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "not an RSS or Atom"),
    (b'<?xml version="1.0"?><rss version="2.0"></rss>', "without a <channel>"),
    (b'<rss version="2.0"><channel><title>a\x01b</title></channel></rss>', "not well-formed"),
])
def test_hostile_and_broken_feeds_are_refused(raw, why):
    with pytest.raises(CaptureError, match=why):
        read_listing(raw, max_bytes=10**6)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_after_an_xml_declaration_are_read_or_refused(tail):
    raw = b'<?xml version="1.0"?><rss version="2.0"><channel>' + tail
    try:
        read_listing(raw, max_bytes=10**6)
    except CaptureError as exc:
        assert str(exc) and "\n" not in str(exc)

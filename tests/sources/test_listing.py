"""Listings split into items: bulleted dated entries, paragraphs, news pages; dates per item."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.sources.listing import read_listing, split_text
from tests.conftest import GOLD, seed


def test_seed_001_ten_dated_items_with_the_listings_dates():
    items = split_text(seed("001").read_text(encoding="utf-8"))
    gold = [i["date"] for i in json.loads((GOLD / "seeds-news-events.json").read_text())
            ["items_001"]]
    assert [i.published for i in items if i.published] == gold
    assert len(items) == len(gold) + 2  # the two undated entries before them are items too
    ablyazov = next(i for i in items if "Ablyazov" in i.text)
    assert ablyazov.published == "2014-01-09" and ablyazov.text.startswith("Jan 9, 2014\n")


def test_seed_004_paragraphs_are_items_and_a_repeated_one_is_kept_once():
    text = seed("004").read_text(encoding="utf-8")
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    items = split_text(text)
    assert [i.text for i in items] == list(dict.fromkeys(paragraphs))
    assert all(i.published is None for i in items)


def test_date_lines_date_the_paragraph_below_and_a_leading_date_its_own():
    text = ("Posted on 3 March 2020, 14:35\nThe court released Ivan Petrov.\n"
            "12.05.2021 — Police detained Anna Ivanova in Almaty.\n"
            "A paragraph with no date of its own, mentioning 1 June 2019 inside.\n")
    items = split_text(text)
    assert [(i.published, i.text.split("\n")[-1][:20]) for i in items] == [
        ("2020-03-03", "The court released I"),
        ("2021-05-12", "12.05.2021 — Police "),
        (None, "A paragraph with no ")]
    assert items[1].title == "Police detained Anna Ivanova in Almaty."


def test_russian_date_line_and_bullets():
    text = ("Новости\n- 14 апреля 2014\nСуд освободил Ивана Петрова.\n"
            "- 15 апреля 2014\nАктивист задержан.\n")
    items = split_text(text, "ru")
    assert [i.published for i in items] == ["2014-04-14", "2014-04-15"]
    assert items[0].text == "14 апреля 2014\nСуд освободил Ивана Петрова."


def test_a_single_bullet_is_no_listing_layout():
    items = split_text("• One bullet only\nand a paragraph\n")
    assert len(items) == 2  # read as paragraphs


def test_item_keys_stay_when_the_text_changes_under_the_same_date_and_first_line():
    before = split_text("• Jan 9, 2014\nFirst line.\nMore.\n• Jan 8, 2014\nOther.\n")
    after = split_text("• Jan 10, 2014\nNew.\n• Jan 9, 2014\nFirst line.\nMore, corrected.\n"
                       "• Jan 8, 2014\nOther.\n")
    assert {i.key for i in before} < {i.key for i in after}
    assert len({i.key for i in after}) == 3


PAGE = """<!doctype html><html><head><title>News</title><script>var x=1</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav>
<main>
<article><h2><a href="/news/2">Verdict in Almaty</a></h2>
<time datetime="2022-11-03T10:00">3 Nov</time>
<p>On Monday a court sentenced journalist Marat Bekov to five years in prison.</p></article>
<article><h2><a href="/news/1">Detention</a></h2><p>Posted 1 November 2022</p>
<p>Police detained activist Ivan Petrov.</p><script>alert(1)</script></article>
</main><footer><p>© 2024</p></footer></body></html>"""


def test_html_articles_are_items_with_links_and_dates():
    listing = read_listing(PAGE.encode(), max_bytes=10**6)
    assert listing.kind == "html"
    items = listing.items
    assert [(i.link, i.title, i.published) for i in items] == [
        ("/news/2", "Verdict in Almaty", "2022-11-03"),
        ("/news/1", "Detention", "2022-11-01")]
    assert "Marat Bekov" in items[0].text and "alert" not in items[1].text


def test_an_articles_own_header_keeps_its_title_and_date():
    page = ("<html><body><header><a href='/'>Site</a></header>"
            "<article><header><h2><a href='/a'>One</a></h2><time datetime='2023-01-05'>5 Jan"
            "</time></header><p>Police detained Ivan Petrov.</p></article>"
            "<article><header><h2><a href='/b'>Two</a></h2><time datetime='2023-01-04'>4 Jan"
            "</time></header><p>A court fined Oleg Sidorov.</p></article></body></html>")
    items = read_listing(page.encode(), max_bytes=10**6).items
    assert [(i.title, i.published, i.link) for i in items] == [
        ("One", "2023-01-05", "/a"), ("Two", "2023-01-04", "/b")]
    assert "Site" not in " ".join(i.text for i in items)


def test_html_list_of_linked_entries_not_the_menu():
    page = ("<html><body><ul><li><a href='/'>Home</a></li><li><a href='/x'>X</a></li></ul>"
            "<ul><li><a href='/n/1'>12.05.2021 — Police detained Anna Ivanova in Almaty</a></li>"
            "<li><a href='/n/2'>11.05.2021 — A court fined Oleg Sidorov for a picket</a></li>"
            "</ul></body></html>")
    items = read_listing(page.encode(), max_bytes=10**6).items
    assert [(i.link, i.published) for i in items] == [("/n/1", "2021-05-12"),
                                                      ("/n/2", "2021-05-11")]


def test_an_xhtml_page_is_read_as_a_page_not_refused_as_a_feed():
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<body><article><h2><a href='/a'>One</a></h2><p>Police detained Ivan Petrov.</p>"
            "</article><article><h2><a href='/b'>Two</a></h2><p>A court fined Oleg Sidorov."
            "</p></article></body></html>")
    listing = read_listing(page.encode(), max_bytes=10**6)
    assert listing.kind == "html" and [i.link for i in listing.items] == ["/a", "/b"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["• Apr 14, 2014", "- 3 March 2020", "Posted on 1 May 2021",
                                 "Police detained Ivan Petrov.", "", "  ", "12.05.2021 — Title",
                                 "•", "A court fined Oleg Sidorov. He appealed."]), max_size=12))
def test_items_are_made_of_the_texts_own_lines(lines):
    text = "\n".join(lines)
    own = {line.strip() for line in lines}
    for item in split_text(text):
        assert item.text.strip()
        assert all(any(part in line for line in own) for part in item.text.split("\n"))
        assert item.published is None or len(item.published) in (7, 10)
    assert len({i.key for i in split_text(text)}) == len(split_text(text))

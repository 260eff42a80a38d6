"""The list's rows made in Python (casefile.reports.list_html): every registry value escaped,
the flags and links as the list page shows them, in each language, and kept rows numbered
as a page shows them."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from casefile.reports.list_html import cells, kept, numbered, rows
from casefile.reports.prisoners import Article, ListEntry, Quote, SourceRef
from casefile.reports.shown import day

HOSTILE = '<script>alert("x")</script> & \'q\''


def entry(**changes: object) -> ListEntry:
    base = dict(person_id=7, name="Marat Zhylanbayev", status="convicted", category="Opposition",
                number=3, articles=[Article("405", "2", None), Article("174", None, "Incitement")],
                sentence_months=[84.0], dates={"detained": "2023-05-01"},
                torture_reported=False, extradition_risk=False, citizenship=["KZ"],
                sources=[SourceRef(12, "t", "p", "2024-01-01", "capture",
                                   [Quote("c1", "status", 0, 5)])],
                last_confirmed="2024-01-01", stale=False)
    return ListEntry(**{**base, **changes})  # type: ignore[arg-type]


class Cells(HTMLParser):
    """The row's cells' text and its tags, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Cells:
    p = Cells()
    p.feed(html)
    return p


def test_a_row_has_its_cells_links_and_dates() -> None:
    p = parse(cells("en", "KZ", entry()))
    assert [t for t, _ in p.tags].count("td") == 7
    hrefs = [a["href"] for t, a in p.tags if t == "a"]
    assert hrefs == ["/persons/7", "/sources/12#claim-c1"]
    text = "".join(p.text)
    assert "Marat Zhylanbayev" in text and "Art. 405(2)" in text and "Incitement" in text
    assert "7 years" in text and "1 May 2023" in text
    assert ("time", {"datetime": "2023-05-01"}) in p.tags
    assert "not confirmed" not in text


def test_every_value_from_the_registry_is_escaped() -> None:
    hostile = entry(name=HOSTILE, category=HOSTILE, person_id=None,
                    articles=[Article(HOSTILE, HOSTILE, HOSTILE)],
                    sources=[SourceRef(3, None, None, None, "capture",
                                       [Quote(HOSTILE, "status", None, None)])])
    html = str(cells("en", "KZ", hostile))
    assert "<script" not in html and '"x"' not in html
    p = parse(html)
    assert not [t for t, _ in p.tags if t in ("script", "b")]
    assert "".join(p.text).count(HOSTILE) >= 3  # name, category, article: shown as text
    assert not [a for t, a in p.tags if t == "a" and a["href"].startswith("/persons/")]


def test_flags_and_a_status_nobody_confirmed_lately() -> None:
    p = parse(cells("en", "KZ", entry(torture_reported=True, extradition_risk=True, stale=True)))
    text = "".join(p.text)
    assert "torture reported" in text and "extradition risk" in text
    assert "not confirmed since 1 January 2024" in text
    assert "not confirmed lately" in "".join(parse(cells(
        "en", "KZ", entry(stale=True, last_confirmed=None))).text)


def test_the_row_speaks_the_visitors_language() -> None:
    text = "".join(parse(cells("ru", "KZ", entry(torture_reported=True, stale=True))).text)
    assert "сообщалось о пытках" in text and "ст. 405(2)" in text
    assert "Возбуждение социальной" in text  # the article's title from the Russian data
    assert "7 лет" in text and "1 мая 2023" in text
    assert "torture" not in text


@pytest.mark.parametrize(("value", "en", "ru"), [
    ("2024-03-05", '<time datetime="2024-03-05">5 March 2024</time>', "5 марта 2024"),
    (date(2020, 1, 2), '<time datetime="2020-01-02">2 January 2020</time>', "2 января 2020"),
    ("2024-03", '<time datetime="2024-03">March 2024</time>', "март 2024"),
    ("<b>spring</b>", "&lt;b&gt;spring&lt;/b&gt;", "&lt;b&gt;spring&lt;/b&gt;"),
    (None, "", ""),
])
def test_days_are_shown_in_the_language_and_escaped(value, en, ru):
    """`shown.day` keeps what it made (dates repeat down a list): a kept answer is still the
    language's own, and a value that is not a date is escaped, not marked up."""
    assert str(day(value, "en")) == en
    assert ru in str(day(value, "ru"))
    assert str(day(value, "en")) == en  # asked again: the kept answer


def test_rows_are_numbered_from_the_page_start_and_anchored_by_person() -> None:
    p = parse(str(rows("en", "KZ", [entry(), entry(person_id=None, name=HOSTILE)], 200)))
    trs = [a for t, a in p.tags if t == "tr"]
    assert trs == [{"id": "person-7"}, {}]  # an anonymised row has no id to link to
    numbers = [a for t, a in p.tags if t == "td" and a.get("data-label") == "No."]
    assert len(numbers) == 2 and [t for t, _ in p.tags].count("td") == 16
    assert [x for x in p.text if x.strip()][:1] == ["201"] and "202" in p.text
    assert "<script" not in str(rows("en", "KZ", [entry(name=HOSTILE)], 0))
    assert 'data-label="№"' in str(rows("ru", "KZ", [entry()], 0))


def test_kept_rows_are_numbered_where_the_page_puts_them() -> None:
    """A kept row has its number put in when a page shows it: the same row as one made for
    that place, whatever the registry's values hold."""
    made = [entry(), entry(person_id=None, name=HOSTILE + "<!--n--> 1"), entry(person_id=9)]
    ru = [kept("ru", "KZ", e) for e in made]
    assert str(numbered(ru, 40)) == str(rows("ru", "KZ", made, 40))
    assert str(numbered([kept("en", "KZ", made[1])], 0)).count(">1</td>") == 1

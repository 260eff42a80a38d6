"""The site in English, Russian and Kazakh: the language from the URL prefix, links and
redirects that keep it, the page cache keyed by it, Accept-Language honoured on the home page
only, and translated text still escaped."""

from __future__ import annotations

import re

import pytest

from casefile.web import lang as weblang
from tests.web.conftest import add_user, csrf_of

SAME_SITE = {"sec-fetch-site": "same-origin"}


@pytest.mark.parametrize(("prefix", "heading", "html_lang"), [
    ("", "Political prisoners in KZ as of", "en"),
    ("/ru", "Политические заключённые (KZ) на", "ru"),
    ("/kk", "Саяси тұтқындар (KZ),", "kk"),
])
def test_the_list_in_each_language(client, prefix, heading, html_lang):
    page = client.get(prefix + "/prisoners")
    assert page.status_code == 200
    assert page.headers["content-language"] == html_lang
    assert f'<html lang="{html_lang}">' in page.text
    h1 = re.search(r"<h1>(.*?)</h1>", page.text).group(1)
    assert h1.startswith(heading)
    # internal links stay in the language; downloads and static files keep one address
    assert f'href="{prefix}/persons"' in page.text
    assert 'href="/prisoners.csv' in page.text and 'href="/static/style-1.css"' in page.text
    for code in ("en", "ru", "kk"):
        assert f'hreflang="{code}" href="{weblang.prefix(code)}/prisoners"' in page.text


def test_dates_and_labels_translated_on_the_list_and_dossier(client):
    ru = client.get("/ru/prisoners").text
    assert re.search(r"\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября"
                     r"|октября|ноября|декабря) \d{4}\sг\.", ru)
    assert "Осуждён(а)" in ru or "В предварительном заключении" in ru
    assert "Convicted" not in ru.split("<tbody>")[1]
    person = re.search(r'href="/ru/persons/(\d+)"', ru).group(1)
    dossier = client.get(f"/kk/persons/{person}").text
    assert "Қазіргі мәртебесі" in dossier and "Status now" not in dossier


def test_page_cache_keeps_one_page_per_language(client):
    first = [client.get(p).text for p in ("/persons", "/ru/persons", "/kk/persons")]
    again = [client.get(p).text for p in ("/persons", "/ru/persons", "/kk/persons")]
    assert first == again
    assert ['<html lang="en">' in first[0], '<html lang="ru">' in first[1],
            '<html lang="kk">' in first[2]] == [True, True, True]


def test_accept_language_chooses_the_home_page_language_only(client):
    ru = {"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"}
    home = client.get("/", headers=ru, follow_redirects=False)
    assert home.status_code == 302 and home.headers["location"] == "/ru/"
    assert "Accept-Language" in home.headers["vary"]
    # a link on this site to English is a choice: it sticks
    chosen = client.get("/", headers={**ru, **SAME_SITE})
    assert chosen.status_code == 200 and '<html lang="en">' in chosen.text
    assert "Accept-Language" in chosen.headers["vary"]
    # every other address is what it says, whatever the header
    other = client.get("/prisoners", headers=ru)
    assert '<html lang="en">' in other.text and "accept-language" not in \
        other.headers.get("vary", "").lower()
    kk = client.get("/", headers={"accept-language": "kk, ru;q=0.8"}, follow_redirects=False)
    assert kk.headers["location"] == "/kk/"
    assert client.get("/", headers={"accept-language": "de, en;q=0.1"}).status_code == 200


@pytest.mark.parametrize(("header", "chosen"), [
    ("", "en"), ("ru", "ru"), ("en-GB,en;q=0.9,ru;q=0.8", "en"), ("kk-KZ,ru;q=0.9", "kk"),
    ("ru;q=0, kk;q=0.2", "kk"), ("ru;q=bad", "en"), ("fr, de", "en"),
])
def test_preferred_language(header, chosen):
    assert weblang.preferred(header) == chosen


def test_redirects_keep_the_language(client, seeded):
    to_login = client.get("/ru/review", follow_redirects=False)
    assert to_login.status_code == 303
    assert to_login.headers["location"].startswith("/ru/login?next=")
    add_user("редактор", "editor", seeded)
    page = client.get("/ru/login")
    assert "Вход для редакторов" in page.text and 'action="/ru/login"' in page.text
    done = client.post("/ru/login", data={"username": "редактор", "password":
                                          "correct horse battery", "csrf": csrf_of(page.text),
                                          "next": "/review"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/ru/review"
    review = client.get("/ru/review")
    assert '<html lang="ru">' in review.text and "Выйти (редактор)" in review.text


def test_translated_text_still_escapes(client):
    page = client.get("/kk/search", params={"q": '<script>alert(1)</script>"'})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert client.get("/ru/nowhere").status_code == 404
    assert '<html lang="ru">' in client.get("/ru/nowhere").text


@pytest.mark.parametrize("code", ["en", "ru", "kk"])
def test_templates_translate_as_jinja_does(code):
    """Our gettext (casefile.web.pages) translates each string once and skips formatting where
    there is nothing to format; what it gives must be what Jinja's own new-style gettext
    gives: values escaped, `%%` made `%`, plural forms untouched."""
    from jinja2 import Environment

    from casefile import i18n
    from casefile.web.pages import environment

    source = ("{{ _('Search') }}|{{ _('more than %(n)s', n='<b>&') }}|{{ _('50%% x') }}|"
              "{{ _('Search', n=1) }}|{% trans %}100%% sure{% endtrans %}|"
              "{% trans n=2 %}{{ n }} <i>{% endtrans %}")
    stock = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    stock.install_gettext_translations(i18n.translations(code), newstyle=True)
    ours = environment(code).from_string(source).render()
    assert ours == stock.from_string(source).render()
    assert "&lt;b&gt;&amp;" in ours and "50% x" in ours

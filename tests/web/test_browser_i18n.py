"""Switching the site to Russian and Kazakh in a real Chromium with JavaScript off: through
the language links, with translated headings and dates in each language's form, and a browser
that prefers Russian landing on the Russian home page unless it picks English. Screenshots of
the list in Russian and Kazakh for docs/screenshots/ (English: list.png, test_browser.py)."""

from __future__ import annotations

import re

import pytest

from tests.web.test_browser import SHOTS, _watch

pytestmark = pytest.mark.browser
RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
KK_MONTHS = ("қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша"
             "|желтоқсан")


def test_visitor_switches_the_list_to_russian_and_kazakh(browser, live):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1200, "height": 900})
    page = context.new_page()
    seen = _watch(page, live)
    page.goto(live.base + "/prisoners")
    assert page.inner_text("h1").startswith("Political prisoners in KZ")
    english_rows = page.locator("table.list tbody tr").count()

    page.click("nav.languages a[hreflang=ru]")
    page.wait_for_url(re.compile(r"/ru/prisoners$"))
    assert page.get_attribute("html", "lang") == "ru"
    assert page.inner_text("h1").startswith("Политические заключённые (KZ) на ")
    assert re.search(rf"\d{{1,2}} ({RU_MONTHS}) \d{{4}}\sг\.", page.inner_text("h1"))
    assert "Имя" in page.inner_text("table.list thead")
    assert page.locator("table.list tbody tr").count() == english_rows
    detained = [t for t in page.locator("table.list tbody td:nth-child(7)").all_inner_texts()
                if t.strip()]
    assert detained and all(re.fullmatch(rf"\d{{1,2}} ({RU_MONTHS}) \d{{4}}\sг\.", t)
                            for t in detained)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "list-ru.png"))

    page.click("nav.languages a[hreflang=kk]")
    page.wait_for_url(re.compile(r"/kk/prisoners$"))
    assert page.get_attribute("html", "lang") == "kk"
    assert page.inner_text("h1").startswith("Саяси тұтқындар (KZ),")
    assert re.search(rf"\d{{4}}\sж\. \d{{1,2}} ({KK_MONTHS})", page.inner_text("h1"))
    page.screenshot(path=str(SHOTS / "list-kk.png"))

    # a link followed in Kazakh stays in Kazakh
    page.locator("table.list tbody tr td:nth-child(2) a").first.click()
    page.wait_for_url(re.compile(r"/kk/persons/\d+$"))
    assert page.inner_text("#h-status") == "Қазіргі мәртебесі"

    page.click("nav.languages a[hreflang=en]")
    page.wait_for_url(re.compile(r"/persons/\d+$"))
    assert "/kk/" not in page.url and page.inner_text("#h-status") == "Status now"
    assert [u for u in seen["requests"] if not u.startswith(live.base + "/")] == []
    assert seen["errors"] == []
    context.close()


def test_a_browser_preferring_russian_lands_in_russian_and_can_choose_english(browser, live):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    page = context.new_page()
    page.goto(live.base + "/")
    assert re.search(r"/ru/$", page.url)
    assert page.inner_text("h1") == "Политические заключённые (KZ)"
    page.click("nav.languages a[hreflang=en]")
    page.wait_for_url(re.compile(r":\d+/$"))
    assert page.inner_text("h1") == "Political prisoners in KZ"
    page.click("a.brand")  # home again from a page of the site: still English
    assert page.inner_text("h1") == "Political prisoners in KZ"
    context.close()

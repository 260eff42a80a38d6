"""A real headless Chromium against the live loopback server: the visitor's path with and
without JavaScript, an editor's accept changing the public page, no request leaving
127.0.0.1, no CSP violation; screenshots for docs/screenshots/."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from casefile.registry import db
from casefile.registry.models import Claim, Event, Person
from tests.conftest import ROOT
from tests.web.conftest import PASSWORD

SHOTS = ROOT / "docs" / "screenshots"
pytestmark = pytest.mark.browser


def _watch(page, live):
    """Every request the page makes, and every console error (CSP violations log one)."""
    seen: dict[str, list[str]] = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_visitor_goes_from_list_to_person_to_quote(browser, live, javascript):
    context = browser.new_context(java_script_enabled=javascript,
                                  viewport={"width": 1200, "height": 900})
    page = context.new_page()
    seen = _watch(page, live)
    page.goto(live.base + "/")
    assert int(page.inner_text("#count-total")) > 0
    assert page.locator("svg.chart rect").count() > 0
    if javascript:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "home.png"), full_page=True)
    page.click("text=The list")
    page.wait_for_url(re.compile(r"/prisoners$"))
    assert page.locator("table.list tbody tr").count() > 1
    if javascript:
        page.screenshot(path=str(SHOTS / "list.png"))
    first = page.locator("table.list tbody tr td:nth-child(2) a").first
    name = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/persons/\d+$"))
    assert page.inner_text("h1#name") == name
    if javascript:
        page.screenshot(path=str(SHOTS / "person.png"), full_page=True)
    link = page.locator("ol.timeline a.quote-link").first
    quote = page.locator("ol.timeline blockquote").first.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/sources/\d+#claim-[0-9a-f]+$"))
    anchor = page.url.split("#")[1]
    marked = page.locator(f"mark:has(#{anchor})")
    assert marked.count() == 1 and marked.is_visible()
    text = page.evaluate if javascript else None
    assert " ".join(quote.split())[:30] in " ".join(page.inner_text(".source-text").split())
    assert text is None or text("() => location.hash").startswith("#claim-")
    outside = [u for u in seen["requests"] if not u.startswith(live.base + "/")]
    assert outside == [], outside
    assert seen["errors"] == []
    context.close()


def test_editor_accepts_a_claim_and_the_public_page_changes(browser, live):
    with db.session(live.db_url) as s:
        other = aliased(Claim)
        hidden = exists().where(other.person_id == Person.id, other.state == "accepted",
                                other.confidential.is_(False))
        claim = s.scalars(select(Claim).join(Event, Event.claim_id == Claim.id)
                          .join(Person, Person.id == Claim.person_id)
                          .where(Claim.state == "proposed", ~hidden)
                          .order_by(Claim.id)).first()
    visitor = browser.new_context(java_script_enabled=False)
    public = visitor.new_page()
    assert public.goto(f"{live.base}/persons/{claim.person_id}").status == 404

    editor = browser.new_context()
    page = editor.new_page()
    seen = _watch(page, live)
    page.goto(f"{live.base}/review?person={claim.person_id}")
    page.wait_for_url(re.compile(r"/login"))
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(re.compile(r"/review\?person="))
    page.check(f"#pick-{claim.id}")
    page.click("button:has-text('Accept selected')")
    page.wait_for_url(re.compile(r"done=accepted"))
    assert page.locator(f"#claim-{claim.id}").count() == 0

    response = public.goto(f"{live.base}/persons/{claim.person_id}")
    assert response.status == 200
    assert public.locator(f"a[href$='#claim-{claim.id}']").count() == 1
    assert [u for u in seen["requests"] if not u.startswith(live.base + "/")] == []
    assert seen["errors"] == []
    visitor.close()
    editor.close()


def test_editor_adds_an_event_with_a_quote_picked_from_a_source_without_javascript(browser,
                                                                                  live):
    with db.session(live.db_url) as s:
        claim = s.scalars(select(Claim).join(Person, Person.id == Claim.person_id).where(
            Claim.state == "accepted", Claim.predicate == "listed",
            Claim.confidential.is_(False), Person.publication == "public")
            .order_by(Claim.id)).first()
    words = " ".join(claim.quote.split()[:3])
    editor = browser.new_context(java_script_enabled=False)
    page = editor.new_page()
    seen = _watch(page, live)
    page.goto(f"{live.base}/review/persons/{claim.person_id}/add")
    page.wait_for_url(re.compile(r"/login"))
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(re.compile(r"/add$"))
    page.select_option("select[name=source]", str(claim.source_id))
    page.fill("input[name=q]", words)
    page.click("button:has-text('Search the source')")
    page.wait_for_url(re.compile(r"q="))
    passages = page.locator("label.passage")
    assert passages.count() >= 1 and words.split()[0] in passages.first.inner_text()
    picked = passages.first.inner_text().strip()
    page.check("label.passage input >> nth=0")
    page.select_option("select[name=kind]", "event")
    page.fill("input[name=value]", "health_alert")
    page.fill("input[name=date]", "2019-05-14")
    page.fill("input[name=reason]", "missed by the extractor")
    page.click("button:has-text('Add the fact')")
    page.wait_for_url(re.compile(r"done=added"))

    visitor = browser.new_context(java_script_enabled=False)
    public = visitor.new_page()
    assert public.goto(f"{live.base}/persons/{claim.person_id}").status == 200
    item = public.locator("ol.timeline li", has_text="entered by editors")
    assert item.count() == 1 and item.locator("time[datetime='2019-05-14']").inner_text() \
        == "14 May 2019"
    assert " ".join(picked.split())[:40] in " ".join(item.inner_text().split())
    assert "missed by the extractor" not in public.content()
    assert [u for u in seen["requests"] if not u.startswith(live.base + "/")] == []
    visitor.close()
    editor.close()


def test_editor_edits_a_sources_metadata_without_javascript(browser, live):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live.base}/review/sources")
    page.wait_for_url(re.compile(r"/login"))
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(re.compile(r"/review/sources$"))
    page.locator("table.list tbody tr td:nth-child(3) a").last.click()
    page.wait_for_url(re.compile(r"/review/sources/\d+$"))
    source_id = page.url.rsplit("/", 1)[1]
    page.fill("input[name=publisher]", "Human Rights Centre “Viasna”")
    page.fill("input[name=reason]", "from the web page")
    page.click("button:has-text('Save')")
    page.wait_for_url(re.compile(r"done=publisher"))
    page.goto(f"{live.base}/review/sources?publisher=viasna")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and rows.first.locator("td").first.inner_text() == source_id
    context.close()

"""The public pages on a 360 px wide phone, in a real Chromium without JavaScript: nothing is
wider than the screen (the page never scrolls sideways), and the list stays a list."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import Claim, Person

pytestmark = pytest.mark.browser
WIDTH = 360


def _public_person(url: str) -> tuple[int, int]:
    with db.session(url) as s:
        return s.execute(select(Claim.person_id, Claim.source_id)
                         .join(Person, Person.id == Claim.person_id)
                         .where(Claim.state == "accepted", Claim.predicate == "listed",
                                Claim.confidential.is_(False),
                                Person.publication == "public")
                         .order_by(Claim.id)).first()


def test_public_pages_fit_a_360_px_screen(browser, live):
    person, source = _public_person(live.db_url)
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": WIDTH, "height": 740})
    page = context.new_page()
    wide = {}
    for path in ("/", "/prisoners", f"/persons/{person}", f"/sources/{source}", "/persons",
                 "/search?q=prison", "/api", "/statistics", "/statistics?by=category",
                 "/countries/KZ/timeline"):
        assert page.goto(live.base + path).status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide[path] = width
    assert wide == {}
    page.goto(live.base + "/prisoners")
    rows = page.locator("table.list tbody tr")
    first = rows.first.bounding_box()
    assert rows.count() > 1 and first is not None and first["width"] <= WIDTH
    # a stacked row: its cells one under the other, each named by its column
    cells = rows.first.locator("td")
    assert cells.nth(0).bounding_box()["y"] < cells.nth(1).bounding_box()["y"]
    assert "Status" in rows.first.inner_text() or "Status" in rows.first.locator(
        "td[data-label=Status]").evaluate("e => getComputedStyle(e, '::before').content")
    context.close()


def test_list_numbers_run_on_across_status_groups(browser, live):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live.base + "/prisoners")
    numbers = [int(n) for n in page.locator("table.list tbody tr td:first-child").all_inner_texts()]
    statuses = page.locator("table.list tbody tr td:nth-child(3)").all_inner_texts()
    assert len(set(statuses)) > 1  # more than one group, or the test proves nothing
    assert numbers == list(range(1, len(numbers) + 1))
    context.close()

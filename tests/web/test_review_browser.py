"""An editor's correction made beside the claim, in Chromium without JavaScript, and what the
public then reads: the corrected value, "corrected by editors" and the reason."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from casefile.registry import db, manual
from casefile.registry.models import Claim, Person
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_editor_corrects_an_accepted_claim_beside_it_without_javascript(browser, live):
    # A source's claim, not one an editor entered in another test on this server (ids are
    # hashes, so "the newest" may be that one): a fact entered by editors stays "entered by
    # editors" when corrected, and the check below is of a source's fact corrected.
    with db.session(live.db_url) as s:
        claim = s.scalars(select(Claim).join(Person, Person.id == Claim.person_id).where(
            Claim.state == "accepted", Claim.predicate == "event", Claim.value != "listed",
            Claim.supersedes.is_(None), Claim.confidential.is_(False),
            Claim.extractor != manual.EXTRACTOR,
            Person.publication == "public").order_by(Claim.id.desc())).first()
    assert claim is not None
    editor = browser.new_context(java_script_enabled=False)
    page = editor.new_page()
    page.goto(f"{live.base}/review/persons/{claim.person_id}")
    page.wait_for_url(re.compile(r"/login"))
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(re.compile(rf"/review/persons/{claim.person_id}$"))
    item = page.locator(f"#claim-{claim.id}")
    assert "@" not in item.inner_text().split("\n")[0]  # no extractor names
    item.locator("summary:has-text('Correct')").click()  # <details> opens without script
    item.locator("select[name=value]").select_option("health_alert")
    item.locator("input[name=date]").fill("2019-05")
    item.locator("details.correct input[name=reason]").fill("the court record says May 2019")
    item.locator("button:has-text('Save correction')").click()
    page.wait_for_url(re.compile(rf"/review/persons/{claim.person_id}\?done=corrected"))
    assert page.locator(f"#claim-{claim.id}").count() == 0  # the source's claim retired
    assert page.locator("ol.claims li", has_text="Health alert").count() >= 1

    visitor = browser.new_context(java_script_enabled=False)
    public = visitor.new_page()
    assert public.goto(f"{live.base}/persons/{claim.person_id}").status == 200
    fixed = public.locator("ol.timeline li", has_text="corrected by editors")
    text = " ".join(fixed.all_inner_texts())
    assert "Health alert" in text and "May 2019" in text  # the date as the site writes it
    assert "the court record says May 2019" in text
    visitor.close()
    editor.close()

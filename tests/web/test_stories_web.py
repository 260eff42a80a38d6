"""The same story from other outlets on the site: the public source page links the other
public sources of its story (never one with no public claim), the editors' inventory shows
the story and filters by it; the CLI lists it and counts a story's sources once."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from casefile.registry.ingest import capture
from casefile.web.app import create_app
from tests.helpers import run
from tests.web.conftest import add_user, login

DATA = Path(__file__).parent.parent / "sources" / "data" / "stories"


def _capture(name: str, **kw) -> int:
    return capture(str(DATA / f"{name}.txt"), **kw).source_id


def test_the_source_page_links_the_other_public_outlets_of_its_story(registry):
    a = _capture("written-en-a", trusted=True, publisher="Outlet A")
    b = _capture("written-en-b", trusted=True, publisher="Outlet <B>")
    other = _capture("written-en-other", trusted=True, publisher="Outlet C")
    c = TestClient(create_app(registry), base_url="https://testserver")
    page = c.get(f"/sources/{a}").text
    assert "The same story from other outlets" in page
    assert f'href="/sources/{b}"' in page and "Outlet &lt;B&gt;" in page
    assert f'href="/sources/{other}"' not in page
    assert "The same story from other outlets" not in c.get(f"/sources/{other}").text
    twin = c.get(f"/sources/{a}.json").json()["same_story"]
    assert [(o["id"], o["publisher"]) for o in twin] == [(b, "Outlet <B>")]


def test_a_source_with_no_public_claim_is_not_linked_from_the_public_page(registry):
    a = _capture("written-ru-a", trusted=True)
    b = _capture("written-ru-b")  # not trusted: its claims wait for review
    c = TestClient(create_app(registry), base_url="https://testserver")
    assert c.get(f"/sources/{b}").status_code == 404
    page = c.get(f"/sources/{a}").text
    assert f'href="/sources/{b}"' not in page and "The same story" not in page
    add_user("u-viewer", "viewer")
    assert login(c, "u-viewer").status_code == 303
    editors = c.get(f"/review/sources/{a}").text
    assert "The same story from other outlets" in editors and f'/review/sources/{b}"' in editors
    listing = c.get("/review/sources", params={"story": a}).text
    assert f"story {a}: 2 sources" in listing and "2 sources." in listing


def test_the_cli_names_the_story_and_counts_its_sources_once(registry):
    first = run("capture", str(DATA / "cpj-2022-01-20.txt"))
    assert first.exit_code == 0 and "the same story" not in first.output
    second = run("capture", str(DATA / "ceetv-2022-01-24.txt"))
    assert second.exit_code == 0 and "the same story as source 1" in second.output
    listed = json.loads(run("sources", "--story", "1", "--format", "json").output)
    assert listed["total"] == 2
    assert {(r["id"], r["story_id"], r["story_sources"]) for r in listed["sources"]} == {
        (1, 1, 2), (2, 1, 2)}
    persons = run("persons").output
    assert "Lukpan Akhmedyarov" in persons
    line = next(x for x in persons.splitlines() if "Akhmedyarov" in x)
    assert "2 source(s) (1 stories)" in line

"""A page's data is freed when the page is sent, not left for the garbage collector.

A macro a template defined closed over the page's context, which held the macro: every list
page left its hundred entries in a reference cycle, and the collector's passes over them (and
its full passes over the whole heap they brought on) were a fifth of a list page's CPU and
its slowest moments. Here each kind of page, public and editors', is asked with the collector
off and every unreachable object kept (gc.DEBUG_SAVEALL): none of Casefile's records may be
among them."""

from __future__ import annotations

import gc
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import Person, Source
from casefile.web import pagecache
from casefile.web.app import create_app
from tests.web.conftest import add_user, login


def _ours_left(client: TestClient, path: str) -> list[str]:
    """The types of Casefile's objects that asking for `path` left unreachable."""
    assert client.get(path).status_code == 200, path  # imports, templates, kept statements
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.disable()
    try:
        assert client.get(path).status_code == 200, path
        gc.collect()
        return sorted({type(o).__qualname__ for o in gc.garbage
                       if type(o).__module__.startswith("casefile")})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_no_page_leaves_its_records_in_a_cycle(seeded, monkeypatch):
    monkeypatch.setattr(pagecache, "MAX_BYTES", 0)  # every page made, none kept
    with db.session() as s:
        person = s.scalars(select(Person.id).order_by(Person.id)).first()
        source = s.scalars(select(Source.id).order_by(Source.id)).first()
    client = TestClient(create_app(seeded), base_url="https://testserver")
    paths = ["/", "/prisoners", "/prisoners?sort=name&desc=1", "/prisoners.json",
             f"/persons/{person}", f"/sources/{source}", "/search?q=Kazakhstan",
             "/api/v1/prisoners", "/statistics", "/ru/prisoners"]
    left = {path: kinds for path in paths if (kinds := _ours_left(client, path))}
    assert left == {}


def test_editors_pages_leave_no_records_in_a_cycle(seeded, monkeypatch):
    monkeypatch.setattr(pagecache, "MAX_BYTES", 0)
    with db.session() as s:
        person = s.scalars(select(Person.id).order_by(Person.id)).first()
    client = TestClient(create_app(seeded), base_url="https://testserver")
    add_user("u-editor", "editor")
    assert login(client, "u-editor").status_code == 303
    paths = ["/review", "/review/conflicts", f"/review/persons/{person}"]
    left = {path: kinds for path in paths if (kinds := _ours_left(client, path))}
    assert left == {}


def test_pages_import_their_macros():
    """The rule the tests above check on some pages, for every page of the site: macros live
    in the imported partials (_*.html), imported without the page's context (an import `with
    context` makes a module of the page's context for each page, in the same cycle)."""
    templates = Path(create_app.__code__.co_filename).with_name("templates")

    def breaks(page: Path) -> bool:
        text = page.read_text(encoding="utf-8")
        defines = not page.name.startswith("_") and re.search(r"{%-?\s*macro\b", text)
        return bool(defines or re.search(r"\bwith\s+context\b", text))

    assert [p.name for p in templates.glob("*.html") if breaks(p)] == []

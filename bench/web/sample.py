"""The paths each kind of request picks from, for Casefile and the equivalent ones for
Datasette, drawn from the persons on the list (read once through the JSON API).

n paths per kind, URL-encoded; wrk picks among them uniformly. n is large enough that nearly
every person on the list is among them: a smaller sample would leave out most dossiers and
flatter the page cache. The list kind keeps its mix: a third each of page-by-number,
page-by-name and category pages (categories are few, pages are many).

Datasette's equivalents, on the `persons` table of the same file with Datasette's default
page of 100 rows (Casefile's list shows 100 too):
- list: `/casefile/persons?_next=ID`, a page starting after a random person id (keyset, as
  Datasette pages a table by its primary key), or the first page;
- person: `/casefile/persons/ID`, the row page of the same persons;
- search: `/casefile/persons?display_name__contains=WORD`, the same words. `_search` needs a
  full-text index on the table, and Casefile's (search_fts) is contentless and not tied to
  `persons`, so Datasette offers no full-text search on our schema; `__contains` is what a
  visitor to Datasette would use (a LIKE over the names).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import quote

import httpx


@dataclass(frozen=True)
class Listed:
    """What the paths are made from: the persons on the list and their names' words."""

    ids: list[int]
    words: list[str]
    categories: list[str]
    total: int


def read_list(base: str) -> Listed:
    """Every person on Casefile's list, through /api/v1/prisoners, page by page."""
    first = httpx.get(base + "/api/v1/prisoners?limit=500", timeout=300).json()
    persons = first["persons"]
    while len(persons) < first["total"]:
        page = httpx.get(base + f"/api/v1/prisoners?limit=500&offset={len(persons)}",
                         timeout=300).json()
        if not page["persons"]:
            break
        persons += page["persons"]
    return Listed(ids=[p["id"] for p in persons] or list(range(1, 1000)),
                  words=sorted({w for p in persons for w in p["name"].split() if w.isalpha()})
                  or ["detained"],
                  categories=sorted({p["category"] for p in persons if p["category"]}) or [""],
                  total=first["total"])


def casefile_paths(listed: Listed, rnd: random.Random, n: int = 30_000
                   ) -> dict[str, list[str]]:
    pages = max(1, listed.total // 100)
    lists = [lambda: f"/prisoners?page={rnd.randint(1, pages)}",
             lambda: f"/prisoners?sort=name&page={rnd.randint(1, pages)}",
             lambda: "/prisoners?category=" + quote(rnd.choice(listed.categories))]
    return {"list": [rnd.choice(lists)() for _ in range(n)],
            "person": [f"/persons/{rnd.choice(listed.ids)}" for _ in range(n)],
            "search": ["/search?q=" + quote(rnd.choice(listed.words)) for _ in range(n)]}


def datasette_paths(listed: Listed, rnd: random.Random, n: int = 30_000
                    ) -> dict[str, list[str]]:
    top = max(listed.ids)

    def page() -> str:
        start = rnd.randint(0, max(0, top - 100))
        return "/casefile/persons" + (f"?_next={start}" if start else "")

    return {"list": [page() for _ in range(n)],
            "person": [f"/casefile/persons/{rnd.choice(listed.ids)}" for _ in range(n)],
            "search": ["/casefile/persons?display_name__contains=" + quote(rnd.choice(
                listed.words)) for _ in range(n)]}

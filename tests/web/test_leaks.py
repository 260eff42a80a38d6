"""No public output names a protected person (issue 13, item 1).

A registry of the seeds plus three sources of our own (an English list, a Russian list with
case forms in running text, an English news item whose file name is a slug of a protected
name and whose publisher bears another's) with two anonymised and two withheld persons,
named in Latin and Cyrillic in several sources. Every GET route the app has (listed from the
app itself, so a new route is walked too), in HTML and JSON, the API, search of every kind
with the protected names and the words around them, and every export (`casefile report` in
each format, PDF included, with its quotes; the site's CSV and PDF; `casefile persons` and
`casefile events`) must hold no form of their names, no internal id of theirs, and no list
number on an anonymised row.
Editors still see everything.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_plus

import pypdf
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Person, PersonName, Release, Source
from casefile.reports.statistics import DIMENSIONS
from casefile.web.app import create_app
from tests.conftest import seed
from tests.helpers import run
from tests.web.conftest import add_user, login

LIST_EN = (
    "List of political prisoners in Kazakhstan as of 1 March 2024\nCONVICTED\n"
    "1. Bolat OMAROV – 6 years' imprisonment under Article 174 of the Criminal Code.\n"
    "2. Yerlan KARIMOV – 5 years' imprisonment under Article 405 of the Criminal Code. "
    "Karimov is a blogger from Aktobe.\n"
    "3. Timur SEITKALIYEV – 4 years' imprisonment under Article 174 of the Criminal Code.\n"
    "4. Aliya NURTAYEVA – 3 years' imprisonment under Article 405 of the Criminal Code.\n")
LIST_RU = (
    "Список политических заключённых Казахстана на 1 марта 2024 года\nОСУЖДЕННЫЕ\n"
    "1. Болат Омаров – 6 лет лишения свободы по статье 174 Уголовного кодекса.\n"
    "2. Ерлан Каримов – 5 лет лишения свободы по статье 405 Уголовного кодекса.\n"
    "3. Тимур Сейткалиев – 4 года лишения свободы по статье 174 Уголовного кодекса.\n"
    "4. Алия Нуртаева – 3 года лишения свободы по статье 405 Уголовного кодекса.\n"
    "Адвокат Ерлана Каримова сообщил, что Каримову отказали в свидании. Суд над Тимуром "
    "Сейткалиевым прошёл в закрытом режиме. Болат Омаров объявил голодовку.\n")
NEWS = (
    "Aktobe court sentences Bolat Omarov\n"
    "On 12 February 2024 the Aktobe city court sentenced activist Bolat Omarov to 6 years in "
    "prison under Article 174 of the Criminal Code. His co-defendant Yerlan Karimov received "
    "5 years; KARIMOV's lawyer said he would appeal.\n"
    "Relatives of Timur Seitkaliev said he remains in pre-trial detention in Aktobe.\n"
    "Aliya Nurtayeva was detained on 3 January 2024 and sentenced on 20 February 2024 to "
    "3 years in prison.\n")
# Stems that catch every form these texts use: Karimov, KARIMOV, Каримова, Каримову,
# Seitkaliyev, Seitkaliev, Сейткалиевым, Zhylanbayev, Zhylanbaev, Mukhametkarim.
STEMS = ("karimov", "каримов", "seitkali", "сейткали", "zhylanba", "mukhametkarim")
ANONYMISED = ("karimov", "mukhametkarim")
WITHHELD = ("seitkali", "zhylanba")
AS_OF = ("2024-03-15", "2023-09-01")
WORDS = ("Karimov", "Каримову", "Сейткалиевым", "Seitkaliev", "Zhylanbaev", "Mukhametkarim",
         "Aktobe", "blogger", "appeal", "lawyer", "Article", "свидании", "закрытом", "Адвокат",
         "Astana", "ultramarathoner", "journalist", "detention", "Omarov")


def build(tmp_path: Path) -> dict[str, object]:
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    for prefix in ("000", "001", "003", "004"):
        capture(str(seed(prefix)), country="KZ")
    for name, text, publisher in (("list_en.txt", LIST_EN, None), ("list_ru.txt", LIST_RU, None),
                                  ("yerlan-karimov-sentenced.txt", NEWS, "Seitkaliyev Media")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        capture(str(path), trusted=True, country="KZ", published="2024-03-01",
                publisher=publisher)
    forms: set[str] = set(STEMS)
    hidden: dict[int, str] = {}
    with db.session() as s:
        for person in s.scalars(select(Person)):
            names = {person.display_name, *(n.name for n in person.names)}
            text = " ".join(names).casefold()
            how = ("anonymised" if any(x in text for x in ANONYMISED) else
                   "withheld" if any(x in text for x in WITHHELD) else None)
            if how:
                hidden[person.id] = how
                forms |= {n.casefold() for n in names}
        forms |= {n.casefold() for n in s.scalars(
            select(PersonName.name).where(PersonName.person_id.in_(hidden)))}
        sources = list(s.scalars(select(Source.id)))
        persons = list(s.scalars(select(Person.id)))
    assert {"anonymised", "withheld"} <= set(hidden.values()) and len(hidden) >= 4
    # A release published while they were public, and one after: neither may name them now.
    release = ("release", "publish", "--country", "KZ", "--as-of", AS_OF[0], "--as", "ed")
    assert run(*release).exit_code == 0
    named = run("release", "show", "1", "--payload").stdout.casefold()
    assert any(stem in named for stem in STEMS)  # so the walk below reads it masked
    for pid, how in hidden.items():
        assert run("persons", "publication", str(pid), how).exit_code == 0
    assert run(*release).exit_code == 0
    with db.session() as s:
        releases = list(s.scalars(select(Release.id)))
    return {"forms": sorted(forms), "hidden": hidden, "sources": sources, "persons": persons,
            "releases": releases}


@pytest.fixture
def protected(registry: str, tmp_path: Path) -> dict[str, object]:
    return {**build(tmp_path), "url": registry}


def leaks(body: str, forms: list[str]) -> list[str]:
    folded = html.unescape(body).casefold()
    return [f for f in forms if f in folded]


def ids_shown(data: object, hidden: dict[int, str]) -> list[tuple[str, int]]:
    """Protected persons' internal ids under any *id key of a JSON document."""
    out: list[tuple[str, int]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ("id", "person_id") and isinstance(v, int) and v in hidden and (
                    k == "person_id" or "status" in data or "name" in data):
                out.append((k, v))
            out += ids_shown(v, hidden)
    elif isinstance(data, list):
        for v in data:
            out += ids_shown(v, hidden)
    return out


def _queries(path: str) -> list[dict[str, str]]:
    """The query strings a route is walked with."""
    if path.endswith("search") or path.endswith("search.json"):
        return [{"q": w, "kind": k} for w in WORDS for k in ("person", "event", "source")] + [
            {"q": w} for w in WORDS[:8]]
    if path == "/statistics":
        return [{"by": d} for d in DIMENSIONS]
    if "prisoners" in path or path in ("/", "/index.json", "/api/v1/stats"):
        return [{}] + [{"as_of": d} for d in AS_OF]
    if path.endswith("persons") or path.endswith("persons.json"):
        return [{"limit": "500"}, {}] + [{"name": w} for w in WORDS[:6]]
    return [{}]


def _strip_echo(body: str, params: dict[str, str]) -> str:
    """A search form repeats what the visitor typed: that is theirs, not a leak."""
    for key in ("q", "name"):
        typed = params.get(key)
        if typed:
            for echo in (f'value="{html.escape(typed)}"', f"{key}={quote_plus(typed)}"):
                body = body.replace(echo, "")
    return body


def app_routes(routes: list[object]) -> Iterator[APIRoute]:
    """Every API route of the app, inside included routers too."""
    for r in routes:
        if isinstance(r, APIRoute):
            yield r
        elif hasattr(r, "original_router"):
            yield from app_routes(r.original_router.routes)
        elif hasattr(r, "routes") and not hasattr(r, "app"):
            yield from app_routes(r.routes)


def walk(c: TestClient, info: dict[str, object]) -> list[str]:
    """Every GET route with every id and query: (url, what leaked) for each leak."""
    forms: list[str] = info["forms"]  # type: ignore[assignment]
    hidden: dict[int, str] = info["hidden"]  # type: ignore[assignment]
    values = {"source_id": info["sources"], "person_id": info["persons"],
              "release_id": info["releases"], "dimension": list(DIMENSIONS),
              "country": ["KZ"]}
    problems = []
    read: set[str] = set()  # the kinds of body actually read (a limit must not hide one)
    routes = [r for r in app_routes(c.app.routes) if "GET" in r.methods]
    assert len(routes) > 20
    for route in routes:
        params = re.findall(r"{(\w+)(?::\w+)?}", route.path)
        unknown = set(params) - set(values)
        assert not unknown, f"walk {route.path}: tell the leak test what {unknown} takes"
        fills = [{}] if not params else [{params[0]: v} for v in values[params[0]]]
        for fill in fills:
            path = re.sub(r"{(\w+)(?::\w+)?}", lambda m: str(fill[m.group(1)]), route.path)
            for query in _queries(route.path):
                r = c.get(path, params=query, follow_redirects=False)
                assert r.status_code < 500, (path, query, r.status_code)
                body = r.text
                if r.headers.get("content-type", "").startswith("application/pdf"):
                    read.add("pdf")
                    body = "\n".join(p.extract_text() or "" for p in
                                     pypdf.PdfReader(io.BytesIO(r.content)).pages)
                if r.headers.get("content-type", "").startswith("application/json"):
                    data = r.json()
                    if isinstance(data, dict) and "q" in query:
                        data.pop("q", None)
                    body = json.dumps(data, ensure_ascii=False)
                    read.add("json")
                elif r.headers.get("content-type", "").startswith("text/html"):
                    read.add("html")
                elif r.headers.get("content-type", "").startswith("text/csv"):
                    read.add("csv")
                    problems += [f"{path}?{query}: id {x}" for x in ids_shown(data, hidden)]
                body = _strip_echo(body, query)
                problems += [f"{path}?{query}: {f}" for f in leaks(body, forms)]
                problems += [f"{path}?{query}: link to {pid}" for pid in hidden
                             if re.search(rf'/persons/{pid}\b(?!\.)', body)]
    assert read == {"pdf", "json", "html", "csv"}, read
    return problems


def test_no_public_route_names_a_protected_person(protected):
    c = TestClient(create_app(protected["url"]), base_url="https://testserver")
    problems = walk(c, protected)
    assert not problems, f"{len(problems)} leaks, e.g. {problems[:15]}"


def test_no_export_names_a_protected_person(protected, tmp_path):
    forms: list[str] = protected["forms"]  # type: ignore[assignment]
    hidden: dict[int, str] = protected["hidden"]  # type: ignore[assignment]
    problems = []
    for day in AS_OF:
        for fmt in ("md", "html", "csv", "json", "pdf"):
            pdf = tmp_path / f"list-{day}.pdf"
            out = run("report", "prisoners", "--country", "KZ", "--as-of", day,
                      "--format", fmt, *(("--output", str(pdf)) if fmt == "pdf" else ()))
            assert out.exit_code == 0, out.output
            body = out.stdout if fmt != "pdf" else "\n".join(
                p.extract_text() or "" for p in pypdf.PdfReader(pdf).pages)
            assert "“" in body, f"report {fmt} quotes its sources"  # quotes are read too
            problems += [f"report {fmt} {day}: {f}" for f in leaks(body, forms)]
            if fmt == "json":
                problems += [f"report json {day}: {x}"
                             for x in ids_shown(json.loads(out.stdout), hidden)]
            if fmt == "csv":
                rows = [r[0] for r in csv.reader(io.StringIO(out.stdout))][1:]
                problems += [f"csv id {x}" for x in rows if x.isdigit() and int(x) in hidden]
        for args in (("persons", "--format", "json", "--as-of", day),
                     ("persons", "--role", "victim", "--format", "table", "--as-of", day),
                     ("events", "--format", "json")):
            out = run(*args)
            assert out.exit_code == 0, out.output
            problems += [f"{' '.join(args)}: {f}" for f in leaks(out.stdout, forms)]
            if "json" in args:
                problems += [f"{' '.join(args)}: {x}"
                             for x in ids_shown(json.loads(out.stdout), hidden)]
    assert not problems, problems[:15]


def test_anonymised_rows_carry_no_list_number_id_or_sources(protected):
    c = TestClient(create_app(protected["url"]), base_url="https://testserver")
    hidden: dict[int, str] = protected["hidden"]  # type: ignore[assignment]
    rows = c.get("/prisoners.json", params={"as_of": "2024-03-15"}).json()["persons"]
    anonymous = [r for r in rows if r["name"] == "Name withheld"]
    assert anonymous, "the anonymised persons stay on the list"
    for row in anonymous:
        assert row["id"] is None and row["list_number"] is None and row["sources"] == []
        assert row["articles"] == [] and row["sentence_months"] == [] and row["dates"] == {}
        assert row["status"] and "category" in row
    for pid, how in hidden.items():
        for url in (f"/persons/{pid}", f"/persons/{pid}.json", f"/api/v1/persons/{pid}"):
            assert c.get(url, follow_redirects=False).status_code == 404, (url, how)
    page = c.get("/prisoners", params={"as_of": "2024-03-15"}).text
    for pid in hidden:
        assert f'id="person-{pid}"' not in page and f"/persons/{pid}\"" not in page


def test_withheld_persons_are_counted_only_when_editors_choose(protected):
    c = TestClient(create_app(protected["url"]), base_url="https://testserver")
    hidden: dict[int, str] = protected["hidden"]  # type: ignore[assignment]
    before = c.get("/prisoners.json", params={"as_of": "2024-03-15"}).json()["counts"]
    withheld = [pid for pid, how in hidden.items() if how == "withheld"]
    for pid in withheld:
        assert run("persons", "publication", str(pid), "withheld", "--count-only").exit_code == 0
    after = c.get("/prisoners.json", params={"as_of": "2024-03-15"}).json()
    assert after["counts"]["total"] > before["total"]
    assert len(after["persons"]) == before["total"]
    assert not leaks(json.dumps(after, ensure_ascii=False), protected["forms"])  # type: ignore[arg-type]


def test_editors_still_see_protected_persons(protected):
    add_user("ed", "editor")
    c = TestClient(create_app(protected["url"]), base_url="https://testserver")
    assert login(c, "ed").status_code == 303
    hidden: dict[int, str] = protected["hidden"]  # type: ignore[assignment]
    pid = next(p for p, how in hidden.items() if how == "anonymised")
    page = c.get(f"/review/persons/{pid}")
    assert page.status_code == 200 and leaks(page.text, protected["forms"])  # type: ignore[arg-type]


def test_a_public_record_merged_with_a_protected_one_is_protected(protected):
    """A merged person is as hidden as its most hidden record: the public record's name,
    dossier, search hits and quotes go too."""
    hidden: dict[int, str] = protected["hidden"]  # type: ignore[assignment]
    with db.session() as s:
        public = [p.id for p in s.scalars(select(Person)) if "nurtayev" in p.display_name.lower()
                  or "нуртаев" in p.display_name.lower()]
    anonymised = next(pid for pid, how in hidden.items() if how == "anonymised")
    assert public
    for pid in public:
        assert run("persons", "merge", str(pid), str(anonymised)).exit_code == 0
    c = TestClient(create_app(protected["url"]), base_url="https://testserver")
    forms = ["nurtayev", "нуртаев"]
    urls = ["/persons.json?limit=500", "/prisoners.json?as_of=2024-03-15",
            *(f"/sources/{sid}.json" for sid in protected["sources"]),  # type: ignore[attr-defined]
            *(f"/search.json?q={q}&kind={k}" for q in ("Nurtayeva", "Aliya", "detained")
              for k in ("person", "event", "source"))]
    problems = []
    for url in urls:
        data = c.get(url).json()
        data.pop("q", None)  # what the visitor typed
        problems += [(url, f) for f in leaks(json.dumps(data, ensure_ascii=False), forms)]
    assert not problems, problems
    for pid in public:
        assert c.get(f"/api/v1/persons/{pid}").status_code == 404


def test_editors_choose_what_an_anonymised_row_shows(protected):
    hidden: dict[int, str] = protected["hidden"]  # type: ignore[assignment]
    pid = next(p for p, how in hidden.items() if how == "anonymised"
               and run("persons", "publication", str(p), "anonymised", "--fields",
                       "status,category,articles,sentence").exit_code == 0)
    rows = json.loads(run("report", "prisoners", "--country", "KZ", "--as-of", "2024-03-15",
                          "--format", "json").stdout)["persons"]
    chosen = [r for r in rows if r["name"] == "Name withheld" and r["articles"]]
    assert chosen and all(r["id"] is None and r["list_number"] is None and not r["sources"]
                          and r["dates"] == {} for r in chosen)
    with db.session() as s:
        before = (s.get(Person, pid).publication, s.get(Person, pid).public_fields)
    for args, message in ((("anonymised", "--fields", "status,photo"), "unknown field 'photo'"),
                          (("public", "--fields", "status"), "--fields is for anonymised"),
                          (("anonymised", "--count-only"), "--count-only is for withheld")):
        out = run("persons", "publication", str(pid), *args)
        assert out.exit_code == 1 and message in out.output and "Traceback" not in out.output
    with db.session() as s:
        assert (s.get(Person, pid).publication, s.get(Person, pid).public_fields) == before


def test_a_quote_naming_a_protected_person_is_withheld_in_every_export(protected, tmp_path):
    """A public person's fact quoted from a sentence that also names a protected person: the
    exports cite the source and withhold the sentence, as the person's page does."""
    forms: list[str] = protected["forms"]  # type: ignore[assignment]
    news = tmp_path / "appeal.txt"
    news.write_text("Appeal hearing\nOn 5 March 2024 the Aktobe regional court upheld the "
                    "sentence of Bolat Omarov and Yerlan Karimov to 6 years in prison.\n",
                    encoding="utf-8")
    capture(str(news), trusted=True, country="KZ", published="2024-03-10",
            publisher="Court Watch")
    for fmt in ("md", "html", "csv", "json", "pdf"):
        pdf = tmp_path / "list.pdf"
        out = run("report", "prisoners", "--country", "KZ", "--as-of", "2024-03-15",
                  "--format", fmt, *(("--output", str(pdf)) if fmt == "pdf" else ()))
        assert out.exit_code == 0, out.output
        body = out.stdout if fmt != "pdf" else " ".join(
            p.extract_text() or "" for p in pypdf.PdfReader(pdf).pages)
        flat = " ".join(html.unescape(body).replace("\\", "").split())  # Markdown escapes
        assert "Court Watch" in flat, fmt  # the source is cited...
        assert "upheld the sentence" not in flat and leaks(body, forms) == [], fmt  # ...not quoted
        assert "[passage withheld]" in flat, fmt

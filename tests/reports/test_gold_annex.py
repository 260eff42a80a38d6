"""Seed 002 captured as trusted reproduces its own Annex 1 list (hand-checked gold file)."""

import json
import re

from bench.gold import load_gold, score
from tests.conftest import GOLD, seed
from tests.helpers import run


def test_annex1_list_reproduced(registry):
    assert run("capture", str(seed("002")), "--trusted").exit_code == 0
    out = run("report", "prisoners", "--country", "KZ", "--as-of", "2023-09-01",
              "--format", "json")
    assert out.exit_code == 0
    report = json.loads(out.stdout)
    gold = load_gold(GOLD / "seed002-annex1.json")
    s = score(gold, report)
    assert s["missing"] == [] and s["extra"] == [], s
    assert report["counts"] == {"total": 47, "convicted": 30, "pretrial": 17}
    assert s["status_accuracy"] == 1.0
    assert s["category_accuracy"] == 1.0
    assert s["articles"].f1 >= 0.98, s["articles"]
    assert s["sentence_months"].f1 >= 0.98, s["sentence_months"]
    for p in report["persons"]:
        assert p["sources"] and p["sources"][0]["quotes"], p["name"]


def _names_as_of(day):
    out = run("report", "prisoners", "--country", "KZ", "--as-of", day, "--format", "json")
    report = json.loads(out.stdout)
    return {p["name"] for p in report["persons"]}, report["counts"]["total"]


def test_list_reads_only_the_sources_known_on_its_date(registry):
    """Seed 002 is dated 2023-08-11: the lists of the day before know nothing of it, even of
    the detentions it dates years earlier; the list of that very day has its persons."""
    run("capture", str(seed("002")), "--trusted")
    before, total_before = _names_as_of("2023-08-10")
    on_the_day, total = _names_as_of("2023-08-11")
    assert before == set() and total_before == 0
    assert "Yerzhan Yelshibayev" in on_the_day  # "first convicted in 2019", serving since
    assert total >= 40


def test_count_over_time_matches_each_days_list(registry):
    """The home page's chart counts without building each day's list: same numbers."""
    from casefile.registry import db
    from casefile.reports.prisoners import list_sizes, prisoner_list

    run("capture", str(seed("002")), "--trusted")
    days = ["2015-01-01", "2020-01-01", "2023-08-10", "2023-08-11", "2023-09-01", "2031-01-01"]
    with db.session() as s:
        sizes = list_sizes(s, "kz", days)
        assert sizes == [len(prisoner_list(s, "KZ", d).entries) for d in days]
    assert sizes[:3] == [0, 0, 0] and sizes[4] == 47 and sizes[-1] < sizes[4]


def test_markdown_neutralises_hostile_source_titles(registry, tmp_path):
    html = ("<html><head><title>Report <img src=x onerror=alert(1)> [click](javascript:alert(1))"
            "</title></head><body><p>Political prisoners</p><p>CONVICTED</p>"
            "<p>1. Aigul NURTAZINA – 3 years' imprisonment under Article 274. "
            "Convicted on 3 March 2021.</p></body></html>")
    (tmp_path / "t.html").write_text(html)
    run("capture", str(tmp_path / "t.html"), "--trusted", "--country", "KZ")
    md = run("report", "prisoners", "--country", "KZ", "--as-of", "2022-01-01").stdout
    assert "Nurtazina" in md
    # escaped characters render as text: no live tag, link or heading can come from a title
    assert not re.search(r"(?<!\\)<img", md) and not re.search(r"(?<!\\)\]\(", md)
    assert "\\<img" in md

"""`casefile statistics`: the numbers of the site's CSV in each format, and a malformed
country refused in one line."""

from __future__ import annotations

import csv
import io
import json

from casefile.registry import db
from casefile.reports.statistics import statistics, to_csv
from tests.helpers import run
from tests.web.conftest import fill


def test_statistics_prints_the_numbers_the_site_serves(registry):
    fill()
    with db.session() as s:
        expected = statistics(s, "KZ", "category")
    out = run("statistics", "--by", "category", "--country", "kz", "--format", "csv")
    assert out.exit_code == 0 and out.stdout == to_csv(expected)
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert sum(int(c) for r in rows[1:] for c in r[1:]) == expected.persons > 0
    data = json.loads(run("statistics", "--by", "category", "--format", "json").stdout)
    assert data["periods"] == [r[0] for r in rows[1:]]
    assert [x["counts"] for x in data["series"]] == [
        [int(r[j]) for r in rows[1:]] for j in range(1, len(rows[0]))]
    table = run("statistics", "--by", "category").stdout.splitlines()
    assert [line.split()[0] for line in table] == [r[0] for r in rows]
    assert [line.split()[-1] for line in table[1:]] == [r[-1] for r in rows[1:]]


def test_a_malformed_country_is_one_line(registry):
    out = run("statistics", "--by", "article", "--country", "K'; DROP")
    assert out.exit_code != 0
    assert out.output.strip().count("\n") == 0 and "two-letter" in out.output


def test_the_cli_and_the_site_offer_the_dimensions_the_report_counts():
    from typing import get_args

    from casefile.cli.statistics import Dimension
    from casefile.reports.statistics import DIMENSIONS
    from casefile.web.views.statistics import Dimension as SiteDimension

    assert tuple(d.value for d in Dimension) == DIMENSIONS == get_args(SiteDimension)

"""`casefile capture --listing`: what it says, a second run adding nothing, refusals."""

from __future__ import annotations

import re

from tests.conftest import seed
from tests.helpers import counts, run


def test_capture_listing_then_again(registry):
    r = run("capture", "--listing", str(seed("001")), "--country", "KZ")
    assert r.exit_code == 0, r.output
    m = re.search(r"as source (\d+): (\d+) new items, 0 changed, 0 unchanged", r.output)
    assert m and int(m.group(2)) == 12
    again = run("capture", "--listing", str(seed("001")))
    assert again.exit_code == 0
    assert f"as source {m.group(1)}: 0 new items, 0 changed, 12 unchanged" in again.output


def test_plain_capture_refuses_a_feed_and_listing_capture_reads_it(registry, tmp_path):
    feed = tmp_path / "f.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
                    "<guid>1</guid><title>Police detained activist Ivan Petrov.</title></item>"
                    "</channel></rss>", encoding="utf-8")
    plain = run("capture", str(feed))
    assert plain.exit_code == 1 and "XML document that is not HTML" in plain.output
    assert counts()["sources"] == 0
    r = run("capture", "--listing", str(feed))
    assert r.exit_code == 0 and "1 new items" in r.output


def test_refused_listing_is_one_error_line_and_changes_nothing(registry, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa">]><rss>&a;</rss>')
    before = counts()
    r = run("capture", "--listing", str(bad))
    assert r.exit_code == 1
    (line,) = r.output.strip().splitlines()
    assert line.startswith("error:") and "entities" in line
    assert counts() == before


def test_published_does_not_apply_to_a_listing(registry):
    r = run("capture", "--listing", "--published", "2020-01-01", str(seed("001")))
    assert r.exit_code != 0 and "--published" in r.output
    assert counts()["sources"] == 0

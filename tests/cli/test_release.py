"""Releases of the list: two releases of the seed 002 list a quarter apart, the second after a
release notice; the diff names exactly who changed and why, with the quote; publishing the
first date again gives the same hash; the stored text is the hashed text; withheld persons
never reach a payload; bad input writes nothing."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from casefile.assess.status import add_months
from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import AuditEntry, Claim, Release, Source
from tests.conftest import seed
from tests.helpers import run


def publish(day: str, *extra: str) -> int:
    result = run("release", "publish", "--country", "KZ", "--as-of", day, "--as", "ed",
                 *extra)
    assert result.exit_code == 0, result.output
    with db.session() as s:
        return s.scalar(select(func.max(Release.id)))


def payload(release_id: int) -> dict:
    result = run("release", "show", str(release_id), "--payload")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout_bytes.decode("utf-8"))


def first_list() -> tuple[str, int]:
    """Seed 002 captured trusted (as the fixtures do), and its date."""
    got = capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    with db.session() as s:
        day = s.get(Source, got.source_id).published_at
    assert day and len(day) == 10
    return day, got.source_id


def notice(tmp_path: Path, name: str, day: str) -> tuple[int, str]:
    """A release notice of our own about `name`, released on `day`, captured trusted."""
    d = date.fromisoformat(day)
    sentence = (f"On {d.day} {d.strftime('%B')} {d.year} the court released {name} "
                "on parole.")
    path = tmp_path / "release-notice.txt"
    path.write_text(f"{name} released\n\n{sentence}\n", encoding="utf-8")
    got = capture(str(path), trusted=True, country="KZ", publisher="Open Dialogue",
                  published=day)
    return got.source_id, sentence


def shortened(tmp_path: Path, name: str, day: str) -> str:
    """An appeal of our own that shortens `name`'s sentence to three years on `day`,
    captured trusted; its sentence."""
    d = date.fromisoformat(day)
    appeal = (f"On {d.day} {d.strftime('%B')} {d.year} the appeal court reduced the sentence "
              f"of {name} to 3 years in prison.")
    path = tmp_path / "appeal.txt"
    path.write_text(f"Appeal\n\n{appeal}\n", encoding="utf-8")
    capture(str(path), trusted=True, country="KZ", published=day)
    return appeal


def test_two_releases_a_quarter_apart(registry: str, tmp_path: Path) -> None:
    day, _ = first_list()
    one = publish(day)
    before = payload(one)
    named = [r for r in before["rows"] if r["person_id"] is not None
             and r["status"] == "convicted"]
    assert len(named) > 10 and all(r["claims"] for r in named)
    chosen = named[len(named) // 2]
    later = add_months(day, 3)
    notice_id, sentence = notice(tmp_path, chosen["name"], add_months(day, 2))
    # And an appeal that shortens another one's sentence to three years.
    other = next(r for r in named if r["sentence_months"] not in ([], [36])
                 and r["person_id"] != chosen["person_id"])
    appeal = shortened(tmp_path, other["name"], add_months(day, 1))
    two = publish(later)
    after = payload(two)

    # Exactly the person the notice releases left the list; one sentence changed.
    ids = {r["person_id"] for r in before["rows"]} - {None}
    assert {r["person_id"] for r in after["rows"]} - {None} == ids - {chosen["person_id"]}
    result = run("release", "diff", str(one), str(two), "--format", "json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert (d["before"], d["after"]) == (day, later)
    assert d["added"] == []
    [changed] = d["changed"]
    assert changed["person_id"] == other["person_id"]
    assert (changed["before"]["sentence_months"], changed["after"]["sentence_months"]) == (
        other["sentence_months"], [36])
    assert changed["before"]["status"] == changed["after"]["status"]
    assert changed["evidence"]["quote"] == appeal
    [gone] = d["removed"]
    assert (gone["person_id"], gone["name"], gone["reason"]) == (
        chosen["person_id"], chosen["name"], "parole")
    ev = gone["evidence"]
    assert ev["kind"] == "event" and ev["source_id"] == notice_id
    assert ev["quote"] == sentence and ev["date"] == add_months(day, 2)
    with db.session() as s:
        claim = s.get(Claim, ev["claim"])
        assert claim.source_id == notice_id and claim.state == "accepted"
    text = run("release", "diff", str(one), str(two)).stdout
    assert chosen["name"] in text and "Released on parole" in text and sentence in text
    assert other["name"] in text and appeal in text and "sentence_months:" in text

    # The first date published again, later, with two sources now: the same bytes.
    again = publish(day)
    assert payload(again) == before
    with db.session() as s:
        rel = {r.id: r for r in s.scalars(select(Release))}
    assert rel[again].content_sha256 == rel[one].content_sha256 != rel[two].content_sha256
    assert rel[again].canonical == rel[one].canonical
    for rid in (one, two, again):
        raw = run("release", "show", str(rid), "--payload").stdout_bytes
        assert hashlib.sha256(raw).hexdigest() == rel[rid].content_sha256
        assert rel[rid].stamp_state == "unstamped" and rel[rid].stamp_token is None
    # Each row stands on its claims, with their quotes.
    row = next(r for r in before["rows"] if r["person_id"] == chosen["person_id"])
    with db.session() as s:
        for c in row["claims"]:
            got = s.get(Claim, c["claim"])
            assert got.person_id is not None and got.source_id == c["source_id"]
            assert c["quote"] and " ".join(got.quote.split()) == c["quote"]
    listing = run("release", "list", "--format", "json")
    assert [r["id"] for r in json.loads(listing.stdout)] == [two, again, one]


def test_withheld_and_anonymised_persons_stay_so(registry: str) -> None:
    day, _ = first_list()
    rows = payload(publish(day))["rows"]
    withheld, anonymised = rows[0], rows[1]
    for row, how in ((withheld, "withheld"), (anonymised, "anonymised")):
        assert run("persons", "publication", str(row["person_id"]), how).exit_code == 0
    rid = publish(day)
    raw = run("release", "show", str(rid), "--payload").stdout
    data = json.loads(raw)
    assert len(data["rows"]) == len(rows) - 1
    for row in (withheld, anonymised):
        assert row["name"] not in raw
        assert all(r["person_id"] != row["person_id"] for r in data["rows"])
    nameless = [r for r in data["rows"] if r["person_id"] is None]
    assert len(nameless) == 1 and nameless[0]["claims"] == []
    # The earlier release named them; shown today, it does not.
    shown = run("release", "show", "1").stdout
    assert withheld["name"] not in shown and anonymised["name"] not in shown
    diff = run("release", "diff", "1", str(rid), "--format", "json").stdout
    assert withheld["name"] not in diff and anonymised["name"] not in diff


def _state() -> tuple[int, int]:
    with db.session() as s:
        return (s.scalar(select(func.count()).select_from(Release)),
                s.scalar(select(func.count()).select_from(AuditEntry)))


BAD = [
    (("publish", "--country", "ZZ", "--as-of", "2023-08-11"), "unknown country code"),
    (("publish", "--country", "KZ", "--as-of", "2023-13-01"), "must be a date"),
    (("publish", "--country", "KZ", "--as-of", "11.08.2023"), "must be a date"),
    (("publish", "--country", "KZ", "--as-of", "2999-01-01"), "after today"),
    (("publish", "--country", "KZ", "--as-of", "2023-08-11", "--status", "free"),
     "unknown status"),
    (("publish", "--country", "KZ", "--as-of", "2023-08-11", "--category", "x" * 5000),
     "at most 200 characters"),
    (("diff", "1", "999"), "no release with id 999"),
    (("diff", "998", "1"), "no release with id 998"),
    (("show", "999"), "no release with id 999"),
]


def test_bad_input_writes_nothing(registry: str) -> None:
    day, _ = first_list()
    publish(day)
    before = _state()
    for args, message in BAD:
        result = run("release", *args, "--as", "ed") if args[0] == "publish" else \
            run("release", *args)
        assert result.exit_code == 1, args
        assert message in result.output and "Traceback" not in result.output, args
        assert _state() == before, args


def test_releases_of_different_countries_are_not_compared(registry: str) -> None:
    day, _ = first_list()
    one = publish(day)
    result = run("release", "publish", "--country", "UZ", "--as-of", day, "--as", "ed")
    assert result.exit_code == 0, result.output
    result = run("release", "diff", str(one), str(one + 1))
    assert result.exit_code == 1 and "different countries" in result.output


def test_criteria_are_stored_and_narrow_the_rows(registry: str) -> None:
    day, _ = first_list()
    every = payload(publish(day))
    rid = publish(day, "--status", "pretrial")
    narrowed = payload(rid)
    assert narrowed["criteria"] == {"status": "pretrial"}
    expected = [r for r in every["rows"] if r["status"] == "pretrial"]
    assert narrowed["rows"] == expected and 0 < len(expected) < len(every["rows"])
    with db.session() as s:
        assert s.get(Release, rid).criteria == {"status": "pretrial"}


def test_merged_and_no_longer_recognised(registry: str) -> None:
    day, _ = first_list()
    one = publish(day)
    rows = [r for r in payload(one)["rows"] if r["person_id"] is not None]
    x, y, z = rows[4]["person_id"], rows[5]["person_id"], rows[6]["person_id"]
    assert run("persons", "merge", str(x), str(y), "--reason", "one person",
               "--as", "ed").exit_code == 0
    why = "The editors found the case was not political."
    assert run("persons", "assess", str(z), "--decision", "not", "--country", "KZ",
               "--rationale", why, "--as", "ed").exit_code == 0
    two = publish(add_months(day, 1))
    d = json.loads(run("release", "diff", str(one), str(two), "--format", "json").stdout)
    removed = {c["person_id"]: c for c in d["removed"]}
    assert set(removed) == {max(x, y), z} and d["added"] == []
    merged = removed[max(x, y)]
    assert (merged["reason"], merged["into"]) == ("merged", min(x, y))
    assert merged["evidence"]["kind"] == "merge"
    gone = removed[z]
    assert gone["reason"] == "not_recognised" and gone["evidence"]["quote"] == why
    assert {c["person_id"] for c in d["changed"]} <= {min(x, y)}
    text = run("release", "diff", str(one), str(two)).stdout
    assert "merged into another person's record" in text
    assert "no longer recognised (assessment changed)" in text


def test_a_late_source_explains_a_release_of_the_same_date(registry: str,
                                                           tmp_path: Path) -> None:
    """A source captured after a release, telling of the release's own day: publishing the
    same date again changes the row, and the diff names that source though no event falls
    between the two (equal) dates."""
    day, _ = first_list()
    one = publish(day)
    other = next(r for r in payload(one)["rows"] if r["person_id"] is not None
                 and r["sentence_months"] not in ([], [36]))
    appeal = shortened(tmp_path, other["name"], day)  # the list's own day: it speaks last
    two = publish(day)
    d = json.loads(run("release", "diff", str(one), str(two), "--format", "json").stdout)
    assert d["added"] == d["removed"] == []
    [changed] = d["changed"]
    assert changed["person_id"] == other["person_id"]
    assert changed["after"]["sentence_months"] == [36]
    assert changed["evidence"]["quote"] == appeal and changed["reason"] != "unexplained"

"""Claims in words for editors: labels from the data files, terms in months and years,
extractors by what they read."""

from __future__ import annotations

from casefile import vocab
from casefile.web.claimtext import choices, claim_text, sentence_text


def test_stored_keys_read_as_words():
    t = claim_text("event", "red_notice_issued", {}, "running-text@2")
    assert (t.what, t.value, t.origin) == (
        "Event", vocab.event_types()["red_notice_issued"]["label"], "extracted from running text")
    assert claim_text("sentenced_to", "48", {"kind": "imprisonment"}, "list-entry@2").value \
        == "48 months (4 years)"
    assert claim_text("name", "Асхат Жексебаев", {}, "list-entry@1").origin == "from a list entry"
    assert claim_text("event", "detained", {"entered_by": "anna"}, "editor@1").origin == \
        "entered by editors"
    assert claim_text("event", "detained", {"corrected": {"value": "arrested"}},
                      "editor@1").origin == "corrected by editors"
    status = claim_text("event", "status_reported", {"status": "pretrial"}, "running-text@2")
    assert status.value == "Status reported: In pre-trial detention"
    assert claim_text("charged_under", "174", {"part": "1"}, "x@1").value == "Article 174, part 1"


def test_terms_keep_their_unit_and_kind():
    assert sentence_text("6") == "6 months"
    assert sentence_text("78") == "78 months (6 years 6 months)"
    assert sentence_text("0.7", "arrest", 20) == "20 days, arrest"
    assert sentence_text("36", "suspended") == "36 months (3 years), suspended"
    assert sentence_text("not a number") == "not a number"


def test_correction_choices_are_what_the_registry_reads():
    assert {k for k, _ in choices("event")} == set(vocab.event_types())
    assert ("victim", "the person held or persecuted") in choices("role")
    assert choices("sentenced_to") is None and choices("name") is None


def test_an_office_reads_with_its_period():
    text = claim_text("position", "Deputy Prime Minister", {"start": "2016", "end": "2017"},
                      "running-text@2")
    assert (text.what, text.value) == ("Office held", "Deputy Prime Minister (2016–2017)")
    assert claim_text("position", "Ambassador", {"start": "2021", "end": None},
                      "list-entry@2").value == "Ambassador (since 2021)"
    assert claim_text("position", "Chairman", {"former": True}, "running-text@2").value == \
        "Chairman (former)"

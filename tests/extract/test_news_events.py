"""News phrasing of person events (sentences written for these tests): a release of someone
introduced by nationality and label, a possessive forced hospitalization, a risk dated by the
publication date given with the text, and crowds that stay crowds."""

from __future__ import annotations

from casefile.extract.document import extract


def _events(text: str, published: str | None = None) -> set[tuple[str | None, str, str | None]]:
    return {(f.mention, f.value, f.date) for f in extract(text, "en", published)
            if f.predicate == "event"}


def test_release_of_a_person_introduced_by_nationality_and_label():
    assert _events("Rights groups welcomed the release of Belarusian journalist Pavel "
                   "Sidorov.") == {("Pavel Sidorov", "released", None)}
    assert ("Daniyar Ospanov", "released", None) in _events(
        "We learned with relief of the release of Kazakhstani political prisoner Daniyar "
        "Ospanov.")


def test_release_of_a_group_named_by_nationality_is_nobodys():
    assert all(who is None for who, _, _ in _events(
        "The release of Kazakh oil workers was demanded by the strikers."))


def test_possessive_forced_hospitalization_is_the_owners():
    assert _events("Doctors said Olga Smirnova's forced hospitalization was unlawful.") == {
        ("Olga Smirnova", "psychiatric_detention", None)}
    assert ("Anna Petrova", "psychiatric_detention", None) in _events(
        "Lawyers appealed against Anna Petrova’s forced psychiatric detention.")
    assert not {who for who, kind, _ in _events(  # a court's order: nobody's detention
        "The court’s forced hospitalization order was appealed by Ivan Petrov's lawyer.")
        if kind == "psychiatric_detention" and who}


def test_a_possessive_detention_is_not_psychiatric():
    assert all(kind != "psychiatric_detention" for _, kind, _ in _events(
        "Ivan Petrov's detention was extended by two months."))


def test_an_undated_risk_holds_as_of_the_given_publication_date():
    text = "The French authorities should not extradite Ivan Petrov to Kazakhstan."
    assert {(w, k, d) for w, k, d in _events(text, "2014-01-09") if k == "extradition_risk"} \
        == {("Ivan Petrov", "extradition_risk", "2014-01-09")}
    assert {d for _, k, d in _events(text) if k == "extradition_risk"} == {None}


def test_a_date_the_text_gives_itself_does_not_date_the_risk():
    text = "9 January 2014\nThe French authorities should not extradite Ivan Petrov."
    assert {d for _, k, d in _events(text) if k == "extradition_risk"} == {None}


def test_a_dated_event_keeps_its_own_date_whatever_the_publication_date():
    assert ("Ivan Petrov", "detained", "2020-03-03") in _events(
        "On March 3 police detained activist Ivan Petrov in Almaty.", "2020-03-09")


def test_mass_detentions_stay_crowd_events():
    for text in ("Law enforcement agencies detained about 700 peaceful protesters in "
                 "different places.",
                 "On 6 July 2019 police detained hundreds of protesters in Almaty."):
        assert all(who is None for who, _, _ in _events(text, "2019-07-07")), text

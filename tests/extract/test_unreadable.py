"""A list entry whose person cannot be read credits nothing to its neighbour (issue 13, item 2).

The sentences are written for these tests in the shape of NGO lists (numbered entries with a
dash and a sentence, as in seed 002's annex and the Viasna and Memorial lists of the eval set)."""

from casefile.extract.document import UNREADABLE, extract

EN = """List of political prisoners in Kazakhstan

1. Bolat Omarov – 6 years of imprisonment under Article 174 of the Criminal Code.
2. Name withheld at the family's request – 2 years of imprisonment under Article 405.
3. Aigul Sadykova – detained on 5 May 2024, charged under Article 274.
"""

RU = """Список политических заключённых

1. Болат Омаров — 6 лет лишения свободы по статье 174 УК.
2. Имя не раскрывается по просьбе семьи — 2 года лишения свободы по статье 405.
3. Айгуль Садыкова — задержана 5 мая 2024 года, обвиняется по статье 274.
"""


def _about(found, who):
    return {(f.predicate, f.value) for f in found if f.mention == who}


def _flagged(found):
    return [f for f in found if f.detail.get("review") == UNREADABLE]


def test_nameless_entry_does_not_lend_its_facts_to_the_entry_above():
    found = extract(EN, "en", "2024-06-01")
    omarov = _about(found, "Bolat Omarov")
    assert ("charged_under", "174") in omarov and ("sentenced_to", "72") in omarov
    assert ("charged_under", "405") not in omarov and ("sentenced_to", "24") not in omarov
    flagged = _flagged(found)
    assert {(f.predicate, f.value) for f in flagged} == {
        ("listed", "convicted"), ("sentenced_to", "24"), ("charged_under", "405")}
    assert all(f.mention is None for f in flagged)
    listed = next(f for f in flagged if f.predicate == "listed")
    assert listed.detail["number"] == 2 and EN[listed.start:listed.end].startswith("Name withheld")
    # the entry after it is read as before
    assert ("charged_under", "274") in _about(found, "Aigul Sadykova")


def test_russian_nameless_entry_is_flagged_too():
    found = extract(RU, "ru", "2024-06-01")
    omarov = _about(found, "Болат Омаров")
    assert ("charged_under", "174") in omarov
    assert ("charged_under", "405") not in omarov and ("sentenced_to", "24") not in omarov
    assert {(f.predicate, f.value) for f in _flagged(found)} >= {
        ("sentenced_to", "24"), ("charged_under", "405")}


def test_bulleted_entry_without_a_name():
    text = ("Political prisoners:\n"
            "• Bolat Omarov – 6 years in prison under Article 174.\n"
            "• (the name is not published) – 3 years in prison under Article 405.\n")
    found = extract(text, "en", "2024-06-01")
    assert ("sentenced_to", "36") not in _about(found, "Bolat Omarov")
    assert ("sentenced_to", "36") in {(f.predicate, f.value) for f in _flagged(found)}


def test_unmarked_continuation_stays_with_its_entry():
    text = ("List of political prisoners\n\n"
            "1. Bolat Omarov – 6 years of imprisonment under Article 174.\n"
            "He was detained on 3 March 2022 in Almaty.\n"
            "2. Aigul Sadykova – 2 years of restriction of liberty.\n")
    found = extract(text, "en", "2024-06-01")
    assert ("event", "detained") in _about(found, "Bolat Omarov")
    assert not _flagged(found)


def test_a_name_inside_a_numbered_paragraph_still_governs_its_facts():
    # Numbered paragraphs of prose (as UN opinions are set): the facts a name governs go to
    # that name; nothing is flagged for them.
    text = ("11. Bolat Omarov was detained on 3 March 2022.\n"
            "12. On 3 May 2023, the court sentenced Aigul Sadykova to five years.\n")
    found = extract(text, "en", "2024-06-01")
    assert ("sentenced_to", "60") in _about(found, "Aigul Sadykova")
    assert ("sentenced_to", "60") not in _about(found, "Bolat Omarov")
    assert not [f for f in _flagged(found) if f.predicate == "sentenced_to"]


def test_an_article_number_does_not_run_into_the_next_entry_number():
    found = extract(EN, "en", "2024-06-01")
    values = {f.value for f in found if f.predicate == "charged_under"}
    assert "405" in values and not any(v.startswith("405-") for v in values)


def test_a_skipped_number_is_not_read_as_the_next_entry():
    # "1." then "5.": not the same list, so no entry is opened for it (nothing flagged).
    text = ("List of political prisoners\n\n"
            "1. Bolat Omarov – 6 years of imprisonment under Article 174.\n"
            "5. Sources: the family and the lawyer.\n")
    assert not _flagged(extract(text, "en", "2024-06-01"))

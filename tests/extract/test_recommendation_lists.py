"""Recommendations read from how reports lay them out (casefile.extract.recommendations):
seed 002's Annex 2 (a lead-in naming the addressees, then "- to ..." items), headed groups
("To the Government of ..."), Russian dative headings and "призываем" lead-ins, and a real
excerpt of Human Rights Watch's 2004 report on Kazakhstan."""

from __future__ import annotations

from casefile.extract.recommendations import find_recommendations
from tests.conftest import seed


def _items(text: str, lang: str = "en") -> list[tuple[str, tuple[str, ...], str]]:
    return [(r.addressee, r.institutions, text[r.start:r.end])
            for r in find_recommendations(text, lang)]


def test_seed_002_annex_2_items_with_their_addressees():
    text = seed("002").read_text(encoding="utf-8")
    annex = text.index("Annex 2")
    found = find_recommendations(text, "en")
    # The twelve "- to ..." lines after the coalition's lead-in, and nothing else of the report.
    annex_2 = text[annex:text.index("\nAnnex 3\n")]
    bullets = [ln for ln in annex_2.split("\n") if ln.startswith("- ")]
    assert [text[r.start:r.end] for r in found] == [b[2:].rstrip() for b in bullets]
    assert len(found) == 12
    assert {r.addressee for r in found} == {
        "the UN, the OSCE and EU institutions, as well as the governments of the USA, Canada "
        "and other democratic states"}
    assert set(found[0].institutions) == {"un", "osce", "eu", "government"}
    assert all(r.start > annex for r in found)
    assert text[found[0].addressee_start:found[0].addressee_end] == found[0].addressee
    sanctions = found[-1]
    assert text[sanctions.start:].startswith("to impose personal sanctions")
    assert sanctions.names == ("Kasym-Jomart Tokayev", "Imangali Tasmagambetov",
                               "Timur Kulibayev", "Roman Vasilenko")
    assert found[0].names == ()


def test_headed_groups_each_keep_their_addressee():
    text = ("Recommendations\n"
            "To the Government of Kazakhstan\n"
            "Release Marat Zhylanbayev and every person held for peaceful protest.\n"
            "Repeal Article 174 of the Criminal Code.\n"
            "To the European Parliament:\n"
            "- adopt an urgency resolution on political prisoners in Kazakhstan;\n"
            "- invite human rights defenders to report to the plenary.\n"
            "To PACE\n"
            "• appoint a rapporteur on political prisoners in Central Asia.\n"
            "Acknowledgements\n"
            "This report was researched by the Bureau's staff in Almaty.\n")
    items = _items(text)
    assert [(a, i) for a, i, _ in items] == [
        ("Government of Kazakhstan", ("government",)),
        ("Government of Kazakhstan", ("government",)),
        ("European Parliament", ("european_parliament",)),
        ("European Parliament", ("european_parliament",)),
        ("PACE", ("pace",)),
    ]
    assert items[0][2].startswith("Release Marat Zhylanbayev")
    assert items[3][2] == "invite human rights defenders to report to the plenary."
    assert not any("Acknowledgements" in t or "researched" in t for _, _, t in items)


def test_numbered_addressee_headings_open_the_next_group():
    text = ("A. Recommendations\n"
            "1. To the Government of Kazakhstan:\n"
            "a) release all those held for the January 2022 protests;\n"
            "b) repeal Article 174 of the Criminal Code.\n"
            "2. To the OSCE:\n"
            "a) send observers to the trials of civil activists.\n")
    assert [(a, t[:9]) for a, _, t in _items(text)] == [
        ("Government of Kazakhstan", "release a"), ("Government of Kazakhstan", "repeal Ar"),
        ("OSCE", "send obse")]


def test_dash_lists_that_recommend_nothing_are_not_taken():
    text = ("He was charged with:\n"
            "- participation in an extremist organisation;\n"
            "- financing extremism.\n"
            "For years, the government has persecuted peaceful dissent.\n"
            "The Parliament adopted the law on 5 May.\n"
            "- this line follows prose, not a lead-in.\n")
    assert _items(text) == []


def test_the_prose_after_a_bulleted_group_is_not_an_item():
    text = ("To the Government of Kazakhstan:\n"
            "- release all political prisoners;\n"
            "We thank our partners for their support.\n"
            "- nor is this line after the prose.\n")
    assert [t for _, _, t in _items(text)] == ["release all political prisoners;"]


def test_russian_dative_headings_and_lead_ins():
    text = ("Рекомендации\n"
            "Правительству Республики Казахстан:\n"
            "- освободить всех политических заключённых, в том числе Марата Жыланбаева;\n"
            "- прекратить преследование гражданских активистов.\n"
            "Призываем Европейский парламент и ПАСЕ:\n"
            "1) ввести персональные санкции против Тимура Кулибаева;\n"
            "Мы благодарим партнёров за поддержку.\n"
            "- эта строка уже не рекомендация.\n")
    found = find_recommendations(text, "ru")
    assert [(r.addressee, r.institutions) for r in found] == [
        ("Правительству Республики Казахстан", ("government",)),
        ("Правительству Республики Казахстан", ("government",)),
        ("Европейский парламент и ПАСЕ", ("european_parliament", "pace")),
    ]
    assert found[0].names == ("Марата Жыланбаева",)
    assert text[found[2].start:found[2].end] == \
        "ввести персональные санкции против Тимура Кулибаева;"


def test_a_russian_lead_in_ends_the_addressee_before_the_infinitive():
    text = ("Мы призываем власти Казахстана и ОБСЕ сделать следующее:\n"
            "- обеспечить независимое расследование январских событий.\n")
    found = find_recommendations(text, "ru")
    assert [(r.addressee, r.institutions) for r in found] == [
        ("власти Казахстана и ОБСЕ", ("osce", "government"))]


# Human Rights Watch, "Political Freedoms in Kazakhstan" (April 2004), recommendations page
# https://www.hrw.org/reports/2004/kazakhstan0404/2.htm, trimmed: an addressee heading, topic
# and person sub-headings, bullets under each.
HRW_2004 = "\n".join([
    "To the Kazakh Government:",
    "Political Prisoners",
    "Galymzhan Zhakianov",
    "  • Because his prosecution has been widely viewed as selective and politically "
    "motivated, and because his trial lacked due process, release Galymzhan Zhakianov, "
    "pending an independent review of the charges against him. Allow the OSCE to immediately "
    "undertake an independent expert review of his case.",
    "  • Ensure that Zhakianov receives adequate medical treatment and access to medical "
    "personnel.",
    "Sergei Duvanov",
    "  • Immediately conduct a full and transparent judicial review of Sergei Duvanov’s "
    "conviction, in accordance with an appeal submitted by his lawyers to the Supreme Court "
    "on August 5, 2003.",
    ""])


def test_a_real_report_with_sub_headings_under_the_addressee():
    found = find_recommendations(HRW_2004, "en")
    assert [r.addressee for r in found] == ["Kazakh Government"] * 3
    assert [r.names for r in found] == [("Galymzhan Zhakianov",), (), ("Sergei Duvanov",)]
    assert HRW_2004[found[1].start:found[1].end].startswith("Ensure that Zhakianov")

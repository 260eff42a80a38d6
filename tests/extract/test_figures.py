"""Figures of persecution and mass events (casefile.extract.figures): counts of people with
their qualifier, counter, date and event, as claims about no person; and what is no figure."""

from __future__ import annotations

import json

import pytest

from casefile.extract.document import extract
from casefile.extract.types import Found
from tests.conftest import GOLD, seed


def figures(text: str, lang: str = "en", published: str | None = None) -> list[Found]:
    return [f for f in extract(text, lang, published) if f.predicate in ("figure", "mass_event")]


def shown(f: Found) -> tuple[object, ...]:
    d = f.detail
    return (f.predicate, f.value, d.get("count"), d.get("qualifier"), d.get("who"), f.date)


@pytest.mark.parametrize(("text", "expected"), [
    ("Over 10,000 people were arrested in the country.",
     ("figure", "detained", 10000, "more_than", "unstated", None)),
    ("According to the authorities, 1 273 people were convicted.",
     ("figure", "convicted", 1273, None, "authorities", None)),
    ("Seven hundred protesters were detained, rights defenders say.",
     ("figure", "detained", 700, None, "rights_defenders", None)),
    ("Two hundred and thirty-eight people were killed.",
     ("figure", "killed", 238, None, "unstated", None)),
    ("The death toll stood at no fewer than 41.",
     ("figure", "killed", 41, "at_least", "unstated", None)),
    ("Up to 300 detainees were tortured in police stations.",
     ("figure", "tortured", 300, "up_to", "unstated", None)),
    ("By June 2022, 80 activists had been prosecuted.",
     ("figure", "prosecuted", 80, None, "unstated", "2022-06")),
])
def test_english_figures(text, expected):
    assert [shown(f) for f in figures(text)] == [expected]


RUSSIAN = [
    ("По официальным данным, погибли 238 человек.",
     ("figure", "killed", 238, None, "official", None)),
    ("По данным правозащитников, осуждены не менее 1.273 человек.",
     ("figure", "convicted", 1273, "at_least", "rights_defenders", None)),
    ("Более 1 500 человек были задержаны.",
     ("figure", "detained", 1500, "more_than", "unstated", None)),
    ("Амнистия была применена к 1151 человеку.",
     ("figure", "amnestied", 1151, None, "unstated", None)),
    ("По состоянию на 1 мая 2023 года семьсот человек были приговорены к лишению свободы.",
     ("figure", "imprisoned", 700, None, "unstated", "2023-05-01")),
]


@pytest.mark.parametrize(("text", "expected"), RUSSIAN)
def test_russian_figures_in_any_case_form(text, expected):
    assert [shown(f) for f in figures(text, "ru")] == [expected]


@pytest.mark.parametrize(("text", "lang"), [
    ("To register a party, 700 people are required by law.", "en"),
    ("A list of 3,054 people was submitted to the commission.", "en"),
    ("The court issued 17 refusals.", "en"),
    ("He was sentenced to 6.5 years under Article 256 and fined 2,000,000 tenge.", "en"),
    ("Article 272 was applied; 5 years were added.", "en"),
    ("Для регистрации партии по закону требуются 700 человек.", "ru"),
    ("Список из 3 054 человек был передан в комиссию.", "ru"),
    ("Суд вынес 17 отказов. Он получил 6,5 лет по статье 256.", "ru"),
])
def test_counts_that_are_no_figures(text, lang):
    assert figures(text, lang) == []


def test_two_counters_side_by_side_never_averaged():
    text = ("According to official figures, 238 people were killed in the shooting of peaceful "
            "protests, but independent estimates by human rights defenders place the death "
            "toll at about 256.")
    found = figures(text)
    assert [(f.detail["count"], f.detail.get("qualifier"), f.detail["who"]) for f in found] == \
        [(238, None, "official"), (256, "about", "rights_defenders")]
    assert all(f.mention is None for f in found)
    assert {f.detail["span"][0] for f in found} != {found[0].detail["span"][0]}


def test_a_named_organisation_counts():
    (f,) = figures("According to Amnesty International, 45 people were detained.")
    assert (f.detail["who"], f.detail["who_name"]) == ("named", "Amnesty International")
    (g,) = figures("По данным «Мемориала», задержаны семьсот человек.", "ru")
    assert (g.detail["who"], g.detail["who_name"], g.detail["count"]) == \
        ("named", "Мемориала", 700)


def test_a_detention_on_one_day_is_a_mass_event_in_both_languages():
    (en,) = figures("On 12 June 2019, the police detained more than 500 protesters in Almaty.")
    assert shown(en) == ("mass_event", "mass_detention", 500, "more_than", "unstated",
                         "2019-06-12")
    (ru,) = figures("12 июня 2019 года в Алматы полиция задержала более 500 протестующих.", "ru")
    assert shown(ru) == shown(en)
    # a count as of a date is a figure, however many
    (fig,) = figures("As of 12 June 2019, 500 protesters had been detained.")
    assert shown(fig) == ("figure", "detained", 500, None, "unstated", "2019-06-12")
    assert fig.detail["as_of"] is True


def test_seed_002_figures_side_by_side():
    text = seed("002").read_text(encoding="utf-8")
    found = [f for f in figures(text) if f.predicate == "figure"]
    killed = {(f.detail["count"], f.detail.get("qualifier"), f.detail["who"])
              for f in found if f.value == "killed"}
    assert {(238, None, "official"), (256, "about", "rights_defenders")} <= killed
    by_quote = {(f.value, f.detail["count"]): f for f in found
                if "As of May 2023" in f.detail.get("event", "") or f.date == "2023-05"}
    assert set(by_quote) == {("convicted", 1273), ("imprisoned", 215), ("amnestied", 1151)}
    for f in by_quote.values():
        assert f.detail["as_of"] is True and f.detail["event_key"] == "2022-01"
    convicted = by_quote["convicted", 1273]
    assert "suppression of peaceful protests in January 2022" in convicted.detail["event"]
    # the two killed counts of one sentence are about one event: they stand side by side
    one_event = {f.detail["event_key"] for f in found if f.value == "killed"
                 and f.detail["count"] in (238, 256)}
    assert one_event == {"2022-01"}
    assert not any(f.mention for f in found)


def test_seed_004_the_700_detained_are_a_mass_event_of_no_person():
    gold = json.loads((GOLD / "seeds-news-events.json").read_text())["mass_events"]
    text = seed("004").read_text(encoding="utf-8")
    found = {(f.value, f.date, f.detail.get("count")) for f in figures(text)
             if f.predicate == "mass_event"}
    assert {(g["type"], g["date"], g["count"]) for g in gold} == found
    claims = extract(text, "en")
    crowd = next(f for f in claims if f.predicate == "mass_event" and f.date == "2019-07-06")
    quote = text[crowd.start:crowd.end]
    assert "about 700 peaceful protesters" in quote
    # nobody is credited with the crowd's detention
    assert not [f for f in claims if f.predicate == "event" and f.start <= crowd.detail[
        "span"][0] < f.end and f.mention]


# https://inquirycommission.com/news/get-out-there-n9t2h-2hees (joint statement, 29 July 2022)
INQUIRY = ("According to official figures from the General Prosecutor’s Office, between 4 and "
           "6 January, 2022, protests across the country and the response of Kazakhstani "
           "security forces[1] led to the deaths of 241 people. Radio Azattyq, RFE/RL’s Kazakh "
           "Service, compiled a list of 188 people who died during the events.")
# https://www.hrw.org/news/2022/05/05/kazakhstan-no-justice-january-protest-victims
HRW = "The General Prosecutor’s Office responded that 232 people died as a result of the " \
      "January events."
# https://regnum.ru/amp/2866760
REGNUM = ("Астана, 25 февраля, 2020, 08:16 — ИА Регнум. Более 50 человек задержали сотрудники "
          "полиции во время незаконных митингов в Нур-Султане и Алма-Ате.")


def test_real_excerpts():
    (official,) = figures(INQUIRY)
    assert shown(official)[:5] == ("figure", "killed", 241, None, "official")
    assert official.detail["who_name"] == "General Prosecutor’s Office"
    (hrw,) = figures(HRW)
    assert shown(hrw)[:5] == ("figure", "killed", 232, None, "authorities")
    (regnum,) = figures(REGNUM, "ru")
    assert shown(regnum) == ("mass_event", "mass_detention", 50, "more_than", "unstated",
                             "2020-02-25")


@pytest.mark.parametrize(("prefix", "lang"), [("002", "en"), ("004", "en"), ("ru", "ru")])
def test_the_key_word_gate_finds_what_the_whole_text_search_finds(prefix, lang):
    from casefile.extract.casing import lowered
    from casefile.extract.figure_words import words_of
    from casefile.extract.figures import candidates, shape_matches
    from casefile.extract.sentences import split_sentences

    text = REGNUM + "\n" + "\n".join(
        t for t, _ in RUSSIAN) if prefix == "ru" else seed(prefix).read_text(encoding="utf-8")
    low = lowered(text)
    spans = candidates(low, lang, split_sentences(text, lang))
    lx = words_of(lang)
    whole = {(m.start(), m.end()) for shape in (*lx.leading, *lx.scanned)
             for m in shape.finditer(low)}
    gated = {(m.start(), m.end()) for m in shape_matches(low, lang, spans)}
    assert whole and gated == whole


def test_a_dispersal_is_a_dated_mass_event_with_its_count_when_given():
    (en,) = figures("On 1 May 2021 police violently dispersed a peaceful rally in Almaty.")
    assert shown(en) == ("mass_event", "protest_dispersed", None, None, "unstated",
                         "2021-05-01")
    (ru,) = figures("1 мая 2021 года полиция разогнала около 200 протестующих в Алматы.", "ru")
    assert shown(ru) == ("mass_event", "protest_dispersed", 200, "about", "unstated",
                         "2021-05-01")
    # undated, it is no event the registry can place
    assert figures("The police dispersed the protesters.") == []

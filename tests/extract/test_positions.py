"""Offices held and birth dates (casefile.extract.biography, given to their holder by
casefile.extract.document): sentences written for these tests in English and Russian, and a
short excerpt of a real news item."""

from __future__ import annotations

from casefile.extract.biography import find_offices
from casefile.extract.dates import find_dates
from casefile.extract.document import extract
from casefile.extract.persons import find_names
from casefile.extract.types import Found


def _positions(text: str, lang: str = "en") -> list[Found]:
    return [f for f in extract(text, lang) if f.predicate == "position"]


def _of(found: list[Found], word: str) -> Found:
    [f] = [f for f in found if word.casefold() in f.value.casefold()]
    return f


def _when(f: Found) -> tuple[str | None, str | None]:
    return f.detail["start"], f.detail["end"]


def test_since_and_ranges_before_and_after_the_title() -> None:
    text = ("Aigerim Sadykova is a Kazakh diplomat who has been serving as the Ambassador of "
            "Kazakhstan to Austria since 14 February 2021. From 2015 to 2018, she was Deputy "
            "Minister of Justice. Earlier she served as the mayor of Taraz from 2009 to 2012 "
            "and as the mayor of Shymkent in 2012–15.")
    found = _positions(text)
    assert {f.mention for f in found} == {"Aigerim Sadykova"}
    ambassador = _of(found, "Ambassador")
    assert _when(ambassador) == ("2021-02-14", None)
    assert ambassador.detail["country"] == "KZ" and ambassador.detail["organisation"] is None
    assert _when(_of(found, "Justice")) == ("2015", "2018")
    assert _when(_of(found, "Taraz")) == ("2009", "2012")
    assert _when(_of(found, "Shymkent")) == ("2012", "2015")
    assert ambassador.date == "2021-02-14"
    assert text[slice(*ambassador.detail["span"])] == ambassador.value


def test_a_title_before_a_name_and_an_office_no_one_holds() -> None:
    text = ("Deputy Prosecutor General Marat Ospanov signed the order. The Minister of Interior "
            "of Kazakhstan is responsible for the police. Nurlan Bekov was detained on 3 May "
            "2022, the Prosecutor General's Office said.")
    found = _positions(text)
    assert [(f.mention, f.value) for f in found] == [("Marat Ospanov", "Deputy Prosecutor General")]


def test_birth_date_in_running_text_goes_to_its_person_only() -> None:
    text = ("Serik Zhanuzakov, born on 2 March 1970, was questioned together with Bolat "
            "Amirov. He was born 5 June 1975? No: Amirov was born on 11 November 1981.")
    births = {(f.mention, f.value) for f in extract(text) if f.predicate == "birth_date"}
    assert ("Serik Zhanuzakov", "1970-03-02") in births
    assert ("Bolat Amirov", "1981-11-11") in births
    assert not any(m == "Bolat Amirov" and v == "1970-03-02" for m, v in births)


def test_a_former_office_without_a_date() -> None:
    [f] = _positions("Yerlan Dosov is the former Chairman of the Board of Kazakhtelecom.")
    assert f.detail["former"] is True and _when(f) == (None, None)
    assert f.detail["organisation"] == "Board of Kazakhtelecom"


def test_russian_offices_and_birth() -> None:
    text = ("Касым-Жомарт Токаев родился 17 мая 1953 года в Алматы. С 2019 года занимает пост "
            "президента Казахстана.\n"
            "Имангали Тасмагамбетов в 2016–2017 годах — заместитель премьер-министра "
            "Казахстана. С 2017 по 2019 год он был послом Казахстана в России.")
    found = extract(text, "ru")
    assert ("Касым-Жомарт Токаев", "1953-05-17") in {
        (f.mention, f.value) for f in found if f.predicate == "birth_date"}
    positions = [f for f in found if f.predicate == "position"]
    president = _of(positions, "президент")
    assert president.mention == "Касым-Жомарт Токаев" and _when(president) == ("2019", None)
    assert president.detail["country"] == "KZ"
    deputy = _of(positions, "заместитель")
    assert deputy.mention == "Имангали Тасмагамбетов" and _when(deputy) == ("2016", "2017")
    ambassador = _of(positions, "посл")
    assert ambassador.mention == "Имангали Тасмагамбетов"
    assert _when(ambassador) == ("2017", "2019") and ambassador.detail["country"] == "KZ"
    assert ambassador.detail["organisation"] is None  # only countries: of Kazakhstan, in Russia


def test_russian_office_no_one_holds() -> None:
    text = "Министр внутренних дел Казахстана отвечает за полицию. Ивана Петрова задержали."
    assert _positions(text, "ru") == []


def test_the_recogniser_keeps_a_name_out_of_a_title() -> None:
    text = "A meeting between Secretary-General of the CSTO Imangali Tasmagambetov and others."
    [o] = find_offices(text, "en", find_names(text, "en"), find_dates(text, "en"))
    assert o.title == "Secretary-General of the CSTO" and o.organisation == "CSTO"


# Kazinform, "Dauren Abayev named as CIS Deputy Secretary General",
# https://www.inform.kz/en/dauren-abayev-named-as-cis-deputy-secretary-general_a4041897
# (found with the search tool, corpus "pages"); a short excerpt, one paragraph a line.
KAZINFORM = """\
ASTANA. KAZINFORM – Dauren Abayev has been appointed as the Deputy Secretary General of the \
Commonwealth of Independent States (CIS) instead of Beketzhan Zhumakhanov, Kazinform \
correspondent reports.
It bears to remind that one month ago Dauren Abayev was relieved of the post of Minister of \
Culture and Sports after a one-year tenure.
He was the Minister of Information and Communications of the Republic of Kazakhstan between \
2016 and 2019.
He was appointed the Minister of Information and Social Development of the Republic of \
Kazakhstan from 2019 to 2020.
In May 2020 he took up the post of the First Deputy Head of the Presidential Administration of \
the Republic of Kazakhstan.
"""


def test_a_real_news_item() -> None:
    found = _positions(KAZINFORM)
    assert {f.mention for f in found} == {"Dauren Abayev"}  # not his predecessor
    assert _of(found, "Deputy Secretary General").detail["organisation"] == \
        "Commonwealth of Independent States (CIS)"
    communications = _of(found, "Communications")
    assert _when(communications) == ("2016", "2019")
    assert communications.detail["organisation"] == "Information and Communications"
    assert _when(_of(found, "Social Development")) == ("2019", "2020")
    assert _of(found, "Presidential Administration").detail["country"] == "KZ"
    # "relieved of the post of Minister of Culture": an office he no longer holds is not
    # read as one he holds
    assert not any("Culture" in f.value for f in found)


# mgorod.kz, "Даурен Абаев назначен чрезвычайным и полномочным послом Казахстана в России",
# https://mgorod.kz/news/__trashed-14 (found with the search tool, corpus "pages"); an excerpt.
MGOROD = """\
Даурен Абаев назначен чрезвычайным и полномочным послом Казахстана в России.
— Указом главы государства Абаев Даурен Аскербекович назначен чрезвычайным и полномочным \
послом Республики Казахстан в Российской Федерации, – сообщается на сайте Акорды.
В марте 2023 года был назначен заместителем генерального секретаря Содружества Независимых \
Государств.
Абаев сменил на посту Ермека Кошербаева, который был послом с января 2020 года.
"""


def test_a_real_russian_news_item() -> None:
    found = _positions(MGOROD, "ru")
    assert {f.mention for f in found} <= {"Даурен Абаев", "Абаев Даурен Аскербекович"}
    ambassador = found[0]
    assert ambassador.value == "чрезвычайным и полномочным послом Казахстана в России"
    assert ambassador.detail["country"] == "KZ" and ambassador.detail["organisation"] is None
    assert _of(found, "генерального секретаря").detail["organisation"] == \
        "Содружества Независимых Государств"
    # "Указом главы государства Абаев": the decree is the head of state's, not Abaev's office;
    # "..., который был послом с января 2020 года" is his predecessor's
    assert not any("главы" in f.value for f in found)
    assert not any(f.detail["start"] == "2020-01" for f in found)

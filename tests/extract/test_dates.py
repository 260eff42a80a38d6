"""find_dates and document_date: shapes, precision, context rules for bare years, anchors and
relative dates, ranges, citations, a document's own date, and what must not match."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.extract.dates import document_date, find_dates


def values(text: str, lang: str = "en", default_year: int | None = None) -> list[str]:
    return [m.value for m in find_dates(text, lang, default_year)]


def spans(text: str, **kw) -> list[str]:
    return [text[m.start : m.end] for m in find_dates(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was detained on 14 January 2022 in Almaty.", ["2022-01-14"]),
        ("The verdict of January 14, 2022 was upheld.", ["2022-01-14"]),
        ("On July 31 2023, Kazakhstan refused asylum.", ["2023-07-31"]),
        ("On July 31, 2023, Kazakhstan refused asylum.", ["2023-07-31"]),
        ("Posted Jan 9, 2014 by the editors", ["2014-01-09"]),
        ("Updated Apr 14, 2014.", ["2014-04-14"]),
        ("Published Jan. 9, 2014.", ["2014-01-09"]),
        ("Sentenced on 10.02.2023. The term runs from arrest.", ["2023-02-10"]),
        ("Filed 2023-02-10 at the registry.", ["2023-02-10"]),
        ("The raid happened on March 3th, 2020, at dawn.", ["2020-03-03"]),
        ("He was released on March 19th 2020 after a pardon.", ["2020-03-19"]),
        ("Hearings resumed on the 2nd of June 2021.", ["2021-06-02"]),
        ("Her father was born on 9 December 1956 in Semey.", ["1956-12-09"]),
        ("A march was held on 1st May 2019 in Tbilisi.", ["2019-05-01"]),
        ("Soldiers landed on 6 June 1944.", ["1944-06-06"]),
        ("THE DETENTION ON 5 JANUARY 2022 WAS ILLEGAL", ["2022-01-05"]),
    ],
)
def test_day_precision(text: str, expected: list[str]) -> None:
    assert values(text) == expected
    assert all(m.precision == "day" and m.qualifier is None for m in find_dates(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kusmankyzy was convicted in July 2019.", ["2019-07"]),
        ("He has been in custody since January 2022.", ["2022-01"]),
        ("In November 2022, she was amnestied.", ["2022-11"]),
        ("The Belarusian court ruled in MARCH 2021.", ["2021-03"]),
        ("The law of July of 2019 widened the ban.", ["2019-07"]),
        ("Protests in Minsk in August 2020 and in Nur-Sultan in June 2019", ["2020-08", "2019-06"]),
    ],
)
def test_month_precision(text: str, expected: list[str]) -> None:
    assert values(text) == expected
    assert all(m.precision == "month" for m in find_dates(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2019, he was sentenced to restriction of liberty.", ["2019"]),
        ("Abdullayev has been persecuted since 2017.", ["2017"]),
        ("The moratorium has held until 2021.", ["2021"]),
        ("the events of 2011 in Zhanaozen", ["2011"]),
        ("During 2020 the number of cases doubled.", ["2020"]),
    ],
)
def test_year_precision(text: str, expected: list[str]) -> None:
    assert values(text) == expected
    assert all(m.precision == "year" and m.end_value is None for m in find_dates(text))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("She lived in Kyiv from 2017 to 2019.", "2017", "2019"),
        ("He was director between 2008 and 2011.", "2008", "2011"),
        ("He worked there in 2015–17.", "2015", "2017"),
        ("Minister of Energy (1998-99) and banker", "1998", "1999"),
        ("the 2004–2006 campaign", "2004", "2006"),
    ],
)
def test_year_ranges_are_one_match(text: str, start: str, end: str) -> None:
    [m] = find_dates(text)
    assert (m.value, m.end_value, m.precision) == (start, end, "year")


@pytest.mark.parametrize(
    "text",
    [
        "Zhylanbayev transferred 500,000 tenge (about USD 1,100).",
        "At least 2,000 people were detained and 1,273 people were charged.",
        "Assets worth USD 7.6 billion were frozen.",
        "He was charged under Article 2019 of an imaginary code.",
        "Police detained up to 2000 people in one night.",
        "Observers counted 2019 signatures on the petition.",
        "In 2000 cases the courts agreed with the prosecution.",
        "The 1990s were a decade of reform.",
        "Room 2021, building 7",
        "Call +7 701 2019 555",
        "Protocol ZK-2019/5 was signed.",
        "He was sentenced to 5 years; he is 64 years old.",
        "January’s peaceful protests were suppressed.",
        "Activists may march in May if the akimat agrees.",
        "It was 31 February 2023 according to the forged protocol.",
        "A 30.02.2022 date is impossible, as is 2022-13-01.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_invalid_day_blocks_the_month_too() -> None:
    # a typo'd date is unreliable: neither the day nor "February 2023" is returned
    assert values("Detained on 30 February 2023 in Taraz.") == []
    assert values("Detained on 29 February 2024 in Taraz.") == ["2024-02-29"]


def test_day_range_returns_first_day() -> None:
    text = "The trial took place on 9–10 March 2023 in Astana."
    [m] = find_dates(text)
    assert (m.value, m.end_value) == ("2023-03-09", "2023-03-10")
    assert text[m.start : m.end] == "9–10 March 2023"
    assert values("hearings on 3-4 May 2021") == ["2021-05-03"]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("In early May, Zhylanbayev was arrested.", "2023-05", "early"),
        ("The appeal was heard in late June.", "2023-06", "late"),
        ("By mid-March the hunger strike had ended.", "2023-03", "mid"),
        ("At the end of July a new case was opened.", "2023-07", "late"),
        ("At the beginning of September he fled.", "2023-09", "early"),
    ],
)
def test_qualified_month_uses_default_year(text: str, value: str, qualifier: str) -> None:
    assert find_dates(text) == []  # no year known: no match
    [m] = find_dates(text, default_year=2023)
    assert (m.value, m.qualifier) == (value, qualifier)


def test_qualified_with_explicit_year() -> None:
    [m] = find_dates("in late June 2021 the court", default_year=1999)
    assert (m.value, m.qualifier) == ("2021-06", "late")
    [m] = find_dates("Arrests continued in early 2022.")
    assert (m.value, m.qualifier, m.precision) == ("2022", "early", "year")
    text = "As of the end of August 2023, 17 cases"
    [m] = find_dates(text)
    assert (text[m.start : m.end], m.qualifier) == ("the end of August 2023", "late")
    assert values("in mid-2022") == ["2022"]


def test_month_without_year() -> None:
    assert values("He was detained on 14 January in Almaty.") == []
    assert values("He was detained on 14 January in Almaty.", default_year=2022) == ["2022-01-14"]
    assert values("Hearings resumed on March 3.", default_year=2020) == ["2020-03-03"]
    assert values("It happened in May.", default_year=2021) == ["2021-05"]
    assert values("It happened in May.") == []
    # a bare month needs a context word even with a default year
    assert values("May God help us.", default_year=2021) == []
    assert values("Jan Kowalski and Mar Ivanova", default_year=2021) == []


def test_spans_and_order() -> None:
    text = (
        "Detained on 17 November 2022, he was charged in December 2022; since 2019 he had "
        "been under watch and the verdict of 10.02.2023 followed."
    )
    ms = find_dates(text)
    assert [m.value for m in ms] == ["2022-11-17", "2022-12", "2019", "2023-02-10"]
    assert spans(text) == ["17 November 2022", "December 2022", "2019", "10.02.2023"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


def test_precision_property() -> None:
    ms = find_dates("on 1 May 2020, in June 2020 and in 2021")
    assert [m.precision for m in ms] == ["day", "month", "year"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 января 2022 года его задержали", ["2022-01-14"]),
        ("Приговор вынесен 3 марта 2023 г. в Алматы", ["2023-03-03"]),
        ("в январе 2022 года прошли протесты", ["2022-01"]),
        ("с 2017 по 2019 год он жил в Киеве", ["2017"]),  # one range, end_value "2019"
        ("в 2019 году его осудили", ["2019"]),
        ("дата приговора 10.02.2023 г.", ["2023-02-10"]),
        ("в конце 2021 года", ["2021"]),
        ("ему 2019 человек подписали петицию", []),
    ],
)
def test_russian(text: str, expected: list[str]) -> None:
    assert values(text, "ru") == expected


def test_russian_qualifier_and_default_year() -> None:
    [m] = find_dates("в начале мая его арестовали", "ru", default_year=2023)
    assert (m.value, m.qualifier) == ("2023-05", "early")
    assert find_dates("в начале мая его арестовали", "ru") == []


# --- digits: two-digit years and slashes ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The activist was detained on 5.3.21 outside the akimat.", "en", ["2021-03-05"]),
        ("Hearing: 05.03.21, Medeu district court", "en", ["2021-03-05"]),
        ("Задержан 5.3.21 у здания акимата.", "ru", ["2021-03-05"]),
        ("Протокол от 31.12.99 признан недействительным.", "ru", ["1999-12-31"]),
        ("born 01.02.70 in Taraz", "en", ["1970-02-01"]),
        ("приговор от 12.10.69", "ru", ["2069-10-12"]),
    ],
)
def test_two_digit_years(text: str, lang: str, expected: list[str]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Install version 1.2.21 of the app.", "en"),
        ("The v5.3.21 release fixed it.", "en"),
        ("See section 2.1.15 of the rules.", "en"),
        ("The address 10.1.12.5 was blocked.", "en"),
        ("Growth was 5.3.21% this quarter.", "en"),
        ("согласно п. 2.1.15 правил", "ru"),
        ("в соответствии со статьей 1.3.14 кодекса", "ru"),
    ],
)
def test_two_digit_years_refused_when_version_like(text: str, lang: str) -> None:
    assert find_dates(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Detained on 27/12/2004 at the border.", "en", "2004-12-27"),  # day above 12
        ("Detained on 12/27/2004 at the border.", "en", "2004-12-27"),  # American order
        ("Detained on 05/05/2020 at the border.", "en", "2020-05-05"),  # both readings agree
        ("Detained on 12/05/2020 at the border.", "en", "2020"),  # 12 May or 5 December
        ("Задержан 05/03/2020 на границе.", "ru", "2020-03-05"),  # Russian is day first
    ],
)
def test_slash_dates(text: str, lang: str, expected: str) -> None:
    assert values(text, lang) == [expected]


# --- ordinals and yearless dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was arrested on 27th December 2004 in Aktau.", "2004-12-27"),
        ("He was arrested on December 27th, 2004 in Aktau.", "2004-12-27"),
        ("He was arrested on the 27th of December 2004 in Aktau.", "2004-12-27"),
    ],
)
def test_ordinal_days(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "anchor", "expected"),
    [
        # the anchor's year ...
        ("The verdict was announced in June.", "en", "2023-08-10", "2023-06"),
        ("He was detained on December 27th.", "en", "2023-12-30", "2023-12-27"),
        ("Hearings resumed on the 27th of December.", "en", "2023-12-30", "2023-12-27"),
        ("Приговор огласили 28 ноября.", "ru", "2016-12-01", "2016-11-28"),
        ("В июле его задержали снова.", "ru", "2021-09-08", "2021-07"),
        # ... or the year before, when the date would lie most of a year ahead
        ("He was detained on 28 November.", "en", "2024-01-15", "2023-11-28"),
        ("Его задержали 28 ноября.", "ru", "2024-01-15", "2023-11-28"),
        # a hearing announced for the coming weeks keeps the anchor's year
        ("The appeal will be heard on 22 November.", "en", "2017-11-14", "2017-11-22"),
        # a year-only anchor has nothing to compare with
        ("He was detained on 28 November.", "en", "2024", "2024-11-28"),
    ],
)
def test_yearless_dates_take_the_anchor_year(
    text: str, lang: str, anchor: str, expected: str
) -> None:
    assert values(text, lang) == []  # no anchor: no year is invented
    assert [m.value for m in find_dates(text, lang, anchor=anchor)] == [expected]


def test_qualified_yearless_month_with_anchor() -> None:
    [m] = find_dates("в начале июля активиста снова вызвали", "ru", anchor="2021-09-08")
    assert (m.value, m.qualifier) == ("2021-07", "early")


def test_default_year_wins_over_the_anchor_for_yearless_dates() -> None:
    text = "He was detained on 28 November and released yesterday."
    got = [m.value for m in find_dates(text, "en", 2020, anchor="2024-01-15")]
    assert got == ["2020-11-28", "2024-01-14"]


def test_positional_default_year_still_works() -> None:
    assert values("on 14 January", "en", 2022) == ["2022-01-14"]


@pytest.mark.parametrize("anchor", ["15.01.2024", "2024-13-01", "2024-02-30", "yesterday", "24"])
def test_bad_anchor_is_an_error(anchor: str) -> None:
    with pytest.raises(ValueError):
        find_dates("on Monday", "en", anchor=anchor)


# --- relative dates ----------------------------------------------------------------------------

WEDNESDAY = "2023-05-17"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Police detained him on Monday outside his home.", "en", "2023-05-15"),
        ("Police detained him Monday outside his home.", "en", "2023-05-15"),  # wire style
        ("Monday's hearing was closed to the press.", "en", "2023-05-15"),
        ("He was released last Thursday.", "en", "2023-05-11"),
        ("The court ruled on Wednesday.", "en", "2023-05-17"),  # the anchor's own weekday
        ("He was released yesterday.", "en", "2023-05-16"),
        ("The verdict is expected today.", "en", "2023-05-17"),
        ("Today the court upheld the sentence.", "en", "2023-05-17"),
        ("Его задержали в понедельник.", "ru", "2023-05-15"),
        ("Во вторник суд продлил арест.", "ru", "2023-05-16"),
        ("В минувшую пятницу его допросили.", "ru", "2023-05-12"),
        ("Вчера активиста отпустили.", "ru", "2023-05-16"),
        ("Сегодня суд огласил приговор.", "ru", "2023-05-17"),
    ],
)
def test_relative_days(text: str, lang: str, expected: str) -> None:
    assert values(text, lang) == []  # no anchor, no date
    assert values(text, lang, default_year=2023) == []  # a default year is not an anchor
    [m] = find_dates(text, lang, anchor=WEDNESDAY)
    assert (m.value, m.precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "lang", "anchor", "expected"),
    [
        ("He was detained last week.", "en", WEDNESDAY, "2023-05"),  # 8-14 May
        ("Его задержали на прошлой неделе.", "ru", WEDNESDAY, "2023-05"),
        ("He was detained last week.", "en", "2024-01-03", "2023-12"),  # 25-31 December
        ("He was detained last week.", "en", "2023-06-07", "2023"),  # 29 May - 4 June
        ("He was charged last month.", "en", WEDNESDAY, "2023-04"),
        ("He was charged last month.", "en", "2024-01-20", "2023-12"),
        ("В прошлом месяце его обвинили.", "ru", WEDNESDAY, "2023-04"),
        ("He was first arrested last year.", "en", WEDNESDAY, "2022"),
        ("В прошлом году его впервые арестовали.", "ru", WEDNESDAY, "2022"),
        ("В минувшем году его впервые арестовали.", "ru", WEDNESDAY, "2022"),
        ("This year 14 activists were convicted.", "en", WEDNESDAY, "2023"),
        ("В этом году осуждены 14 активистов.", "ru", WEDNESDAY, "2023"),
        ("He was charged last month.", "en", "2023-05", "2023-04"),  # a month anchor will do
        ("He was first arrested last year.", "en", "2023", "2022"),  # a year anchor too
    ],
)
def test_relative_weeks_months_years(text: str, lang: str, anchor: str, expected: str) -> None:
    assert values(text, lang) == []
    assert [m.value for m in find_dates(text, lang, anchor=anchor)] == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "anchor"),
    [
        ("He was released yesterday.", "en", "2023-05"),  # which day of May?
        ("Police detained him on Monday.", "en", "2023-05"),
        ("He was detained last week.", "en", "2023"),
        ("He was charged last month.", "en", "2023"),
        ("He was detained last week.", "en", "2021-01-06"),  # 28 Dec 2020 - 3 Jan 2021
        ("Вчера активиста отпустили.", "ru", "2023-05"),
    ],
)
def test_relative_dates_need_a_precise_enough_anchor(text: str, lang: str, anchor: str) -> None:
    assert find_dates(text, lang, anchor=anchor) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bloody Sunday is remembered in St Petersburg.", "en"),
        ("USA Today reported the arrest.", "en"),
        ("He reports to the police every Monday.", "en"),
        ("He has spent the last year in pre-trial detention.", "en"),
        ("In the past year the number of cases doubled.", "en"),
        ("Он отмечается в полиции каждую среду.", "ru"),
        ("Суд назначен на следующий вторник.", "ru"),
    ],
)
def test_relative_look_alikes(text: str, lang: str) -> None:
    assert find_dates(text, lang, anchor=WEDNESDAY) == []


def test_weekday_with_a_stated_date_gives_the_stated_date() -> None:
    # real: vot-tak.tv, "«Я могу остаться в тюрьме?» Активист получил 3 года ограничения свободы"
    # https://vot-tak.tv/novosti/ya-mogu-ostatsya-v-tyurme-aktivist-poluchil-3-goda-ogranicheniya-svobody-za-posty-o-pravyashhej-partii-kazahstana/
    text = "В понедельник, 22 июня, Медеуский районный суд №2 Алматы приговорил активиста"
    [m] = find_dates(text, "ru", anchor="2020-06-23")
    assert (text[m.start : m.end], m.value) == ("22 июня", "2020-06-22")
    text = "On Monday, 15 May, police searched his flat. On Monday 15 people were held."
    ms = find_dates(text, anchor=WEDNESDAY)
    assert [(text[m.start : m.end], m.value) for m in ms] == [
        ("15 May", "2023-05-15"),
        ("Monday", "2023-05-15"),
    ]


def test_wire_story_weekday_is_the_publication_day() -> None:
    # real: Reuters via cubadata.blogspot.com, "Cuban gets 12 years for anti-Castro graffiti",
    # dated "Monday, April 23, 2007": https://cubadata.blogspot.com/2007/04/cuban-gets-12-years-for-anti-castro.html
    text = "was sentenced to 12 years in jail, a human rights group said on Monday."
    assert values(text) == []
    assert [m.value for m in find_dates(text, anchor="2007-04-23")] == ["2007-04-23"]


# --- ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "span", "start", "end"),
    [
        ("Hearings ran from 5 to 9 May 2023 in Astana.", "en", "5 to 9 May 2023",
         "2023-05-05", "2023-05-09"),
        ("Hearings ran between 5 and 9 May 2023.", "en", "5 and 9 May 2023",
         "2023-05-05", "2023-05-09"),
        ("Слушания шли с 5 по 9 мая 2023 года.", "ru", "5 по 9 мая 2023 года",
         "2023-05-05", "2023-05-09"),
        ("Protests took place between March and May 2023.", "en", "March and May 2023",
         "2023-03", "2023-05"),
        ("Protests took place March–May 2023.", "en", "March–May 2023", "2023-03", "2023-05"),
        ("Акции шли с октября по декабрь 2019 года.", "ru", "октября по декабрь 2019 года",
         "2019-10", "2019-12"),
        ("Акции шли в октябре–декабре 2019 года.", "ru", "октябре–декабре 2019 года",
         "2019-10", "2019-12"),
        ("He was held from 5 May 2022 to 9 June 2023.", "en", "5 May 2022 to 9 June 2023",
         "2022-05-05", "2023-06-09"),
        ("He was held from 5 May to 9 June 2023.", "en", "5 May to 9 June 2023",
         "2023-05-05", "2023-06-09"),
        ("He was held from December to February 2020.", "en", "December to February 2020",
         "2019-12", "2020-02"),
        ("He was held from January 2019 until March 2020.", "en",
         "January 2019 until March 2020", "2019-01", "2020-03"),
        ("Он содержался с 5 мая 2022 года по 9 июня 2023 года.", "ru",
         "5 мая 2022 года по 9 июня 2023 года", "2022-05-05", "2023-06-09"),
        ("The monitoring covers 31 May – 2 June 2021.", "en", "31 May – 2 June 2021",
         "2021-05-31", "2021-06-02"),
        ("Period: 01.03.2021–15.03.2021", "en", "01.03.2021–15.03.2021",
         "2021-03-01", "2021-03-15"),
    ],
)
def test_ranges(text: str, lang: str, span: str, start: str, end: str) -> None:
    [m] = find_dates(text, lang)
    assert (text[m.start : m.end], m.value, m.end_value) == (span, start, end)


def test_open_range_has_no_end() -> None:
    text = "Он содержится под стражей с 22 августа 2020 года."
    [m] = find_dates(text, "ru")
    assert (m.value, m.end_value) == ("2020-08-22", None)


def test_word_joined_days_need_an_opener() -> None:
    # "5 to 9 May" without "from" is not a range; "5 and 6 May" lists two days
    assert values("He was sentenced 5 to 9 May 2023 hearings later.") == ["2023-05-09"]
    assert values("Hearings were held on 5 and 6 May 2023.") == ["2023-05-05", "2023-05-06"]
    assert values("Слушания прошли 5 и 6 мая 2023 года.", "ru") == ["2023-05-05", "2023-05-06"]


def test_listed_months_share_the_stated_year() -> None:
    assert values("Rallies were held in May and June 2023.") == ["2023-05", "2023-06"]
    assert values("Митинги прошли в мае и июне 2022 года.", "ru") == ["2022-05", "2022-06"]
    # nothing to share when the year comes first
    assert values("in June 2022 and in May") == ["2022-06"]


def test_yearless_range_takes_the_anchor_year() -> None:
    [m] = find_dates("from 5 to 9 May", anchor="2023-05-20")
    assert (m.value, m.end_value) == ("2023-05-05", "2023-05-09")
    assert find_dates("from 5 to 9 May") == []


# --- citations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("He fled Kazakhstan in 2011 (Radio Free Europe, 2014).", "en", ["2011"]),
        ("He was detained on 3 March (RFE/RL, 14 March 2014).", "en", []),
        ("Renda describes the case (Renda, M., 2017).", "en", []),
        ("the verdict of 10.02.2023 (Vlast.kz, 11.02.2023)", "en", ["2023-02-10"]),
        ("as Smith shows (Smith, March 2019, p. 12)", "en", []),
        ("Его задержали в 2019 году (Азаттык, 12 марта 2020 г.).", "ru", ["2019"]),
        ("(Радио Азаттык, 2014 г.)", "ru", []),
        # not citations: a birth date, a date in a plain parenthesis
        ("Ivanov (born 12 May 1970) was detained.", "en", ["1970-05-12"]),
        ("He was detained (on 12 May 2020) in Almaty.", "en", ["2020-05-12"]),
    ],
)
def test_citation_years_are_not_dates(text: str, lang: str, expected: list[str]) -> None:
    assert values(text, lang) == expected


# --- Russian shapes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22 августа 2020 года его задержали в Алматы", ["2020-08-22"]),
        ("в августе 2020 г. возбуждено дело", ["2020-08"]),
        ("2020 г. стал годом протестов", ["2020"]),
        ("с 2017 года он в розыске", ["2017"]),
        ("в середине 2021 года", ["2021"]),
        ("14-го января 2022 года", ["2022-01-14"]),
        ("30 ИЮНЯ 2019 ГОДА", ["2019-06-30"]),
        # real: vlast.kz, "Активистов, задержанных перед референдумом по строительству АЭС,
        # приговорили к 4 годам ограничения свободы" https://vlast.kz/novosti/66153-aktivistov-zaderzannyh-pered-referendumom-po-stroitelstvu-aes-prigovorili-k-4-godam-ogranicenia-svobody.html
        ("Почти год назад, 29 сентября 2024 года были задержаны 12 активистов", ["2024-09-29"]),
        # real: vot-tak.tv (see above)
        ("19 марта 2019-го он передал президентские полномочия", ["2019-03-19"]),
    ],
)
def test_russian_more(text: str, expected: list[str]) -> None:
    assert values(text, "ru") == expected


# --- real English sentences -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # RFE/RL, "Another Kazakh Activist Sentenced For Links To Banned Political Group",
        # https://www.rferl.org/a/31191622.html (dated 2021-04-07)
        ("The Talghar district court in the southern Almaty region sentenced 36-year-old Erkin "
         "Sabanshiev on April 7 to one year of \"freedom limitation\"", "2021-04-07",
         ["2021-04-07"]),
        # near-by.blogspot.com, "Barazenka Free" (Tuesday, December 16, 2008),
        # http://near-by.blogspot.com/2008/12/barazenka-free.html
        ("Aliaksandr Barazenka was released from prison on Dec. 9, 2008.", "2008-12-16",
         ["2008-12-09"]),
        ("was arrested following his voluntary appearance at the Minsk city police department "
         "on October 27 for questioning.", "2008-12-16", ["2008-10-27"]),
        # FIDH, "Belarus – climate of fear", http://freeales.fidh.net/2013/05/belarus-what-happens-people-prosecuted-politically-motivated-cases/
        ("prosecuted in politically motivated criminal cases in connection with the 19 December "
         "2010 events", None, ["2010-12-19"]),
    ],
)
def test_real_english(text: str, anchor: str | None, expected: list[str]) -> None:
    assert [m.value for m in find_dates(text, anchor=anchor)] == expected


# --- document_date -----------------------------------------------------------------------------

TODAY = "2025-06-01"


@pytest.mark.parametrize(
    ("text", "lang", "span", "value"),
    [
        # a date alone on its line, under the title
        ("Memorial publishes new lists\n\n30 October 2017\n\nOn 5 May 2016 he was detained.",
         "en", "30 October 2017", "2017-10-30"),
        # "posted ... [ updated ... ]" (a Google Sites page)
        ("New lists of political prisoners\n\nposted 13 Nov 2017, 06:01 by Website Service   "
         "[ updated 13 Nov 2017, 06:07 ]\n30 October 2017\n\nOn 30 October ...",
         "en", "13 Nov 2017", "2017-11-13"),
        # a copyright line
        ("The list of dissidents persecuted in 2012-15\n© example.org 07.04.2015\n\nBelow ...",
         "en", "07.04.2015", "2015-04-07"),
        # a title stating a period: its end
        ("Skip to content\n\nMONITORING OF POLITICAL PERSECUTION 1 to April 30, 2024\n\n"
         "April 1, Astana, police detained a journalist.\nApril 3, Almaty, the court ruled.",
         "en", "April 30, 2024", "2024-04-30"),
        # an issue line and a month in the title: the later one
        ("Political Prisoners (May 2017)\n\nRecognised by the Centre\n\n"
         "<< No. 27 (259) 5 July 2017 >>\n\nWe regard ...", "en", "5 July 2017", "2017-07-05"),
        # a machine timestamp
        ("viasna\n\nWhat happened between November 27 and December 5\n\n"
         "2023 2023-12-05T18:44:49+0300 en The Center\n", "en", "2023-12-05", "2023-12-05"),
        # an AP dateline
        ("Kazakh activist detained\n\nALMATY, Kazakhstan, May 3, 2023 (AP) — Police detained "
         "an activist on Wednesday.", "en", "May 3, 2023", "2023-05-03"),
        # Russian: a date and time under the title
        ("Суд над активистами\n8 сентября 2021, 14:35\n\n7 сентября в городе суд ...", "ru",
         "8 сентября 2021", "2021-09-08"),
        ("Новости\nОпубликовано: 12.03.2021 в 10:15\n\nАктивиста задержали 10 марта.", "ru",
         "12.03.2021", "2021-03-12"),
        # real: Reuters via cubadata.blogspot.com (see above)
        ("Reuters\nMonday, April 23, 2007; 2:06 PM\nHAVANA (Reuters) - A Cuban dissident ...",
         "en", "April 23, 2007", "2007-04-23"),
        # real: МойBY, "Автора «жестянки» о МАЗе приговорили к году колонии",
        # https://moyby.com/news/121610/
        ("Автора «жестянки» о МАЗе приговорили к году колонии\n\n16.12.2013 общество\n\n"
         "Суд над Русланом Мирзоевым прошел 13 декабря.", "ru", "16.12.2013", "2013-12-16"),
        # real: Хартия'97, "Журналиста «Еврорадио» арестовали на 15 суток",
        # https://mb6k2s.c97.org/ru/news/2012/6/22/54173/
        ("BE RU EN\n\nЖурналиста «Еврорадио» арестовали на 15 суток\n\n  • 22.06.2012, 17:21\n"
         "\nПавла Свердлова обвинили в нецензурной брани.", "ru", "22.06.2012", "2012-06-22"),
        # real: UN CAT/C/BLR/FCO/5, https://docstore.ohchr.org/ (the latest of two dates)
        ("United Nations\n\nCAT/C/BLR/FCO/5\n\nDistr.: General\n\n18 January 2021\n\nEnglish\n\n"
         "[Date received: 30 November 2020]\n", "en", "18 January 2021", "2021-01-18"),
    ],
)
def test_document_date(text: str, lang: str, span: str, value: str) -> None:
    m = document_date(text, lang, today=TODAY)
    assert m is not None
    assert (text[m.start : m.end], m.value) == (span, value)


def test_document_dateline_takes_the_year_of_the_heading() -> None:
    text = "Weekly digest 2024\n\nPublished March 2024\n\nMarch 28, Almaty, police detained ..."
    m = document_date(text, "en", today=TODAY)
    assert m is not None and m.value == "2024-03-28"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a lead sentence's date is an event's, not the document's
        ("Activist detained\n\nOn 5 May 2023, police in Almaty detained the activist Ivanov.",
         "en"),
        ("5 May 2023, Ivanov was detained in Almaty after a rally, his lawyer said.", "en"),
        # a dateline without a year, and no year anywhere near it
        ("Minsk 07:14\n\nCourt imposes short sentence\n\nNovember 4, BPN. The Viasna Human "
         "Rights Center reports that last month ...", "en"),
        ("8 сентября альянс правозащитников обновил список политзаключенных.", "ru"),
        # a release is no publication, a quoted sentence no heading, a cut-off line no title
        ("Activists freed\n\nHe was released on December 9, 2008 after a year in custody.",
         "en"),
        ("Hearing notes\n\n“On 4 August 2021 at 10:48, the party changed its name.”\n\nThe "
         "lawyer stressed that the report was forged.", "en"),
        ("Суд огласил приговор активистам.\nСуд зачел в срок время под стражей с 22 августа "
         "2020 года, Кайрату", "ru"),
        # a date after today is no publication date
        ("A title\n\n30 October 2099\n", "en"),
        ("", "en"),
    ],
)
def test_no_document_date(text: str, lang: str) -> None:
    assert document_date(text, lang, today=TODAY) is None


# --- hostile input -----------------------------------------------------------------------------

_TOKENS = [
    "on", "Monday", "понедельник", "в", "вчера", "yesterday", "last", "week", "year", "прошлом",
    "году", "from", "to", "between", "and", "с", "по", "May", "мая", "March", "октября", "5",
    "27th", "31", "2019", "2023", "19", "5.3.21", "27/12/2004", "12/05/2020", "10.02.2023",
    "(", ")", "Reuters,", ",", "–", "-", ".", "\n", "posted", "©", "İ", "ǅ", "ß", "ﬁ", "🙂", "г.",
]  # fmt: skip
_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_TOKENS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join),
)
_anchors = st.none() | st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
)


@settings(max_examples=300, deadline=None)
@given(_texts, st.sampled_from(["en", "ru"]), _anchors, st.none() | st.integers(1900, 2100))
def test_garbage_never_crashes_and_never_overlaps(
    text: str, lang: str, anchor: str | None, year: int | None
) -> None:
    ms = find_dates(text, lang, year, anchor=anchor)
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        dt.date.fromisoformat((m.value + "-01-01")[:10])
        assert m.end_value is None or m.end_value > m.value
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))
    d = document_date(text, lang, today=TODAY)
    assert d is None or (d.value <= TODAY and 0 <= d.start < d.end <= len(text))

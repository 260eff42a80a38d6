"""find_dates: shapes, precision, context rules for bare years, and what must not match."""

from __future__ import annotations

import pytest

from casefile.extract.dates import find_dates


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
        ("She lived in Kyiv from 2017 to 2019.", ["2017", "2019"]),
        ("He was director between 2008 and 2011.", ["2008", "2011"]),
        ("He worked there in 2015–17.", ["2015", "2017"]),
        ("Minister of Energy (1998-99) and banker", ["1998", "1999"]),
        ("the 2004–2006 campaign", ["2004", "2006"]),
        ("The moratorium has held until 2021.", ["2021"]),
        ("the events of 2011 in Zhanaozen", ["2011"]),
        ("During 2020 the number of cases doubled.", ["2020"]),
    ],
)
def test_year_precision(text: str, expected: list[str]) -> None:
    assert values(text) == expected
    assert all(m.precision == "year" for m in find_dates(text))


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
    assert m.value == "2023-03-09"
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
        ("с 2017 по 2019 год он жил в Киеве", ["2017", "2019"]),
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

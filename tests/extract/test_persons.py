"""find_names: person names in running text and list entries, in the seeds' forms and in other
countries' and publishers' forms; organisations, places and headings are never names. The seed
check compares with a hand-made list (tests/extract/data/seed_names.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.extract.persons import find_names
from tests.conftest import GOLD, seed

DATA = Path(__file__).parent / "data"
SEEDS = ["000", "001", "002", "003", "004"]


def names(text: str, **kw: object) -> list[tuple[str, str, str | None]]:
    return [(n.name, n.form, n.role) for n in find_names(text, **kw)]


POSITIVE = [
    ("1. Zhaksylyk ABDULLAYEV – 5 years’ imprisonment.", [("Zhaksylyk ABDULLAYEV", "full", None)]),
    ("9. Zhan-Aidar KARMENOV – 8 years’ imprisonment.", [("Zhan-Aidar KARMENOV", "full", None)]),
    ("6. Tenilik NURLANOV — charged under Article 272.", [("Tenilik NURLANOV", "full", None)]),
    ("5. Sagynkul KONAR — is charged under Article 272.", [("Sagynkul KONAR", "full", None)]),
    ("9. Ziuar MIRMANBETOVA – an Uzbek citizen.", [("Ziuar MIRMANBETOVA", "full", None)]),
    ("12. Tleubike YULDASHEVA – human rights defender.", [("Tleubike YULDASHEVA", "full", None)]),
    ("On 20 May 2023, activist Zhandarbek Bashanov was arrested in Uralsk.",
     [("Zhandarbek Bashanov", "full", "activist")]),
    ("He was succeeded by current president Kassym-Jomart Tokayev.",
     [("Kassym-Jomart Tokayev", "full", "president")]),
    ("In response to the protests, President Tokayev declared a state of emergency.",
     [("Tokayev", "family", "president")]),
    ("his wife Dinara Kulibayeva (Nazarbayeva) owns it",
     [("Dinara Kulibayeva", "full", "relative"), ("Nazarbayeva", "family", None)]),
    ("3. Kulibayev, Timur Askaruly (Kazakh: Құлыбаев, Тимур Асқарұлы)",
     [("Kulibayev, Timur Askaruly", "full", None), ("Құлыбаев, Тимур Асқарұлы", "full", None)]),
    ("4. Vasilenko Roman Yurievich (Cyrillic: Василенко, Роман Юрьевич): born 1972",
     [("Vasilenko Roman Yurievich", "full", None), ("Василенко, Роман Юрьевич", "full", None)]),
    ("prosecutors (Suttibayev S., and Nauryzbayev Sh.) and investigators (Sapar Kuanysh)",
     [("Suttibayev S.", "initials", None), ("Nauryzbayev Sh.", "initials", None),
      ("Sapar Kuanysh", "full", None)]),
    ("Marie Struthers, Amnesty International’s Director, said:",
     [("Marie Struthers", "full", None)]),
    ("By James Moules", [("James Moules", "full", None)]),
    ("Tony Blair’s consultancy business is growing again.", [("Tony Blair", "full", None)]),
    ("tabled by André Gattolin, the French senator", [("André Gattolin", "full", None)]),
    ("sentenced Vladimir Kozlov, an opposition leader", [("Vladimir Kozlov", "full", None)]),
    ("Bekizhan Mendygaziyev is the brother of a businessman.",
     [("Bekizhan Mendygaziyev", "full", None)]),
    ("Aliyev did not go to the protests.", [("Aliyev", "family", None)]),
    ("The report relied on Stephen M. Bland.", [("Stephen M. Bland", "full", None)]),
    ("the president of the Open Dialogue Foundation Lyudmyla Kozlovska",
     [("Lyudmyla Kozlovska", "full", None)]),
    ("MP Kairat Kudaibergen is in custody.", [("Kairat Kudaibergen", "full", "politician")]),
    ("Deputy Minister Roman Vasilenko stated", [("Roman Vasilenko", "full", "official")]),
    ("Journalists Dinara Yegeubayeva and Duman Mukhametkarim were persecuted.",
     [("Dinara Yegeubayeva", "full", "journalist"), ("Duman Mukhametkarim", "full", "journalist")]),
    ("human rights defenders Nurgul Kaluova, Aidar Syzdykov and Bibigul Imangaliyeva",
     [("Nurgul Kaluova", "full", "human rights defender"),
      ("Aidar Syzdykov", "full", "human rights defender"),
      ("Bibigul Imangaliyeva", "full", "human rights defender")]),
    ("Kazakhstani political prisoner Mukhtar Dzhakishev is ill.",
     [("Mukhtar Dzhakishev", "full", None)]),
    # other countries, other publishers
    ("Belarusian opposition politician Maria Kalesnikava was sentenced to 11 years.",
     [("Maria Kalesnikava", "full", "opposition politician")]),
    ("Human rights defender Ales Bialiatski remains in prison in Minsk.",
     [("Ales Bialiatski", "full", "human rights defender")]),
    ("Azerbaijani journalist Khadija Ismayilova was released.",
     [("Khadija Ismayilova", "full", "journalist")]),
    ("In Tajikistan, lawyer Buzurgmehr Yorov was sentenced to 28 years.",
     [("Buzurgmehr Yorov", "full", "lawyer")]),
    ("Georgian journalist Mzia Amaglobeli was detained in Batumi.",
     [("Mzia Amaglobeli", "full", "journalist")]),
    ("Russian poet Yevgeny Zaitsev was jailed; Zaitsev denies the charge.",
     [("Yevgeny Zaitsev", "full", "poet"), ("Zaitsev", "family", None)]),
    ("Blogger Tolkunbek Zhakypov was detained in Bishkek.",
     [("Tolkunbek Zhakypov", "full", "blogger")]),
    ("The Ukrainian film director Oleg Sentsov was freed in 2019.",
     [("Oleg Sentsov", "full", "artist")]),
    ("Mr Giorgi Gakharia and Ms Salome Zourabichvili met.",
     [("Giorgi Gakharia", "full", None), ("Salome Zourabichvili", "full", None)]),
    ("PUTIN, Vladimir Vladimirovich", [("PUTIN, Vladimir Vladimirovich", "full", None)]),
    ("Tsikhanouskaya, Sviatlana", [("Tsikhanouskaya, Sviatlana", "full", None)]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_names(text: str, expected: list) -> None:
    assert names(text) == expected


NOT_NAMES = [
    "Almaty", "Kazakhstan", "Zhanaozen", "Kyzylorda", "West Kazakhstan region",
    "the European Parliament", "the Supreme Court", "Human Rights Watch said",
    "the Open Dialogue Foundation", "Koshe Partiyasy", "Alga Kazakhstan party", "Halyk Bank",
    "Sberbank Kazakhstan", "the Criminal Code", "Amnesty International",
    "the Collective Security Treaty Organisation", "the National Security Committee",
    "Democratic Choice of Kazakhstan", "According to the report", "However, the court",
    "On Monday", "The court", "In May and June", "Kazakh and Uzbek authorities",
    "Article 405", "CONVICTED", "UNDER ARREST IN A PRE-TRIAL DETENTION FACILITY",
    "Nazarbayev Center", "the Magnitsky laws", "Geneva and Moscow", "Rostov-on-Don",
    "Moldova", "the Kazakhstan Embassy in London", "AMNESTY International has criticised",
    "Reporters Without Borders", "the Minsk City Court", "Viasna Human Rights Centre",
    "Radio Free Europe", "the Ministry of Internal Affairs", "Central Asia",
    "Featured Image: Pixabay", "Log Out / Change )", "Karachaganak Support Services (KSS)",
    "The Daily Telegraph", "Financial Times", "Kazakhstan’s Supreme Court",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_not_names(text: str) -> None:
    assert find_names(text) == []


@pytest.mark.parametrize("family", ["Kami", "Sembay", "Konar"])
def test_known_family_names(family: str) -> None:
    text = f"After the appeal, {family}’s sentence became stricter."
    assert find_names(text) == []
    found = find_names(text, known={family.casefold()})
    assert [(n.name, n.form) for n in found] == [(family, "family")]


def test_full_name_makes_family_known_in_the_same_text() -> None:
    text = "8. Darkhan KAMI – 4 years. After the appeal, Kami’s sentence became stricter."
    assert names(text) == [("Darkhan KAMI", "full", None), ("Kami", "family", None)]


def test_offsets_and_possessive() -> None:
    text = "Zhylanbayev’s house was searched."
    (n,) = find_names(text)
    assert (n.start, n.end, text[n.start:n.end]) == (0, 11, "Zhylanbayev")


def test_unknown_language_falls_back_to_english() -> None:
    assert names("Aliyev did not go.", lang="xx") == [("Aliyev", "family", None)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "Zhaksylyk ", "ABDULLAYEV ", "Aliyev", "’s ", "activist ", "President ", "Kazakhstan ",
    "Bank ", ", ", ". ", "S. ", "(", ")", "-", "Timur ", "Askaruly ", "the ", "\n", "Kami ",
    "Тимур ", "Кулибаев", "de ", "İ", " "]), max_size=80).map("".join) | st.text(max_size=200))
def test_never_crashes_and_spans_are_sane(text: str) -> None:
    found = find_names(text, known={"kami"})
    last = 0
    for n in found:
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.name
        assert n.start >= last  # in text order, never overlapping
        last = n.end
        assert n.form in {"full", "family", "initials", "given"}


def _expected() -> dict:
    return json.loads((DATA / "seed_names.json").read_text(encoding="utf-8"))


def _scores(prefix: str) -> tuple[set[str], set[str], int, int, int]:
    """Distinct names found and expected, and mention counts: (found, expected, correct
    mentions found, all mentions found, expected mentions found at their exact place)."""
    text = seed(prefix).read_text(encoding="utf-8")
    data = _expected()
    expected = set(data["seeds"][prefix])
    found = find_names(text)
    spans = {(n.start, n.end) for n in found}
    masked = text
    for m in data["mask"]:
        masked = masked.replace(m, "#" * len(m))
    mentions = []
    taken: set[int] = set()
    for name in sorted(expected, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", masked):
            if not taken.intersection(range(m.start(), m.end())):
                taken.update(range(m.start(), m.end()))
                mentions.append((m.start(), m.end()))
    hit = sum(1 for span in mentions if span in spans)
    good = sum(1 for n in found if n.name in expected)
    return {n.name for n in found}, expected, good, len(found), hit * 10_000 + len(mentions)


def test_seed_precision_and_recall() -> None:
    """Precision and recall of the distinct names per seed, and of mentions, against the
    hand-made list; printed with -s."""
    tp = fp = fn = good = total = hit = expected_mentions = 0
    for prefix in SEEDS:
        found, expected, g, t, packed = _scores(prefix)
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        good, total = good + g, total + t
        hit, expected_mentions = hit + packed // 10_000, expected_mentions + packed % 10_000
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\nnames: precision {precision:.3f} recall {recall:.3f} ({tp} found, {fp} wrong, "
          f"{fn} missed); mentions: precision {good / total:.3f} ({good}/{total}), "
          f"recall {hit / expected_mentions:.3f} ({hit}/{expected_mentions})")
    assert precision >= 0.97 and recall >= 0.95
    assert good / total >= 0.97 and hit / expected_mentions >= 0.93


def test_annex1_list_heads_all_found() -> None:
    """Each of the 47 entries of the Annex 1 list opens with the person's name, found whole."""
    text = seed("002").read_text(encoding="utf-8")
    gold = json.loads((GOLD / "seed002-annex1.json").read_text(encoding="utf-8"))["persons"]
    found = {(n.name, n.form) for n in find_names(text)}
    heads = [p["name_as_written"] for p in gold]
    assert len(heads) == 47
    assert [h for h in heads if (h, "full") not in found] == []
    for h in heads:  # and at the head of its numbered entry
        assert re.search(rf"\d+\. {re.escape(h)} [–—-]", text), h


def test_expected_list_includes_annex1() -> None:
    gold = json.loads((GOLD / "seed002-annex1.json").read_text(encoding="utf-8"))["persons"]
    assert {p["name_as_written"] for p in gold} <= set(_expected()["seeds"]["002"])



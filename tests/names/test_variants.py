"""Folding of press alternations and the given-name forms table."""

from __future__ import annotations

import pytest

from casefile.names.variants import (
    family_gender,
    family_stem,
    fold,
    given_gender,
    initial_letters,
    same_given,
    skeleton,
)


@pytest.mark.parametrize("spellings", [
    ["Zhylanbayev", "Zhylanbaev", "ZHYLANBAYEV", "Жыланбаев"],
    ["Abdullayev", "Abdullaev", "Abdulayev", "Абдуллаев"],
    ["Tokayev", "Tokaev", "Toqaev", "Тоқаев", "Токаев"],
    ["Kassym", "Kasym", "Qasym", "Қасым"],
    ["Zhomart", "Jomart", "Dzhomart", "Жомарт"],
    ["Dzhakishev", "Jakishev", "Zhakishev", "Джакишев"],
    ["Mukhtar", "Muhtar", "Мұхтар"],
    ["Sand-Akhmet", "Sand-Ahmet", "Sandakhmet"],
    ["Syzdykov", "Syzdikov", "Сыздыков"],
    ["Yerzhan", "Erzhan", "Ержан"],
    ["Yermukhamet", "Yermuhamet", "Ermukhamet"],
    ["Mukhametkarim", "Mukhammedkarim", "Mukhamedkarim"],
    ["Yuri", "Yury", "Yuriy", "Iurii", "Юрий"],
    ["Andreyeva", "Andreeva", "Андреева"],
    ["Kulibayev", "Koulibaiev", "Құлыбаев", "Кулибаев"],
    ["Galym", "Ghalym", "Ғалым"],
])
def test_one_fold_for_all_spellings(spellings):
    assert len({fold(s) for s in spellings}) == 1, {s: fold(s) for s in spellings}


@pytest.mark.parametrize("a,b", [
    ("Kulibayev", "Kulibayeva"), ("Nazarbayev", "Nazarbayeva"), ("Kudaibergen", "Kudaibergenov"),
    ("Marat", "Murat"), ("Nurlan", "Nurbol"), ("Aliyev", "Kaliyev"),
])
def test_different_names_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_given_forms():
    assert same_given(fold("Bota"), fold("Botagoz"))
    assert same_given(fold("Sasha"), fold("Aleksandr"))
    assert same_given(fold("Sasha"), fold("Aleksandra"))
    assert same_given(fold("Volodymyr"), fold("Владимир"))
    assert not same_given(fold("Kairat"), fold("Kazybek"))
    assert initial_letters(fold("Sasha")) >= {"s", "a"}


def test_genders():
    assert given_gender(fold("Dinara")) == "f"
    assert given_gender(fold("Timur")) == "m"
    assert given_gender(fold("Bakhytzhan")) == "u"
    assert given_gender(fold("Qwertyuiop")) is None
    assert family_gender(fold("Kulibayeva")) == "f"
    assert family_gender(fold("Kulibayev")) == "m"
    assert family_gender(fold("Kusmankyzy")) == "f"
    assert family_gender(fold("Tleuzhan")) is None


def test_stems_and_skeletons():
    assert family_stem(fold("Kulibayeva")) == family_stem(fold("Kulibayev"))
    assert family_stem(fold("Kudaibergenov")) == family_stem(fold("Kudaibergen"))
    assert skeleton(fold("Ruzakhunov")) == skeleton(fold("Ruzakhanov"))

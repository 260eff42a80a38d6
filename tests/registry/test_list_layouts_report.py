"""A trusted capture of a list of political prisoners, in every layout the reader knows, puts its
custodial persons on `casefile report prisoners` with their status (and nobody else). The lists
are written for this test (fictional persons), one per layout of issue 12's point 1."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run

LAYOUTS = {
    "numbered entries under status headings": (
        "List of political prisoners in Kazakhstan\n"
        "CONVICTED\n"
        "1. Yerlan KASENOV – 5 years’ imprisonment under Article 405 of the Criminal Code.\n"
        "UNDER ARREST IN A PRE-TRIAL DETENTION FACILITY\n"
        "2. Dana OMAROVA – charged under Article 174. Detained on 3 May 2024.\n",
        {"Yerlan Kasenov": "convicted", "Dana Omarova": "pretrial"}),
    "lead-ins with counts, role words between names": (
        "The list of political prisoners in Kazakhstan\n"
        "• 3 people are being held in prison: civil activists Serik Amanov and Aliya Bekova; "
        "journalist Timur Sadykov.\n"
        "• 2 people have received suspended sentences: activists Nurlan Esimov and Ruslan "
        "Dauletov.\n",
        {"Serik Amanov": "convicted", "Aliya Bekova": "convicted",
         "Timur Sadykov": "convicted"}),
    "flat lists under lead-in lines": (
        "Political prisoners of Kazakhstan (updated)\n\n"
        "4 political prisoners are in pre-trial detention awaiting trial:\n\n"
        "• Arman Saparov, Marat Isayev.\n\n"
        "2 persons are under house arrest:\n\n"
        "• Kanat Ospanov.\n",
        {"Arman Saparov": "pretrial", "Marat Isayev": "pretrial",
         "Kanat Ospanov": "house_arrest"}),
    "a paragraph per person": (
        "Rights groups recognised two more people in Kazakhstan as political prisoners:\n\n"
        "Askar Zhumabekov was sentenced on 5 June 2024 to four years in prison.\n\n"
        "Gulnara Ibrayeva was sentenced on 7 June 2024 to two years of restriction of "
        "liberty.\n",
        {"Askar Zhumabekov": "convicted"}),
    "groups after dashes": (
        "Political prisoners (June 2024)\n"
        "The following cases concern activists from Almaty:\n"
        "— the civil activists Bolat Kenzhebayev, Saule Nurova and Daniyar Ospanov;\n"
        "— the journalists Aigul Utepova and Rinat Sagadiyev.\n",
        {"Bolat Kenzhebayev": "convicted", "Saule Nurova": "convicted",
         "Daniyar Ospanov": "convicted", "Aigul Utepova": "convicted",
         "Rinat Sagadiyev": "convicted"}),
    "a table flattened to text": (
        "Political prisoners in Kazakhstan\n"
        "Name\tStatus\tArticle\n"
        "Rahim Aliyev\tin prison\tArticle 405\n"
        "Gunay Seitova\tin pre-trial detention\tArticle 174\n",
        {"Rahim Aliyev": "convicted", "Gunay Seitova": "pretrial"}),
    "family names first, in capitals": (
        "List of political prisoners of Kazakhstan\n"
        "SERVING SENTENCES\n"
        "1. KUANYSHEV Arman – 6 years’ imprisonment (Article 174).\n"
        "2. Temirova, Zhanna – 3 years in a penal colony (Article 405).\n",
        {"Arman Kuanyshev": "convicted", "Zhanna Temirova": "convicted"}),
    "Russian lead-in and bulleted profiles": (
        "Список политических заключенных Казахстана\n"
        "Отбывают наказание:\n"
        "- 45-летний Ерболат Жумабаев приговорен к трем годам лишения свободы.\n"
        "Находятся в СИЗО:\n"
        "- Айжан Калиева, обвиняется по статье 405 УК РК.\n",
        {"Ерболат Жумабаев": "convicted", "Айжан Калиева": "pretrial"}),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_trusted_list_puts_its_custodial_persons_on_the_report(registry, tmp_path, layout):
    text, expected = LAYOUTS[layout]
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    assert run("capture", str(path), "--trusted", "--country", "KZ",
               "--published", "2024-07-01").exit_code == 0
    report = json.loads(run("report", "prisoners", "--country", "KZ", "--as-of", "2024-07-01",
                            "--format", "json").stdout)
    got = {p["name"]: p["status"] for p in report["persons"]}
    assert got == expected

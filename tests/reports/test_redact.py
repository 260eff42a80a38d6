"""The redaction rule on its own (casefile.registry.redact): which words name a protected
person, what passage goes with them, and where offsets land afterwards."""

from __future__ import annotations

from casefile.registry.redact import PASSAGE, Protected, redact_text

PROT = Protected.naming(["Асхат Жексебаев", "Yerlan KARIMOV"])


def test_every_spelling_script_and_case_form_is_found():
    text = ("Жексебаеву отказали. Суд над Асхатом Жексебаевым. ZHEKSEBAYEV's lawyer, "
            "Askhat Zheksebaev and Jeksebaev; Каримова, Каримову, karimov-slug.")
    found = {text[a:b] for a, b in PROT.names_in(text)}
    assert {"Жексебаеву", "Жексебаевым", "ZHEKSEBAYEV", "Zheksebaev", "Jeksebaev",
            "Каримова", "Каримову"} <= found
    assert "karimov" not in found  # lower-case words only where asked (a URL's slug)
    url = "https://news.kz/yerlan-karimov-sentenced"
    assert [url[a:b] for a, b in PROT.names_in(url, any_case=True)] == ["karimov"]


def test_namesakes_of_other_families_and_common_words_are_kept():
    text = "Astana court; Asylbek Karimzhanov and Ivan Zhekov; Aktobe."
    assert PROT.names_in(text) == []
    assert redact_text(PROT, text).text == text


def test_a_sentence_goes_in_prose_and_the_whole_entry_in_a_list():
    prose = "Omarov was jailed. Karimov was jailed too. Omarov appealed."
    out = redact_text(PROT, prose)
    assert out.text == f"Omarov was jailed. {PASSAGE} Omarov appealed."
    listing = "1. Bolat OMAROV – 6 years.\n2. Yerlan KARIMOV – 5 years. A blogger.\n3. X – 1 year."
    out = redact_text(PROT, listing)
    assert out.text == f"1. Bolat OMAROV – 6 years.\n{PASSAGE}\n3. X – 1 year."


def test_claim_spans_withhold_their_sentence_even_without_a_name():
    text = "Omarov was jailed. The latter was beaten in custody. Omarov appealed."
    out = redact_text(PROT, text, [(23, 29)])
    assert out.text == f"Omarov was jailed. {PASSAGE} Omarov appealed."


def test_offsets_are_mapped_onto_the_shown_text():
    text = "Omarov was jailed. Karimov was jailed too. Omarov appealed."
    out = redact_text(PROT, text)
    start = text.rindex("Omarov")
    assert out.text[out.at(start):out.at(start) + 6] == "Omarov"
    assert out.at(0) == 0 and out.at(text.index("Karimov")) == out.text.index(PASSAGE)


def test_nobody_protected_changes_nothing():
    text = "Karimov was jailed."
    assert redact_text(Protected(), text).text == text and not Protected().names_in(text)

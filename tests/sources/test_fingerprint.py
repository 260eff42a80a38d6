"""Fingerprints of texts: the same story told by two outlets resembles itself, a different
story about the same person does not; in English and in Russian; real reprints and rewrites
(tests/sources/data/stories/SOURCES.md) measured against the setting's default."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casefile import settings
from casefile.sources.fingerprint import BANDS, fingerprint, resemblance, shingles, words

DATA = Path(__file__).parent / "data" / "stories"


def _text(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


def _resemblance(a: str, b: str) -> float:
    fa, fb = fingerprint(_text(a)), fingerprint(_text(b))
    assert fa is not None and fb is not None
    return resemblance(fa.signature, fb.signature)


def _jaccard(a: str, b: str) -> float:
    sa, sb = shingles(_text(a)), shingles(_text(b))
    return len(sa & sb) / len(sa | sb)


THRESHOLD = float(next(s.default for s in settings.SETTINGS if s.name == "STORY_SIMILARITY"))


@pytest.mark.parametrize("a, b", [
    ("written-en-a", "written-en-b"),
    ("written-ru-a", "written-ru-b"),
    ("cpj-2022-01-20", "ceetv-2022-01-24"),  # a real reprint
])
def test_the_same_story_reworded_by_another_outlet_resembles_it(a, b):
    assert _resemblance(a, b) >= THRESHOLD
    assert _resemblance(b, a) == _resemblance(a, b)


@pytest.mark.parametrize("a, b", [
    ("written-en-a", "written-en-other"),
    ("written-ru-a", "written-ru-other"),
    ("cpj-2022-01-20", "rferl-2020-02-03"),  # both about journalist Lukpan Akhmedyarov
])
def test_another_story_about_the_same_person_does_not(a, b):
    assert _resemblance(a, b) < THRESHOLD / 2


def test_a_story_retold_in_an_outlets_own_words_is_not_a_near_duplicate():
    """The limit of the method, stated: Caravanserai's retelling of RFE/RL's report shares
    names and facts, not wording."""
    assert _jaccard("rferl-2018-12-17", "caravanserai-2018-12-17") < THRESHOLD


@pytest.mark.parametrize("a, b", [("written-en-a", "written-en-b"),
                                  ("cpj-2022-01-20", "ceetv-2022-01-24"),
                                  ("written-ru-a", "written-ru-other")])
def test_the_signature_estimates_the_jaccard_index_of_word_pairs(a, b):
    assert abs(_resemblance(a, b) - _jaccard(a, b)) < 0.15


def test_case_punctuation_and_yo_do_not_count():
    assert words("«Ёлка», ЁЛКА; ёлка—Elka_2!") == ["елка", "елка", "елка", "elka", "2"]
    one = fingerprint("Суд Алматы приговорил активиста к пяти годам заключения по статье 174.")
    two = fingerprint("СУД АЛМАТЫ ПРИГОВОРИЛ АКТИВИСТА — к пяти годам заключения, по статье 174!")
    assert one is not None and two is not None
    assert one == two


def test_a_text_too_short_to_be_a_story_has_no_fingerprint():
    assert fingerprint("Verdict announced in Almaty today.") is None
    found = fingerprint(_text("written-en-a"))
    assert found is not None and len(found.keys) == BANDS
    assert all(0 <= k < 2**63 for k in found.keys)


def test_similar_texts_share_band_keys_and_different_ones_do_not():
    a, b, other = (fingerprint(_text(n)) for n in ("cpj-2022-01-20", "ceetv-2022-01-24",
                                                   "rferl-2020-02-03"))
    assert a is not None and b is not None and other is not None
    assert set(a.keys) & set(b.keys)
    assert not set(a.keys) & set(other.keys)


_SIGN = ("import sys, hashlib{extra}\n"
         "from casefile.sources.fingerprint import fingerprint\n"
         "f = fingerprint(' '.join(f'word{{i}} story{{i % 7}}' for i in range(60)))\n"
         "print(hashlib.sha256(f.signature).hexdigest(), 'scipy' in sys.modules)\n")


def _sign(extra: str = "") -> tuple[str, str]:
    out = subprocess.run([sys.executable, "-c", _SIGN.format(extra=extra)], check=True,
                         capture_output=True, text=True).stdout.split()
    return out[0], out[1]


def test_minhash_comes_without_scipy_and_signs_as_the_whole_package_does():
    """Fingerprinting loads datasketch's MinHash alone (casefile.sources.fingerprint): the
    package imports scipy for its LSH classes, 53 MB in every capture worker. The signature
    must be the one datasketch imported whole gives: stored signatures are the registry's
    format (migration 0014)."""
    alone, scipy_alone = _sign()
    whole, scipy_whole = _sign("; import datasketch")
    assert scipy_alone == "False" and scipy_whole == "True"
    assert alone == whole

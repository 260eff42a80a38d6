"""samples/gold/name-pairs.json: every "same" pair is decided "same", every "different" pair
"different" (not even "possible")."""

from __future__ import annotations

import json

import pytest

from casefile.names import compare
from tests.conftest import GOLD

PAIRS = json.loads((GOLD / "name-pairs.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("a,b", PAIRS["same"], ids=[f"{a}|{b}" for a, b in PAIRS["same"]])
def test_same(a, b):
    m = compare(a, b)
    assert m.decision == "same", m.reasons
    assert compare(b, a).decision == "same"


@pytest.mark.parametrize("a,b", PAIRS["different"],
                         ids=[f"{a}|{b}" for a, b in PAIRS["different"]])
def test_different(a, b):
    m = compare(a, b)
    assert m.decision == "different", m.reasons
    assert compare(b, a).decision == "different"

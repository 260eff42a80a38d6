"""JSON columns are read by orjson, and by the standard library where orjson refuses what
`json.dumps` may have written: the same values either way."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from casefile.registry.db import read_json

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@given(VALUES)
def test_reads_what_the_standard_library_reads(value):
    text = json.dumps(value)
    assert json.dumps(read_json(text)) == json.dumps(json.loads(text))  # 1 and 1.0 differ


def test_reads_what_orjson_refuses():
    assert math.isnan(read_json(json.dumps({"months": float("nan")}))["months"])
    for big in (2**70 + 1, -(2**63) - 1, 2**64):  # orjson makes floats of them
        assert read_json(json.dumps([big])) == [big]
        assert isinstance(read_json(json.dumps({"n": big}).encode())["n"], int)


def test_text_orjson_cannot_take_is_read_as_the_standard_library_reads_it():
    assert read_json('["\ud800"]') == ["\ud800"]  # a lone surrogate in the column's text

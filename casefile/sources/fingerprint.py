"""A text's fingerprint for finding the same story told by several outlets: a MinHash of its
word shingles (datasketch), and the LSH band keys that find near-duplicates by lookup.

Two outlets reprinting one report change a headline, a dateline, a sentence or two; the
resemblance (Jaccard index) of their sets of word pairs stays high while two different
reports about the same person share little more than names. The text is compared as words
only: case-folded, punctuation dropped, ё read as е, so "Ё/ё" spellings, quotes and dashes
of one outlet's house style do not count as differences. Words are whatever Unicode calls
letters and digits, so Russian, Kazakh and English texts are read alike with no word lists.

The signature is NUM_PERM minimum hashes (affine32 scheme, 4 bytes each). Its BANDS bands of
ROWS values each give one key per band: two texts share a key when a whole band agrees, which
happens with probability 1 - (1 - J**ROWS)**BANDS for resemblance J: 0.99 at J = 0.6, 0.87 at
0.5, 0.05 at 0.2 (candidates are then checked against the signature, so a chance candidate
costs a comparison, never a wrong story). Changing any of these constants makes stored
signatures meaningless: they are part of the registry's format (migration 0014).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
import types
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first used: numpy and MinHash weigh 20 MB, which a web
    import numpy as np  # server that never captures need not carry
    from datasketch import MinHash

SHINGLE_WORDS = 2  # words per shingle: pairs survive light rewording (measured, BENCHMARKS.md)
MIN_SHINGLES = 8  # a shorter text ("Verdict announced.") says too little to be a story
NUM_PERM = 128
BANDS, ROWS = 32, 4
SEED = 1
DTYPE = "<u4"  # stored little-endian whatever the machine
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """A text's signature (bytes to store) and its band keys (signed 63-bit integers, as a
    BIGINT column holds them on every database)."""

    signature: bytes
    keys: tuple[int, ...]


def words(text: str) -> list[str]:
    """The text's words, case-folded, ё read as е, punctuation dropped."""
    return _WORD.findall(text.casefold().replace("ё", "е").replace("_", " "))


def shingles(text: str) -> set[bytes]:
    """The set of runs of SHINGLE_WORDS consecutive words, as UTF-8 bytes."""
    w = words(text)
    return {" ".join(w[i:i + SHINGLE_WORDS]).encode()
            for i in range(max(0, len(w) - SHINGLE_WORDS + 1))}


def fingerprint(text: str) -> Fingerprint | None:
    """The text's fingerprint, or None when it is too short to stand for a story."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    mh = _minhash()
    mh.update_batch(grams)
    values = mh.hashvalues.astype(DTYPE)
    return Fingerprint(values.tobytes(), band_keys(values))


def band_keys(values: np.ndarray) -> tuple[int, ...]:
    """One key per band: a hash of the band's number and its values, so equal values in two
    different bands never meet."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].astype(DTYPE).tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)  # 63 bits: a positive BIGINT
    return tuple(keys)


def resemblance(a: bytes, b: bytes) -> float:
    """The Jaccard index of two texts' shingle sets as their signatures estimate it."""
    return _minhash(a).jaccard(_minhash(b))


@cache
def _minhash_type() -> type[MinHash]:
    """datasketch's MinHash without the rest of datasketch. Its package imports every sketch
    it has, and those import scipy for LSH parameters we do not use: 53 MB of the 140 MB
    a capture worker held. Its modules are loaded from its own folder under a bare package
    module instead, unless something imported datasketch whole first."""
    if "datasketch" not in sys.modules:
        spec = importlib.util.find_spec("datasketch")
        if spec is not None and spec.submodule_search_locations is not None:
            package = types.ModuleType("datasketch")
            package.__path__ = list(spec.submodule_search_locations)
            sys.modules["datasketch"] = package
    from datasketch.minhash import MinHash
    return MinHash


@cache
def _template() -> MinHash:
    return _minhash_type()(num_perm=NUM_PERM, seed=SEED, scheme="affine32")


def _minhash(signature: bytes | None = None) -> MinHash:
    """A MinHash sharing the template's permutations (making them is the slow part)."""
    import numpy as np
    values = None if signature is None else np.frombuffer(signature, dtype=DTYPE)
    return _minhash_type()(num_perm=NUM_PERM, seed=SEED, scheme="affine32",
                           hashvalues=values, permutations=_template().permutations)

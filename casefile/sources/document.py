"""The captured document: raw bytes exactly as received plus the plain text taken from them.

A `Document` is what the capture layer hands to the registry. It is frozen because a source
is immutable evidence: a changed document is a new Source with a new sha256. `raw` and `text`
are left out of the repr so that logging a document never dumps megabytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache

from casefile import vocab

KINDS = ("text", "html", "pdf", "docx", "feed")
# A source that is no Document: a FollowTheMoney file kept by `casefile import ftm`
# (casefile.registry.ftm_import), whose claims come from its entities, never from extraction.
FTM = "ftm"

MEDIA_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "feed": "application/xml",  # RSS or Atom, read only as a listing (casefile.sources.feed)
}


@dataclass(frozen=True)
class Document:
    """One captured source. `text` is what claim offsets and quotes refer to."""

    raw: bytes = field(repr=False)
    sha256: str
    kind: str  # text | html | pdf | docx | feed (from the bytes, never the file name)
    media_type: str
    origin: str  # final URL after redirects, or the file's name (not its local path)
    text: str = field(repr=False)
    title: str | None
    language: str | None  # cheap guess: en | ru | kk; None when the text has no letters

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown document kind {self.kind!r}")


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of raw bytes: the identity of a source and its blob's name."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class _Scripts:
    cyrillic: re.Pattern[str]  # a Cyrillic letter
    latin: re.Pattern[str]  # a letter from Basic Latin through Latin Extended-B
    kazakh: re.Pattern[str]  # a letter only Kazakh uses
    kk_share: float
    kazakh_code: str
    cyrillic_default: str
    latin_default: str


@cache
def _scripts() -> _Scripts:
    data = vocab.load("lang/scripts.yml")
    ranges = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in data["cyrillic_ranges"])
    letter = r"(?=[^\W\d_])"  # counted only when a letter: not "҂" or a combining mark
    return _Scripts(re.compile(f"{letter}[{ranges}]"), re.compile(f"{letter}[\x00-\u024f]"),
                    re.compile(f"[{re.escape(data['kazakh_letters'])}]"), float(data["kk_share"]),
                    str(data["kazakh"]), str(data["cyrillic_default"]),
                    str(data["latin_default"]))


def guess_language(text: str) -> str | None:
    """Guess en/ru/kk from letter statistics alone.

    Deliberately cheap and dependency-free: the guess only picks which vocabulary the
    extractors try first, and an editor can correct it. The letter lists and the threshold are
    in data/lang/scripts.yml. Only the first 200,000 characters are counted, which is
    plenty for a guess and keeps a 50 MB source from costing seconds.
    """
    conf = _scripts()
    sample = text[:200_000]
    cyrillic = len(conf.cyrillic.findall(sample))
    latin = len(conf.latin.findall(sample))
    if cyrillic == 0 and latin == 0:
        return None
    if cyrillic > latin:
        if len(conf.kazakh.findall(sample)) >= conf.kk_share * cyrillic:
            return conf.kazakh_code
        return conf.cyrillic_default
    return conf.latin_default


def human_size(n: int) -> str:
    """A byte count as people read it in an error message: "52.4 MB", "12 KB", "300 bytes"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            value = f"{n / scale:.1f}".removesuffix(".0")
            return f"{value} {unit}"
    return f"{n} bytes"


def too_big(what: str, size: int, limit: int) -> str:
    """The one message for every size-limit refusal, naming the setting that raises it."""
    return (
        f"{what} is {human_size(size)}, over the {human_size(limit)} limit "
        "(CASEFILE_MAX_SOURCE_BYTES)"
    )

"""Turn a file path or an http(s) URL into a `Document`: the one entry point of capture.

Sizes are checked before bytes are read (a 2 GB file or an endless device must be refused,
not loaded), the format comes from the bytes, and the sha256 is taken of exactly the bytes
that will be stored. `load_url` is separate from `load` so that a caller taking targets from
untrusted users (the web) can allow URLs without also allowing server file paths.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from casefile import settings
from casefile.errors import CaptureError
from casefile.progress import Progress, silent
from casefile.sources.document import MEDIA_TYPES, Document, guess_language, sha256_hex, too_big
from casefile.sources.fetch import content_charset, fetch
from casefile.sources.listing import ListingItem
from casefile.sources.worker import parse

URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")
# Schemes recognised as URLs even without "//", so they are refused rather than read as paths.
KNOWN_SCHEMES = frozenset({"file", "ftp", "data", "javascript", "vbscript", "mailto", "about"})


def load(target: str, *, max_bytes: int | None = None, progress: Progress = silent
         ) -> Document:
    """Capture `target`, a file path or an http(s) URL (other URL schemes are refused)."""
    if is_url(target):
        return load_url(target, max_bytes=max_bytes, progress=progress)
    return load_file(target, max_bytes=max_bytes, progress=progress)


def load_listing(target: str, *, max_bytes: int | None = None, progress: Progress = silent
                 ) -> tuple[Document, tuple[ListingItem, ...]]:
    """Capture `target` as a listing (casefile.sources.listing): the listing as a document
    (a feed is accepted here, and only here) and its items, all read before anything is
    stored, so a refusal leaves nothing behind."""
    limit = _limit(max_bytes)
    if is_url(target):
        raw, origin, content_type = fetch(target, max_bytes=limit, progress=progress)
        charset = content_charset(content_type)
    else:
        raw, origin, charset = _read_file(target, limit), Path(target).name, None
    return load_listing_bytes(raw, origin=origin, charset=charset, max_bytes=limit,
                              progress=progress)


def load_listing_bytes(raw: bytes, *, origin: str, charset: str | None = None,
                       max_bytes: int | None = None, progress: Progress = silent
                       ) -> tuple[Document, tuple[ListingItem, ...]]:
    """A listing from bytes already in hand (a watch's conditional fetch): as load_listing.
    `origin` is where they came from (a URL), `charset` the HTTP header's, a hint only."""
    limit = _limit(max_bytes)
    raw = bytes(raw)
    if len(raw) > limit:
        raise CaptureError(too_big("listing", len(raw), limit))
    progress("reading")
    read = parse(raw, max_bytes=limit, charset=charset, listing=True)
    doc = Document(raw=raw, sha256=sha256_hex(raw), kind=read.kind,
                   media_type=MEDIA_TYPES[read.kind], origin=origin, text=read.text,
                   title=read.title, language=guess_language(read.text))
    return doc, read.items


def is_url(target: str) -> bool:
    """Does `target` name a URL (of any scheme) rather than a file path?"""
    found = URL_SCHEME.match(target.strip())
    if not found:
        return False
    scheme = found.group(1).lower()
    rest = target.strip()[found.end() :]
    return scheme in ("http", "https") or scheme in KNOWN_SCHEMES or rest.startswith("//")


def load_url(
    url: str,
    *,
    max_bytes: int | None = None,
    timeout: float | None = None,
    max_redirects: int | None = None,
    progress: Progress = silent,
) -> Document:
    """Fetch and capture an http(s) URL; `origin` is the final URL after redirects."""
    limit = _limit(max_bytes)
    raw, final_url, content_type = fetch(
        url, timeout=timeout, max_bytes=limit, max_redirects=max_redirects, progress=progress
    )
    return load_bytes(raw, origin=final_url, max_bytes=limit,
                      charset=content_charset(content_type), progress=progress)


def load_file(path: str | os.PathLike[str], *, max_bytes: int | None = None,
              progress: Progress = silent) -> Document:
    """Capture a local file; `origin` is its name only, so no local folder names leak."""
    limit = _limit(max_bytes)
    raw = _read_file(path, limit)
    return load_bytes(raw, origin=Path(path).name, max_bytes=limit, progress=progress)


def _read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """A regular file's bytes, refused when over `limit` (checked before reading)."""
    if not os.fspath(path).strip():  # Path("") is ".", the current folder
        raise CaptureError("no file name given: name a file or an http(s) URL")
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise CaptureError(f"no such file: {p}") from None
    except OSError as exc:
        raise CaptureError(f"cannot read {p}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise CaptureError(f"{p} is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise CaptureError(f"{p} is not a regular file")  # FIFOs and devices could never end
    if info.st_size > limit:
        raise CaptureError(too_big("file", info.st_size, limit))
    try:
        with open(p, "rb") as fh:
            raw = fh.read(limit + 1)  # bounded even if the file grew after stat()
    except OSError as exc:
        raise CaptureError(f"cannot read {p}: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise CaptureError(too_big("file", os.path.getsize(p), limit))
    return raw


def load_bytes(
    raw: bytes, *, origin: str, max_bytes: int | None = None, charset: str | None = None,
    progress: Progress = silent,
) -> Document:
    """Capture bytes already in hand (an upload, a fetched body). `charset` is a hint only."""
    limit = _limit(max_bytes)
    raw = bytes(raw)
    if len(raw) > limit:
        raise CaptureError(too_big("source", len(raw), limit))
    progress("reading")
    read = parse(raw, max_bytes=limit, charset=charset)  # in a worker process, under limits
    return Document(
        raw=raw,
        sha256=sha256_hex(raw),
        kind=read.kind,
        media_type=MEDIA_TYPES[read.kind],
        origin=origin,
        text=read.text,
        title=read.title,
        language=guess_language(read.text),
    )


def _limit(max_bytes: int | None) -> int:
    return settings.max_source_bytes() if max_bytes is None else max_bytes

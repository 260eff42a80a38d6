"""An RFC 3161 time stamp of a release's hash, when a time-stamping authority is configured.

The request is a small fixed DER structure (version 1, the SHA-256 imprint, a nonce, and a
request for the TSA's certificate), built here rather than through a new dependency. The
answer is kept as the TSA sent it (base64 DER) when it grants a token that carries our hash;
its signature is checked by whoever relies on it (`openssl ts -verify`), not here. Without
CASEFILE_TSA_URL, or when the TSA cannot be reached, nothing is stamped and the release says
so ("unstamped": the hash recorded for later stamping) — a stamp is never made up.
"""

from __future__ import annotations

import base64
import secrets
import urllib.error
import urllib.request

from casefile import settings
from casefile.registry.releases import Stamp
from casefile.sources.links import http_link

SHA256_OID = bytes.fromhex("0609608648016503040201")  # 2.16.840.1.101.3.4.2.1
MAX_ANSWER = 1024 * 1024  # a token with its certificates is a few KB
GRANTED = (0, 1)  # granted, grantedWithMods


def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + body


def _integer(value: int) -> bytes:
    return _der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def request(digest: bytes, nonce: int) -> bytes:
    """The DER TimeStampReq for a SHA-256 `digest`."""
    algorithm = _der(0x30, SHA256_OID + b"\x05\x00")
    imprint = _der(0x30, algorithm + _der(0x04, digest))
    return _der(0x30, _integer(1) + imprint + _integer(nonce) + b"\x01\x01\xff")


def _read(data: bytes, at: int) -> tuple[int, int, int]:
    """(tag, where the body starts, where it ends) of the DER element at `at`."""
    if at + 2 > len(data):
        raise ValueError("truncated")
    tag, n = data[at], data[at + 1]
    at += 2
    if n & 0x80:
        k = n & 0x7F
        if k == 0 or k > 4 or at + k > len(data):
            raise ValueError("bad length")
        n, at = int.from_bytes(data[at:at + k], "big"), at + k
    if at + n > len(data):
        raise ValueError("truncated")
    return tag, at, at + n


def status(answer: bytes) -> int:
    """The PKIStatus of a TimeStampResp (0 granted … 5 revocationNotification)."""
    tag, body, _ = _read(answer, 0)
    inner_tag, inner, _ = _read(answer, body)
    int_tag, start, end = _read(answer, inner)
    if (tag, inner_tag, int_tag) != (0x30, 0x30, 0x02) or end - start > 4:
        raise ValueError("not a TimeStampResp")
    return int.from_bytes(answer[start:end], "big", signed=True)


def stamp(sha256: str) -> Stamp:
    """Ask the configured TSA to stamp `sha256` (hex)."""
    url = settings.get("TSA_URL").strip()
    if not url:
        return Stamp("unstamped", note="no TSA configured: hash recorded for later stamping")
    if not http_link(url):
        return Stamp("unstamped", url, note="CASEFILE_TSA_URL is not an http(s) URL: "
                                            "hash recorded for later stamping")
    digest = bytes.fromhex(sha256)
    body = request(digest, secrets.randbits(63))
    req = urllib.request.Request(url, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/timestamp-query", "Accept": "application/timestamp-reply"})
    try:
        with urllib.request.urlopen(req, timeout=settings.fetch_timeout()) as resp:  # noqa: S310
            answer = resp.read(MAX_ANSWER + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return Stamp("unstamped", url, note=f"TSA not reached ({exc}): hash recorded for "
                                            "later stamping")
    if len(answer) > MAX_ANSWER:
        return Stamp("unstamped", url, note="TSA answer too large: hash recorded for later "
                                            "stamping")
    try:
        code = status(answer)
    except ValueError as exc:
        return Stamp("unstamped", url, note=f"TSA answer unreadable ({exc}): hash recorded "
                                            "for later stamping")
    token = base64.b64encode(answer).decode("ascii")
    if code not in GRANTED:
        return Stamp("refused", url, token, f"TSA status {code}")
    if digest not in answer:
        return Stamp("refused", url, token, "TSA token does not carry this hash")
    return Stamp("stamped", url, token, f"TSA status {code}")

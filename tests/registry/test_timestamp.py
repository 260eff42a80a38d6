"""The RFC 3161 stamp of a release's hash: the request carries the hash, a TSA's answer is
kept as it came and never taken for a grant it is not, and without a reachable TSA the hash
is recorded for later stamping. The TSA is a local server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select

from casefile.registry import db, timestamp
from casefile.registry.ingest import capture
from casefile.registry.models import Release
from tests.conftest import seed
from tests.helpers import run

DIGEST = hashlib.sha256(b"a release").hexdigest()


def _rejection() -> bytes:
    """A TimeStampResp with PKIStatus 2 (rejection) and no token."""
    status = timestamp._der(0x30, timestamp._integer(2))
    return timestamp._der(0x30, status)


class _TSA(BaseHTTPRequestHandler):
    answer = _rejection()
    seen: list[tuple[str, bytes]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append((self.headers["Content-Type"], body))
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(self.answer)))
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def tsa() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _TSA)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _TSA.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    server.shutdown()
    server.server_close()


def test_the_request_is_a_timestamp_req_of_the_hash() -> None:
    req = timestamp.request(bytes.fromhex(DIGEST), 12345)
    tag, body, end = timestamp._read(req, 0)
    assert (tag, end) == (0x30, len(req))
    tag, start, after = timestamp._read(req, body)  # version
    assert (tag, req[start:after]) == (0x02, b"\x01")
    tag, imprint, _ = timestamp._read(req, after)
    assert tag == 0x30
    tag, algorithm, algorithm_end = timestamp._read(req, imprint)
    assert req[algorithm:algorithm_end] == timestamp.SHA256_OID + b"\x05\x00"
    tag, start, end = timestamp._read(req, algorithm_end)
    assert (tag, req[start:end].hex()) == (0x04, DIGEST)
    assert req.endswith(b"\x01\x01\xff")  # certReq


def test_no_tsa_records_the_hash_for_later(monkeypatch) -> None:
    monkeypatch.delenv("CASEFILE_TSA_URL", raising=False)
    got = timestamp.stamp(DIGEST)
    assert got.state == "unstamped" and got.token is None
    assert "later stamping" in (got.note or "")


def test_an_unreachable_tsa_stamps_nothing(monkeypatch, tsa: str) -> None:
    monkeypatch.setenv("CASEFILE_TSA_URL", "http://127.0.0.1:9/tsa")
    got = timestamp.stamp(DIGEST)
    assert got.state == "unstamped" and got.token is None and "not reached" in got.note


def test_a_refusal_is_kept_as_a_refusal(monkeypatch, tsa: str) -> None:
    monkeypatch.setenv("CASEFILE_TSA_URL", tsa)
    got = timestamp.stamp(DIGEST)
    [(kind, body)] = _TSA.seen
    assert kind == "application/timestamp-query" and bytes.fromhex(DIGEST) in body
    assert got.state == "refused" and got.note == "TSA status 2"
    assert got.token and got.authority == tsa


def test_a_grant_without_our_hash_is_no_stamp(monkeypatch, tsa: str) -> None:
    granted = timestamp._der(0x30, timestamp._der(0x30, timestamp._integer(0))
                             + timestamp._der(0x30, b"\x04\x02ab"))
    monkeypatch.setattr(_TSA, "answer", granted)
    monkeypatch.setenv("CASEFILE_TSA_URL", tsa)
    got = timestamp.stamp(DIGEST)
    assert got.state == "refused" and "does not carry" in got.note


def test_garbage_is_not_a_stamp(monkeypatch, tsa: str) -> None:
    monkeypatch.setattr(_TSA, "answer", b"<html>busy</html>")
    monkeypatch.setenv("CASEFILE_TSA_URL", tsa)
    got = timestamp.stamp(DIGEST)
    assert got.state == "unstamped" and "unreadable" in got.note


def test_publish_asks_the_configured_tsa(registry: str, monkeypatch, tsa: str) -> None:
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    monkeypatch.setenv("CASEFILE_TSA_URL", tsa)
    result = run("release", "publish", "--country", "KZ", "--as-of", "2023-08-11",
                 "--as", "ed")
    assert result.exit_code == 0, result.output
    with db.session() as s:
        rel = s.scalars(select(Release)).one()
    [(_, body)] = _TSA.seen
    assert bytes.fromhex(rel.content_sha256) in body
    assert (rel.stamp_state, rel.stamp_authority) == ("refused", tsa)


def test_a_release_is_stamped_later(registry: str, monkeypatch, tsa: str) -> None:
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    monkeypatch.delenv("CASEFILE_TSA_URL", raising=False)
    assert run("release", "publish", "--country", "KZ", "--as-of", "2023-08-11",
               "--as", "ed").exit_code == 0
    result = run("release", "stamp", "1", "--as", "ed")  # still no TSA: nothing changes
    assert result.exit_code == 1 and "later stamping" in result.output
    with db.session() as s:
        before = s.scalars(select(Release)).one()
        assert before.stamp_state == "unstamped"
        text, sha = before.canonical, before.content_sha256
    monkeypatch.setenv("CASEFILE_TSA_URL", tsa)
    result = run("release", "stamp", "1", "--as", "ed")
    assert result.exit_code == 0, result.output
    with db.session() as s:
        rel = s.scalars(select(Release)).one()
        assert (rel.canonical, rel.content_sha256) == (text, sha)
        assert (rel.stamp_state, rel.stamp_authority) == ("refused", tsa)
    [(_, body)] = _TSA.seen
    assert bytes.fromhex(sha) in body
    assert run("release", "stamp", "7", "--as", "ed").exit_code == 1

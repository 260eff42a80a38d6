"""fetch() against a loopback server: timeouts, redirects, size limits, schemes, HTTP errors."""

from __future__ import annotations

import time

import pytest

from casefile.errors import CaptureError
from casefile.sources.fetch import check_url, content_charset, fetch

from .conftest import SLOW_SECONDS


def test_fetch_ok(server):
    body, final, ctype = fetch(server + "/text", timeout=5, max_bytes=1000, max_redirects=2)
    assert body == b"Plain text source.\r\nSecond line."  # raw bytes, untouched
    assert final == server + "/text"
    assert ctype == "text/plain"


def test_timeout(server):
    started = time.monotonic()
    with pytest.raises(CaptureError, match=r"^timed out after 0.5 s fetching http://127\.0\.0\.1"):
        fetch(server + "/slow", timeout=0.5, max_bytes=1000, max_redirects=2)
    assert time.monotonic() - started < SLOW_SECONDS


def test_redirect_loop(server):
    with pytest.raises(CaptureError, match="^redirect loop at "):
        fetch(server + "/loop", timeout=5, max_bytes=1000, max_redirects=5)


def test_redirect_limit(server):
    body, final, _ = fetch(server + "/chain/3", timeout=5, max_bytes=1000, max_redirects=3)
    assert body == b"end of chain" and final.endswith("/chain/0")
    with pytest.raises(CaptureError, match="^more than 2 redirects fetching "):
        fetch(server + "/chain/3", timeout=5, max_bytes=1000, max_redirects=2)
    with pytest.raises(CaptureError, match="^more than 0 redirects"):
        fetch(server + "/chain/1", timeout=5, max_bytes=1000, max_redirects=0)


def test_redirect_to_file_url_is_refused(server):
    with pytest.raises(CaptureError, match="unsupported URL scheme 'file'"):
        fetch(server + "/to-file", timeout=5, max_bytes=1000, max_redirects=5)


def test_oversize_body_with_content_length(server):
    with pytest.raises(
        CaptureError, match=r"^response from .*/big is 97.7 KB, over the 1 KB limit"
    ):
        fetch(server + "/big", timeout=5, max_bytes=1024, max_redirects=0)


def test_oversize_body_without_content_length(server):
    with pytest.raises(CaptureError, match=r"over the 50 KB limit \(CASEFILE_MAX_SOURCE_BYTES\)"):
        fetch(server + "/big-unannounced", timeout=5, max_bytes=50 * 1024, max_redirects=0)


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/error", 500)])
def test_http_errors(server, path, status):
    with pytest.raises(CaptureError, match=f"^HTTP {status} from {server}{path}$"):
        fetch(server + path, timeout=5, max_bytes=1000, max_redirects=0)


def test_connection_refused():
    # Port 9 (discard) on loopback is closed on test machines.
    with pytest.raises(CaptureError, match=r"^fetching http://127\.0\.0\.1:9/ failed"):
        fetch("http://127.0.0.1:9/", timeout=2, max_bytes=1000, max_redirects=0)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/plain,hi", "javascript:alert(1)",
     "http:///nohost", "not a url", ""],
)  # fmt: skip
def test_bad_urls_never_reach_the_network(url):
    with pytest.raises(CaptureError):
        check_url(url)
    with pytest.raises(CaptureError):
        fetch(url, timeout=1, max_bytes=10, max_redirects=0)


def test_defaults_come_from_settings(server, monkeypatch):
    monkeypatch.setenv("CASEFILE_FETCH_TIMEOUT", "0.3")
    with pytest.raises(CaptureError, match="timed out after 0.3 s"):
        fetch(server + "/slow")
    monkeypatch.setenv("CASEFILE_FETCH_MAX_REDIRECTS", "1")
    with pytest.raises(CaptureError, match="more than 1 redirects"):
        fetch(server + "/chain/2")
    monkeypatch.setenv("CASEFILE_MAX_SOURCE_BYTES", "100")
    with pytest.raises(CaptureError, match="over the 100 bytes limit"):
        fetch(server + "/big")


def test_content_charset():
    assert content_charset("text/html; charset=windows-1251") == "windows-1251"
    assert content_charset('text/plain; Charset="UTF-8"') == "UTF-8"
    assert content_charset("application/pdf") is None
    assert content_charset("") is None


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://localhost/", "http://10.1.2.3/",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                                 "https://192.168.0.1/admin"])
def test_private_and_local_addresses_are_refused_by_default(monkeypatch, url):
    monkeypatch.delenv("CASEFILE_FETCH_ALLOW_PRIVATE")
    with pytest.raises(CaptureError, match="private or local address"):
        fetch(url, timeout=2, max_bytes=1000, max_redirects=0)

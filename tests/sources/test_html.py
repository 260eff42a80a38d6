"""HTML capture: main text from seed pages, and hostile pages that must stay inert."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from casefile.errors import CaptureError
from casefile.sources.htmlstream import stream_text
from casefile.sources.htmltext import html_text
from casefile.sources.load import load_bytes

from .conftest import RUSSIAN, key_sentences, norm, seed_html

# --- HTML ------------------------------------------------------------------------------


def test_seed_as_html_keeps_key_sentences(seeds):
    for name, text in seeds.items():
        doc = load_bytes(seed_html(text, "Seed page").encode(), origin=name + ".html")
        assert doc.kind == "html" and doc.title == "Seed page"
        for sentence in key_sentences(text):
            assert sentence in norm(doc.text)


HOSTILE = """<!DOCTYPE html><html><head><title>Plain title</title>
<meta property="og:title" content="Defender detained in Almaty">
<script>var leak = "SCRIPT-BODY-1"; document.cookie</script>
<script type="application/ld+json">{"datePublished": "2024-01-01", "x": "JSONLD-2"}</script>
<style>body::after { content: "STYLE-3" }</style>
</head><body onload="alert('ONLOAD-4')">
<nav><a href="javascript:alert('JSLINK-5')">Home</a></nav>
<article><h1>Defender detained</h1>
<p onclick="steal('ONCLICK-6')">A human-rights defender was detained in Almaty on 5 May.</p>
<noscript>NOSCRIPT-7 enable scripts</noscript>
<template><p>TEMPLATE-8 hidden</p></template>
<p>Her lawyer said the charges under article 274 were politically motivated.</p>
<iframe srcdoc="<p>IFRAME-9</p>"></iframe><svg><script>SVG-10</script><text>SVG-11</text></svg>
<!-- COMMENT-12 -->
<p>The court will hear the case next month in the regional court.</p>
<script>document.write("SCRIPT-13")</script>
</article><footer>© 2024 Example NGO</footer></body></html>"""


@pytest.mark.parametrize("fallback", ["", "walk", "stream"])
def test_hostile_html_yields_no_script_content(fallback, monkeypatch):
    if fallback == "walk":  # the plain stripper must be just as safe as trafilatura (patched
        # here, in this process: load_bytes reads in a worker process the patch cannot reach)
        monkeypatch.setattr("casefile.sources.htmltext._main_text", lambda root: "")
        text, title = html_text(HOSTILE)
        doc = SimpleNamespace(text=text, title=title)
    elif fallback == "stream":  # and so must the reader of pages libxml2 cannot hold
        text, title, _ = stream_text(HOSTILE)
        doc = SimpleNamespace(text=text, title=title)
    else:
        doc = load_bytes(HOSTILE.encode(), origin="page.html")
    assert doc.title == "Defender detained in Almaty"
    assert "detained in Almaty on 5 May" in doc.text
    assert "article 274 were politically motivated" in doc.text
    markers = ["SCRIPT-BODY", "JSONLD", "STYLE-3", "ONLOAD", "JSLINK", "ONCLICK", "NOSCRIPT",
               "TEMPLATE", "IFRAME", "SVG-", "COMMENT", "SCRIPT-13", "datePublished"]  # fmt: skip
    for marker in markers:
        assert marker not in doc.text, (marker, doc.text)
    for leaked in ("javascript", "alert(", "<script", "onload", "document."):
        assert leaked not in doc.text


def test_html_title_falls_back_to_title_element():
    doc = load_bytes(b"<html><head><title> A \n title </title></head><body><p>x y</p>", origin="x")
    assert doc.title == "A title"
    assert doc.text == "x y"


def test_html_declared_charset_is_honoured():
    page = "<html><head><meta charset='windows-1251'></head><body><p>" + RUSSIAN + "</p></body>"
    doc = load_bytes(page.encode("cp1251"), origin="ru.html")
    assert RUSSIAN in doc.text
    assert doc.language == "ru"


def test_html_without_text_is_refused():
    with pytest.raises(CaptureError, match="no readable text"):
        load_bytes(b"<html><head><script>only()</script></head><body></body></html>", origin="x")

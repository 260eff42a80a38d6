"""Find citations of legal articles ("Article 272 of the Criminal Code", "Part 2 of Article 405",
"Articles 174 and 274", "ст. 405 ч. 2 УК РК") and say which code each belongs to.

Charges are the backbone of a political-prisoner record, so each number in a list is its own
match, with its part and paragraph. Rules worth knowing:
- The code is "criminal" unless a code is named right after the citation ("of the
  Constitution" -> constitution), or, failing that, a few words before it ("the Constitution
  of Kazakhstan retains Article 46"); a linked name that is not a known code gives "other".
- Sub-article separators are normalised to a hyphen: "380.1", "380-1" and "380–1" all give
  "380-1" (only when one or two digits follow, so "Articles 255–258" is a range of two).
- "Art. 174(2)" reads the first bracket as the part and a second as the paragraph.
- A list ("Articles 272, 179 and 405") may follow only a plural article word in English.
- A quoted citation followed by an organisation word ("“Article 14” Human Rights Movement"),
  or an ALL-CAPS "ARTICLE 19" with no code, names an organisation and is skipped.
- `dropped` is judged inside one sentence (see casefile.extract.sentences), split into clauses:
  forward cues ("on suspicion of", "acquitted") mark the articles after them, backward cues
  ("but the charge was later dropped") the articles before them, and the clause before when
  their own clause cites nothing before the cue.
Words come from data/lang/<lang>/articles.yml; this module holds only the shapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from casefile import vocab
from casefile.extract.sentences import split_sentences
from casefile.extract.types import ArticleMatch

_NUM = r"\d{1,4}(?:\s?[-‐‑–.]\s?\d{1,2}(?![\d]))?(?![\d])"
_OPEN_QUOTES = '“"«„'
_CLOSE_QUOTES = '”"»“'


def _alt(phrases: list[str], ci: bool = True) -> str:
    """Longest-first alternation of regex fragments, each held to whole words at its ends.
    When every phrase starts with a letter, a look-ahead on those letters goes first so the
    regex engine can skip ahead instead of trying the whole alternation at every position."""
    out = []
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    for p in items:
        lead = r"(?<![^\W\d_])" if p[0].isalpha() or p[0] == "(" else ""
        tail = r"(?![^\W\d_])" if p[-1].isalpha() or p[-1] in ")?" else ""
        out.append(lead + p.replace(" ", r"\s+") + tail)
    if not out:
        return "(?!)"
    head = ""
    if all(p[0].isalpha() for p in items):
        first = sorted({c for p in items for c in (p[0].lower(), p[0].upper())})
        head = "(?=[" + re.escape("".join(first)) + "])"
    return head + (f"(?i:{'|'.join(out)})" if ci else f"(?:{'|'.join(out)})")


@dataclass(frozen=True)
class _Lang:
    cite: re.Pattern[str]
    pre: re.Pattern[str]
    item: re.Pattern[str]
    codes: dict[str, str]
    code_before: re.Pattern[str]
    list_words: re.Pattern[str]
    org_after: re.Pattern[str]
    caps_org: bool
    breaks: re.Pattern[str]
    forward: re.Pattern[str]
    backward: re.Pattern[str]
    resume: re.Pattern[str]


@cache
def _lang(lang: str) -> _Lang:
    """Compile one language's citation shapes once; find_articles runs over megabytes of text."""
    d = vocab.load(f"lang/{lang}/articles.yml")
    w = r"(?<![^\W\d_])"
    art, part, para = _alt(d["article"]), _alt(d["part"]), _alt(d["paragraph"])
    of = rf"(?:{_alt(d['of'])}\s+)?" if d.get("of") else ""
    item = (
        rf"(?P<num>{_NUM})(?:\s?\((?P<bp>\d{{1,2}})\))?(?:\s?\((?P<bq>\d{{1,2}})\))?"
        rf"(?:,?\s*{w}{part}\s*(?P<part>\d{{1,2}}))?(?:,?\s*{w}{para}\s*(?P<para>\d{{1,2}}))?"
    )
    plain = re.sub(r"\?P<\w+>", "?:", item)
    joiners = _alt(d["list_joiners"])
    sep = rf"(?:\s*,\s*(?:{joiners}\s+)?|\s+{joiners}\s+|\s*[-–]\s*(?=\d{{3}}))"
    pre = (
        rf"(?:{w}{para}\s*(?P<pre_para>\d{{1,2}})\s+{of})?"
        rf"(?:{w}{part}\s*(?P<pre_part>\d{{1,2}})(?:\s*(?:,|{joiners})\s*\d{{1,2}})*\s+{of})?"
    )
    codes = {n: k for k, names in d["codes"].items() for n in names}
    by_length = sorted(codes, key=len, reverse=True)
    code_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in by_length)
    links = d.get("code_links") or []
    linked = rf"\s*,?\s*{_alt(links)}\s+(?:[A-ZА-Я][\w’'-]*\s+){{0,3}}?" if links else r"(?!)"
    title = r"(?:\s*\((?:“[^”\n]{0,200}”|\"[^\"\n]{0,200}\"|«[^»\n]{0,200}»)\))?"
    cite = (
        rf"(?P<art>{art})\s*(?P<items>{plain}(?:{sep}{plain})*)(?![\d])"
        rf"(?P<title>{title})(?:(?P<link>{linked}|\s*,?\s*)(?P<code>{code_alt})(?![^\W\d_])"
        rf"|(?P<other>{linked}[A-ZА-Я]))?"
    )
    nb = int(d.get("code_before_words") or 0)
    stop = _alt(d.get("code_before_stop") or [])
    code_before = (
        rf"(?<![^\W\d_])(?P<code>{code_alt})(?:’s|'s)?"
        rf"(?:[\s,]+(?!{stop})[^\s.;:!?()“”\"]+){{0,{nb}}}?[\s,]+$"
    )
    dr = d.get("dropped") or {}
    return _Lang(
        cite=re.compile(cite),
        pre=re.compile(rf"{w}{pre}$"),
        item=re.compile(item),
        codes={re.sub(r"\s+", " ", k): v for k, v in codes.items()},
        code_before=re.compile(code_before if nb else r"(?!)"),
        list_words=re.compile(rf"{_alt(d.get('article_list') or [])}$"),
        org_after=re.compile(rf"[{_CLOSE_QUOTES}]\s+{_alt(d.get('organisation_words') or [])}"),
        caps_org=bool(d.get("caps_is_organisation")),
        breaks=re.compile(_alt(dr.get("clause_breaks") or [])),
        forward=re.compile(rf"{w}{_alt(dr.get('forward') or [])}"),
        backward=re.compile(rf"{w}{_alt(dr.get('backward') or [])}"),
        resume=re.compile(rf"{w}{_alt(dr.get('resume') or [])}"),
    )


def _norm(num: str) -> str:
    return re.sub(r"\s?[-‐‑–.]\s?", "-", num)


def _cites(text: str, lx: _Lang) -> Iterator[ArticleMatch]:
    """ArticleMatch for each item of each citation, in text order (dropped not yet judged)."""
    prev_end = 0
    for m in lx.cite.finditer(text):
        pre = lx.pre.search(text, max(prev_end, m.start() - 60), m.start())
        if pre and pre.start() == pre.end():
            pre = None
        first = pre.start() if pre else m.start()
        quoted = first > 0 and text[first - 1] in _OPEN_QUOTES
        if quoted and lx.org_after.match(text, m.end("items")):
            continue
        if lx.caps_org and m["art"].isupper() and len(m["art"]) > 3 and not m["code"]:
            continue
        named = m["code"]
        if not named and not m["other"]:
            b = lx.code_before.search(text, max(0, m.start() - 80), m.start())
            named = b["code"] if b else None
        code = "other" if m["other"] else "criminal"
        if named:
            code = lx.codes[re.sub(r"\s+", " ", named)]
        items = list(lx.item.finditer(text, m.start("items"), m.end("items")))
        if not lx.list_words.search(m["art"]):
            items = items[:1]
        last_end = m.end("items") if len(items) > 1 else items[0].end()
        if m["code"]:
            last_end = m.end("code")
        for i, it in enumerate(items):
            start = first if i == 0 else it.start()
            end = last_end if i == len(items) - 1 else it.end()
            part = it["part"] or it["bp"] or (pre["pre_part"] if pre and i == 0 else None)
            para = it["para"] or (it["bq"] if it["bp"] else None)
            para = para or (pre["pre_para"] if pre and i == 0 else None)
            yield ArticleMatch(start, end, _norm(it["num"]), part, para, code)
        prev_end = last_end


def _dropped(text: str, sent: tuple[int, int], arts: list[ArticleMatch], lx: _Lang) -> set[int]:
    """Indexes into `arts` (all inside `sent`) whose charge the sentence says was dropped."""
    s, e = sent
    cuts = [s] + [b.start() for b in lx.breaks.finditer(text, s, e)] + [e]
    clauses = list(zip(cuts, cuts[1:], strict=False))
    resumes = [r.start() for r in lx.resume.finditer(text, s, e)]
    out: set[int] = set()

    def clear(a: int, b: int) -> bool:
        return not any(a <= r < b for r in resumes)

    for ci, (cs, ce) in enumerate(clauses):
        fwd = [f.end() for f in lx.forward.finditer(text, cs, ce)]
        bwd = [b.start() for b in lx.backward.finditer(text, cs, ce)]
        for i, a in enumerate(arts):
            if cs <= a.start < ce and (
                any(f <= a.start and clear(f, a.start) for f in fwd)
                or any(b >= a.end and clear(a.end, b) for b in bwd)
            ):
                out.add(i)
        if ci and any(not any(cs <= a.start < b for a in arts) for b in bwd):
            ps, pe = clauses[ci - 1]
            out.update(i for i, a in enumerate(arts) if ps <= a.start < pe)
    return out


def find_articles(text: str, lang: str = "en") -> list[ArticleMatch]:
    """All article citations in `text`, one match per article number, sorted by start."""
    lx = _lang(lang)
    found = list(_cites(text, lx))
    if not found:
        return found
    sentences = split_sentences(text, lang)
    out: list[ArticleMatch] = []
    k = 0
    for sent in sentences:
        group: list[ArticleMatch] = []
        while k < len(found) and found[k].start < sent[1]:
            group.append(found[k])
            k += 1
        if group:
            gone = _dropped(text, sent, group, lx)
            out.extend(replace(a, dropped=True) if i in gone else a for i, a in enumerate(group))
    out.extend(found[k:])
    return out

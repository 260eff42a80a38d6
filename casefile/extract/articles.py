"""Find citations of legal articles ("Article 272 of the Criminal Code", "Part 2 of Article 405",
"Articles 174 and 274", "ст. 405 ч. 2 УК РК") and say which code each belongs to.

Charges are the backbone of a political-prisoner record, so each number in a list is its own
match, with its part and paragraph. Rules worth knowing:
- The code is "criminal" unless a code is named right after the citation ("of the
  Constitution" -> constitution), or, failing that, a few words before it ("the Constitution
  of Kazakhstan retains Article 46"); a linked name that is not a known code gives "other".
- Sub-article separators are normalised to a hyphen: "380.1", "380-1" and "380–1" all give
  "380-1", "20.3.3" gives "20-3-3" (only when one or two digits follow, so "Articles 255–258"
  is a range of two).
- "Art. 174(2)" reads the first bracket as the part and a second as the paragraph.
- A list ("Articles 272, 179 and 405") may follow only a plural article word in English; after
  a singular one a further number is an article only when it has its own part or paragraph
  ("article 28, paragraph 5, 176, item 3"), since "Article 272, 179 people" is a count.
- Several parts of one article are several charges ("Parts 1 and 2 of Article 405", "Article
  405 Part 1 and Part 2", "ч.ч. 1, 2 ст. 405", "по обеим частям статьи 405" = parts 1 and 2):
  one match per part, their spans cut apart so matches never overlap. Several paragraphs of
  one part qualify one charge: "пп. 1, 2 ч. 2 ст. 179" gives paragraph "1,2". Part numbers may
  be words ("части второй"); a number followed by a length of time ("ч. 1 и 2 года") is not
  the next part.
- A citation with no code takes the code named after the next citation when only a joining
  word stands between: "Article 3 (...) and Article 6 (...) of the European Convention" are
  both convention articles, never criminal charges. An unquoted parenthesis after the number
  is a title ("Article 293 (hooliganism) of the CC"), and may itself name the code.
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

# "380-1", "405.2", "174 - 1"; never across a line end ("Article 405.\n3. Next entry").
_NUM = r"\d{1,4}(?:[^\S\n]?[-‐‑–.][^\S\n]?\d{1,2}(?![\d])){0,2}(?![\d])"
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
    code_in: re.Pattern[str]
    code_before: re.Pattern[str]
    list_words: re.Pattern[str]
    org_after: re.Pattern[str]
    caps_org: bool
    breaks: re.Pattern[str]
    forward: re.Pattern[str]
    backward: re.Pattern[str]
    resume: re.Pattern[str]
    number: re.Pattern[str]  # one part or paragraph number, in digits or as an ordinal word
    ordinals: tuple[tuple[re.Pattern[str], str], ...]
    joint: re.Pattern[str]  # what joins two numbers of a list ("1 and 2", "1, 2")
    chain: re.Pattern[str]  # what may stand between two citations that share one code


@cache
def _lang(lang: str) -> _Lang:
    """Compile one language's citation shapes once; find_articles runs over megabytes of text."""
    d = vocab.load(f"lang/{lang}/articles.yml")
    w = r"(?<![^\W\d_])"
    art, part, para = _alt(d["article"]), _alt(d["part"]), _alt(d["paragraph"])
    of = rf"(?:{_alt(d['of'])}\s+)?" if d.get("of") else ""
    joiners = _alt(d["list_joiners"])
    ordinals = d.get("ordinals") or {}
    words = "|".join(f"(?:{o})" for o in ordinals)
    number = rf"(?:\d{{1,2}}(?![\d])|{w}(?i:{words})(?![^\W\d_]))" if words else r"\d{1,2}(?![\d])"
    # "1 and 2 years" is a number and a length of time, not two parts
    quantity = rf"(?!\s*{_alt(d['quantity_words'])})" if d.get("quantity_words") else ""

    def numbers(word: str) -> str:
        """A number after a part or paragraph word, or a list of them: "1", "1 and 2",
        "1 and Part 2", "1, 2"."""
        return rf"{number}(?:\s*(?:,|{joiners})\s*(?:{word}\s*)?{number}{quantity})*"

    item = (
        rf"(?P<num>{_NUM})(?:\s?\((?P<bp>\d{{1,2}})\))?(?:\s?\((?P<bq>\d{{1,2}})\))?"
        rf"(?:,?\s*{w}{part}\s*(?P<part>{numbers(part)}))?"
        rf"(?:,?\s*{w}{para}\s*(?P<para>{numbers(para)}))?{quantity}"
    )
    plain = re.sub(r"\?P<\w+>", "?:", item)
    sep = rf"(?:\s*,\s*(?:{joiners}\s+)?|\s+{joiners}\s+|\s*[-–]\s*(?=\d{{3}}))"
    both = _alt(d.get("both_parts") or [])
    pre = (
        rf"(?:{w}{para}\s*(?P<pre_para>{numbers(para)})(?:\s*,)?\s+{of})?"
        rf"(?:(?:{w}{part}\s*(?P<pre_part>{numbers(part)})|(?P<both>{both}))(?:\s*,)?\s+{of})?"
    )
    codes = {n: k for k, names in d["codes"].items() for n in names}
    by_length = sorted(codes, key=len, reverse=True)
    code_alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in by_length)
    links = d.get("code_links") or []
    linked = rf"\s*,?\s*{_alt(links)}\s+(?:[A-ZА-Я][\w’'-]*\s+){{0,3}}?" if links else r"(?!)"
    title = (
        r"(?:\s*\((?:“[^”\n]{0,200}”|\"[^\"\n]{0,200}\"|«[^»\n]{0,200}»"
        r"|(?P<bare>[^\W\d_][^()\d\n]{0,150}))\))?"
    )
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
        code_in=re.compile(rf"(?<![^\W\d_])(?:{code_alt})(?![^\W\d_])"),
        code_before=re.compile(code_before if nb else r"(?!)"),
        list_words=re.compile(rf"{_alt(d.get('article_list') or [])}$"),
        org_after=re.compile(rf"[{_CLOSE_QUOTES}]\s+{_alt(d.get('organisation_words') or [])}"),
        caps_org=bool(d.get("caps_is_organisation")),
        breaks=re.compile(_alt(dr.get("clause_breaks") or [])),
        forward=re.compile(rf"{w}{_alt(dr.get('forward') or [])}"),
        backward=re.compile(rf"{w}{_alt(dr.get('backward') or [])}"),
        resume=re.compile(rf"{w}{_alt(dr.get('resume') or [])}"),
        number=re.compile(number),
        ordinals=tuple((re.compile(o, re.IGNORECASE), str(n)) for o, n in ordinals.items()),
        joint=re.compile(rf"\s*,?\s*(?:{joiners}\s*)?"),
        chain=re.compile(rf"\s*,?\s*(?:{joiners})?\s*"),
    )


def _norm(num: str) -> str:
    return re.sub(r"\s?[-‐‑–.]\s?", "-", num)


@dataclass
class _Cite:
    """One citation ("Articles 174 and 274 of the Criminal Code") and the matches it gives."""

    start: int
    end: int
    code: str
    named_after: bool  # the code is named right after the citation
    default: bool  # no code is named anywhere: "criminal" by default
    matches: list[ArticleMatch]


def _numbers(text: str, start: int, end: int, lx: _Lang) -> list[tuple[str | None, int, int]]:
    """The part or paragraph numbers in text[start:end], as digits, with their spans."""
    out: list[tuple[str | None, int, int]] = []
    for m in lx.number.finditer(text, start, end):
        value = m.group()
        if not value.isdigit():
            value = next((n for rx, n in lx.ordinals if rx.fullmatch(value)), "")
        if value:
            out.append((value, m.start(), m.end()))
    return out


def _pieces(
    text: str, start: int, end: int, cuts: list[tuple[int, int]], lx: _Lang
) -> list[tuple[int, int]]:
    """[start, end) split after each cut's end, the joining words left out, so that several
    parts of one article ("Part 1 and Part 2") give disjoint spans."""
    spans, s = [], start
    for _, cut_end in cuts:
        spans.append((s, cut_end))
        j = lx.joint.match(text, cut_end, end)
        s = j.end() if j else cut_end
    spans.append((s, end))
    return spans if all(a < b for a, b in spans) else [(start, end)]


def _one_cite(text: str, m: re.Match[str], pre: re.Match[str] | None, lx: _Lang) -> _Cite | None:
    first = pre.start() if pre else m.start()
    quoted = first > 0 and text[first - 1] in _OPEN_QUOTES
    if quoted and lx.org_after.match(text, m.end("items")):
        return None
    if lx.caps_org and m["art"].isupper() and len(m["art"]) > 3 and not m["code"]:
        return None
    named = m["code"]
    if not named and m["bare"]:  # "Article 20.2 (Code of Administrative Offences)"
        inside = lx.code_in.search(m["bare"])
        named = inside.group() if inside else None
    if not named and not m["other"]:
        b = lx.code_before.search(text, max(0, m.start() - 80), m.start())
        named = b["code"] if b else None
    code = "other" if m["other"] else "criminal"
    if named:
        code = lx.codes[re.sub(r"\s+", " ", named)]
    items = []
    for it in lx.item.finditer(text, m.start("items")):  # the whole text: look-aheads see on
        if it.start() >= m.end("items"):
            break
        items.append(it)
    if not lx.list_words.search(m["art"]):
        # After a singular "Article 272, 179 ..." the 179 is more likely a count; a number with
        # its own part or paragraph ("article 28, paragraph 5, 176, item 3") is an article.
        n = 1
        while n < len(items) and (items[n]["part"] or items[n]["para"] or items[n]["bp"]):
            n += 1
        items = items[:n]
    last_end = m.end("items") if len(items) > 1 else items[0].end()
    if m["code"]:
        last_end = m.end("code")
    elif m["bare"]:
        last_end = m.end("title")
    out: list[ArticleMatch] = []
    for i, it in enumerate(items):
        start = first if i == 0 else it.start()
        end = last_end if i == len(items) - 1 else it.end()
        parts: list[tuple[str | None, int, int]]
        if it["part"]:
            parts = _numbers(text, it.start("part"), it.end("part"), lx)
        elif it["bp"]:
            parts = [(it["bp"], it.start("bp"), it.end("bp"))]
        elif pre and i == 0 and pre["pre_part"]:
            parts = _numbers(text, pre.start("pre_part"), pre.end("pre_part"), lx)
        elif pre and i == 0 and pre["both"]:
            parts = [("1", pre.start("both"), pre.end("both")), ("2", end, end)]
        else:
            parts = [(None, start, start)]
        if it["para"]:
            paras = [n or "" for n, _, _ in _numbers(text, it.start("para"), it.end("para"), lx)]
        elif it["bq"] and it["bp"]:
            paras = [it["bq"]]
        elif pre and i == 0 and pre["pre_para"]:
            got = _numbers(text, pre.start("pre_para"), pre.end("pre_para"), lx)
            paras = [n or "" for n, _, _ in got]
        else:
            paras = []
        para = ",".join(paras) or None
        cuts = [(s, e) for _, s, e in parts[:-1]]
        spans = _pieces(text, start, end, cuts, lx) if cuts else [(start, end)]
        if len(spans) != len(parts):  # the parts cannot be told apart: keep the first
            parts, spans = parts[:1], [(start, end)]
        for (pn, _, _), (s, e) in zip(parts, spans, strict=True):
            out.append(ArticleMatch(s, e, _norm(it["num"]), pn, para, code))
    return _Cite(first, last_end, code, bool(m["code"]), not named and not m["other"], out)


def _cites(text: str, lx: _Lang) -> Iterator[ArticleMatch]:
    """ArticleMatch for each part of each item of each citation, in text order (dropped not yet
    judged). A citation without a code takes the code named after the next one when only a
    joining word stands between: "Article 3 (...) and Article 6 (...) of the Convention"."""
    found: list[_Cite] = []
    prev_end = 0
    for m in lx.cite.finditer(text):
        pre = lx.pre.search(text, max(prev_end, m.start() - 80), m.start())
        if pre and pre.start() == pre.end():
            pre = None
        cite = _one_cite(text, m, pre, lx)
        if cite is not None:
            found.append(cite)
            prev_end = cite.end
    for a, b in zip(reversed(found[:-1]), reversed(found[1:]), strict=True):
        if b.named_after and a.default and lx.chain.fullmatch(text, a.end, b.start):
            a.code, a.named_after, a.default = b.code, True, False
            a.matches = [replace(x, code=b.code) for x in a.matches]
    for c in found:
        yield from c.matches


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


def find_articles(text: str, lang: str = "en",
                  sentences: list[tuple[int, int]] | None = None) -> list[ArticleMatch]:
    """All article citations in `text`, one match per article number, sorted by start.
    `sentences` (split_sentences of the text) saves splitting it again."""
    lx = _lang(lang)
    found = list(_cites(text, lx))
    if not found:
        return found
    if sentences is None:
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

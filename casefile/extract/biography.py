"""What a text says of a person's life beyond a case: the offices held, with when, and the
birth date.

A recogniser like the others (casefile.extract.types): it finds spans and knows nothing of
whom they concern; casefile.extract.document gives each to the person its sentence says holds
it (a name, "he", or the office before it in the same sentence). The words are data
(data/lang/<lang>/biography.yml; the birth words are those of listing.yml):
- an office is a title's head ("Deputy Minister", "член совета директоров") and what it is of
  ("of Foreign Affairs of the Republic of Kazakhstan", "to Russia", "Казахстана"), a country
  adjective before it giving its country ("the Kazakh Ambassador");
- its period is the date range or the "since"/"until" date of its clause: before it ("From
  2016 to 2017, he was ...", "с 2019 года занимает пост ...") or after it ("... from 2011 to
  2022", "since 20 March 2019");
- a birth date is a day-precise date right after a birth word ("born on August 14, 1972",
  "родился 17 мая 1953 года").
Why the holder is decided in document.py and not here: only the reader of the whole document
knows which person a name or a pronoun stands for.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from casefile import vocab
from casefile.extract.types import DateMatch, NameMatch

CAP = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’&-]*"
SP = r"[ \t\u00a0]+"  # a title does not run over a line's end
DATE = "\x00"  # what a date becomes in a gap between a name and an office


@dataclass(frozen=True)
class Period:
    start: str | None  # ISO prefix
    end: str | None
    span: tuple[int, int]


@dataclass(frozen=True)
class OfficeMatch:
    start: int  # the title as written (without a country adjective before it)
    end: int
    title: str
    organisation: str | None  # what the office is of, when it is not only a country
    country: str | None  # ISO2 of the state it serves, when the title says
    former: bool  # "the former Chairman": no longer held
    period: Period | None
    lead: int  # where the title's words start (a country adjective, "former")


@dataclass(frozen=True)
class BirthMatch:
    start: int  # the birth word
    end: int  # the end of the date
    value: str  # ISO date


@dataclass(frozen=True)
class _Vocab:
    office: re.Pattern[str]
    links: re.Pattern[str]  # a gap after a name or pronoun that says they hold the office
    chain: re.Pattern[str]  # a gap after another office of the same holder
    apposition: re.Pattern[str]  # a gap of periods, birth and brackets only
    pronoun: re.Pattern[str]
    since: re.Pattern[str]
    until: re.Pattern[str]
    former: re.Pattern[str]
    clause_break: re.Pattern[str]
    destination: re.Pattern[str]
    state_tail: re.Pattern[str]  # what joins a closing country to the office
    relative: re.Pattern[str]  # ", who": a clause about what stands before the comma
    opens: re.Pattern[str]  # what may stand right before a title that names who follows it
    birth: re.Pattern[str]
    countries: re.Pattern[str]
    country_of: dict[str, str]  # casefolded form -> ISO2 (stems for stemmed languages)


def _alt(items: list[str]) -> str:
    space = r"\s+"
    return "|".join("(?:" + str(i).replace(" ", space) + ")" for i in items) or "(?!x)x"


@cache
def _vocab(lang: str) -> _Vocab | None:
    try:
        data = vocab.load(f"lang/{lang}/biography.yml")
    except FileNotFoundError:
        return None
    listing = vocab.load(f"lang/{lang}/listing.yml")
    stems = set(vocab.load(f"lang/{lang}/persons.yml").get("country_stem_fields") or [])
    forms: dict[str, str] = {}  # casefolded name or adjective -> ISO2
    written: list[str] = []
    adjectives: list[str] = []
    stemmed: set[str] = set()  # forms any ending may follow ("Казахстан" -> "Казахстана")
    for code, names in vocab.load("places/countries.yml").items():
        for key in (lang, f"{lang}_adj"):
            for name in map(str, names.get(key) or []):
                forms[name.casefold()] = code
                written.append(name)
                if key in stems:
                    stemmed.add(name)
                if key.endswith("_adj"):
                    adjectives.append(name)

    def alternation(items: list[str]) -> str:
        return "|".join(re.escape(n) + (r"\w*" if n in stemmed else "")
                        for n in sorted(items, key=len, reverse=True)) or "(?!x)x"
    country_alt, adj_alt = alternation(written), alternation(adjectives)
    of_words = [str(w) for w in data.get("of_words") or []]
    joins = "|".join(re.escape(w) for w in of_words if w) or "(?!x)x"
    of = "|".join(rf"{SP}{re.escape(w)}" if w else "" for w in of_words) or "(?!x)x"
    tail = _alt(data.get("org_tail") or [])
    lead = str(data.get("org_lead") or "").replace(" ", SP)
    org = (rf"(?:the{SP})?{lead}{CAP}"
           rf"(?:(?:{SP}|{SP}?-{SP}?)(?:{CAP}|(?:of|and|for|on|the|de|и)(?={SP}{CAP})|{tail})"
           rf"|,{SP}{CAP}(?={SP}(?:and|и){SP}))*"
           rf"(?:{SP}?\((?:the{SP})?{CAP}[^()\n]{{0,40}}\))?")
    head = _alt(data.get("offices") or [])
    office = re.compile(
        rf"(?<!\w)(?:(?P<adj>{adj_alt})\s+)?(?P<title>(?P<head>(?i:{head}))"
        rf"(?:{SP}?\([^()\n]{{1,40}}\))?(?:(?:{of}){SP}{org})*)(?![\w-])")
    det = _alt(data.get("determiners") or [])
    dets = rf"(?:\s+(?:{det}))*"
    since, until = _alt(data.get("since") or []), _alt(data.get("until") or [])
    after = _alt(data.get("after_date") or [])
    period = rf"(?:\s*(?:(?:{since}|{until}|\w+)\s+)?{DATE}(?:\s+(?:{after}))?\s*,?)*"
    links = _alt(data.get("links") or [])
    appos = "|".join(re.escape(str(a)) for a in data.get("apposition") or []) or "(?!x)x"
    birth_words = sorted(map(str, listing.get("birth") or []), key=len, reverse=True)
    birth = "|".join(map(re.escape, birth_words)) or "(?!x)x"
    return _Vocab(
        office=office,
        links=re.compile(rf"(?:(?<!\w)(?:{links})|(?:{appos})(?=\s*(?:(?:{since}|{until})\s+)?"
                         rf"{DATE})){period}{dets}\s*$", re.IGNORECASE),
        chain=re.compile(rf"(?:(?<!\w)(?:{links})|{appos}|\band\b|\bи\b){period}{dets}\s*$",
                         re.IGNORECASE),
        apposition=re.compile(
            rf"^\s*(?:\([^()]*\)\s*,?\s*)*(?:{appos})?(?:\s*(?:{birth})?{period})*"
            rf"\s*(?:{appos})?{dets}\s*$", re.IGNORECASE),
        pronoun=re.compile(rf"(?<!\w)(?:{_alt(data.get('pronouns') or [])})(?!\w)"),
        since=re.compile(rf"(?<!\w)(?:{_alt(data.get('since') or [])})\s+$", re.IGNORECASE),
        until=re.compile(rf"(?<!\w)(?:{_alt(data.get('until') or [])})\s+$", re.IGNORECASE),
        former=re.compile(rf"(?<!\w)(?:{_alt(data.get('former') or [])})(?:\s+\S+)?\s*$",
                          re.IGNORECASE),
        clause_break=re.compile(_alt(data.get("clause_breaks") or [])),
        destination=re.compile(rf"(?<!\w)(?:{_alt(data.get('destination') or [])})\s+$",
                               re.IGNORECASE),
        birth=re.compile(rf"(?<!\w)(?:{birth})\s*$", re.IGNORECASE),
        state_tail=re.compile(rf"(?:^|\s+|{SP}(?:{joins}|{_alt(data.get('destination') or [])})"
                              rf"{SP})(?:(?:{_alt(data.get('state_words') or [])}){SP})?$"),
        relative=re.compile(rf",\s*(?:{_alt(data.get('relatives') or [])})(?!\w)", re.IGNORECASE),
        opens=re.compile(rf"(?:^|[,:;—–(]|(?<!\w)(?:{det}))\s*$", re.IGNORECASE),
        countries=re.compile(rf"(?<!\w)(?:{country_alt})(?!\w)"),
        country_of=forms)


def _country(v: _Vocab, form: str) -> str | None:
    key = form.casefold()
    while key:
        if key in v.country_of:
            return v.country_of[key]
        key = key[:-1]  # a stem with its ending: "Казахстана" -> "казахстан"
    return None


def periods(text: str, lang: str, dates: list[DateMatch]) -> list[Period]:
    """The dates of `text` that say when something began or ended: a range of years or months
    ("from 2016 to 2017", "в 2016–2017 годах") or any range after a "since" word, or a date
    after a "since" or "until" word."""
    v = _vocab(lang)
    if v is None:
        return []
    out = []
    for d in dates:
        before = text[max(0, d.start - 16):d.start]
        m = v.since.search(before)
        if d.end_value is not None and (m is not None or len(d.value) < 10):
            # "from 2016 to 2017", "in 2014–16"; "on 9–10 March 2023" is when a meeting was
            s = d.start - (len(before) - m.start()) if m else d.start
            out.append(Period(d.value, d.end_value, (s, d.end)))
        elif m is not None:
            out.append(Period(d.value, None, (d.start - len(before) + m.start(), d.end)))
        elif (u := v.until.search(before)) is not None:
            out.append(Period(None, d.value, (d.start - len(before) + u.start(), d.end)))
    return out


def find_offices(text: str, lang: str, names: list[NameMatch],
                 dates: list[DateMatch]) -> list[OfficeMatch]:
    """Every office `text` names, in text order, with the period its clause gives. `names`
    end a title ("Secretary-General of the CSTO Tasmagambetov" is the CSTO's), `dates` are
    the document's dates (casefile.extract.dates.find_dates)."""
    v = _vocab(lang)
    if v is None:
        return []
    name_starts = [n.start for n in names]
    found: list[tuple[int, int, int, str | None, int]] = []
    for m in v.office.finditer(text):
        a, b = m.span("title")
        i = bisect_left(name_starts, a + 1)
        if i < len(names) and names[i].start < b:  # a name ends the title
            b = names[i].start
        while b > a and text[b - 1] in " ,.;:(\n":
            b -= 1
        b = _balanced(text, a, b)
        if text[b:b + 2] in ("'s", "’s"):
            continue  # "the Prosecutor General's Office": an institution, no holder
        found.append((m.start(), a, b, m.group("adj"), min(m.end("head"), b)))
    spans = periods(text, lang, dates)
    starts = [p.span[0] for p in spans]
    out: list[OfficeMatch] = []
    used: set[int] = set()
    for k, (lead, a, b, adj, head) in enumerate(found):
        nxt = found[k + 1][0] if k + 1 < len(found) else len(text)
        prev = out[-1].end if out else 0
        stop = min(nxt, _sentence_end(text, b))
        begin = max(prev, _sentence_start(text, lead))
        period = _period_before(spans, starts, begin, lead, used) or \
            _period_after(v, text, spans, starts, b, stop, used)
        title = text[a:b]
        out.append(OfficeMatch(
            a, b, title, _organisation(v, text[head:b]), _title_country(v, text, a, b, adj),
            v.former.search(text, max(0, lead - 16), lead) is not None, period, lead))
    return out


def _balanced(text: str, a: int, b: int) -> int:
    """The title without a bracket it opens and does not close."""
    chunk = text[a:b]
    if chunk.count("(") > chunk.count(")"):
        return a + chunk.rfind("(")
    return b


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1, 0)


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return min(ends, default=len(text))


def _period_before(spans: list[Period], starts: list[int], begin: int, lead: int,
                   used: set[int]) -> Period | None:
    """The last unused period between `begin` and the title ("From 2016 to 2017, he was")."""
    i, j = bisect_left(starts, begin), bisect_left(starts, lead)
    for k in range(j - 1, i - 1, -1):
        if k not in used and spans[k].span[1] <= lead:
            used.add(k)
            return spans[k]
    return None


def _period_after(v: _Vocab, text: str, spans: list[Period], starts: list[int], end: int,
                  stop: int, used: set[int]) -> Period | None:
    """The first period after the title in its clause ("... of KAMAZ, Russia's largest
    truck manufacturer, since 2021")."""
    k = bisect_left(starts, end)
    if k >= len(spans) or k in used or spans[k].span[0] >= stop:
        return None
    if v.clause_break.search(text, end, spans[k].span[0]):
        return None
    used.add(k)
    return spans[k]


def _title_country(v: _Vocab, text: str, a: int, b: int, adj: str | None) -> str | None:
    """The state an office serves: a country adjective before the title, else a country the
    title names, unless it is where the office is sent ("Ambassador to Russia")."""
    if adj:
        return _country(v, adj)
    for m in v.countries.finditer(text, a, b):
        if not v.destination.search(text, max(a, m.start() - 12), m.start()):
            return _country(v, m.group())
    return None


def _organisation(v: _Vocab, rest: str) -> str | None:
    """What the office is of (`rest`: the title after its head), without the countries that
    close it ("Foreign Affairs" of "Deputy Minister of Foreign Affairs of the Republic of
    Kazakhstan", nothing of "послом Казахстана в России"); None when nothing is left."""
    rest = re.sub(r"^\s*\([^()]*\)", "", rest).rstrip()  # "mayor (akim) of Astana"
    while True:
        found = [m for m in v.countries.finditer(rest) if m.end() == len(rest)]
        tail = v.state_tail.search(rest, 0, found[-1].start()) if found else None
        if tail is None:
            break
        rest = rest[:tail.start()].rstrip()
    rest = re.sub(r"^\s*(?:of|to|at|for)\s+(?:the\s+)?", "", rest)
    return rest.strip(" ,") or None


def find_births(text: str, lang: str, dates: list[DateMatch]) -> list[BirthMatch]:
    """Every day-precise date right after a birth word ("born 17 May 1953")."""
    v = _vocab(lang)
    if v is None:
        return []
    out = []
    for d in dates:
        if len(d.value) != 10 or d.end_value is not None:
            continue
        m = v.birth.search(text, max(0, d.start - 24), d.start)
        if m is not None:
            out.append(BirthMatch(m.start(), d.end, d.value))
    return out


def gap(text: str, lang: str, start: int, end: int, dates: list[DateMatch]) -> str:
    """The text between a name and an office with each date replaced by one mark, so the
    vocabulary's patterns need not know dates."""
    chunk = text[start:end]
    for d in reversed(dates):
        if start <= d.start and d.end <= end:
            a, b = d.start - start, d.end - start
            chunk = chunk[:a] + DATE + chunk[b:]
    return chunk


def links(lang: str, between: str, *, after_office: bool) -> bool:
    """Whether `between` (a gap, see `gap`) says that what stands before it holds the office
    after it: "X has been serving as the", "X, since <date>,", or after another office of
    the same person "... and as the"."""
    v = _vocab(lang)
    if v is None:
        return False
    if after_office:
        return v.chain.search(between) is not None
    return v.links.search(between) is not None or v.apposition.match(between) is not None


def about_another(lang: str, between: str) -> bool:
    """Whether a gap after a name holds a relative clause about something else: "X replaced Y,
    who was" (the gap starts with more than the comma)."""
    v = _vocab(lang)
    m = v.relative.search(between) if v is not None else None
    return m is not None and bool(between[:m.start()].strip())


def opens_title(lang: str, before: str) -> bool:
    """Whether a title after `before` may name the person after it ("Deputy Minister Roman
    Vasilenko"): at the start of its sentence or clause, or after "the", "former"; "Указом
    главы государства Абаев" is the decree of someone else."""
    v = _vocab(lang)
    return v is not None and v.opens.search(before) is not None


def has_pronoun(lang: str, between: str) -> bool:
    v = _vocab(lang)
    return v is not None and v.pronoun.search(between) is not None


def subject_dropped(lang: str, between: str) -> bool:
    """Whether a sentence that opens with `between` and no name states an office of the
    person named before it: by a verb ("Занимает пост ...") or after a period ("В 2016–2017
    годах — ..."); a bare "The" before a title states nothing."""
    v = _vocab(lang)
    return v is not None and (v.links.search(between) is not None or DATE in between)

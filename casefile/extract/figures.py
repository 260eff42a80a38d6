"""Figures of persecution and mass events: counts of people, about no one person.

A figure is a count of people who suffered one kind of event (a measure: killed, detained,
convicted ...) as one counter states it: "According to official figures, 238 people were
killed ..., but independent estimates by human rights defenders place the death toll at about
256" is two figures, side by side, never averaged. A count is a figure only in one of the
language's `shapes` next to a measure's words (data/lang/<lang>/figures.yml), so "700 people
are required by law", "a list of 3,054 people was submitted", "17 refusals", "6.5 years",
article numbers and sums are not. Each figure keeps:
- its qualifier ("about", "at least", "a minimum of");
- who counts: the phrase nearest before the count in its clause, else after it ("..., but"
  and brackets end a clause), or an organisation named after "according to";
- its date: the as-of date ("As of May 2023"), else a date its sentence states outside the
  event it is about, else none (it holds as of its source's date);
- the event it is about ("in cases related to the suppression of peaceful protests in January
  2022"): its month when the phrase dates it; an undated phrase takes the month of the
  document's dated event when the document dates exactly one;
- a figure with neither date nor event, after an as-of figure in its paragraph, takes both
  ("As of May 2023, 1,273 ... Of these, 215 were sentenced to imprisonment");
- one figure told twice in a document is one.
A detention count on a stated day, with no "as of", of at least `least_mass` people is a
mass event (`mass_detention`), dated by its sentence or the last date before it in its
paragraph; so is a dispersal of a protest (`protest_dispersed`), with a count when it has one.
Counts are digits with the language's group separators ("1,273"; "1 273", "1.273" in
Russian) or numbers in words ("seven hundred").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace

from casefile.extract.casing import lowered
from casefile.extract.figure_words import Words, count_value, figures_data, words_of
from casefile.extract.types import DateMatch, FigureMatch

_NAME = re.compile(r"«[^»]{2,80}»|\"[^\"]{2,80}\"|“[^”]{2,80}”|"
                   r"[A-ZА-ЯЁ][\w'’.-]*(?:(?: (?:of|for|the|and|по|и|за))? [A-ZА-ЯЁ][\w'’.-]*)*")


def find_figures(text: str, lang: str, sentences: list[tuple[int, int]],
                 dates: list[DateMatch]) -> list[FigureMatch]:
    """Figures and mass events in `text`, in text order. `dates` are the text's dates with a
    known year (extract.dates), `sentences` its sentence spans."""
    lx, low = words_of(lang), lowered(text)
    starts = [s for s, _ in sentences]
    known = _Dates(text, dates)
    found: dict[tuple[int, str], FigureMatch] = {}
    for m in shape_matches(low, lang, candidates(low, lang, sentences)):
        measure = next(k.split("_", 1)[1] for k, v in m.groupdict().items()
                       if v is not None and k.split("_", 1)[0] in ("verbs", "nouns", "given"))
        figure = _figure(lx, text, low, m, measure, sentences, starts, known)
        if figure is not None:
            found.setdefault((m.start("n"), measure), figure)
    for m in lx.dispersed.finditer(low):
        sent = sentences[max(bisect_right(starts, m.start()) - 1, 0)]
        date = _date_in(known.within(sent), m) or known.before(m.start())
        if date is None:
            continue
        c = lx.count.search(low, m.start(), m.end())
        n = count_value(lx, c.group("n")) if c else None
        if n is None or n < int(figures_data()["least_count"]):  # "dispersed a rally": no count
            c, n = None, None
        found.setdefault((m.start(), "protest_dispersed"), FigureMatch(
            m.start(), m.end(), "mass_event", "protest_dispersed", n,
            lx.qualifiers.get(c.group("q") or "") if c else None,
            *_who(lx, text, low, sent, m.start()), date.value, False, None, None))
    return _once(_events_dated(_carried(text, sorted(found.values(),
                                                     key=lambda f: (f.start, f.measure)))))


def _once(figures: list[FigureMatch]) -> list[FigureMatch]:
    """One figure told twice in a document (a headline and its story; a summary and its
    chapter) is one: the same measure, count, qualifier, counter, date and event."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in figures:
        key = (f.kind, f.measure, f.count, f.qualifier, f.who, f.who_name, f.date,
               f.event_key)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def candidates(low: str, lang: str, sentences: list[tuple[int, int]]
               ) -> list[tuple[int, int]]:
    """The sentences of the lower-cased text `low` that hold a key word and a number: the only
    places a figure can stand, so the long shapes are searched there alone."""
    key, number = words_of(lang).gate
    return [(lo, hi) for lo, hi in sentences
            if key.search(low, lo, hi) is not None and number.search(low, lo, hi) is not None]


def shape_matches(low: str, lang: str, spans: list[tuple[int, int]]
                  ) -> Iterator[re.Match[str]]:
    """The matches of the language's shapes in `spans` of the lower-cased text: a shape that
    opens with its count is tried only where a number (or a qualifier before one) starts,
    the others are searched through."""
    lx = words_of(lang)
    for lo, hi in spans:
        for shape in lx.scanned:
            yield from shape.finditer(low, lo, hi)
        for shape in lx.leading:
            end = lo
            for n in lx.gate[1].finditer(low, lo, hi):
                if n.start() < end:
                    continue
                q = lx.qualifier_before.search(low, max(lo, n.start() - 25), n.start())
                m = (q and shape.match(low, q.start(), hi)) or shape.match(low, n.start(), hi)
                if m:
                    end = m.end()
                    yield m


def _figure(lx: Words, text: str, low: str, m: re.Match[str], measure: str,
            sentences: list[tuple[int, int]], starts: list[int],
            dates: _Dates) -> FigureMatch | None:
    n_start = m.start("n")
    sent = sentences[max(bisect_right(starts, m.start()) - 1, 0)]
    near = dates.within(sent)
    if any(d.start <= n_start < d.end for d in near) \
            or lx.not_after.search(low, max(0, n_start - 20), m.start()):
        return None
    count = count_value(lx, m.group("n"))
    if count is None or count < int(figures_data()["least_count"]):
        return None
    about = lx.about.search(low, sent[0], sent[1])
    as_of = next((d for d in near
                  if lx.as_of.search(low, max(sent[0], d.start - 20), d.start)), None)
    date = as_of or _date_in(near, about)
    qualifier = lx.qualifiers.get(m.group("q") or "")
    who, who_name = _who(lx, text, low, sent, n_start)
    event = text[about.start():about.end()].strip() if about else None
    event_date = next((d.value[:7] for d in near if about and about.start() <= d.start
                       < about.end()), None)
    mass = next((k for k, v in figures_data()["mass_events"].items()
                 if v.get("measure") == measure), None)
    if mass and as_of is None and count >= int(figures_data()["least_mass"]):
        day = date or dates.before(m.start())
        if day is not None and day.precision == "day":
            return FigureMatch(m.start(), m.end(), "mass_event", mass, count, qualifier, who,
                               who_name, day.value, False, event, event_date)
    return FigureMatch(m.start(), m.end(), "figure", measure, count, qualifier, who, who_name,
                       date.value if date else None, as_of is not None, event,
                       event_date or (event and " ".join(event.lower().split())))


def _date_in(near: list[DateMatch], outside: re.Match[str] | None) -> DateMatch | None:
    """The first of a sentence's dates `near` outside the event phrase `outside`."""
    return next((d for d in near
                 if not (outside and outside.start() <= d.start < outside.end())), None)


class _Dates:
    """The text's dates, found by position (bisect, not a scan per figure)."""

    def __init__(self, text: str, dates: list[DateMatch]) -> None:
        self.text, self.dates = text, dates
        self.starts = [d.start for d in dates]

    def within(self, span: tuple[int, int]) -> list[DateMatch]:
        return self.dates[bisect_left(self.starts, span[0]):bisect_left(self.starts, span[1])]

    def before(self, pos: int) -> DateMatch | None:
        """The last date stated before `pos` in its paragraph."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.dates[i].end > pos:
            i -= 1
        if i < 0 or "\n" in self.text[self.dates[i].end:pos]:
            return None
        return self.dates[i]


def _who(lx: Words, text: str, low: str, sent: tuple[int, int],
         pos: int) -> tuple[str, str | None]:
    """Who counts: the counter phrase nearest before `pos` in its clause, else the first
    after it; "unstated" when there is none."""
    lo, hi = sent
    for b in lx.breaks.finditer(low, sent[0], sent[1]):
        if b.end() <= pos:
            lo = b.end()
        elif b.start() >= pos:
            hi = b.start()
            break
    spans: list[tuple[int, int, str, str | None]] = []
    for key, pattern in lx.who:
        spans += [(w.start(), w.end(), key, None) for w in pattern.finditer(low, lo, hi)]
    for lead in lx.named.finditer(low, lo, hi):
        name = _NAME.match(text, lead.end(), hi)
        if name is None or any(a <= lead.end() < b for a, b, _, _ in spans):
            continue
        written = name.group().strip("«»\"“”")
        # "official figures from the General Prosecutor's Office": official, and who said so
        joined = next((i for i, (a, b, _, _) in enumerate(spans) if a < lead.end() and
                       lead.start() <= b), None)
        if joined is not None:
            a, _, key, _ = spans[joined]
            spans[joined] = (a, name.end(), key, written)
        else:
            spans.append((lead.start(), name.end(), "named", written))
    before = [s for s in spans if s[1] <= pos]
    after = sorted(s for s in spans if s[0] >= pos)
    pick = max(before, key=lambda s: s[1]) if before else after[0] if after else None
    return (pick[2], pick[3]) if pick else ("unstated", None)


def _carried(text: str, figures: list[FigureMatch]) -> list[FigureMatch]:
    """A figure with neither date nor event of its own, told after an as-of figure in the
    same paragraph, holds as of that date and is about that event ("As of May 2023, 1,273
    people had been convicted ... Of these, 215 were sentenced to imprisonment")."""
    out: list[FigureMatch] = []
    last: FigureMatch | None = None
    for f in figures:
        if last is not None and "\n" in text[last.end:f.start]:
            last = None
        if last is not None and f.kind == "figure" and f.date is None and f.event is None:
            f = replace(f, date=last.date, as_of=True, event=last.event,
                        event_key=last.event_key)
        if f.kind == "figure" and f.as_of:
            last = f
        out.append(f)
    return out


def _events_dated(figures: list[FigureMatch]) -> list[FigureMatch]:
    """An event phrase the text does not date takes the month of the document's one dated
    event ("the shooting of peaceful protests" after "... in January 2022")."""
    months = {f.event_key for f in figures
              if f.event_key and re.fullmatch(r"\d{4}-\d{2}", f.event_key)}
    if len(months) != 1:
        return figures
    month = next(iter(months))
    return [replace(f, event_key=month) if f.event and f.event_key != month
            and not re.fullmatch(r"\d{4}-\d{2}", f.event_key or "") else f for f in figures]

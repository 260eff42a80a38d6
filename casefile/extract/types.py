"""What recognisers and extractors return.

Recognisers (dates, terms, articles, events, names) find spans of one kind in a text and know
nothing of persons or the registry. Extractors combine them into `Found` claims about persons.
All offsets are character offsets into the exact text given, so a quote can be cut from the
stored source text and highlighted later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: str  # ISO prefix: "2022", "2022-01" or "2022-01-14"
    # Qualifier for vague dates ("early May" -> "early"); None when the text is exact.
    qualifier: str | None = None
    # The end of a range ("from 5 to 9 May 2023": value "2023-05-05", end_value "2023-05-09");
    # None for a single date or an open range ("since 2017").
    end_value: str | None = None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


@dataclass(frozen=True)
class TermMatch:
    """A length of time a court or authority imposed (or a law threatens)."""

    start: int
    end: int
    months: float  # total length in months (days / 30.4375 when given in days)
    days: int | None  # set when the text counts in days ("arrested for 20 days")
    # imprisonment | restriction_of_liberty | administrative_arrest | pretrial_term |
    # house_arrest | suspended | potential (a maximum the law threatens: "faces up to")
    kind: str


@dataclass(frozen=True)
class ArticleMatch:
    start: int
    end: int
    article: str  # "272", "380-1"
    part: str | None = None  # "2"
    paragraph: str | None = None  # point / paragraph within the part, when stated
    # "criminal" unless the text names another code/law (constitution, administrative code).
    code: str = "criminal"
    # True when the article is only a suspicion later dropped, or an acquitted charge.
    dropped: bool = False


@dataclass(frozen=True)
class Found:
    """A claim proposed by an extractor, before it is stored or tied to a Person."""

    # name | listed | charged_under | sentenced_to | event | citizenship | role | birth_date |
    # case_detail (detail["field"]: court, judge, ... see casefile.extract.details)
    predicate: str
    value: str
    start: int  # span of the quote in the source text
    end: int
    extractor: str  # "list-entry@1"
    confidence: float
    mention: str | None = None  # the person as written
    date: str | None = None  # ISO prefix
    group: str | None = None  # claims of one list entry / one person passage share a group
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventMatch:
    """A phrase saying something happened to someone: "was detained", "refused to grant asylum"."""

    start: int  # span of the trigger phrase
    end: int
    type: str  # a key of data/event-types.yml
    # Extra facts the phrase itself carries: {"outcome": "refused"}, {"country": "UZ"} ...
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NameMatch:
    """A person's name as written in running text or a list entry."""

    start: int
    end: int
    name: str  # as written, e.g. "Zhaksylyk ABDULLAYEV"
    # full: given + family name; family: family name alone ("Aliyev"); initials: "Suttibayev S.";
    # given: a given name alone that opens a full name of the document ("Tatsiana")
    form: str = "full"
    role: str | None = None  # "activist", "journalist" ... when a role word precedes the name


@dataclass(frozen=True)
class RecommendationMatch:
    """One recommendation item (casefile.extract.recommendations): its span, without the
    bullet, and the addressee it falls under as the text writes it."""

    start: int
    end: int
    addressee: str
    addressee_start: int
    addressee_end: int
    institutions: tuple[str, ...]  # keys of data/interventions.yml `institutions`
    names: tuple[str, ...]  # full names the item mentions, as written
    lang: str


@dataclass(frozen=True)
class FigureMatch:
    """A count of people one counter states ("238 people were killed, according to official
    figures": kind "figure") or one dated event of many people ("detained about 700 peaceful
    protesters" on a stated day: kind "mass_event"); about no one person (extract.figures)."""

    start: int  # span of the phrase that states the count or the event
    end: int
    kind: str  # "figure" | "mass_event"
    measure: str  # a key of data/figures.yml `measures` (figure) or `mass_events`
    count: int | None  # None: a mass event told without a count
    qualifier: str | None  # about | at_least | more_than | minimum | up_to
    who: str  # a key of data/figures.yml `counters`
    who_name: str | None  # the organisation as written, when `who` is "named"
    date: str | None  # ISO prefix: the as-of date, else the date the sentence states
    as_of: bool  # the date is an "as of" date ("As of May 2023")
    event: str | None  # the event it is about, as written ("the suppression of ...")
    event_key: str | None  # the event's month when known ("2022-01"), else its words

"""Shapes of the JSON API, declared so the OpenAPI document describes every response.

The HTML pages' JSON twins return these same shapes. Request bodies are strict (no booleans
taken for integers, no numbers for strings) and closed (unknown fields refused): the API is
for data partners' scripts, which should hear about their mistakes.

A person's dossier and a list's row are no models here: the API answers with the report
dataclasses themselves (casefile.reports.dossier.PublicDossier,
casefile.reports.export_json.ListRow), which pydantic describes and serialises, so the
documented shape is the shape built.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from casefile.reports.export_json import ListRow


class Error(BaseModel):
    detail: str


class PrisonerListOut(BaseModel):
    country: str
    as_of: str
    counts: dict[str, int]
    total: int = Field(description="Entries matching the filters (all pages).")
    limit: int
    offset: int
    persons: list[ListRow]


class PersonSummary(BaseModel):
    id: int
    name: str
    names: list[str]


class PersonPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PersonSummary]


class SourceQuote(BaseModel):
    claim_id: str
    person_id: int | None
    predicate: str
    value: str
    date: str | None
    start: int
    end: int


class SameStory(BaseModel):
    id: int
    title: str | None
    publisher: str | None
    published_at: str | None


class SourceOut(BaseModel):
    id: int
    kind: str
    origin: str
    url: str | None = Field(description="Where readers find the source (http or https).")
    media_type: str
    publisher: str | None
    title: str | None
    language: str | None
    published_at: str | None
    captured_at: str
    sha256: str
    text: str
    quotes: list[SourceQuote]
    same_story: list[SameStory] = Field(
        default_factory=list, description="Other public sources telling the same story "
        "(one report reprinted or reworded by other outlets).")


class SearchHit(BaseModel):
    kind: str
    person_id: int | None
    source_id: int | None
    claim_id: str | None
    title: str
    snippet: str


class SearchOut(BaseModel):
    q: str
    kind: str
    total: int = Field(description="Hits of this kind, counted up to 101 (or one past "
                       "the page): when `capped`, there are more than total - 1.")
    capped: bool = Field(default=False, description="Counting stopped: more than total - 1.")
    limit: int
    offset: int
    items: list[SearchHit]


class StatsPoint(BaseModel):
    date: str
    total: int


class StatsOut(BaseModel):
    country: str
    as_of: str
    political_prisoners: int
    pretrial: int
    extradition_risk: int
    series: list[StatsPoint]


class ReviewIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    claim_ids: list[Annotated[str, Field(pattern="^[0-9a-f]{6,40}$")]] = Field(
        min_length=1, max_length=200, description="Claim ids or unique id prefixes.")
    state: Literal["accepted", "rejected"]
    reason: str | None = Field(default=None, max_length=2000)


class ReviewOut(BaseModel):
    state: str
    updated: list[str]

"""What the needs API reads and writes: needs, and the partners' priorities that match one.

Money travels as an exact decimal string with its ISO 4217 currency; a missing amount is null.
"""

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from concord.indicators.api.schemas import Number, number_text
from concord.registry.schemas import Code, NulFree, Out
from concord.resources.api.schemas import priority_data
from concord.resources.matching import NeedMatches

Short = Annotated[str, Field(max_length=255), NulFree]
Long = Annotated[str, Field(max_length=20_000), NulFree]


class NeedFilters(Schema):
    country: Code | None = Field(None, description="The country's code (ISO 3166-1 alpha-3).")
    kind: Code | None = Field(None, description="financial, technical or in_kind.")
    node: int | None = Field(None, description="A results-framework node's id the need serves.")
    uncovered: bool = Field(False, description="Only the needs no partner's priority covers.")


class NodeRef(Out):
    id: int
    code: str
    framework: int = Field(description="The instrument whose results framework it is in.")


class NeedOut(Out):
    id: int
    title: str
    kind: str = Field(description="financial, technical or in_kind.")
    country: str | None = Field(description="The country's code, or null for none.")
    country_name: str | None
    description: str
    amount: Number
    currency: str
    nodes: list[NodeRef] = Field(description="The results it serves.")
    sdg_targets: list[str] = Field(description="The SDG targets it serves (16.5 ...).")
    starts_on: dt.date | None
    ends_on: dt.date | None
    project: int | None = Field(description="The reform project it comes from, if any.")
    published: bool
    illustrative: bool = Field(description="A demo need no source gives.")
    source: str
    covered: bool = Field(description="Whether some partner's priority covers it.")


def need_row(need: Any, *, covered: bool) -> dict[str, Any]:
    country = need.country
    return {
        "id": need.pk,
        "title": need.title,
        "kind": need.kind,
        "country": country.code if country else None,
        "country_name": country.translated("name").text if country else None,
        "description": need.description,
        "amount": number_text(need.amount),
        "currency": need.currency,
        "nodes": [
            {"id": node.pk, "code": node.code, "framework": node.framework_id}
            for node in need.nodes.all()
        ],
        "sdg_targets": list(need.sdg_targets),
        "starts_on": need.starts_on,
        "ends_on": need.ends_on,
        "project": need.support_need.project_id if need.support_need_id else None,
        "published": need.published,
        "illustrative": need.illustrative,
        "source": need.source,
        "covered": covered,
    }


CSV_COLUMNS = [name for name in NeedOut.model_fields]


def need_csv_row(row: dict[str, Any]) -> list[Any]:
    return [
        "; ".join(node["code"] for node in row["nodes"])
        if name == "nodes"
        else "; ".join(row["sdg_targets"])
        if name == "sdg_targets"
        else row[name]
        for name in CSV_COLUMNS
    ]


class ReasonOut(Out):
    code: str = Field(
        description="same_node, need_under, priority_under, same_provision, same_country, "
        "same_target, same_goal, modality or dates."
    )
    text: str = Field(description="What it means here, in the reader's language.")


class MatchOut(Out):
    rank: int
    score: int = Field(description="The sum of the reasons' weights (docs/resources.md).")
    priority: int
    partner: str = Field(description="The partner's party code.")
    partner_name: str
    node: str | None
    sdg_target: str
    country: str | None
    modality: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    source: str
    reasons: list[ReasonOut]
    duplicate: bool = Field(
        description="Another partner already funds this need: funding it again would duplicate."
    )
    already_funded_by: list[str] = Field(description="Those partners' codes.")


class FundingOut(Out):
    contribution: int
    reference: str
    partner: str
    amount: Number
    currency: str
    status: str
    illustrative: bool


class NeedMatchesOut(Out):
    need: NeedOut
    funded_by: list[FundingOut] = Field(
        description="The contributions you may see that fund it, from approval on."
    )
    duplicate_warning: bool = Field(description="Some match would fund it a second time.")
    matches: list[MatchOut] = Field(description="Best first.")


def matches_data(found: NeedMatches) -> dict[str, Any]:
    matches = []
    for rank, shown in enumerate(found.matches, start=1):
        priority = shown.priority
        matches.append(
            {
                "rank": rank,
                "score": shown.match.score,
                "priority": priority.pk,
                "partner": priority.partner.party.code,
                "partner_name": priority.partner.party.translated("name").text,
                **priority_data(priority),
                "reasons": [{"code": code, "text": text} for code, text in shown.reasons],
                "duplicate": shown.match.duplicate,
                "already_funded_by": [p.party.code for p in shown.duplicate_partners],
            }
        )
    return {
        "need": need_row(found.need, covered=bool(found.matches)),
        "funded_by": [
            {
                "contribution": c.pk,
                "reference": c.reference,
                "partner": c.partner.party.code,
                "amount": number_text(c.amount),
                "currency": c.currency,
                "status": c.status,
                "illustrative": c.illustrative,
            }
            for c in found.funded_by
        ],
        "duplicate_warning": bool(found.duplicates),
        "matches": matches,
    }


class NeedIn(Schema):
    title: Annotated[str, Field(max_length=500), NulFree]
    kind: Code = Field(description="financial, technical or in_kind.")
    country: Code | None = Field(None, description="The country's code.")
    description: Long = ""
    amount: Annotated[str | None, Field(max_length=40, description="An exact decimal.")] = None
    currency: Annotated[str, Field(max_length=3, description="ISO 4217."), NulFree] = ""
    nodes: list[int] = Field(
        default_factory=list, max_length=500, description="Results-framework node ids."
    )
    sdg_targets: list[Annotated[str, Field(max_length=8), NulFree]] = Field(
        default_factory=list, max_length=169
    )
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    source: Short = ""
    published: bool = Field(False, description="Only the secretariat publishes a need.")

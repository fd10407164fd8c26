"""The shapes the cooperation API reads and answers with.

Bodies refuse fields they do not know (``extra="forbid"``): a misspelt or read-only field is a
422 naming it, never silently dropped. Strings refuse NUL characters, as everywhere in the API.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field

from concord.cooperation.models import (
    AssetKind,
    AssetStatus,
    Channel,
    Classification,
    HolderKind,
    RequestKind,
    RequestStatus,
    StepKind,
    Verdict,
)
from concord.registry.schemas import Code, NulFree, Out, Text

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
LongText = Annotated[str, Field(max_length=20_000), NulFree]
Line = Annotated[str, Field(max_length=255), NulFree]
Value = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]


class In(Schema):
    """A body the API reads: unknown fields are refused by name."""

    model_config = ConfigDict(extra="forbid")


class DetailOut(Out):
    detail: str


# Requests -----------------------------------------------------------------------------------


class RequestFilters(Schema):
    status: RequestStatus | None = None
    kind: RequestKind | None = None
    party: Code | None = Field(None, description="The code of the party addressed.")
    body: Code | None = Field(None, description="The code of the requesting body (exactly).")
    year: int | None = Field(None, ge=1, le=9999, description="The year the request was sent.")


class RequestIn(In):
    requesting_body: Code = Field(description="The code of the body that makes the request.")
    party: Code = Field(description="The code of the party addressed.")
    person: Id | None = Field(None, description="The id of the person concerned.")
    kind: RequestKind
    legal_basis: Line = ""
    asked: LongText = Field(description="What is asked.")
    channel: Channel
    classification: Classification = Classification.CONFIDENTIAL
    unseal_on: dt.date | None = Field(None, description="For a request under seal only.")
    deadline: dt.date | None = None
    related: list[Id] = Field(default_factory=list, description="Ids of related requests.")
    send: bool = Field(False, description="Send at once (dated today) rather than keep a draft.")


class RequestChangeIn(In):
    """Every field is optional: only those given change (each side may write only some)."""

    kind: RequestKind | None = None
    party: Code | None = Field(None, description="A party's code (drafts only).")
    person: Id | None = Field(None, description="A person concerned's id (drafts only).")
    legal_basis: Line | None = None
    asked: LongText | None = None
    channel: Channel | None = None
    classification: Classification | None = None
    unseal_on: dt.date | None = None
    status: RequestStatus | None = None
    sent_on: dt.date | None = None
    deadline: dt.date | None = None
    acknowledged_on: dt.date | None = None
    executed_on: dt.date | None = None
    related: list[Id] | None = Field(None, description="Replaces the related requests.")


class StepIn(In):
    kind: StepKind
    taken_on: dt.date
    note: LongText = ""


class StepOut(Out):
    id: int
    kind: StepKind
    taken_on: dt.date
    note: str
    recorded_by: str


class RequestLinks(Out):
    replies: str
    person_assets: str | None = Field(description="For the requesting body's officers.")
    readings: str | None = Field(description="For the requesting body's officers.")


class RequestSummaryOut(Out):
    """A request as lists show it: what is asked is read on its own page, where it is logged."""

    id: int
    reference: str
    requesting_body: str = Field(description="The requesting body's code.")
    party: str = Field(description="The code of the party addressed.")
    person: int | None = Field(description="The person concerned's id.")
    kind: RequestKind
    legal_basis: str
    channel: Channel
    classification: Classification
    unseal_on: dt.date | None
    sealed: bool = Field(description="Still under seal today.")
    status: RequestStatus
    sent_on: dt.date | None
    deadline: dt.date | None
    acknowledged_on: dt.date | None
    executed_on: dt.date | None
    related: list[int] = Field(description="Ids of the related requests the caller sees.")
    fictitious: bool = Field(description="A fictitious example for demonstration.")
    links: RequestLinks


class RequestOut(RequestSummaryOut):
    asked: str
    person_name: str | None = Field(
        description="Whom the request concerns, as the requesting body names them."
    )
    case: str | None = Field(description="The case the person concerned is part of.")
    steps: list[StepOut] = Field(description="The non-cooperation procedure, in order.")
    assets: list[int] = Field(description="Ids of the assets concerning the request.")


class ReadingOut(Out):
    id: int
    reader: str
    what: str
    via: str = Field(description="From a page or the API.")
    read_at: dt.datetime


# Replies, attachments and assets ------------------------------------------------------------


class AssetReportIn(In):
    kind: AssetKind
    description: LongText
    holder_name: Text
    holder_kind: HolderKind
    country: Annotated[str, Field(max_length=2, description="ISO 3166 alpha-2."), NulFree] = ""
    place: LongText = ""
    estimated_value: Value | None = None
    currency: Annotated[str, Field(max_length=3, description="ISO 4217."), NulFree] = ""
    status: AssetStatus = AssetStatus.IDENTIFIED
    sanctions_measure: Line = ""


class ReplyIn(In):
    text: LongText
    received_on: dt.date | None = Field(None, description="Today when not given.")
    assets: list[AssetReportIn] = Field(default_factory=list)


class AssetChangeIn(In):
    """Every field is optional: only those given change; `requests` replaces the links."""

    status: AssetStatus | None = None
    sanctions_measure: Line | None = None
    estimated_value: Value | None = None
    currency: Annotated[str, Field(max_length=3), NulFree] | None = None
    requests: list[Id] | None = Field(None, description="Ids of the requests concerning it.")


class AttachmentOut(Out):
    id: int
    reply: int
    name: str
    content_type: str
    size: int
    created_at: dt.datetime
    download: str


class AssetOut(Out):
    id: int
    request: int = Field(description="The request it was reported under.")
    reply: int | None
    party: str = Field(description="The code of the party that reported it.")
    kind: AssetKind
    description: str
    country: str
    place: str
    holder_name: str
    holder_kind: HolderKind
    estimated_value: Decimal | None
    currency: str
    status: AssetStatus
    sanctions_measure: str
    requests: list[int] = Field(description="Ids of the requests concerning it that you see.")
    competing_claim: bool = Field(description="Claimed by a sanctions freeze and a request.")


class ReplyOut(Out):
    id: int
    request: int
    received_on: dt.date
    text: str
    author: str
    created_at: dt.datetime
    attachments: list[AttachmentOut]
    assets: list[AssetOut]
    fictitious: bool


# Persons concerned --------------------------------------------------------------------------


class PersonIn(In):
    requesting_body: Code = Field(description="The code of the body whose case it is.")
    name: Text
    case: Text = ""


class PersonOut(Out):
    id: int
    requesting_body: str
    name: str
    case: str
    fictitious: bool
    created_at: dt.datetime


class SuggestionOut(Out):
    a: int = Field(description="An asset's id.")
    b: int = Field(description="The other asset's id.")
    a_name: str
    b_name: str
    a_party: str = Field(description="The name of the party that reported `a`.")
    b_party: str
    score: float
    reasons: list[str]


class CompetingClaimOut(Out):
    asset: int
    rule: str = Field(description="The rule the officer who decides must apply.")


class DecisionIn(In):
    first: Id = Field(description="An asset's id.")
    second: Id = Field(description="The other asset's id.")
    verdict: Verdict


class DecisionOut(Out):
    id: int
    first: int
    second: int
    verdict: Verdict
    decided_by: str
    decided_at: dt.datetime


class PiecedOut(Out):
    person: PersonOut
    assets: list[AssetOut]
    holders: list[list[int]] = Field(description="Groups of asset ids held by one entity.")
    suggestions: list[SuggestionOut] = Field(description="Possible matches to decide, best first.")
    competing_claims: list[CompetingClaimOut]
    decisions: list[DecisionOut]
    fictitious: bool


# Statistics ---------------------------------------------------------------------------------


class CellOut(Out):
    row: str = Field(description="A request kind, or `total`.")
    column: str = Field(description="A status, or `total`.")
    count: int | None = Field(description="Null when withheld.")
    shown: str = Field(description="The count, or the text shown for a withheld one.")


class YearOut(Out):
    year: int
    cells: list[CellOut]


class StatisticsOut(Out):
    threshold: int = Field(description="Counts below it are withheld.")
    includes_fictitious: bool = Field(description="Fictitious demonstration requests counted.")
    years: list[YearOut]

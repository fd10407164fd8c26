"""What the resources API reads and writes. Money travels as exact decimal strings with its
ISO 4217 currency; a missing amount is null, never zero."""

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from concord.indicators.api.schemas import Number, number_text
from concord.registry.schemas import Code, NulFree, Out
from concord.resources.iati.codelists import codelist
from concord.resources.models import Contribution, FundingModality, Priority, ResourcePartner

Short = Annotated[str, Field(max_length=255), NulFree]
Long = Annotated[str, Field(max_length=20_000), NulFree]


class DetailOut(Out):
    detail: str


NOT_FOUND = {404: DetailOut}
REFUSED = {401: DetailOut, 403: DetailOut}


# Partners and modalities ----------------------------------------------------------------------


class PartnerOut(Out):
    code: str = Field(description="The party's code in the registry.")
    name: str
    kind: str = Field(description="The party's kind: state, organization, foundation ...")
    organisation_type: str = Field(description="IATI OrganisationType code.")
    organisation_type_name: str
    iati_identifier: str


class PriorityOut(Out):
    node: str | None = Field(description="A results-framework node's code.")
    framework: int | None = Field(description="The instrument whose framework the node is of.")
    provision: int | None
    sdg_target: str
    country: str | None
    modality: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    source: str
    illustrative: bool = Field(description="A demo record no source gives.")


class PartnerDetailOut(PartnerOut):
    note: str
    priorities: list[PriorityOut]


def partner_data(partner: ResourcePartner) -> dict[str, Any]:
    return {
        "code": partner.party.code,
        "name": partner.party.translated("name").text,
        "kind": partner.party.kind,
        "organisation_type": partner.organisation_type,
        "organisation_type_name": codelist("OrganisationType").get(partner.organisation_type, ""),
        "iati_identifier": partner.iati_identifier,
    }


class ModalityOut(Out):
    organization: str = Field(description="The receiving body's code.")
    code: str
    name: str
    description: str
    earmarking: str = Field(description="unearmarked, lightly or earmarked.")
    window_of: str | None = Field(description="The modality this is a window of.")
    aid_type: str = Field(description="IATI AidType code, if any.")
    source: str


def priority_data(priority: Priority) -> dict[str, Any]:
    """A partner's priority as the API gives it (its node, country and modality by code)."""
    return {
        "node": priority.node.code if priority.node_id else None,
        "framework": priority.node.framework_id if priority.node_id else None,
        "provision": priority.provision_id,
        "sdg_target": priority.sdg_target,
        "country": priority.country.code if priority.country_id else None,
        "modality": priority.modality.code if priority.modality_id else None,
        "starts_on": priority.starts_on,
        "ends_on": priority.ends_on,
        "source": priority.source,
        "illustrative": priority.illustrative,
    }


def modality_data(modality: FundingModality) -> dict[str, Any]:
    return {
        "organization": modality.organization.code,
        "code": modality.code,
        "name": modality.name,
        "description": modality.description,
        "earmarking": modality.earmarking,
        "window_of": modality.parent.code if modality.parent_id else None,
        "aid_type": modality.aid_type,
        "source": modality.source,
    }


# Contributions --------------------------------------------------------------------------------


class ContributionFilters(Schema):
    partner: Code | None = Field(None, description="A partner's party code.")
    organization: Code | None = Field(None, description="The receiving body's code.")
    modality: Code | None = Field(None, description="A modality's code (its windows included).")
    country: Code | None = Field(None, description="The beneficiary country's code.")
    status: Code | None = None


class ContributionOut(Out):
    id: int
    reference: str
    title: str
    partner: str
    partner_name: str
    organization: str
    modality: str | None
    country: str | None
    region: str = Field(description="IATI Region code, if any; neither country nor region: global.")
    amount: Number
    currency: str
    status: str
    status_on: dt.date
    starts_on: dt.date | None
    ends_on: dt.date | None
    published: bool
    illustrative: bool = Field(description="A demo figure no source gives.")
    source: str


class StatusOut(Out):
    status: str
    on: dt.date


class AllocationOut(Out):
    node: str
    node_id: int
    share: Number = Field(description="Percent of the contribution, or null.")
    amount: Number = Field(description="In the contribution's currency, or null.")


class ExpenditureOut(Out):
    period: str
    amount: Number


class ContributionDetailOut(ContributionOut):
    note: str
    status_history: list[StatusOut]
    allocations: list[AllocationOut]
    expenditures: list[ExpenditureOut]


def contribution_data(contribution: Contribution) -> dict[str, Any]:
    party = contribution.partner.party
    return {
        "id": contribution.pk,
        "reference": contribution.reference,
        "title": contribution.title,
        "partner": party.code,
        "partner_name": party.translated("name").text,
        "organization": contribution.organization.code,
        "modality": contribution.modality.code if contribution.modality_id else None,
        "country": contribution.country.code if contribution.country_id else None,
        "region": contribution.region,
        "amount": number_text(contribution.amount),
        "currency": contribution.currency,
        "status": contribution.status,
        "status_on": contribution.status_on,
        "starts_on": contribution.starts_on,
        "ends_on": contribution.ends_on,
        "published": contribution.published,
        "illustrative": contribution.illustrative,
        "source": contribution.source,
    }


class AllocationIn(Schema):
    node: int = Field(description="A results-framework node's id.")
    share: Annotated[str | None, Field(max_length=40)] = None
    amount: Annotated[str | None, Field(max_length=40)] = None


class ContributionIn(Schema):
    reference: Annotated[str, Field(max_length=64), NulFree]
    title: Annotated[str, Field(max_length=500), NulFree]
    partner: Code
    organization: Code
    modality: Code | None = None
    country: Code | None = None
    region: Annotated[str, Field(max_length=8), NulFree] = ""
    amount: Annotated[str | None, Field(max_length=40, description="An exact decimal.")] = None
    currency: Annotated[str, Field(max_length=3, description="ISO 4217."), NulFree] = ""
    status: Code = Field("pipeline", description="A partner records pledges only (pipeline).")
    on: dt.date = Field(description="Since when it is at this status.")
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    source: Short = ""
    note: Long = ""
    allocations: list[AllocationIn] = Field(default_factory=list, max_length=2000)


# Funding by result ----------------------------------------------------------------------------


class FundingFilters(Schema):
    currency: Annotated[str, Field(max_length=3)] = "USD"
    on: dt.date | None = Field(None, description="The day of the exchange rates; today by default.")
    modality: Code | None = None
    partner: Code | None = None
    earmarking: Code | None = None
    period: Code | None = Field(None, description="Contributions whose status dates from it.")


class RateOut(Out):
    currency: str
    base: str
    rate: Number
    on: dt.date
    source: str


class NodeFundingOut(Out):
    id: int
    parent: int | None
    code: str
    level: str
    title: str
    allocated: Number
    received: Number
    delivered: Number
    balance: Number
    delivery_rate: Number = Field(description="Percent of what was received that was spent.")
    partners: list[str]
    funded: bool


class FundingOut(Out):
    instrument: int
    currency: str
    on: dt.date
    allocated: Number = Field(description="The whole framework, in the currency.")
    rates: list[RateOut] = Field(description="The exchange rates the totals used.")
    unconverted: dict[str, Number] = Field(
        description="Amounts left out of the totals: no rate for their currency on the day."
    )
    illustrative: bool = Field(description="Some figures are demo figures no source gives.")
    nodes: list[NodeFundingOut] = Field(description="The tree, parents before their children.")

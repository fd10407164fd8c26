"""The resources the permission matrix names: the partner persona's party as a resource partner,
a modality of the scoped secretariat's body (which publishes to IATI), a result in the
registry's instrument, a published contribution of the partner to that body, and a published
need of each focal point persona's party (a persona's calls name its own)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from concord.conftest import persona_scope
from concord.registry.models import ResultsLevel, ResultsNode
from concord.resources.models import (
    Contribution,
    ContributionStatus,
    Earmarking,
    FundingModality,
    IatiPublisher,
    Need,
    NeedKind,
    ResourcePartner,
)


@dataclass
class ResourceRecords:
    partner: str
    organization: str
    modality: str
    contribution_id: int
    need_ids: dict[str, int]  # by party code


def resource_records(instrument: Any) -> ResourceRecords:
    body = persona_scope("body")
    partner = ResourcePartner.objects.create(party=persona_scope("donor"), organisation_type="60")
    IatiPublisher.objects.create(body=body, identifier="XM-EXAMPLE-1", organisation_type="40")
    modality = FundingModality.objects.create(
        organization=body, code="fund", name="Trust fund", earmarking=Earmarking.EARMARKED
    )
    ResultsNode.objects.create(
        framework=instrument, seq=0, code="goal", level=ResultsLevel.GOAL, title="The goal"
    )
    contribution = Contribution.objects.create(
        reference="MATRIX-1",
        title="Support",
        partner=partner,
        organization=body,
        modality=modality,
        status=ContributionStatus.SIGNED,
        status_on=dt.date(2026, 1, 1),
        published=True,
    )
    needs = {
        country.code: Need.objects.create(
            title="Training seminars", country=country, kind=NeedKind.TECHNICAL, published=True
        ).pk
        for country in (persona_scope("party_a"), persona_scope("party_b"))
    }
    return ResourceRecords(partner.party.code, body.code, modality.code, contribution.pk, needs)


def resource_kwargs(
    records: ResourceRecords, params: set[str], instrument_id: int, party: str
) -> dict:
    fills = {
        "code": records.modality if "organization" in params else records.partner,
        "organization": records.organization,
        "instrument_id": instrument_id,
        "contribution_id": records.contribution_id,
        "need_id": records.need_ids[party],
    }
    return {key: value for key, value in fills.items() if key in params}


def resource_path(path: str, records: ResourceRecords, party: str) -> str:
    if path.startswith("/api/partners/"):
        return path.replace("{code}", records.partner)
    return path.replace("{contribution_id}", str(records.contribution_id)).replace(
        "{need_id}", str(records.need_ids[party])
    )


def resource_bodies(records: ResourceRecords, party: str = "FRA") -> dict[str, dict[str, Any]]:
    """The writes' bodies; a need is of ``party``, the calling persona's own."""
    return {
        "POST /api/needs": {"title": "Case management", "kind": "technical", "country": party},
        "POST /api/contributions": {
            "reference": "MATRIX-2",
            "title": "A pledge",
            "partner": records.partner,
            "organization": records.organization,
            "amount": "1000",
            "currency": "USD",
            "on": "2026-06-30",
        },
    }

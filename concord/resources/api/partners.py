"""Resource partners and funding modalities: public, as JSON or CSV."""

from typing import Any, Literal

from django.db.models import F, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from concord.accounts.selectors import instruments_open_to
from concord.indicators.api.lookups import READERS
from concord.indicators.api.tables import csv_response
from concord.pagination import Paged, PageQuery, paginate_query
from concord.resources.api.schemas import (
    NOT_FOUND,
    ModalityOut,
    PartnerDetailOut,
    PartnerOut,
    modality_data,
    partner_data,
    priority_data,
)
from concord.resources.models import FundingModality, ResourcePartner

router = Router(tags=["resources"])

PARTNER_ORDER = ("party__name", "id")


@router.get(
    "/partners",
    response=Paged[PartnerOut],
    auth=READERS,
    summary="List the resource partners",
    description="States, the European Union, financial institutions, foundations, companies and "
    "local authorities that fund, with their IATI organisation type. `format=csv` gives all.",
)
def partner_list(
    request: HttpRequest, page: Query[PageQuery], format: Literal["json", "csv"] = "json"
) -> Any:
    qs = ResourcePartner.objects.select_related("party")
    if format == "csv":
        rows = (list(partner_data(p).values()) for p in qs.order_by(*PARTNER_ORDER))
        return csv_response("partners", list(PartnerOut.model_fields), rows)
    return paginate_query(qs, page, key=PARTNER_ORDER).as_dict(partner_data)


@router.get(
    "/partners/{code}",
    response={200: PartnerDetailOut, **NOT_FOUND},
    auth=READERS,
    summary="Read a resource partner",
    description="A partner and what it prefers to fund: results, provisions, SDG targets, "
    "countries, modalities, and when.",
)
def partner_detail(request: HttpRequest, code: str) -> Any:
    partner = (
        ResourcePartner.objects.select_related("party").filter(party__code__iexact=code).first()
    )
    if partner is None:
        raise HttpError(404, _("No resource partner with the code %(code)s.") % {"code": code})
    priorities = partner.priorities.select_related("node", "country", "modality").exclude(
        Q(node__isnull=False) & ~Q(node__framework__in=instruments_open_to(request.user))
    )
    return {
        **partner_data(partner),
        "note": partner.note,
        "priorities": [priority_data(p) for p in priorities],
    }


@router.get(
    "/modalities",
    response=list[ModalityOut],
    auth=READERS,
    summary="List the funding modalities",
    description="Each organization's ways of receiving voluntary contributions, with their "
    "earmarking and their windows. `organization=` a body's code.",
)
def modality_list(
    request: HttpRequest, organization: str | None = None, format: Literal["json", "csv"] = "json"
) -> Any:
    qs = FundingModality.objects.select_related("organization", "parent")
    if organization:
        qs = qs.filter(organization__code=organization)
    # Each modality before its windows, on every database alike.
    ordered = qs.order_by("organization__code", F("parent_id").asc(nulls_first=True), "code")
    rows = [modality_data(m) for m in ordered]
    if format == "csv":
        return csv_response(
            "modalities", list(ModalityOut.model_fields), (list(r.values()) for r in rows)
        )
    return rows

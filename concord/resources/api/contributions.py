"""Contributions: the ones the caller may see (published ones for everyone; the others for the
receiving organization's secretariat and the partner itself), and recording one."""

from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from concord.accounts.auth import session_auth, token_auth
from concord.accounts.selectors import instruments_open_to
from concord.api_errors import refusals
from concord.indicators.api.lookups import READERS
from concord.indicators.api.schemas import number_text
from concord.indicators.api.tables import csv_response
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import Body, Party, ResultsNode
from concord.resources.api.schemas import (
    NOT_FOUND,
    REFUSED,
    ContributionDetailOut,
    ContributionFilters,
    ContributionIn,
    ContributionOut,
    contribution_data,
)
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
)
from concord.resources.models import Contribution, FundingModality, ResourcePartner
from concord.resources.visibility import contributions_visible_to

router = Router(tags=["resources"])

ORDER = ("-status_on", "reference", "id")
ONLY_RECORDERS = _(
    "Only the receiving organization's secretariat records contributions; a partner records "
    "its own pledges."
)


def _listed(user: Any, filters: ContributionFilters):
    qs = contributions_visible_to(user).select_related(
        "partner__party", "organization", "modality", "country"
    )
    if filters.partner:
        qs = qs.filter(partner__party__code__iexact=filters.partner)
    if filters.organization:
        qs = qs.filter(organization__code=filters.organization)
    if filters.modality:
        qs = qs.filter(modality__code=filters.modality) | qs.filter(
            modality__parent__code=filters.modality
        )
    if filters.country:
        qs = qs.filter(country__code__iexact=filters.country)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


@router.get(
    "/contributions",
    response=Paged[ContributionOut],
    auth=READERS,
    summary="List contributions",
    description="Published contributions for everyone; unpublished ones for the receiving "
    "organization's secretariat and the partner itself. `format=csv` gives the whole list.",
)
def contribution_list(
    request: HttpRequest,
    filters: Query[ContributionFilters],
    page: Query[PageQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    qs = _listed(request.user, filters)
    if format == "csv":
        rows = (
            list(contribution_data(c).values())
            for c in qs.order_by(*ORDER).iterator(chunk_size=2000)
        )
        return csv_response("contributions", list(ContributionOut.model_fields), rows)
    return paginate_query(qs, page, key=ORDER).as_dict(contribution_data)


def _detail(contribution: Contribution, user: Any) -> dict[str, Any]:
    return {
        **contribution_data(contribution),
        "note": contribution.note,
        "status_history": [
            {"status": c.status, "on": c.on} for c in contribution.status_changes.all()
        ],
        "allocations": [
            {
                "node": a.node.code,
                "node_id": a.node_id,
                "share": number_text(a.share),
                "amount": number_text(a.amount),
            }
            for a in contribution.allocations.select_related("node").filter(
                node__framework__in=instruments_open_to(user)
            )
        ],
        "expenditures": [
            {"period": e.period.code, "amount": number_text(e.amount)}
            for e in contribution.expenditures.select_related("period")
        ],
    }


@router.get(
    "/contributions/{contribution_id}",
    response={200: ContributionDetailOut, **NOT_FOUND},
    auth=READERS,
    summary="Read a contribution",
    description="With its status history, its allocations to the results framework and what "
    "was spent of it. 404 for one you may not see.",
)
def contribution_detail(request: HttpRequest, contribution_id: int) -> Any:
    contribution = _listed(request.user, ContributionFilters()).filter(pk=contribution_id).first()
    if contribution is None:
        raise HttpError(404, _("No contribution with the id %(id)s.") % {"id": contribution_id})
    return _detail(contribution, request.user)


def _named(model_or_records, field: str, value: str | None, message: str):
    if not value:
        return None
    records = getattr(model_or_records, "objects", model_or_records)
    found = records.filter(**{field: value}).first()
    if found is None:
        raise HttpError(422, message % {"code": value})
    return found


@router.post(
    "/contributions",
    response={201: ContributionDetailOut, **REFUSED},
    auth=[token_auth, session_auth],
    summary="Record a contribution",
    description="The receiving organization's secretariat records a contribution at any status "
    "with its allocations (shares or amounts adding up to at most all of it); a partner records "
    "its own pledge (status `pipeline`). Nothing is written if any part is refused.",
)
def contribution_new(request: HttpRequest, payload: ContributionIn) -> Any:
    partner = _named(
        ResourcePartner,
        "party__code__iexact",
        payload.partner,
        _("No resource partner with the code %(code)s."),
    )
    organization = _named(Body, "code", payload.organization, _("No body with the code %(code)s."))
    modality = (
        _named(
            FundingModality.objects.filter(organization=organization),
            "code",
            payload.modality,
            _("No funding modality of the organization with the code %(code)s."),
        )
        if organization
        else None
    )
    country = _named(Party, "code__iexact", payload.country, _("No party with the code %(code)s."))
    # Only the results of frameworks the caller may open can be named.
    open_nodes = ResultsNode.objects.filter(framework__in=instruments_open_to(request.user))
    nodes = {n.pk: n for n in open_nodes.filter(pk__in=[a.node for a in payload.allocations])}
    missing = [a.node for a in payload.allocations if a.node not in nodes]
    if missing:
        raise HttpError(
            422, _("No results-framework node with the id %(code)s.") % {"code": missing[0]}
        )
    data = ContributionData(
        title=payload.title,
        modality=modality,
        country=country,
        region=payload.region,
        amount=payload.amount,
        currency=payload.currency,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        source=payload.source,
        note=payload.note,
    )
    with refusals(ONLY_RECORDERS), transaction.atomic():
        contribution = contribution_create(
            user=request.user,
            partner=partner,
            organization=organization,
            reference=payload.reference,
            status=payload.status,
            on=payload.on,
            data=data,
        )
        if payload.allocations:
            allocations_set(
                user=request.user,
                contribution=contribution,
                shares=[Share(nodes[a.node], a.share, a.amount) for a in payload.allocations],
            )
    return Status(201, _detail(contribution, request.user))

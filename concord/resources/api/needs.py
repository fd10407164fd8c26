"""Needs and matching: the needs the caller may see, the partners' priorities that cover one
(ranked, with their reasons and the duplicate-funding flag), and recording a need."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status
from ninja.errors import HttpError, ValidationError

from concord.accounts.auth import session_auth, token_auth
from concord.api_errors import body_field, unprocessable
from concord.indicators.api.lookups import READERS
from concord.indicators.api.tables import csv_response
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import Party, ResultsNode
from concord.resources.api.need_schemas import (
    CSV_COLUMNS,
    NeedFilters,
    NeedIn,
    NeedMatchesOut,
    NeedOut,
    matches_data,
    need_csv_row,
    need_row,
)
from concord.resources.api.schemas import NOT_FOUND, REFUSED
from concord.resources.matching import matches_for, uncovered_needs
from concord.resources.models import Need
from concord.resources.needs import NeedData, need_create, needs_visible_to

router = Router(tags=["resources"])

ORDER = ("title", "id")
ONLY_RECORDERS = gettext_lazy(
    "Only the secretariat and the country's focal points record its needs."
)


def _listed(user: Any, filters: NeedFilters):
    qs = needs_visible_to(user).select_related("country", "support_need")
    if filters.country:
        qs = qs.filter(country__code__iexact=filters.country)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.node is not None:
        qs = qs.filter(nodes=filters.node)
    if filters.uncovered:
        qs = qs.filter(pk__in=[need.pk for need in uncovered_needs(qs, user)])
    return qs


def _rows(user: Any, needs: list[Need]) -> list[dict[str, Any]]:
    left = {need.pk for need in uncovered_needs(needs, user)}
    return [need_row(need, covered=need.pk not in left) for need in needs]


@router.get(
    "/needs",
    response=Paged[NeedOut],
    auth=READERS,
    summary="List needs",
    description="What countries and reform projects need from outside: published needs for "
    "everyone; unpublished ones for the secretariat and the country's focal points. "
    "`uncovered=true` keeps those no partner's priority covers. `format=csv` gives all.",
)
def need_list(
    request: HttpRequest,
    filters: Query[NeedFilters],
    page: Query[PageQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    qs = _listed(request.user, filters).prefetch_related("nodes")
    if format == "csv":
        rows = _rows(request.user, list(qs.order_by(*ORDER)))
        return csv_response("needs", CSV_COLUMNS, (need_csv_row(row) for row in rows))
    found = paginate_query(qs, page, key=ORDER)
    answer = found.as_dict()
    answer["items"] = _rows(request.user, found.rows)
    return answer


def _visible(user: Any, need_id: int) -> Need:
    need = (
        needs_visible_to(user)
        .select_related("country", "support_need")
        .prefetch_related("nodes")
        .filter(pk=need_id)
        .first()
    )
    if need is None:
        raise HttpError(404, _("No need with the id %(id)s.") % {"id": need_id})
    return need


@router.get(
    "/needs/{need_id}",
    response={200: NeedOut, **NOT_FOUND},
    auth=READERS,
    summary="Read a need",
    description="404 for one you may not see.",
)
def need_detail(request: HttpRequest, need_id: int) -> Any:
    need = _visible(request.user, need_id)
    return _rows(request.user, [need])[0]


@router.get(
    "/needs/{need_id}/matches",
    response={200: NeedMatchesOut, **NOT_FOUND},
    auth=READERS,
    summary="Match a need with the partners' priorities",
    description="The partners' priorities that cover the need, best first, each with its score "
    "and its reasons (same result or one above or under it, same provision, country, SDG "
    "target or goal, a modality money can go through, overlapping dates), and flagged "
    "`duplicate` when another partner already funds the need (seed 000's donor coordination).",
)
def need_matches(request: HttpRequest, need_id: int) -> Any:
    need = _visible(request.user, need_id)
    return matches_data(matches_for(need, request.user))


@router.post(
    "/needs",
    response={201: NeedOut, **REFUSED},
    auth=[token_auth, session_auth],
    summary="Record a need",
    description="The secretariat records any country's need; a focal point their country's. "
    "Only the secretariat publishes one (`published: true`). Results are node ids of a "
    "framework you may see; SDG targets are checked against the UN list.",
)
def need_new(request: HttpRequest, payload: NeedIn) -> Any:
    country = None
    if payload.country:
        country = Party.objects.filter(code__iexact=payload.country).first()
        if country is None:
            raise _refused(
                "country", _("No party with the code %(code)s.") % {"code": payload.country}
            )
    nodes = {n.pk: n for n in ResultsNode.objects.filter(pk__in=payload.nodes)}
    missing = [pk for pk in payload.nodes if pk not in nodes]
    if missing:
        raise _refused(
            "nodes", _("No results-framework node with the id %(id)s.") % {"id": missing[0]}
        )
    data = NeedData(
        title=payload.title,
        kind=payload.kind,
        country=country,
        description=payload.description,
        amount=payload.amount,
        currency=payload.currency,
        nodes=[nodes[pk] for pk in payload.nodes],
        sdg_targets=payload.sdg_targets,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        source=payload.source,
        published=payload.published,
    )
    try:
        need = need_create(user=request.user, data=data)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or str(ONLY_RECORDERS)) from None
    except DjangoValidationError as exc:
        raise unprocessable(exc, location=body_field) from None
    return Status(201, _rows(request.user, [need])[0])


def _refused(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["body", field], "msg": message}])

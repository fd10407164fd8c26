"""Cooperation requests, as JSON: the list, drafting and sending, following up, the procedure.

Every operation needs a person (401). A request is seen by its requesting body's cooperation
officers and, once sent, by the central authority of the party addressed; for anyone else it
does not exist (404, the same as an id that was never given). Officers write a request's
content; the party's authority its progress (403 for a write the caller may not make). Bad
input is 422 naming the field, with nothing written. Reading a request's detail is logged.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from concord.accounts.auth import signed_in
from concord.api_errors import refusals
from concord.cooperation import requesting
from concord.cooperation.api.lookups import (
    REFUSED,
    as_422,
    body_named,
    party_named,
    patched,
    person_named,
    request_or_404,
)
from concord.cooperation.api.rendering import (
    reading_data,
    request_data,
    request_detail_data,
    request_detailed,
    requests_listed,
    step_data,
)
from concord.cooperation.api.schemas import (
    ReadingOut,
    RequestChangeIn,
    RequestFilters,
    RequestIn,
    RequestOut,
    RequestSummaryOut,
    StepIn,
    StepOut,
)
from concord.cooperation.models import RequestStatus
from concord.cooperation.reading import readings_of, record_reading
from concord.cooperation.visibility import officer_body_ids
from concord.pagination import Paged, PageQuery, paginate_query

router = Router(tags=["cooperation"])

ONLY_OFFICERS = gettext_lazy("Only the requesting body's cooperation officers draft its requests.")
NOT_YOURS = gettext_lazy("You may not make this change to this request.")
ONLY_OFFICERS_PROCEDURE = gettext_lazy(
    "Only the requesting body's cooperation officers record the non-cooperation procedure."
)
ONLY_OFFICERS_READINGS = gettext_lazy(
    "Only the requesting body's cooperation officers see who read its requests."
)

CONTENT = ("kind", "legal_basis", "asked", "channel", "classification", "unseal_on", "deadline")


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return request_detail_data(request_detailed(request.user, pk), request.user)


@router.get(
    "/requests",
    response={200: Paged[RequestSummaryOut], 401: REFUSED[401]},
    auth=signed_in,
    url_name="cooperation_requests",
    summary="List the cooperation requests you follow",
    description="The requests of the bodies you are a cooperation officer of (and of their "
    "organs), and those sent to the party you are the central authority of; newest first. "
    "Filter by `status`, `kind`, `party` (code), `body` (the requesting body's code) and `year` "
    "of sending. `count` counts only requests you may see. What a request asks is not listed: "
    "read it on the request itself, where the reading is logged.",
)
def request_list(request: HttpRequest, filters: Query[RequestFilters], page: Query[PageQuery]):
    qs = requests_listed(request.user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.party:
        qs = qs.filter(party__code=filters.party)
    if filters.body:
        qs = qs.filter(requesting_body__code=filters.body)
    if filters.year:
        qs = qs.filter(sent_on__year=filters.year)
    bodies = officer_body_ids(request.user)
    return paginate_query(qs, page, key=("-id",)).as_dict(
        lambda row: request_data(row, officer_bodies=bodies)
    )


@router.post(
    "/requests",
    response={201: RequestOut, **REFUSED},
    auth=signed_in,
    summary="Draft a cooperation request",
    description="A request of `requesting_body` to `party`, drafted by the body's cooperation "
    "officers (403 for anyone else); `person` is the id of a person concerned by one of the "
    "body's cases, `related` the ids of requests you see. With `send: true` the request is sent "
    "at once, dated today; otherwise it stays a draft, which the party does not see. A request "
    "under seal (`classification: sealed`) needs `unseal_on`.",
)
def request_create(request: HttpRequest, payload: RequestIn) -> Any:
    user = request.user
    with refusals(ONLY_OFFICERS, as_422=as_422):
        if not user.has_perm("cooperation.add_cooperationrequest"):
            raise PermissionDenied
        body = body_named(payload.requesting_body)
        party = party_named(payload.party)
        person = person_named(user, payload.person)
        with transaction.atomic():
            created = requesting.request_create(
                user=user,
                requesting_body=body,
                party=party,
                fields=payload.model_dump(include=set(CONTENT)),
                person=person,
                related=payload.related,
            )
            if payload.send:
                requesting.request_update(
                    user=user, request=created, changes={"status": RequestStatus.SENT}
                )
    return Status(201, _detail(request, created.pk))


@router.get(
    "/requests/{request_id}",
    response={200: RequestOut, **REFUSED},
    auth=signed_in,
    url_name="cooperation_request",
    summary="Show a cooperation request",
    description="Everything about a request you follow, with the non-cooperation procedure's "
    "steps and the ids of the assets concerning it. The reading is logged. 404 for a request "
    "you may not see, as for one that does not exist.",
)
def request_detail(request: HttpRequest, request_id: int) -> Any:
    found = request_or_404(request.user, request_id)
    record_reading(request.user, "request", request=found)
    return _detail(request, found.pk)


@router.patch(
    "/requests/{request_id}",
    response={200: RequestOut, **REFUSED},
    auth=signed_in,
    summary="Change a cooperation request",
    description="Change the fields given. The requesting body's officers write its content "
    "(`legal_basis`, `asked`, `channel`, `classification`, `unseal_on`, `deadline`, `related`) "
    "and its outcome; while it is a draft also `kind`, `party` (code) and `person` (id), and "
    "they send it (`status: sent`) or withdraw it. The party's central authority writes its "
    "progress only (`status`, `acknowledged_on`, `executed_on`). A field you may not write, "
    "or a move the request's status does not allow, is 422 naming it; a move that is only the "
    "officers' is 403. The answer shows the whole request, and that reading is logged.",
)
def request_update(request: HttpRequest, request_id: int, payload: RequestChangeIn) -> Any:
    user = request.user
    found = request_or_404(user, request_id)
    with refusals(NOT_YOURS, as_422=as_422):
        changes = patched(
            payload.model_dump(exclude_unset=True),
            required={"kind", "party", "asked", "channel", "classification", "status"},
            emptied={"legal_basis": "", "related": []},
        )
        if "party" in changes:
            changes["party"] = party_named(changes["party"])
        if "person" in changes:
            changes["person"] = person_named(user, changes["person"])
        requesting.request_update(user=user, request=found, changes=changes)
    record_reading(user, "request", request=found)
    return _detail(request, found.pk)


@router.post(
    "/requests/{request_id}/steps",
    response={201: StepOut, **REFUSED},
    auth=signed_in,
    summary="Record a step of the non-cooperation procedure",
    description="For a request not (fully) executed (422 at `kind` otherwise): its referral to "
    "the procedure, a consultation, a finding, a referral to the Assembly or the Security "
    "Council, or the closing of the procedure. The requesting body's officers (403 for the "
    "party). The steps appear in the request, in order.",
)
def step_create(request: HttpRequest, request_id: int, payload: StepIn) -> Any:
    found = request_or_404(request.user, request_id)
    with refusals(ONLY_OFFICERS_PROCEDURE, as_422=as_422):
        step = requesting.step_add(
            user=request.user,
            request=found,
            kind=payload.kind,
            taken_on=payload.taken_on,
            note=payload.note,
        )
    return Status(201, step_data(step))


@router.get(
    "/requests/{request_id}/readings",
    response={200: Paged[ReadingOut], **REFUSED},
    auth=signed_in,
    url_name="cooperation_readings",
    summary="List who read a cooperation request",
    description="Each reading of the request, its replies and their files: who, what, when, "
    "and from where (a page or the API), newest first. For the requesting body's officers "
    "(403 for the party's authority).",
)
def reading_list(request: HttpRequest, request_id: int, page: Query[PageQuery]) -> Any:
    found = request_or_404(request.user, request_id)
    if not request.user.has_perm("cooperation.view_reading", found):
        return Status(403, {"detail": str(ONLY_OFFICERS_READINGS)})
    return paginate_query(readings_of(found), page, key=("-id",)).as_dict(reading_data)

"""Persons concerned, and every asset reported about one of them across States, as JSON.

Only the requesting body's cooperation officers see the persons its cases concern; for anyone
else a person does not exist (404, as for an id never given). Reading a person's assets is
logged.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from concord.accounts.auth import signed_in
from concord.api_errors import refusals
from concord.cooperation import requesting
from concord.cooperation.api.lookups import REFUSED, as_422, body_named, person_or_404
from concord.cooperation.api.rendering import asset_data, person_data
from concord.cooperation.api.schemas import (
    DecisionIn,
    DecisionOut,
    PersonIn,
    PersonOut,
    PiecedOut,
)
from concord.cooperation.models import MatchDecision, PersonConcerned
from concord.cooperation.piecing import COMPETING_CLAIM_RULE, match_decide, pieced
from concord.cooperation.reading import record_reading
from concord.cooperation.visibility import persons_visible_to, requests_visible_to
from concord.pagination import Paged, PageQuery, paginate_query

router = Router(tags=["cooperation"])

ONLY_OFFICERS = gettext_lazy(
    "Only the body's cooperation officers record the persons its cases concern."
)
ONLY_OFFICERS_DECIDE = gettext_lazy("Only the body's cooperation officers decide name matches.")


def decision_data(decision: MatchDecision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "first": decision.first_id,
        "second": decision.second_id,
        "verdict": decision.verdict,
        "decided_by": decision.decided_by.get_username(),
        "decided_at": decision.decided_at,
    }


def pieced_data(person: PersonConcerned, user: Any) -> dict[str, Any]:
    """Return every asset reported about ``person``, its holders, suggestions and claims."""
    seen = set(requests_visible_to(user).values_list("pk", flat=True))
    found = pieced(person, seen)
    for asset in found.assets:
        asset.seen = [r for r in asset.requests.all() if r.pk in seen]
    rule = str(COMPETING_CLAIM_RULE)
    return {
        "person": person_data(person),
        "assets": [asset_data(asset) for asset in found.assets],
        "holders": [[name.key for name in group] for group in found.holders],
        "suggestions": [
            {
                "a": s.a.key,
                "b": s.b.key,
                "a_name": s.a.text,
                "b_name": s.b.text,
                "a_party": s.a.source,
                "b_party": s.b.source,
                "score": s.score,
                "reasons": list(s.reasons),
            }
            for s in found.suggestions
        ],
        "competing_claims": [{"asset": asset.pk, "rule": rule} for asset in found.competing],
        "decisions": [decision_data(d) for d in found.decisions],
        "fictitious": person.fictitious,
    }


@router.get(
    "/persons",
    response={200: Paged[PersonOut], 401: REFUSED[401]},
    auth=signed_in,
    summary="List the persons concerned",
    description="The persons concerned by the cases of the bodies you are a cooperation "
    "officer of, in the order recorded; empty for anyone else.",
)
def person_list(request: HttpRequest, page: Query[PageQuery]) -> Any:
    qs = persons_visible_to(request.user).select_related("requesting_body")
    listed = paginate_query(qs, page, key=("id",))
    for person in listed.rows:
        record_reading(request.user, "person", person=person)
    return listed.as_dict(person_data)


@router.post(
    "/persons",
    response={201: PersonOut, **REFUSED},
    auth=signed_in,
    summary="Record a person concerned",
    description="The person a case of `requesting_body` concerns, under whose name its "
    "officers piece the replies of every State together. The body's cooperation officers "
    "(403 for anyone else).",
)
def person_create(request: HttpRequest, payload: PersonIn) -> Any:
    user = request.user
    with refusals(ONLY_OFFICERS, as_422=as_422):
        if not user.has_perm("cooperation.add_personconcerned"):
            raise PermissionDenied
        person = requesting.person_create(
            user=user,
            requesting_body=body_named(payload.requesting_body),
            name=payload.name,
            case=payload.case,
        )
    return Status(201, person_data(person))


@router.get(
    "/persons/{person_id}/assets",
    response={200: PiecedOut, **REFUSED},
    auth=signed_in,
    url_name="cooperation_person_assets",
    summary="Piece together a person's assets",
    description="Every asset reported in any State's reply to a request concerning the person, "
    "with the party that reported it and the requests concerning it; `holders` groups the "
    "assets whose holders are one entity (as confirmed), `suggestions` the possible matches "
    "still to decide, with their evidence, best first; `competing_claims` the assets frozen "
    "under a Security Council sanctions measure and requested by a Court request, with the rule "
    "to apply. The reading is logged.",
)
def person_assets(request: HttpRequest, person_id: int) -> Any:
    person = person_or_404(request.user, person_id)
    record_reading(request.user, "assets", person=person)
    return pieced_data(person, request.user)


@router.post(
    "/persons/{person_id}/matches",
    response={201: DecisionOut, **REFUSED},
    auth=signed_in,
    summary="Decide a suggested name match",
    description="Say whether the holders of two of the person's assets (`first`, `second`) are "
    "one entity (`confirmed`) or not (`rejected`); a pair is decided once. Confirmed pairs "
    "group the holders; rejected ones are not suggested again.",
)
def match_create(request: HttpRequest, person_id: int, payload: DecisionIn) -> Any:
    person = person_or_404(request.user, person_id)
    with refusals(ONLY_OFFICERS_DECIDE, as_422=as_422):
        decision = match_decide(
            user=request.user,
            person=person,
            first=payload.first,
            second=payload.second,
            verdict=payload.verdict,
        )
    return Status(201, decision_data(decision))

"""Reviews of submissions and the recommendations they issue, with the parties' follow-up.

A submission's reviews are read by whoever sees the submission, their internal parts only by
its party's reviewers and the instrument's secretariat. A recommendation is public once
published; before that only its party's focal points and reviewers and the instrument's
secretariat see it, and anyone else gets 404, as for one that does not exist.
"""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import Party, Provision
from concord.registry.schemas import Code, Out
from concord.reporting import planning, recommending, reviewing, selectors
from concord.reporting.answers import TEXT_MAX_LENGTH
from concord.reporting.api.lookups import NOT_FOUND, REFUSED, as_422, submission_or_404
from concord.reporting.models import FollowUp, Priority, Recommendation, Review

router = Router(tags=["reporting"])


# NUL characters and over-long texts are refused by the services, naming the field.
LongText = Annotated[str, Field(max_length=TEXT_MAX_LENGTH)]


def _invalid(field: str, message: str) -> Exception:
    return as_422(DjangoValidationError({field: message}))


def _not_found(recommendation_id: int) -> HttpError:
    return HttpError(404, _("No recommendation with id %(id)s.") % {"id": recommendation_id})


# Shapes -----------------------------------------------------------------------------------


class ReviewItemIn(Schema):
    rating: str = Field("", description="An implementation status, or empty.")
    comment: LongText = ""
    internal: bool = Field(False, description="Kept from the party and the public.")


class ReviewIn(Schema):
    rating: str = Field("", description="The overall rating: an implementation status, or empty.")
    comment: LongText = ""
    internal: bool = Field(False, description="Keep the whole review from the party.")
    items: dict[str, ReviewItemIn] = Field(
        default_factory=dict, description="Keyed by provision reference or q<id>, like answers."
    )


class ReviewItemOut(Out):
    key: str
    rating: str
    comment: str
    internal: bool


class ReviewOut(Out):
    id: int
    author: str | None = Field(description="Shown to those who read the internal comments.")
    rating: str
    comment: str
    internal: bool
    created_at: dt.datetime
    items: list[ReviewItemOut]


class RecommendationIn(Schema):
    cycle: int
    party: Code = Field(description="The code of a party reporting in the cycle.")
    text: LongText
    provisions: list[Code] = Field(default_factory=list, description="Provision references.")
    priority: Priority = Priority.MEDIUM
    due_date: dt.date | None = None
    review: int | None = Field(None, description="The review it comes from.")


class PatchIn(Schema):
    text: LongText | None = None
    provisions: list[Code] | None = None
    priority: Priority | None = None
    due_date: dt.date | None = Field(None, description="null clears it.")


class FollowUpIn(Schema):
    status: FollowUp
    response: LongText = ""
    cycle: int | None = Field(None, description="A later cycle of the same instrument.")


class FollowUpOut(Out):
    status: FollowUp
    response: str
    cycle: int | None
    created_at: dt.datetime


class RecommendationOut(Out):
    id: int
    cycle: int
    instrument: int
    party: str
    review: int | None
    text: str
    provisions: list[str]
    priority: Priority
    due_date: dt.date | None
    status: FollowUp = Field(description="The latest follow-up.")
    response: str = Field(description="The party's latest response.")
    issued_at: dt.datetime
    published_at: dt.datetime | None


class RecommendationDetailOut(RecommendationOut):
    follow_ups: list[FollowUpOut] = Field(description="Every follow-up, oldest first.")


def _fields(record: Any, names: tuple[str, ...]) -> dict:
    return {name: getattr(record, name) for name in names}


def review_data(review: Review, *, show_author: bool) -> dict:
    return {
        **_fields(review, ("rating", "comment", "internal", "created_at")),
        "id": review.pk,
        "author": review.author.get_username() if show_author else None,
        "items": [
            {"key": item.question.key, **_fields(item, ("rating", "comment", "internal"))}
            for item in review.shown_items
        ],
    }


RECOMMENDATION_FIELDS = ("text", "priority", "due_date", "status", "response", "issued_at")


def recommendation_data(recommendation: Recommendation) -> dict:
    return {
        **_fields(recommendation, (*RECOMMENDATION_FIELDS, "published_at")),
        "id": recommendation.pk,
        "cycle": recommendation.cycle_id,
        "instrument": recommendation.cycle.instrument_id,
        "party": recommendation.party.code,
        "review": recommendation.review_id,
        "provisions": [p.ref for p in recommendation.provisions.all()],
    }


def _detail(request: HttpRequest, recommendation_id: int) -> dict:
    recommendation = _visible_or_404(request, recommendation_id)
    updates = recommendation.updates.order_by("created_at", "id")
    return {
        **recommendation_data(recommendation),
        "follow_ups": [
            {**_fields(u, ("status", "response", "created_at")), "cycle": u.cycle_id}
            for u in updates
        ],
    }


def _visible(request: HttpRequest):
    return recommending.recommendations_visible(request.user).prefetch_related(
        Prefetch("provisions", queryset=Provision.objects.order_by("seq"))
    )


def _visible_or_404(request: HttpRequest, recommendation_id: int) -> Recommendation:
    recommendation = _visible(request).filter(pk=recommendation_id).first()
    if recommendation is None:
        raise _not_found(recommendation_id)
    return recommendation


def _cycle_or_422(request: HttpRequest, cycle_id: int):
    cycle = selectors.cycles_visible(request.user).filter(pk=cycle_id).first()
    if cycle is None:
        raise _invalid("cycle", _("No reporting cycle with this id."))
    return cycle


# Reviews ----------------------------------------------------------------------------------


@router.get(
    "/cycles/{cycle_id}/submissions/{party}/reviews",
    response={200: list[ReviewOut], **NOT_FOUND},
    summary="List a submission's reviews",
    description="To whoever sees the submission; internal reviews and comments only to the "
    "party's reviewers and the instrument's secretariat.",
)
def review_list(request: HttpRequest, cycle_id: int, party: str) -> list[dict]:
    submission = submission_or_404(request, cycle_id, party)
    show_author = request.user.has_perm("reporting.view_internal_review", submission)
    return [
        review_data(review, show_author=show_author)
        for review in reviewing.reviews_visible(request.user, submission)
    ]


@router.post(
    "/cycles/{cycle_id}/submissions/{party}/reviews",
    response={201: ReviewOut, **REFUSED},
    auth=signed_in,
    summary="Review a submission",
    description="Rate and comment a submitted or accepted submission, overall and per question "
    "(the party's reviewers and the instrument's secretariat).",
)
def review_create(request: HttpRequest, cycle_id: int, party: str, payload: ReviewIn) -> Any:
    submission = submission_or_404(request, cycle_id, party)
    user = request.user
    if not user.has_perm("reporting.add_review", submission):
        return Status(403, {"detail": _("Only the party's reviewers and the secretariat review.")})
    if submission.pk is None:
        raise _invalid("status", _("This submission has not been started."))
    try:
        review = reviewing.review_create(submission=submission, user=user, **payload.model_dump())
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    shown = next(r for r in reviewing.reviews_visible(user, submission) if r.pk == review.pk)
    return Status(201, review_data(shown, show_author=True))


# Recommendations --------------------------------------------------------------------------


class RecommendationFilters(Schema):
    party: Code | None = Field(None, description="A party's code.")
    instrument: int | None = None
    cycle: int | None = None
    status: FollowUp | None = Field(None, description="The latest follow-up status.")


@router.get(
    "/recommendations",
    response=Paged[RecommendationOut],
    summary="List recommendations",
    description="Published ones, and the unpublished ones the caller may see (their party's, or "
    "their instrument's as secretariat), ordered by id.",
)
def recommendation_list(
    request: HttpRequest, filters: Query[RecommendationFilters], page: Query[PageQuery]
) -> dict:
    lookups = {
        "party__code": filters.party,
        "cycle__instrument_id": filters.instrument,
        "cycle_id": filters.cycle,
        "status": filters.status,
    }
    qs = _visible(request).filter(**{k: v for k, v in lookups.items() if v not in (None, "")})
    return paginate_query(qs, page, key=("id",)).as_dict(recommendation_data)


@router.post(
    "/recommendations",
    response={201: RecommendationDetailOut, **REFUSED},
    auth=signed_in,
    summary="Issue a recommendation",
    description="To a party reporting in the cycle, unpublished until the secretariat publishes "
    "it (the party's reviewers and the instrument's secretariat).",
)
def recommendation_create(request: HttpRequest, payload: RecommendationIn) -> Any:
    user = request.user
    refused = Status(403, {"detail": _("Only reviewers and the secretariat issue these.")})
    if not user.has_perm("reporting.add_recommendation"):
        return refused
    cycle = _cycle_or_422(request, payload.cycle)
    party = Party.objects.filter(code=payload.party).first()
    if party is None:
        raise _invalid("party", _("No party with this code."))
    if not user.has_perm("reporting.add_recommendation", Recommendation(cycle=cycle, party=party)):
        return refused
    review = None
    if payload.review is not None:
        review = Review.objects.select_related("submission").filter(pk=payload.review).first()
        if review is None:
            raise _invalid("review", _("No review with this id."))
    try:
        recommendation = recommending.recommendation_issue(
            cycle=cycle,
            party=party,
            user=user,
            text=payload.text,
            provisions=planning.provisions_named(cycle.instrument_id, payload.provisions),
            priority=payload.priority,
            due_date=payload.due_date,
            review=review,
        )
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return Status(201, _detail(request, recommendation.pk))


@router.get(
    "/recommendations/{recommendation_id}",
    response={200: RecommendationDetailOut, **NOT_FOUND},
    summary="Show a recommendation",
    description="With its follow-ups, oldest first.",
)
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> dict:
    return _detail(request, recommendation_id)


@router.patch(
    "/recommendations/{recommendation_id}",
    response={200: RecommendationDetailOut, **REFUSED},
    auth=signed_in,
    summary="Correct a recommendation",
    description="Its text, provisions, priority or due date, while unpublished (the party's "
    "reviewers and the instrument's secretariat); fields left out stay as they are.",
)
def recommendation_change(request: HttpRequest, recommendation_id: int, payload: PatchIn) -> Any:
    recommendation = _visible_or_404(request, recommendation_id)
    if not request.user.has_perm("reporting.change_recommendation", recommendation):
        raise _not_found(recommendation_id)
    changes = payload.model_dump(exclude_unset=True)
    for field in ("text", "priority"):
        if field in changes and changes[field] is None:
            raise _invalid(field, _("This field cannot be null."))
    try:
        if changes.get("provisions") is not None:
            changes["provisions"] = planning.provisions_named(
                recommendation.cycle.instrument_id, changes["provisions"]
            )
        recommending.recommendation_change(
            recommendation=recommendation, user=request.user, **changes
        )
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return _detail(request, recommendation_id)


@router.post(
    "/recommendations/{recommendation_id}/follow-ups",
    response={201: RecommendationDetailOut, **REFUSED},
    auth=signed_in,
    summary="Follow up a recommendation",
    description="Record its status and the party's response, optionally in a later cycle of the "
    "same instrument (the party's focal points and the instrument's secretariat).",
)
def follow_up_create(request: HttpRequest, recommendation_id: int, payload: FollowUpIn) -> Any:
    recommendation = _visible_or_404(request, recommendation_id)
    if not request.user.has_perm("reporting.respond_recommendation", recommendation):
        detail = _("Only the party's focal points and the secretariat follow it up.")
        return Status(403, {"detail": detail})
    cycle = None if payload.cycle is None else _cycle_or_422(request, payload.cycle)
    try:
        fields = {**payload.model_dump(), "cycle": cycle, "user": request.user}
        recommending.recommendation_follow_up(recommendation=recommendation, **fields)
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return Status(201, _detail(request, recommendation_id))


@router.post(
    "/recommendations/{recommendation_id}/publish",
    response={200: RecommendationDetailOut, **REFUSED},
    auth=signed_in,
    summary="Publish a recommendation",
    description="Make it public; its wording is fixed from then on (the instrument's secretariat).",
)
def recommendation_publish(request: HttpRequest, recommendation_id: int) -> Any:
    recommendation = _visible_or_404(request, recommendation_id)
    try:
        recommending.recommendation_publish(recommendation=recommendation, user=request.user)
    except PermissionDenied:
        return Status(403, {"detail": _("Only the instrument's secretariat publishes.")})
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return _detail(request, recommendation_id)

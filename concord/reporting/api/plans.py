"""Parties' implementation plans (planned actions) and reform projects with their reviews.

Reads: an action or a project is public once its party publishes it (under a published
instrument); before that only the party's focal points and reviewers and the instrument's
secretariat see it, and anyone else gets 404, exactly as for one that does not exist. Writes
need a person (401 otherwise). Only the party's focal points add, change and publish; a person
who may not change a record gets 404 for it; the steering group (the party's reviewers, the
instrument's secretariat) reviews a published project.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.api_errors import refusals
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.schemas import Code, NulFree, Out, Text
from concord.reporting import planning, projects
from concord.reporting.answers import ImplementationStatus
from concord.reporting.api.lookups import NOT_FOUND, REFUSED, as_422
from concord.reporting.models import (
    PlanAction,
    PlanStatus,
    ProjectStage,
    ReformProject,
    SupportKind,
)
from concord.reporting.recommending import recommendations_visible

router = Router(tags=["reporting"])

# Shapes -------------------------------------------------------------------------------------


class ActionChangeIn(Schema):
    title: Text
    lead_institution: Text
    description: Annotated[str, Field(max_length=20_000), NulFree] = ""
    partners: Annotated[str, Field(max_length=5_000), NulFree] = ""
    due_date: dt.date | None = None
    status: PlanStatus = PlanStatus.PLANNED
    indicators: Annotated[str, Field(max_length=5_000), NulFree] = ""
    recommendations: list[int] = Field(
        default_factory=list, description="Ids of the party's recommendations it answers."
    )
    provisions: list[Code] = Field(
        default_factory=list, description="References of the instrument's provisions it answers."
    )


class ActionIn(ActionChangeIn):
    party: Code = Field(description="The party's code.")
    instrument: int


class ActionOut(Out):
    id: int
    party: str
    instrument: int
    title: str
    description: str
    lead_institution: str
    partners: str
    due_date: dt.date | None
    status: PlanStatus
    indicators: str
    recommendations: list[int] = Field(description="Those the caller may see.")
    provisions: list[str]
    published_at: dt.datetime | None


class SupportNeedIn(Schema):
    kind: SupportKind
    description: Annotated[str, Field(max_length=5_000), NulFree] = ""
    amount: Decimal | None = Field(None, description="With its currency; zero or more.")
    currency: Annotated[str, Field(max_length=8, description="ISO 4217, e.g. USD."), NulFree] = ""


class SupportNeedOut(Out):
    kind: SupportKind
    description: str
    amount: Decimal | None
    currency: str


class ProjectChangeIn(Schema):
    title: Text
    priority_area: Text
    objectives: Annotated[str, Field(max_length=20_000), NulFree]
    responsible_agency: Text
    means: Annotated[str, Field(max_length=20_000), NulFree] = ""
    outcomes: Annotated[str, Field(max_length=20_000), NulFree] = ""
    impacts: Annotated[str, Field(max_length=20_000), NulFree] = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    provisions: list[Code] = Field(
        default_factory=list, description="References of the instrument's provisions it serves."
    )
    support_needs: list[SupportNeedIn] | None = Field(
        None, description="Replace the stored ones when given; left out, they stay."
    )


class ProjectIn(ProjectChangeIn):
    party: Code = Field(description="The party's code.")
    instrument: int
    support_needs: list[SupportNeedIn] = Field(default_factory=list)


class ReviewIn(Schema):
    stage: ProjectStage
    rating: ImplementationStatus | None = Field(None, description="Progress, when rated.")
    assessment: Annotated[str, Field(max_length=20_000), NulFree]
    reviewed_on: dt.date


class ReviewOut(Out):
    id: int
    stage: ProjectStage
    rating: ImplementationStatus | None
    assessment: str
    reviewed_on: dt.date


class ProjectOut(Out):
    id: int
    party: str
    instrument: int
    title: str
    priority_area: str
    objectives: str
    means: str
    outcomes: str
    impacts: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    responsible_agency: str
    provisions: list[str]
    support_needs: list[SupportNeedOut]
    reviews: list[ReviewOut]
    published_at: dt.datetime | None


class ProjectFilters(Schema):
    party: Code | None = Field(None, description="A party's code.")
    instrument: int | None = None


class ActionFilters(ProjectFilters):
    recommendation: int | None = Field(None, description="Actions answering this one.")
    status: PlanStatus | None = None


# Lookups ------------------------------------------------------------------------------------


def _visible_or_404(qs, pk: int, message: str, user: Any, to: str = ""):
    """Return the record the caller sees (and, with ``to``, holds that permission on)."""
    record = qs.filter(pk=pk).first()
    if record is None or (to and not user.has_perm(to, record)):
        raise HttpError(404, message % {"id": pk})
    return record


def _action_or_404(request: HttpRequest, action_id: int, *, to: str = "") -> PlanAction:
    qs = planning.actions_visible(request.user)
    return _visible_or_404(qs, action_id, _("No planned action with id %(id)s."), request.user, to)


def _project_or_404(request: HttpRequest, project_id: int, *, to: str = "") -> ReformProject:
    qs = planning.projects_visible(request.user)
    message = _("No reform project with id %(id)s.")
    return _visible_or_404(qs, project_id, message, request.user, to)


def _action_content(request: HttpRequest, instrument_id: int, payload: ActionChangeIn):
    fields = payload.model_dump(exclude={"party", "instrument", "recommendations", "provisions"})
    return planning.ActionContent(
        **fields,
        recommendations=planning.recommendations_named(request.user, payload.recommendations),
        provisions=planning.provisions_named(instrument_id, payload.provisions),
    )


def _project_content(instrument_id: int, payload: ProjectChangeIn) -> projects.ProjectContent:
    fields = payload.model_dump(exclude={"party", "instrument", "provisions", "support_needs"})
    needs = payload.support_needs
    return projects.ProjectContent(
        **fields,
        provisions=planning.provisions_named(instrument_id, payload.provisions),
        support_needs=None
        if needs is None
        else [projects.SupportNeedSpec(**need.model_dump()) for need in needs],
    )


FOCAL_POINTS_ONLY = gettext_lazy("Only the party's focal points plan its actions and projects.")
STEERING_GROUP_ONLY = gettext_lazy(
    "Only the party's reviewers and the instrument's secretariat review its projects."
)


# Planned actions ----------------------------------------------------------------------------


@router.get(
    "/plan-actions",
    response=Paged[ActionOut],
    summary="List planned actions",
    description="Published actions, and the drafts the caller may see, ordered by id.",
)
def action_list(request: HttpRequest, filters: Query[ActionFilters], page: Query[PageQuery]):
    qs = planning.actions_visible(request.user)
    if filters.party:
        qs = qs.filter(party__code=filters.party)
    if filters.instrument:
        qs = qs.filter(instrument_id=filters.instrument)
    if filters.recommendation:
        # Only by a recommendation the caller may see: the filter must not tell of the others.
        visible = recommendations_visible(request.user).filter(pk=filters.recommendation)
        qs = qs.filter(recommendations__in=visible)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return paginate_query(qs, page, key=("id",)).as_dict(planning.action_data)


@router.post(
    "/plan-actions",
    response={201: ActionOut, **REFUSED},
    auth=signed_in,
    summary="Plan an action",
    description="Add a draft action to a party's implementation plan, answering recommendations "
    "to that party (ids) and provisions of the instrument (references). The party's focal "
    "points only; nobody else sees it until they publish it.",
)
def action_create(request: HttpRequest, payload: ActionIn) -> Any:
    user = request.user
    with refusals(FOCAL_POINTS_ONLY, as_422=as_422):
        if not user.has_perm("reporting.add_planaction"):
            raise PermissionDenied
        party = planning.party_named(payload.party)
        if not user.has_perm("reporting.add_planaction", PlanAction(party=party)):
            raise PermissionDenied
        instrument = planning.instrument_named(user, payload.instrument)
        action = planning.action_create(
            user=user,
            party=party,
            instrument=instrument,
            content=_action_content(request, instrument.pk, payload),
        )
    return Status(201, planning.action_data(planning.actions_visible(user).get(pk=action.pk)))


@router.get(
    "/plan-actions/{action_id}",
    response={200: ActionOut, **NOT_FOUND},
    summary="Show a planned action",
)
def action_detail(request: HttpRequest, action_id: int) -> dict:
    return planning.action_data(_action_or_404(request, action_id))


@router.put(
    "/plan-actions/{action_id}",
    response={200: ActionOut, **REFUSED},
    auth=signed_in,
    summary="Change a planned action",
    description="Replace what it says, its status and what it answers (the party's focal "
    "points; 404 for anyone else).",
)
def action_update(request: HttpRequest, action_id: int, payload: ActionChangeIn) -> dict:
    action = _action_or_404(request, action_id, to="reporting.change_planaction")
    with refusals(FOCAL_POINTS_ONLY, as_422=as_422):
        content = _action_content(request, action.instrument_id, payload)
        planning.action_update(action=action, user=request.user, content=content)
    return planning.action_data(planning.actions_visible(request.user).get(pk=action.pk))


@router.post(
    "/plan-actions/{action_id}/publish",
    response={200: ActionOut, **REFUSED},
    auth=signed_in,
    summary="Publish a planned action",
    description="Make a draft public (the party's focal points); a published one is 422.",
)
def action_publish(request: HttpRequest, action_id: int) -> dict:
    action = _action_or_404(request, action_id)
    with refusals(FOCAL_POINTS_ONLY, as_422=as_422):
        planning.action_publish(action=action, user=request.user)
    return planning.action_data(planning.actions_visible(request.user).get(pk=action.pk))


# Reform projects ----------------------------------------------------------------------------


@router.get(
    "/reform-projects",
    response=Paged[ProjectOut],
    summary="List reform projects",
    description="Published projects, and the drafts the caller may see, with their support "
    "needs and reviews, ordered by id.",
)
def project_list(request: HttpRequest, filters: Query[ProjectFilters], page: Query[PageQuery]):
    qs = planning.projects_visible(request.user)
    if filters.party:
        qs = qs.filter(party__code=filters.party)
    if filters.instrument:
        qs = qs.filter(instrument_id=filters.instrument)
    return paginate_query(qs, page, key=("id",)).as_dict(projects.project_data)


@router.post(
    "/reform-projects",
    response={201: ProjectOut, **REFUSED},
    auth=signed_in,
    summary="Propose a reform project",
    description="Add a party's draft reform project: priority area, objectives, means, "
    "measurable outcomes and impacts, time frame, responsible agency, and the outside support "
    "it needs (kind; an amount with its ISO 4217 currency). The party's focal points only.",
)
def project_create(request: HttpRequest, payload: ProjectIn) -> Any:
    user = request.user
    with refusals(FOCAL_POINTS_ONLY, as_422=as_422):
        if not user.has_perm("reporting.add_reformproject"):
            raise PermissionDenied
        party = planning.party_named(payload.party)
        if not user.has_perm("reporting.add_reformproject", ReformProject(party=party)):
            raise PermissionDenied
        instrument = planning.instrument_named(user, payload.instrument)
        project = projects.project_create(
            user=user,
            party=party,
            instrument=instrument,
            content=_project_content(instrument.pk, payload),
        )
    return Status(201, projects.project_data(planning.projects_visible(user).get(pk=project.pk)))


@router.get(
    "/reform-projects/{project_id}",
    response={200: ProjectOut, **NOT_FOUND},
    summary="Show a reform project",
    description="With its support needs and the steering group's midterm and final reviews.",
)
def project_detail(request: HttpRequest, project_id: int) -> dict:
    return projects.project_data(_project_or_404(request, project_id))


@router.put(
    "/reform-projects/{project_id}",
    response={200: ProjectOut, **REFUSED},
    auth=signed_in,
    summary="Change a reform project",
    description="Replace what it says; `support_needs`, when given, replace the stored ones "
    "(the party's focal points; 404 for anyone else).",
)
def project_update(request: HttpRequest, project_id: int, payload: ProjectChangeIn) -> dict:
    project = _project_or_404(request, project_id, to="reporting.change_reformproject")
    with refusals(FOCAL_POINTS_ONLY, as_422=as_422):
        content = _project_content(project.instrument_id, payload)
        projects.project_update(project=project, user=request.user, content=content)
    return projects.project_data(planning.projects_visible(request.user).get(pk=project.pk))


@router.post(
    "/reform-projects/{project_id}/publish",
    response={200: ProjectOut, **REFUSED},
    auth=signed_in,
    summary="Publish a reform project",
    description="Make a draft public (the party's focal points); a published one is 422.",
)
def project_publish(request: HttpRequest, project_id: int) -> dict:
    project = _project_or_404(request, project_id)
    with refusals(FOCAL_POINTS_ONLY, as_422=as_422):
        projects.project_publish(project=project, user=request.user)
    return projects.project_data(planning.projects_visible(request.user).get(pk=project.pk))


@router.post(
    "/reform-projects/{project_id}/reviews",
    response={201: ReviewOut, **REFUSED},
    auth=signed_in,
    summary="Review a reform project",
    description="The steering group's midterm or final review of a published project, one of "
    "each, not dated before the project starts (the party's reviewers and the instrument's "
    "secretariat).",
)
def project_review(request: HttpRequest, project_id: int, payload: ReviewIn) -> Any:
    project = _project_or_404(request, project_id)
    with refusals(STEERING_GROUP_ONLY, as_422=as_422):
        review = projects.project_review(
            project=project,
            user=request.user,
            stage=payload.stage,
            assessment=payload.assessment,
            reviewed_on=payload.reviewed_on,
            rating=payload.rating or "",
        )
    return Status(201, projects.review_data(review))

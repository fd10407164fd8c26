"""Reporting cycles, their questionnaires and the parties' submissions, as JSON.

Reads: a cycle is public when its instrument is published; a submission is public once
published, and before that only its party's focal points and reviewers and the instrument's
secretariat see it. Anyone else gets 404, exactly as for a submission that does not exist.
Writes need a person (401 otherwise); one whose role may not gets 403.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from concord.accounts.auth import signed_in
from concord.indicators import periods
from concord.indicators.models import Indicator, Period
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import Instrument, Party
from concord.reporting import figures, schemas, selectors, services
from concord.reporting.api.lookups import (
    NOT_FOUND,
    REFUSED,
    answerable_or_404,
    as_422,
    cycle_or_404,
)
from concord.reporting.models import Submission, SubmissionStatus

router = Router(tags=["reporting"])


def _submission_answer(submission: Submission, user: Any) -> dict:
    """The submission as the caller may read it: a responsible body, its own figures only."""
    answers = selectors.submission_answers(submission) if submission.pk else []
    if not selectors.submission_visible(user, submission):
        answerable = figures.answerable_questions(user, submission) or set()
        answers = [answer for answer in answers if answer.question_id in answerable]
    return schemas.submission_data(submission, answers)


def _period(code: str | None) -> Period | None:
    """The indicator period of a code, recorded the first time (422 on indicator_period)."""
    if code is None:
        return None
    try:
        return periods.period_for(code)
    except DjangoValidationError as exc:
        raise as_422(DjangoValidationError({"indicator_period": exc.messages})) from None


# Cycles -----------------------------------------------------------------------------------


@router.get(
    "/cycles",
    response=Paged[schemas.CycleOut],
    summary="List reporting cycles",
    description="The cycles of published instruments (and, for their secretariat, of the "
    "others), ordered by id.",
)
def cycle_list(request: HttpRequest, page: Query[PageQuery]) -> dict:
    qs = selectors.cycles_visible(request.user)
    return paginate_query(qs, page, key=("id",)).as_dict(schemas.cycle_data)


@router.post(
    "/cycles",
    response={201: schemas.CycleOut, **REFUSED},
    auth=signed_in,
    summary="Open a reporting cycle",
    description="Open a cycle on an instrument and build its questionnaire: a status question "
    "per provision in scope, in document order, then the free questions (the instrument's "
    "secretariat only).",
)
def cycle_create(request: HttpRequest, payload: schemas.CycleIn) -> Any:
    user = request.user
    if not user.has_perm("reporting.add_reportingcycle"):
        return Status(403, {"detail": _("Only the secretariat opens reporting cycles.")})
    instrument = Instrument.objects.filter(pk=payload.instrument).first()
    if instrument is None:
        return Status(
            404, {"detail": _("No instrument with id %(id)s.") % {"id": payload.instrument}}
        )
    if not user.has_perm("reporting.add_reportingcycle", instrument):
        return Status(403, {"detail": _("You are not the secretariat of this instrument.")})
    parties = list(Party.objects.filter(code__in=payload.parties))
    provisions = list(instrument.provisions.filter(ref__in=payload.provisions))
    indicators = list(Indicator.objects.filter(code__in=payload.indicators))
    missing = [
        ("parties", set(payload.parties) - {p.code for p in parties}),
        ("provisions", set(payload.provisions) - {p.ref for p in provisions}),
        ("indicators", set(payload.indicators) - {i.code for i in indicators}),
    ]
    for field, unknown in missing:
        if unknown:
            raise as_422(
                DjangoValidationError(
                    {field: _("Unknown: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}}
                )
            )
    try:
        with transaction.atomic():
            cycle = services.cycle_open(
                user=user,
                instrument=instrument,
                name=payload.name,
                phase=payload.phase,
                period_start=payload.period_start,
                period_end=payload.period_end,
                opens_on=payload.opens_on,
                deadline=payload.deadline,
                parties=parties,
                provisions=provisions,
                indicator_period=_period(payload.indicator_period),
                indicators=indicators,
                scale=payload.scale,
                free_questions=[q.model_dump() for q in payload.questions],
            )
    except PermissionDenied:
        return Status(403, {"detail": _("You are not the secretariat of this instrument.")})
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return Status(201, schemas.cycle_data(selectors.cycles_visible(user).get(pk=cycle.pk)))


@router.get(
    "/cycles/{cycle_id}",
    response={200: schemas.CycleOut, **NOT_FOUND},
    summary="Show a reporting cycle",
)
def cycle_detail(request: HttpRequest, cycle_id: int) -> dict:
    return schemas.cycle_data(cycle_or_404(request, cycle_id))


@router.get(
    "/cycles/{cycle_id}/questionnaire",
    response={200: list[schemas.QuestionOut], **NOT_FOUND},
    summary="Show a cycle's questionnaire",
    description="Its questions in order; answers are keyed by each question's `key`.",
)
def questionnaire(request: HttpRequest, cycle_id: int) -> list[dict]:
    cycle = cycle_or_404(request, cycle_id)
    questions = cycle.questions.select_related("provision", "indicator__responsible_body")
    return [schemas.question_data(q) for q in questions]


# Submissions ------------------------------------------------------------------------------


@router.get(
    "/cycles/{cycle_id}/submissions/{party}",
    response={200: schemas.SubmissionOut, **NOT_FOUND},
    summary="Show a party's submission",
    description="Public once published; before that, only to the party's focal points and "
    "reviewers and the instrument's secretariat (404 for anyone else). A submission not yet "
    "started reads as an empty draft of version 0.",
)
def submission_detail(request: HttpRequest, cycle_id: int, party: str) -> dict:
    return _submission_answer(answerable_or_404(request, cycle_id, party), request.user)


@router.put(
    "/cycles/{cycle_id}/submissions/{party}",
    response={200: schemas.SubmissionOut, 409: schemas.ConflictOut, **REFUSED},
    auth=signed_in,
    summary="Save a party's answers",
    description="Save answers (the party's focal points, while a draft or returned; the body "
    "responsible for an indicator the cycle asks the figure of, that figure only: 403 naming "
    "the others). `version` must be the one the answers were read from: if someone saved "
    "since, the answer is 409 and nothing changes.",
)
def submission_save(
    request: HttpRequest, cycle_id: int, party: str, payload: schemas.SubmissionIn
) -> Any:
    submission = answerable_or_404(request, cycle_id, party)
    user = request.user
    try:
        if submission.pk is None:
            submission = services.submission_get_or_start(
                cycle=submission.cycle, party=submission.party, user=user
            )
        saved = services.answers_save(
            submission=submission,
            answers=payload.answers,
            expected_version=payload.version,
            user=user,
        )
    except PermissionDenied as exc:
        detail = str(exc) or _("Only the party's focal points edit its answers.")
        return Status(403, {"detail": detail})
    except services.StaleVersion as exc:
        return Status(
            409,
            {
                "detail": _(
                    "Someone saved this submission since you read it (version %(sent)s; it is "
                    "now %(current)s). Reload it and make your changes again."
                )
                % {"sent": payload.version, "current": exc.current},
                "version": exc.current,
            },
        )
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return _submission_answer(saved, user)


def _transition(request: HttpRequest, cycle_id: int, party: str, target: str, comment: str) -> Any:
    submission = answerable_or_404(request, cycle_id, party)
    if submission.pk is None:
        raise HttpError(404, _("This submission has not been started."))
    try:
        moved = services.submission_transition(
            submission=submission, target=target, user=request.user, comment=comment
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Your role does not allow this step.")})
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    return _submission_answer(moved, request.user)


def _transition_operation(action: str, target: str, summary: str, who: str) -> None:
    @router.post(
        f"/cycles/{{cycle_id}}/submissions/{{party}}/{action}",
        response={200: schemas.SubmissionOut, **REFUSED},
        auth=signed_in,
        summary=summary,
        description=who,
        operation_id=f"submission_{action}",
    )
    def operation(
        request: HttpRequest,
        cycle_id: int,
        party: str,
        payload: schemas.TransitionIn,
    ) -> Any:
        return _transition(request, cycle_id, party, target, payload.comment)


_transition_operation(
    "submit",
    SubmissionStatus.SUBMITTED,
    "Submit",
    "A draft or returned submission, by the party's focal points.",
)
_transition_operation(
    "return",
    SubmissionStatus.RETURNED,
    "Return for revision",
    "A submitted submission, by the party's reviewers or the instrument's secretariat.",
)
_transition_operation(
    "accept",
    SubmissionStatus.ACCEPTED,
    "Accept",
    "A submitted submission, by the party's reviewers or the instrument's secretariat.",
)
_transition_operation(
    "publish",
    SubmissionStatus.PUBLISHED,
    "Publish",
    "An accepted submission, by the instrument's secretariat.",
)

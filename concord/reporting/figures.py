"""Questions on indicators: who answers them, and the figures their answers become.

A cycle with an indicator period (a quarter of Resolution 19's quarterly reports, say) asks, per
indicator, for the party's figure for that period. In the party's submission, the indicator's
responsible body answers its own indicators' questions and nothing else; the party's focal
points answer everything and submit, as for any cycle.

When the submission is submitted, each indicator answer becomes the party's figure through
``indicators.entry.value_put``, entered by the person who gave the answer (so it waits for the
secretariat's approval like any focal point's figure, unless the secretariat gave it), citing
the cycle. When the submission is accepted or returned, those figures are approved or returned
with the review's comment, by the person taking the step if they may approve figures (the
indicator's secretariat); a reviewer's step leaves them waiting for the secretariat on the
indicators' pages. Each of these runs inside the step's own transaction: both or neither.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from concord.indicators.entry import Figure, as_number, value_put, value_review
from concord.indicators.models import Approval, Value
from concord.reporting.models import Answer, Question, ReportingCycle, ReviewItem, Submission


def answerable_questions(user: Any, submission: Submission) -> set[int] | None:
    """Return the ids of the questions the caller may answer: None when they may answer all."""
    if user.has_perm("reporting.change_submission", submission):
        return None
    questions = submission.cycle.questions.filter(indicator__isnull=False).select_related(
        "indicator"
    )
    return {
        question.pk
        for question in questions
        if user.has_perm(
            "reporting.change_answer", Answer(submission=submission, question=question)
        )
    }


def check_figure(value: Any) -> None:
    """Refuse a number that cannot be recorded as a figure (too large, too many decimals)."""
    number = as_number(value)
    Value._meta.get_field("number").run_validators(number)


def figure_source(cycle: ReportingCycle) -> str:
    """How a figure cites the cycle it was reported in: stored, so in the language of record."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(name)s, reporting cycle %(id)s") % {"name": cycle.name, "id": cycle.pk}


def figures_enter(*, submission: Submission, user: Any) -> list[Value]:
    """Enter each indicator answer of a submission as the party's figure for the cycle's period.

    Raises ValidationError naming ``answers.<key>`` when a figure cannot be entered (its period
    is locked, or whoever gave it may no longer enter it); the caller's transaction then leaves
    nothing written.
    """
    cycle = submission.cycle
    if cycle.indicator_period_id is None:
        return []
    answers = submission.answers.filter(question__indicator__isnull=False).select_related(
        "question__indicator", "answered_by"
    )
    entered = []
    for answer in answers:
        question = answer.question
        person = answer.answered_by or user
        try:
            figure = value_put(
                user=person,
                indicator=question.indicator,
                period=cycle.indicator_period,
                figure=Figure(number=answer.value, source=figure_source(cycle), note=answer.note),
                party=submission.party,
            )
        except PermissionDenied:
            raise ValidationError(
                {
                    f"answers.{question.key}": _(
                        "%(person)s, who gave this figure, may no longer enter figures of "
                        "%(indicator)s: answer it again as someone who may."
                    )
                    % {"person": person.get_username(), "indicator": question.indicator.code}
                }
            ) from None
        except ValidationError as exc:
            raise ValidationError({f"answers.{question.key}": exc.messages}) from None
        answer.figure = figure
        answer._history_user = user
        answer.save(update_fields=["figure"])
        entered.append(figure)
    return entered


def _return_comment(submission: Submission, question: Question, comment: str) -> str:
    """The reason a figure is returned: the review's word on its question, else on the whole."""
    since = {"created_at__gte": submission.submitted_at} if submission.submitted_at else {}
    item = (
        ReviewItem.objects.filter(
            review__submission=submission,
            review__internal=False,
            question=question,
            internal=False,
            **{f"review__{key}": value for key, value in since.items()},
        )
        .exclude(comment="")
        .order_by("-review__created_at", "-id")
        .first()
    )
    if item is not None:
        return item.comment
    if comment.strip():
        return comment.strip()
    review = (
        submission.reviews.filter(internal=False, **since)
        .exclude(comment="")
        .order_by("-created_at", "-id")
        .first()
    )
    if review is not None:
        return review.comment
    return _("Returned for revision with the submission to %(cycle)s.") % {
        "cycle": submission.cycle.name
    }


def figures_review(*, submission: Submission, user: Any, approve: bool, comment: str = "") -> int:
    """Approve (or return) the figures a submission entered, as far as the caller may.

    Only a figure still waiting and still the submission's number is reviewed: one corrected
    since on the indicators' pages is left to its own review there. Return how many were.
    """
    answers = submission.answers.filter(figure__isnull=False).select_related(
        "question", "figure__indicator"
    )
    reviewed = 0
    for answer in answers:
        figure = answer.figure
        if figure.approval != Approval.PENDING or not user.has_perm(
            "indicators.approve_value", figure
        ):
            continue
        if figure.number != as_number(answer.value):
            continue
        reason = "" if approve else _return_comment(submission, answer.question, comment)
        value_review(user=user, value=figure, approve=approve, comment=reason)
        reviewed += 1
    return reviewed

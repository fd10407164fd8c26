"""Carrying a party's answers of an earlier cycle forward as the starting draft of a later one.

So that a stocktaking is updated rather than retyped: each answer moves to the question of the
later cycle that asks the same (the question on the same provision, or the free question with
the same text and answer type), when its value still fits that question.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concord.registry.models import Party
from concord.reporting import selectors
from concord.reporting.answers import check_answer
from concord.reporting.models import (
    Answer,
    Question,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)


def _same_question_key(question: Question) -> tuple:
    if question.provision_id:
        return ("provision", question.provision_id)
    if question.indicator_id:
        return ("indicator", question.indicator_id)
    return ("free", question.text, question.answer_type)


def _check_cycles(cycle: ReportingCycle, from_cycle: ReportingCycle) -> None:
    earlier = (from_cycle.opens_on, from_cycle.pk) < (cycle.opens_on, cycle.pk)
    if from_cycle.instrument_id != cycle.instrument_id or not earlier:
        raise ValidationError(
            {"from_cycle": _("Carry answers forward from an earlier cycle of the same instrument.")}
        )


@transaction.atomic
def carry_forward(
    *, cycle: ReportingCycle, party: Party, from_cycle: ReportingCycle, user: Any
) -> Submission:
    """Start the party's draft in ``cycle`` from its answers in ``from_cycle``; return it.

    Only for a party that reports in ``cycle``, whose submission there does not exist yet or
    is an empty draft, by a focal point of the party who can see the earlier submission. An
    answer whose value no longer fits its question is left behind. All or nothing.
    """
    # Lock the cycle first: two carries into a submission not started yet would both create it.
    ReportingCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    existing = Submission.objects.select_for_update().filter(cycle=cycle, party=party).first()
    if not user.has_perm(
        "reporting.change_submission", existing or Submission(cycle=cycle, party=party)
    ):
        raise PermissionDenied
    if not cycle.parties.filter(pk=party.pk).exists():
        raise ValidationError({"party": _("This party does not report in this cycle.")})
    _check_cycles(cycle, from_cycle)
    earlier = Submission.objects.filter(cycle=from_cycle, party=party).first()
    if earlier is None or not selectors.submission_visible(user, earlier):
        raise ValidationError(
            {"from_cycle": _("This party has no submission in that cycle to carry forward.")}
        )
    if existing is not None and (
        existing.status != SubmissionStatus.DRAFT or existing.answers.exists()
    ):
        raise ValidationError(
            {
                "status": _(
                    "Answers are carried forward only into a draft not yet started; this "
                    "submission already has answers or has been submitted."
                )
            }
        )

    submission = existing or Submission(cycle=cycle, party=party)
    submission.carried_from = earlier
    submission.version += 1
    submission._history_user = user
    submission.save()

    targets = {_same_question_key(q): q for q in cycle.questions.all()}
    for answer in earlier.answers.select_related("question"):
        question = targets.get(_same_question_key(answer.question))
        if question is None:
            continue
        try:
            value = check_answer(question.answer_type, question.scale, answer.value)
        except ValidationError:
            continue
        copied = Answer(
            submission=submission,
            question=question,
            value=value,
            note=answer.note,
            answered_by=user,
        )
        copied._history_user = user
        copied.save()
    return submission

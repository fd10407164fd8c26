"""Reads of reporting, each limited to what the caller may see."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from concord.accounts.selectors import open_instruments_filter
from concord.registry.models import Party, Provision
from concord.reporting.models import Answer, ReportingCycle, Submission


def cycles_visible(user: Any) -> QuerySet[ReportingCycle]:
    """Return the cycles of published instruments, and those the caller runs as secretariat."""
    return (
        ReportingCycle.objects.filter(open_instruments_filter(user, path="instrument"))
        .select_related("indicator_period")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.order_by("code")),
            Prefetch("provisions", queryset=Provision.objects.order_by("seq")),
        )
    )


def submission_visible(user: Any, submission: Submission) -> bool:
    """Whether the caller may see the submission: anyone once published, else its people."""
    return submission.is_published or user.has_perm("reporting.view_submission", submission)


def submission_answers(submission: Submission) -> list[Answer]:
    return list(
        submission.answers.select_related("question__provision").order_by("question__order")
    )

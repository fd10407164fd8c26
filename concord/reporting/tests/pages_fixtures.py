"""What the page tests share: a cycle open today with a question of every answer type."""

import datetime as dt

from django.utils import timezone

from concord.reporting import services
from concord.reporting.answers import AnswerType
from concord.reporting.models import Question, ReportingCycle, Submission

FREE_QUESTIONS = [
    {
        "text": "Staff in the asset recovery office",
        "answer_type": AnswerType.NUMBER,
        "unit": "people",
    },
    {"text": "Is there a national strategy?", "answer_type": AnswerType.YES_NO},
    {"text": "Describe the main obstacles", "answer_type": AnswerType.TEXT},
    {"text": "When was the law adopted?", "answer_type": AnswerType.DATE},
    {"text": "Copies of the laws", "answer_type": AnswerType.EVIDENCE},
]


def open_today(
    instrument, user, parties, *, days_left: int = 20, name: str = "Self-assessment"
) -> ReportingCycle:
    """Open a cycle that opened ten days ago and ends in ``days_left`` days."""
    today = timezone.localdate()
    return services.cycle_open(
        user=user,
        instrument=instrument,
        name=name,
        phase="self_assessment",
        period_start=dt.date(today.year - 1, 1, 1),
        period_end=dt.date(today.year - 1, 12, 31),
        opens_on=today - dt.timedelta(days=10),
        deadline=today + dt.timedelta(days=days_left),
        parties=parties,
        provisions=instrument.provisions.filter(ref__in=["1", "2"]),
        free_questions=FREE_QUESTIONS,
    )


def question(cycle: ReportingCycle, answer_type: str) -> Question:
    return cycle.questions.filter(provision__isnull=True, answer_type=answer_type).get()


def save(submission_cycle, party, user, answers: dict) -> Submission:
    """Start the party's submission if needed and save ``answers`` at its current version."""
    submission = services.submission_get_or_start(cycle=submission_cycle, party=party, user=user)
    return services.answers_save(
        submission=submission, answers=answers, expected_version=submission.version, user=user
    )


def move(submission: Submission, target: str, user) -> Submission:
    return services.submission_transition(submission=submission, target=target, user=user)

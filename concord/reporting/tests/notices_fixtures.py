"""What the notice, reminder, calendar and late-list tests share: moves, deadlines, time zones."""

import datetime as dt

import pytest
from django.core import mail

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.ingestion.tests.uploading import run_worker
from concord.reporting import services
from concord.reporting.models import ReportingCycle, Submission, SubmissionStatus


def at(text: str) -> dt.datetime:
    """An instant given in UTC, ``"2026-03-31 11:00"``."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def move(cycle: ReportingCycle, party, *steps: tuple[object, str]) -> Submission:
    """Start the party's submission as its first step's person, then take each (person, status)."""
    submission = services.submission_get_or_start(cycle=cycle, party=party, user=steps[0][0])
    for person, target in steps:
        submission = services.submission_transition(
            submission=submission, target=target, user=person
        )
    return submission


def hand_in(cycle: ReportingCycle, party, focal_point) -> Submission:
    return move(cycle, party, (focal_point, SubmissionStatus.SUBMITTED))


def set_deadline(cycle: ReportingCycle, deadline: dt.date, opens_on: dt.date | None = None):
    cycle.deadline = deadline
    cycle.opens_on = opens_on or deadline - dt.timedelta(days=60)
    cycle.save()
    return cycle


def set_zone(cycle: ReportingCycle, name: str) -> ReportingCycle:
    body = cycle.instrument.body
    body.time_zone = name
    body.save()
    return ReportingCycle.objects.select_related("instrument__body").get(pk=cycle.pk)


def worker_mail() -> list:
    """Run the task worker until the queue is empty; return the e-mails sent so far."""
    run_worker()
    return mail.outbox


def recipients(messages) -> list[str]:
    return sorted(address for message in messages for address in message.to)


@pytest.fixture
def second_focal_point(db, party_a):
    """Another national focal point of France, as parties often have two."""
    return make_person("second-focal-point", (RoleKind.FOCAL_POINT, party_a))

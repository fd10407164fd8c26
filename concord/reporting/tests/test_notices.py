"""Notices of a return, an acceptance or a publication: to whom, what they say, and only once."""

import datetime as dt
import io
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concord.accounts.models import Role, RoleKind
from concord.conftest import make_person
from concord.registry.models import Publication
from concord.registry.tests.factories import InstrumentFactory
from concord.reporting.models import Notice, NoticeKind, SubmissionStatus
from concord.reporting.notices import submission_notices_send
from concord.reporting.tasks import submission_notify
from concord.reporting.tests.conftest import post
from concord.reporting.tests.notices_fixtures import *  # noqa: F403
from concord.reporting.tests.notices_fixtures import (
    hand_in,
    move,
    recipients,
    worker_mail,
)

FRANCE = ["focal-point@example.org", "second-focal-point@example.org"]


class RefusesFocalPoint(EmailBackend):
    """A mail server that refuses one of France's focal points and takes the rest."""

    def send_messages(self, messages):
        if any("focal-point@example.org" in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({"focal-point@example.org": (550, b"No")})
        return super().send_messages(messages)


class BrokenBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_return_is_told_to_the_partys_focal_points_once_though_the_worker_runs_twice(
    cycle, client_as, focal_point, second_focal_point, reviewer, django_capture_on_commit_callbacks
):
    url = f"/api/cycles/{cycle.pk}/submissions/FRA"
    fp = client_as(focal_point)
    saved = fp.put(url, {"version": 0, "answers": {}}, content_type="application/json")
    assert saved.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert post(fp, f"{url}/submit").status_code == 200
        assert post(client_as(reviewer), f"{url}/return", "Which laws?").status_code == 200

    assert recipients(worker_mail()) == FRANCE
    assert recipients(worker_mail()) == FRANCE

    message = mail.outbox[0]
    assert message.subject == ("“Stocktaking 2026”: the report of France is returned for revision")
    for fact in (
        "was returned for revision",
        "Comment: Which laws?",
        "Reporting cycle: Stocktaking 2026",
        "Instrument: TEST/RES/",
        "Action plan on asset recovery",
        "Party: France",
        "Deadline: March 31, 2026, to the end of that day in UTC (April 1, 2026, midnight UTC)",
        f"http://127.0.0.1:8000/reporting/cycles/{cycle.pk}/parties/FRA",
    ):
        assert fact in message.body
    submission = cycle.submissions.get(party__code="FRA")
    notices = Notice.objects.filter(kind=NoticeKind.RETURNED)
    assert sorted(notices.values_list("key", flat=True)) == sorted(
        f"returned:{submission.pk}:{submission.version}:{person.pk}"
        for person in (focal_point, second_focal_point)
    )
    assert all(notice.sent_at and notice.submission == submission for notice in notices)


def test_accepting_and_publishing_are_told_and_submitting_is_not(
    cycle, party_a, focal_point, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hand_in(cycle, party_a, focal_point)
    assert not DBTaskResult.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        move(cycle, party_a, (secretariat, SubmissionStatus.ACCEPTED))
    assert [m.subject for m in worker_mail()] == [
        "“Stocktaking 2026”: the report of France is accepted"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        move(cycle, party_a, (secretariat, SubmissionStatus.PUBLISHED))
    assert [m.subject for m in worker_mail()][1:] == [
        "“Stocktaking 2026”: the report of France is published"
    ]
    assert "everyone can now read it" in mail.outbox[1].body


def test_a_duplicate_enqueue_sends_nothing_more(cycle, party_a, focal_point, secretariat):
    submission = move(
        cycle,
        party_a,
        (focal_point, SubmissionStatus.SUBMITTED),
        (secretariat, SubmissionStatus.ACCEPTED),
    )
    for _ in range(2):
        submission_notify.enqueue(submission.pk, "accepted", submission.version, "")
    assert recipients(worker_mail()) == ["focal-point@example.org"]
    assert Notice.objects.count() == 1


def test_a_move_is_told_again_when_it_happens_again(
    cycle, party_a, focal_point, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _round in range(2):
            move(
                cycle,
                party_a,
                (focal_point, SubmissionStatus.SUBMITTED),
                (reviewer, SubmissionStatus.RETURNED),
            )
    assert len(worker_mail()) == 2
    assert Notice.objects.filter(kind=NoticeKind.RETURNED).count() == 2


def test_only_the_partys_focal_points_in_force_are_told(
    cycle,
    party_a,
    focal_point,
    other_focal_point,
    reviewer,
    secretariat,
    body_secretariat,
    partner,
):
    other_instrument = InstrumentFactory()
    elsewhere = make_person("elsewhere", (RoleKind.FOCAL_POINT, party_a))
    Role.objects.filter(user=elsewhere).update(instrument=other_instrument)
    here = make_person("here", (RoleKind.FOCAL_POINT, party_a))
    Role.objects.filter(user=here).update(instrument=cycle.instrument)
    former = make_person("former", (RoleKind.FOCAL_POINT, party_a))
    Role.objects.filter(user=former).update(
        starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2021, 1, 1)
    )
    inactive = make_person("inactive", (RoleKind.FOCAL_POINT, party_a))
    inactive.is_active = False
    inactive.save()
    unreachable = make_person("unreachable", (RoleKind.FOCAL_POINT, party_a))
    unreachable.email = ""
    unreachable.save()

    submission = move(
        cycle, party_a, (focal_point, SubmissionStatus.SUBMITTED), (reviewer, "returned")
    )
    sent = submission_notices_send(
        submission_id=submission.pk, status="returned", version=submission.version
    )
    assert sent == 2
    assert recipients(mail.outbox) == ["focal-point@example.org", "here@example.org"]


def test_a_submission_on_an_unpublished_instrument_is_not_told(
    cycle, party_a, focal_point, reviewer
):
    submission = move(
        cycle, party_a, (focal_point, SubmissionStatus.SUBMITTED), (reviewer, "returned")
    )
    type(cycle.instrument).objects.filter(pk=cycle.instrument_id).update(
        publication=Publication.IN_REVIEW
    )
    assert (
        submission_notices_send(
            submission_id=submission.pk, status="returned", version=submission.version
        )
        == 0
    )
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_notice_the_mail_server_refused_is_sent_on_the_next_run_and_only_then(
    cycle, party_a, focal_point, reviewer, settings
):
    submission = move(
        cycle, party_a, (focal_point, SubmissionStatus.SUBMITTED), (reviewer, "returned")
    )
    notice = {"submission_id": submission.pk, "status": "returned", "version": submission.version}
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        submission_notices_send(**notice)
    assert Notice.objects.get().sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert submission_notices_send(**notice) == 1
    assert submission_notices_send(**notice) == 0
    assert len(mail.outbox) == 1 and Notice.objects.get().sent_at is not None


def test_a_refused_notice_keeps_none_of_the_others_from_going_and_remind_resends_it(
    cycle, party_a, focal_point, second_focal_point, reviewer, settings
):
    submission = move(
        cycle, party_a, (focal_point, SubmissionStatus.SUBMITTED), (reviewer, "returned")
    )
    notice = {"submission_id": submission.pk, "status": "returned", "version": submission.version}
    settings.EMAIL_BACKEND = f"{__name__}.RefusesFocalPoint"
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        submission_notices_send(**notice)
    assert recipients(mail.outbox) == [second_focal_point.email]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Notice.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))
    call_command("remind", stdout=io.StringIO())
    assert recipients(worker_mail()) == FRANCE
    assert not Notice.objects.filter(sent_at__isnull=True).exists()

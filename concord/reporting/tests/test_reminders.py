"""Reminders before and after a deadline, in the body's time zone, and ``concord remind``."""

import datetime as dt
import io
import subprocess
import sys

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concord.registry.models import Publication
from concord.reporting.models import Notice, NoticeKind, SubmissionStatus
from concord.reporting.notices import reminder_send, reminders_due
from concord.reporting.tests.notices_fixtures import *  # noqa: F403
from concord.reporting.tests.notices_fixtures import (
    at,
    hand_in,
    move,
    recipients,
    set_deadline,
    set_zone,
    worker_mail,
)

pytestmark = pytest.mark.usefixtures("focal_point", "other_focal_point")


@pytest.fixture(autouse=True)
def seven_days(settings):
    settings.CONCORD_REMINDER_DAYS = 7


def due(now: str) -> list[tuple[str, str]]:
    return [(r.kind, r.party.code) for r in reminders_due(at(now))]


def test_a_reminder_is_due_within_the_days_before_the_deadline(cycle):
    # The deadline is 31 March 2026, in UTC (the body has no time zone of its own).
    assert due("2026-03-23 12:00") == []
    near = [("deadline_near", "FRA"), ("deadline_near", "UKR")]
    assert due("2026-03-24 00:00") == near
    assert due("2026-03-31 23:59") == near


def test_a_passed_reminder_is_due_once_the_deadline_has_ended_for_as_many_days(cycle):
    passed = [("deadline_passed", "FRA"), ("deadline_passed", "UKR")]
    assert due("2026-04-01 00:00") == passed
    assert due("2026-04-07 23:59") == passed
    assert due("2026-04-08 00:00") == []


def test_no_reminder_for_a_party_that_handed_in(cycle, party_a, focal_point, reviewer):
    hand_in(cycle, party_a, focal_point)
    assert due("2026-03-30 12:00") == [("deadline_near", "UKR")]
    assert due("2026-04-01 12:00") == [("deadline_passed", "UKR")]


def test_a_returned_submission_is_not_handed_in(cycle, party_a, focal_point, reviewer):
    move(cycle, party_a, (focal_point, SubmissionStatus.SUBMITTED), (reviewer, "returned"))
    assert ("deadline_passed", "FRA") in due("2026-04-01 12:00")


def test_the_deadline_falls_at_midnight_in_the_bodys_time_zone(cycle):
    # The end of 31 March in Auckland (UTC+13 in March) is 11:00 UTC that day.
    assert due("2026-03-31 11:00")[0][0] == "deadline_near"
    auckland = set_zone(cycle, "Pacific/Auckland")
    assert str(auckland.instrument.body.zone()) == "Pacific/Auckland"
    assert due("2026-03-31 10:59")[0][0] == "deadline_near"
    assert due("2026-03-31 11:00")[0][0] == "deadline_passed"
    # Seven days before starts on 24 March in Auckland, still the 23rd in UTC.
    assert due("2026-03-23 11:00")[0][0] == "deadline_near"
    assert due("2026-03-23 10:59") == []


def test_no_reminder_before_the_cycle_opens_or_on_an_unpublished_instrument(cycle):
    set_deadline(cycle, dt.date(2026, 3, 31), opens_on=dt.date(2026, 3, 30))
    assert due("2026-03-29 12:00") == []
    assert len(due("2026-03-30 12:00")) == 2
    type(cycle.instrument).objects.filter(pk=cycle.instrument_id).update(
        publication=Publication.IN_REVIEW
    )
    assert due("2026-03-30 12:00") == []


def test_a_reminder_names_the_deadline_in_the_bodys_time_zone(cycle, party_a):
    set_zone(cycle, "Pacific/Auckland")
    assert (
        reminder_send(
            kind="deadline_near", cycle_id=cycle.pk, party_id=party_a.pk, now=at("2026-03-29 12:00")
        )
        == 1
    )
    message = mail.outbox[0]
    assert message.to == ["focal-point@example.org"]
    assert message.subject == "Reminder: France reports on “Stocktaking 2026” by March 31, 2026"
    # 12:00 UTC on the 29th is already the 30th in Auckland.
    assert "The report of France is due in 1 day." in message.body
    assert (
        "Deadline: March 31, 2026, to the end of that day in Pacific/Auckland "
        "(March 31, 2026, 11 a.m. UTC)"
    ) in message.body
    assert f"http://127.0.0.1:8000/reporting/cycles/{cycle.pk}/parties/FRA" in message.body
    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.DEADLINE_NEAR
    assert notice.key == f"deadline_near:{cycle.pk}:{party_a.pk}:{notice.recipient_id}"


def test_each_reminder_goes_once_to_each_person(cycle, party_a, second_focal_point):
    for _ in range(2):
        reminder_send(
            kind="deadline_passed", cycle_id=cycle.pk, party_id=party_a.pk, now=at("2026-04-02")
        )
    assert recipients(mail.outbox) == ["focal-point@example.org", "second-focal-point@example.org"]
    assert "The deadline passed 2 days ago" in mail.outbox[0].body
    assert due("2026-04-03 12:00") == [("deadline_passed", "UKR")]


def test_a_reminder_the_mail_server_refused_is_due_again(cycle, party_a, settings):
    settings.EMAIL_BACKEND = "concord.reporting.tests.test_notices.BrokenBackend"
    with pytest.raises(OSError):
        reminder_send(
            kind="deadline_passed", cycle_id=cycle.pk, party_id=party_a.pk, now=at("2026-04-02")
        )
    assert Notice.objects.filter(sent_at__isnull=True).exists()
    assert ("deadline_passed", "FRA") in due("2026-04-03 12:00")


def test_a_reminder_is_not_sent_once_the_party_has_handed_in(cycle, party_a, focal_point):
    assert ("deadline_near", "FRA") in due("2026-03-30 12:00")
    hand_in(cycle, party_a, focal_point)
    sent = reminder_send(
        kind="deadline_near", cycle_id=cycle.pk, party_id=party_a.pk, now=at("2026-03-30 12:00")
    )
    assert sent == 0 and mail.outbox == [] and not Notice.objects.exists()


def test_a_reminder_no_longer_due_is_not_sent(cycle, party_a):
    sent = reminder_send(
        kind="deadline_near", cycle_id=cycle.pk, party_id=party_a.pk, now=at("2026-04-01 12:00")
    )
    assert sent == 0 and mail.outbox == []


@pytest.fixture
def due_today(cycle):
    return set_deadline(cycle, timezone.now().date() + dt.timedelta(days=3))


def remind(*args: str) -> str:
    out = io.StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_remind_enqueues_the_reminders_due_and_the_worker_sends_them_once(due_today):
    output = remind()
    assert "deadline_near: Stocktaking 2026" in output
    assert "France, to focal-point@example.org" in output
    assert "Ukraine, to other-focal-point@example.org" in output
    assert "Enqueued 2 reminders" in output
    assert DBTaskResult.objects.count() == 2

    assert recipients(worker_mail()) == ["focal-point@example.org", "other-focal-point@example.org"]
    assert "The report of France is due in 3 days." in mail.outbox[0].body + mail.outbox[1].body
    assert "Enqueued 0 reminders" in remind()
    assert len(worker_mail()) == 2


def test_remind_dry_run_changes_nothing(due_today):
    output = remind("--dry-run")
    assert "France, to focal-point@example.org" in output
    assert "Dry run: 2 reminders are due; nothing was enqueued." in output
    assert not DBTaskResult.objects.exists() and not Notice.objects.exists()
    assert worker_mail() == []


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CONCORD_REMINDER_DAYS", "soon", "CONCORD_REMINDER_DAYS='soon' is not a whole number."),
        ("CONCORD_REMINDER_DAYS", "0", "CONCORD_REMINDER_DAYS=0 is below the minimum of 1."),
        ("CONCORD_SITE_URL", "concord.example.org", "CONCORD_SITE_URL='concord.example.org'"),
    ],
)
def test_concord_refuses_a_bad_reminder_setting(name, value, message):
    result = subprocess.run(
        [sys.executable, "-m", "concord.cli", "check"],
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", name: value},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert message in result.stderr

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from concord.cooperation import reminders
from concord.cooperation.models import RequestStatus
from concord.cooperation.tests.conftest import make_request
from concord.reporting.models import NoticeKind
from concord.reporting.tests.notices_fixtures import recipients, worker_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_soon(officer, authority_a, registry_body, party_a, person_concerned):
    deadline = timezone.localdate() + dt.timedelta(days=3)
    return make_request(officer, registry_body, party_a, deadline=deadline)


def test_the_officer_and_the_partys_authority_are_reminded_once(due_soon, authority_b):
    [due] = reminders.reminders_due()
    assert due.kind == NoticeKind.REQUEST_DUE
    assert [p.username for p in due.recipients] == ["officer", "authority-a"]
    sent = reminders.reminder_send(kind=due.kind, request_id=due_soon.pk)
    assert sent == 2
    assert recipients(mail.outbox) == ["authority-a@example.org", "officer@example.org"]
    message = mail.outbox[0]
    assert due_soon.reference in message.subject
    assert "Identify" not in message.body and "/cooperation/" in message.body
    assert reminders.reminder_send(kind=due.kind, request_id=due_soon.pk) == 0
    assert reminders.reminders_due() == []


def test_a_request_executed_or_far_off_needs_no_reminder(due_soon, officer):
    requesting_today = timezone.localdate()
    assert reminders.reminder_kind(due_soon, requesting_today - dt.timedelta(days=30)) is None
    assert (
        reminders.reminder_kind(due_soon, requesting_today + dt.timedelta(days=5))
        == NoticeKind.REQUEST_LATE
    )
    due_soon.status = RequestStatus.EXECUTED
    assert reminders.reminder_kind(due_soon, requesting_today) is None


def test_a_draft_reminds_nobody(officer, registry_body, party_a):
    make_request(officer, registry_body, party_a, send=False, deadline=timezone.localdate())
    assert reminders.reminders_due() == []


def test_remind_enqueues_cooperation_reminders_for_the_worker(due_soon):
    out = io.StringIO()
    call_command("remind", stdout=out)
    assert f"cooperation request {due_soon.reference}" in out.getvalue()
    assert len(worker_mail()) == 2

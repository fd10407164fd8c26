"""The e-mails reporting owes people: who gets which, composing it, recording it once, sending it.

A notice is recorded (``Notice``, unique by ``key``) before it is sent; sending locks its row and
sets ``sent_at`` in the same transaction, so a second worker run or a duplicate enqueue finds it
sent and sends nothing more. (Should the mail server take a message and the commit then fail, the
next run sends it again: a notice may be repeated, never lost.)

Recipients are a party's national focal points in force, held for every instrument or for the
cycle's. Only cycles of published instruments are spoken of: the focal points cannot open the
others. Messages are written in the language of record.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from concord.accounts.models import Role, RoleKind
from concord.registry.models import Party, Publication
from concord.reporting.deadlines import (
    HANDED_IN,
    cycle_zone,
    deadline_ends,
    is_past,
    late_parties,
)
from concord.reporting.models import Notice, NoticeKind, ReportingCycle, Submission

logger = logging.getLogger(__name__)

# How long a recorded notice is left to the task that recorded it before another sends it.
RESEND_AFTER = dt.timedelta(minutes=10)

# The moves of a submission its party is told of.
ANNOUNCED = (NoticeKind.RETURNED, NoticeKind.ACCEPTED, NoticeKind.PUBLISHED)

SUBJECTS = {
    NoticeKind.DEADLINE_NEAR: _("Reminder: %(party)s reports on “%(cycle)s” by %(deadline)s"),
    NoticeKind.DEADLINE_PASSED: _(
        "Deadline passed: %(party)s has not handed in its report on “%(cycle)s”"
    ),
    NoticeKind.RETURNED: _("“%(cycle)s”: the report of %(party)s is returned for revision"),
    NoticeKind.ACCEPTED: _("“%(cycle)s”: the report of %(party)s is accepted"),
    NoticeKind.PUBLISHED: _("“%(cycle)s”: the report of %(party)s is published"),
}


@dataclass
class Reminder:
    """A reminder due to a party's focal points: ``recipients`` are those not yet reminded."""

    kind: str
    cycle: ReportingCycle
    party: Party
    recipients: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Late:
    """A party that has not handed in by the deadline (``submission`` None: not started)."""

    party: Party
    submission: Submission | None
    days_late: int


def late_submissions(cycle: ReportingCycle, now: dt.datetime | None = None) -> list[Late]:
    """Return the parties late with their report, by name (none before the deadline ends).

    Days late are counted in the body's time zone: one on the day after the deadline.
    """
    now = now or timezone.now()
    parties = list(late_parties(cycle, now))
    submissions = {s.party_id: s for s in cycle.submissions.filter(party__in=parties)}
    days = (now.astimezone(cycle_zone(cycle)).date() - cycle.deadline).days
    return [Late(party, submissions.get(party.pk), days) for party in parties]


def submission_url(cycle: ReportingCycle, party: Party) -> str:
    """Return the absolute address of the party's submission page."""
    path = reverse("reporting:submission", kwargs={"cycle_id": cycle.pk, "party": party.code})
    return settings.CONCORD_SITE_URL + path


def _focal_points(pairs: Iterable[tuple[ReportingCycle, Party]]) -> dict[tuple[int, int], list]:
    """Return the people to write to for each (cycle, party), in one query."""
    pairs = list(pairs)
    roles = (
        Role.objects.active()
        .filter(
            kind=RoleKind.FOCAL_POINT,
            party__in={party.pk for _cycle, party in pairs},
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    roles = list(roles)
    found: dict[tuple[int, int], list] = {}
    for cycle, party in pairs:
        people = {
            role.user_id: role.user
            for role in roles
            if role.party_id == party.pk and role.instrument_id in (None, cycle.instrument_id)
        }
        found[cycle.pk, party.pk] = list(people.values())
    return found


def focal_points(cycle: ReportingCycle, party: Party) -> list:
    """Return the party's focal points in force for the cycle's instrument, with an address."""
    return _focal_points([(cycle, party)])[cycle.pk, party.pk]


def reminder_kind(cycle: ReportingCycle, *, handed_in: bool, now: dt.datetime) -> str | None:
    """Return the reminder due today for a party of the cycle, if any.

    "Near" from ``CONCORD_REMINDER_DAYS`` days before the deadline (not before the cycle opens)
    until its last day; "passed" once it has ended, for as many days again, so that a focal point
    appointed long after a cycle is not told of its old deadlines. "Today" is in the body's zone.
    """
    if handed_in:
        return None
    days = settings.CONCORD_REMINDER_DAYS
    today = now.astimezone(cycle_zone(cycle)).date()
    if is_past(cycle, now):
        return NoticeKind.DEADLINE_PASSED if (today - cycle.deadline).days <= days else None
    if today >= cycle.opens_on and (cycle.deadline - today).days <= days:
        return NoticeKind.DEADLINE_NEAR
    return None


def _reminder_key(kind: str, cycle: ReportingCycle, party: Party, user: Any) -> str:
    return f"{kind}:{cycle.pk}:{party.pk}:{user.pk}"


def _reminder_cycles() -> Any:
    return ReportingCycle.objects.filter(
        instrument__publication=Publication.PUBLISHED
    ).select_related("instrument__body__parent")


def reminders_due(now: dt.datetime | None = None) -> list[Reminder]:
    """Return the reminders due at ``now`` to someone not yet reminded, by cycle and party."""
    now = now or timezone.now()
    days = settings.CONCORD_REMINDER_DAYS
    # A day's margin either side: "today" differs by up to a day between time zones.
    window = (now.date() - dt.timedelta(days=days + 1), now.date() + dt.timedelta(days=days + 1))
    cycles = _reminder_cycles().filter(deadline__range=window).prefetch_related("parties")
    handed_in = set(
        Submission.objects.filter(cycle__in=cycles, status__in=HANDED_IN).values_list(
            "cycle_id", "party_id"
        )
    )
    due = []
    for cycle in cycles:
        for party in cycle.parties.all():
            kind = reminder_kind(cycle, handed_in=(cycle.pk, party.pk) in handed_in, now=now)
            if kind is not None:
                due.append(Reminder(kind, cycle, party))
    people = _focal_points((r.cycle, r.party) for r in due)
    candidates = [(r, person) for r in due for person in people[r.cycle.pk, r.party.pk]]
    keys = [_reminder_key(r.kind, r.cycle, r.party, person) for r, person in candidates]
    # A reminder recorded but never sent (the mail server refused it) is due again.
    reminded = set(
        Notice.objects.filter(key__in=keys, sent_at__isnull=False).values_list("key", flat=True)
    )
    for (reminder, person), key in zip(candidates, keys, strict=True):
        if key not in reminded:
            reminder.recipients.append(person)
    return [reminder for reminder in due if reminder.recipients]


def _compose(kind: str, context: dict[str, Any]) -> tuple[str, str]:
    """Return the subject and body of a notice, in the language of record, times in UTC."""
    cycle, party = context["cycle"], context["party"]
    with translation.override(settings.LANGUAGE_CODE), timezone.override(dt.UTC):
        ends = deadline_ends(cycle)
        context = {
            **context,
            "instrument": cycle.instrument,
            "zone": str(ends.tzinfo),
            "ends": ends,
            "url": submission_url(cycle, party),
        }
        subject = str(SUBJECTS[kind]) % {
            "party": party.name,
            "cycle": cycle.name,
            "deadline": formats.date_format(cycle.deadline, "DATE_FORMAT"),
        }
        body = render_to_string(f"reporting/email/{kind}.txt", context).strip() + "\n"
    return subject[:255], body


def notices_record(
    *,
    kind: str,
    key: str,
    cycle: ReportingCycle,
    party: Party,
    recipients: Iterable[Any],
    submission: Submission | None = None,
    **context: Any,
) -> list[Notice]:
    """Record one notice per recipient, keyed ``<key>:<user>``, unless recorded already.

    Return the notices not yet sent (just recorded, or recorded by a run that failed to send).
    """
    recorded = []
    for person in recipients:
        subject, body = _compose(
            kind, {"recipient": person, "cycle": cycle, "party": party, **context}
        )
        notice, _created = Notice.objects.get_or_create(
            key=f"{key}:{person.pk}",
            defaults={
                "kind": kind,
                "recipient": person,
                "submission": submission,
                "subject": subject,
                "body": body,
            },
        )
        if notice.sent_at is None:
            recorded.append(notice)
    return recorded


@transaction.atomic
def notice_send(notice: Notice) -> bool:
    """Send a notice unless it was sent already; hold its row locked while sending."""
    locked = (
        Notice.objects.select_for_update()
        .select_related("recipient")
        .filter(pk=notice.pk, sent_at__isnull=True)
        .first()
    )
    if locked is None:
        return False
    send_mail(locked.subject, locked.body, settings.DEFAULT_FROM_EMAIL, [locked.recipient.email])
    locked.sent_at = timezone.now()
    locked.save(update_fields=["sent_at"])
    return True


def notices_send(notices: Iterable[Notice]) -> int:
    """Send each notice not yet sent; return how many were sent now.

    A notice the mail server refuses stays unsent and does not keep the others from going; the
    first refusal is raised once all were tried, so that the task is seen to have failed.
    """
    sent, refused = 0, []
    for notice in notices:
        try:
            sent += notice_send(notice)
        except OSError as exc:  # smtplib.SMTPException is one
            logger.warning("Notice %s not sent: %s", notice.key, exc)
            refused.append(exc)
    if refused:
        raise refused[0]
    return sent


def notices_unsent(*, older_than: dt.timedelta = RESEND_AFTER) -> QuerySet[Notice]:
    """The notices recorded but not sent (the mail server refused them), oldest first.

    Those younger than ``older_than`` are left to the task that recorded them.
    """
    return Notice.objects.filter(
        sent_at__isnull=True, created_at__lt=timezone.now() - older_than
    ).order_by("created_at", "id")


def reminder_send(
    *, kind: str, cycle_id: int, party_id: int, now: dt.datetime | None = None
) -> int:
    """Send a reminder to the party's focal points, if it is still due (not handed in since).

    Return how many e-mails were sent now.
    """
    now = now or timezone.now()
    cycle = _reminder_cycles().filter(pk=cycle_id, parties=party_id).first()
    if cycle is None:
        return 0
    party = Party.objects.get(pk=party_id)
    submission = Submission.objects.filter(cycle=cycle, party=party).first()
    handed_in = submission is not None and submission.status in HANDED_IN
    if reminder_kind(cycle, handed_in=handed_in, now=now) != kind:
        return 0
    today = now.astimezone(cycle_zone(cycle)).date()
    pending = notices_record(
        kind=kind,
        key=f"{kind}:{cycle.pk}:{party.pk}",
        cycle=cycle,
        party=party,
        recipients=focal_points(cycle, party),
        submission=submission,
        days_left=(cycle.deadline - today).days,
        days_late=(today - cycle.deadline).days,
    )
    return notices_send(pending)


def submission_notices_send(
    *, submission_id: int, status: str, version: int, comment: str = ""
) -> int:
    """Tell the party's focal points that its submission was returned, accepted or published.

    ``version`` is the submission's after the move: each move is told once. Return how many
    e-mails were sent now.
    """
    submission = (
        Submission.objects.filter(
            pk=submission_id, cycle__instrument__publication=Publication.PUBLISHED
        )
        .select_related("cycle__instrument__body__parent", "party")
        .first()
    )
    if submission is None or status not in ANNOUNCED:
        return 0
    cycle, party = submission.cycle, submission.party
    pending = notices_record(
        kind=status,
        key=f"{status}:{submission.pk}:{version}",
        cycle=cycle,
        party=party,
        recipients=focal_points(cycle, party),
        submission=submission,
        comment=comment,
    )
    return notices_send(pending)

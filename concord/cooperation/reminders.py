"""Deadline reminders of cooperation requests, to the requesting body's officers and the party's
central authority, by e-mail through the task queue.

A reminder says only which request and when, never what it asks: e-mail leaves Concord's
encryption behind. It is recorded as a reporting ``Notice`` (unique by key) before it is sent,
so each person is reminded once per request and kind, however often ``concord remind`` runs.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from concord.accounts.models import Role, RoleKind
from concord.cooperation.models import CooperationRequest, RequestStatus
from concord.reporting.models import Notice, NoticeKind
from concord.reporting.notices import notices_send

S = RequestStatus
# Requests still waiting for the party: a reminder is due before and after their deadline.
OPEN = (S.SENT, S.ACKNOWLEDGED, S.IN_PROGRESS, S.PARTIALLY_EXECUTED)


@dataclass
class RequestReminder:
    kind: str
    request: CooperationRequest
    recipients: list[Any] = field(default_factory=list)


def reminder_kind(request: CooperationRequest, today: dt.date) -> str | None:
    """Return the reminder due ``today``: near within ``CONCORD_REMINDER_DAYS``, or late as long."""
    if request.deadline is None or request.status not in OPEN:
        return None
    days = (request.deadline - today).days
    if 0 <= days <= settings.CONCORD_REMINDER_DAYS:
        return NoticeKind.REQUEST_DUE
    if -settings.CONCORD_REMINDER_DAYS <= days < 0:
        return NoticeKind.REQUEST_LATE
    return None


def recipients(request: CooperationRequest) -> list[Any]:
    """Return the officers of the requesting body (or a body above it) and the party's authority."""
    chain, body = [], request.requesting_body
    while body is not None and body.pk not in chain:
        chain.append(body.pk)
        body = body.parent
    roles = Role.objects.active().filter(
        Q(kind=RoleKind.COOPERATION_OFFICER, body_id__in=chain)
        | Q(kind=RoleKind.CENTRAL_AUTHORITY, party_id=request.party_id)
    )
    return list(
        get_user_model()
        .objects.filter(pk__in=roles.values("user_id"), is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def _key(kind: str, request: CooperationRequest, person: Any) -> str:
    return f"{kind}:request:{request.pk}:{person.pk}"


def reminders_due(today: dt.date | None = None) -> list[RequestReminder]:
    """Return the reminders due ``today`` to people not yet reminded."""
    today = today or timezone.localdate()
    days = dt.timedelta(days=settings.CONCORD_REMINDER_DAYS)
    candidates = CooperationRequest.objects.filter(
        status__in=OPEN, deadline__range=(today - days, today + days)
    ).select_related("requesting_body__parent", "party")
    due = []
    for request in candidates:
        kind = reminder_kind(request, today)
        if kind is None:
            continue
        people = recipients(request)
        sent = set(
            Notice.objects.filter(
                key__in=[_key(kind, request, p) for p in people], sent_at__isnull=False
            ).values_list("key", flat=True)
        )
        waiting = [p for p in people if _key(kind, request, p) not in sent]
        if waiting:
            due.append(RequestReminder(kind, request, waiting))
    return due


def _compose(kind: str, request: CooperationRequest) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        deadline = formats.date_format(request.deadline, "DATE_FORMAT")
        url = settings.CONCORD_SITE_URL + reverse(
            "cooperation:request", kwargs={"request_id": request.pk}
        )
        values = {"reference": request.reference, "deadline": deadline, "url": url}
        if kind == NoticeKind.REQUEST_DUE:
            subject = _("Cooperation request %(reference)s is due on %(deadline)s") % values
        else:
            subject = _("Cooperation request %(reference)s was due on %(deadline)s") % values
        body = _(
            "%(subject)s.\n\nOpen it in Concord (you will be asked to sign in and for your "
            "authenticator's code): %(url)s\n\nThis message says nothing of the request's "
            "content on purpose.\n"
        ) % {**values, "subject": subject}
    return subject[:255], body


def reminder_send(*, kind: str, request_id: int, today: dt.date | None = None) -> int:
    """Send a request's reminder to whoever has not had it, if it is still due; return how many."""
    today = today or timezone.localdate()
    request = CooperationRequest.objects.select_related("requesting_body").filter(pk=request_id)
    request = request.first()
    if request is None or reminder_kind(request, today) != kind:
        return 0
    subject, body = _compose(kind, request)
    pending = []
    for person in recipients(request):
        notice, _created = Notice.objects.get_or_create(
            key=_key(kind, request, person),
            defaults={"kind": kind, "recipient": person, "subject": subject, "body": body},
        )
        if notice.sent_at is None:
            pending.append(notice)
    return notices_send(pending)

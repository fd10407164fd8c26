"""When a cycle's deadline falls, and who has missed it.

A deadline is a date in the time zone of the body that adopted the instrument (``Body.zone``):
a submission is on time until the end of that day there, wherever its author is.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from concord.registry.models import Party
from concord.reporting.models import ReportingCycle, SubmissionStatus

# Submitted (or further): what a party has done by the deadline, whatever happened next.
HANDED_IN = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED, SubmissionStatus.PUBLISHED)


def cycle_zone(cycle: ReportingCycle) -> zoneinfo.ZoneInfo:
    body = cycle.instrument.body
    return body.zone() if body is not None else zoneinfo.ZoneInfo(settings.TIME_ZONE)


def deadline_ends(cycle: ReportingCycle) -> dt.datetime:
    """The first instant after the deadline: midnight at its end, in the body's time zone."""
    next_day = cycle.deadline + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, dt.time.min, tzinfo=cycle_zone(cycle))


def is_past(cycle: ReportingCycle, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= deadline_ends(cycle)


def late_parties(cycle: ReportingCycle, now: dt.datetime | None = None) -> QuerySet[Party]:
    """The parties that must report and have not submitted, once the deadline has passed.

    A submission returned for revision counts as not handed in: it is the party's to resubmit.
    """
    if not is_past(cycle, now):
        return Party.objects.none()
    handed_in = cycle.submissions.filter(status__in=HANDED_IN).values("party_id")
    return cycle.parties.exclude(pk__in=handed_in).order_by("name")

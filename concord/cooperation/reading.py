"""Every read of a request, a reply's file or a person's assets, kept for the officers to see."""

from typing import Any

from django.db.models import QuerySet

from concord.audit.context import Source, current_source
from concord.cooperation.models import CooperationRequest, PersonConcerned, Reading


def record_reading(
    user: Any,
    what: str,
    *,
    request: CooperationRequest | None = None,
    person: PersonConcerned | None = None,
) -> Reading:
    """Log that ``user`` read ``what`` of a request or a person concerned, and from where."""
    return Reading.objects.create(
        reader=user,
        request=request,
        person=person,
        what=what,
        via=current_source() or Source.PAGE,
    )


def readings_of(record: CooperationRequest | PersonConcerned) -> QuerySet[Reading]:
    """Return who read a request (or a person's assets), newest first."""
    field = "request" if isinstance(record, CooperationRequest) else "person"
    return Reading.objects.filter(**{field: record}).select_related("reader")

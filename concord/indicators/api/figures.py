"""Entering, reviewing and locking figures, through ``concord.indicators.entry``.

Each write needs a person (401 otherwise) that the rules allow (403 otherwise): a party's focal
points and the responsible body enter their figures, which wait for approval; the secretariat
enters, approves or returns them, and locks a period. Bad input is a 422 naming the field, and
a refused write leaves nothing behind (not even a period it would have recorded).
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router
from ninja.errors import HttpError, ValidationError

from concord.accounts.auth import signed_in
from concord.api_errors import refusals, unprocessable
from concord.indicators import entry
from concord.indicators.api.lookups import indicator_or_404, period_or_404, subject_or_404
from concord.indicators.api.schemas import REFUSED, LockOut, ReviewIn, ValueIn, ValueOut
from concord.indicators.api.values import Sight
from concord.indicators.models import Indicator, Period, Value, breakdown_key
from concord.indicators.periods import period_for

router = Router(tags=["indicators"])

MAY_NOT_ENTER = gettext_lazy("You may not enter this figure.")
MAY_NOT_REVIEW = gettext_lazy("Only the secretariat of the indicator approves its figures.")
MAY_NOT_LOCK = gettext_lazy("Only the secretariat of the indicator locks its periods.")

# Where each field a service refuses lies in the request.
PATH_FIELDS = {"period", "party"}
BODY_NAMES = {"approval": "approve", "number": "value"}


def _location(field: str) -> list[str]:
    if field in PATH_FIELDS:
        return ["path", field]
    return ["body", BODY_NAMES.get(field, field)]


def _refused(exc: DjangoValidationError) -> ValidationError:
    return unprocessable(exc, location=_location, whole="party")


def _recorded_period(code: str) -> Period:
    """Return the period of a code in the path, recording it (in the caller's transaction)."""
    try:
        return period_for(code)
    except DjangoValidationError as exc:
        raise DjangoValidationError({"period": exc.messages}) from None


def _value_or_404(
    indicator: Indicator, subject: dict[str, Any], period: Period, breakdown: dict[str, str]
) -> Value:
    ((kind, record),) = subject.items()
    key = f"{kind}:{record.slug if kind == 'group' else record.code}"
    value = (
        Value.objects.select_related("party", "group", "body", "period", "entered_by")
        .filter(
            indicator=indicator,
            subject=key,
            period=period,
            breakdown_key=breakdown_key(breakdown),
        )
        .first()
    )
    if value is None:
        raise HttpError(
            404, _("No figure of %(subject)s for %(period)s.") % {"subject": key, "period": period}
        )
    return value


@router.put(
    "/{code}/values/{party}/{period}",
    response={200: ValueOut, **REFUSED},
    auth=signed_in,
    summary="Enter or correct a value",
    description="Enter a party's figure for a period (`party` is its code, or group:<slug> or "
    "body:<code> for a group's or a body's figure); a correction keeps the old figure in the "
    "history. A focal point's or responsible body's figure waits for the secretariat's "
    "approval; the secretariat's own is approved unless `approve` is false. A locked period "
    "takes no change.",
)
def value_put(
    request: HttpRequest, code: str, party: str, period: str, payload: ValueIn
) -> dict[str, Any]:
    indicator = indicator_or_404(code)
    subject = subject_or_404(party)
    figure = entry.Figure(
        number=payload.value,
        status=payload.status,
        source=payload.source,
        note=payload.note,
        flag=payload.flag,
        breakdown=payload.breakdown,
    )
    with refusals(MAY_NOT_ENTER, as_422=_refused), transaction.atomic():
        value = entry.value_put(
            user=request.user,
            indicator=indicator,
            period=_recorded_period(period),
            figure=figure,
            approve=payload.approve,
            **subject,
        )
    return Sight.of(request.user, indicator).data(value)


@router.post(
    "/{code}/values/{party}/{period}/review",
    response={200: ValueOut, **REFUSED},
    auth=signed_in,
    summary="Approve or return a value",
    description="Approve a figure waiting for approval, or return it with a comment saying "
    "why. The secretariat of the indicator.",
)
def value_review(
    request: HttpRequest, code: str, party: str, period: str, payload: ReviewIn
) -> dict[str, Any]:
    indicator = indicator_or_404(code)
    if not request.user.has_perm("indicators.approve_value", indicator):
        raise HttpError(403, str(MAY_NOT_REVIEW))
    value = _value_or_404(
        indicator, subject_or_404(party), period_or_404(period), payload.breakdown
    )
    with refusals(MAY_NOT_REVIEW, as_422=_refused):
        reviewed = entry.value_review(
            user=request.user, value=value, approve=payload.approve, comment=payload.comment
        )
    return Sight.of(request.user, indicator).data(reviewed)


@router.post(
    "/{code}/periods/{period}/lock",
    response={200: LockOut, **REFUSED},
    auth=signed_in,
    summary="Lock a period",
    description="Close an indicator's figures for a period once all of them are approved; a "
    "locked period takes no new figure or correction. The secretariat of the indicator.",
)
def period_lock(request: HttpRequest, code: str, period: str) -> dict[str, Any]:
    indicator = indicator_or_404(code)
    if not request.user.has_perm("indicators.lock_period", indicator):
        raise HttpError(403, str(MAY_NOT_LOCK))
    found = period_or_404(period)
    with refusals(MAY_NOT_LOCK, as_422=_refused):
        lock = entry.period_lock(user=request.user, indicator=indicator, period=found)
    return {
        "indicator": indicator.code,
        "period": found.code,
        "locked_by": lock.locked_by.get_username(),
        "locked_at": lock.locked_at,
    }

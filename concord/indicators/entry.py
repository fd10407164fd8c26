"""Entering figures, approving them, and locking a period once its figures are approved.

A figure entered by the secretariat (or imported by it) is approved at once; one entered by a
party's focal point or the indicator's responsible body waits for the secretariat's approval
(``pending``), which approves it or returns it with a comment. A locked period takes no change.
Each write checks the permission on the figure, runs in a transaction and names the person.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.indicators.models import Approval, Indicator, Period, PeriodLock, Value, ValueStatus

NUMBER_LIMIT = Decimal("1e18")


@dataclass(frozen=True)
class Figure:
    """A figure as a person gives it."""

    number: Any
    status: str = ValueStatus.FINAL
    source: str = ""
    note: str = ""
    flag: str = ""
    breakdown: dict[str, str] = field(default_factory=dict)


def as_number(raw: Any, field_name: str = "value") -> Decimal:
    """Read a figure ("1,250.5" is refused: one decimal point, no thousands separators)."""
    try:
        number = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field_name: _("%(raw)s is not a number.") % {"raw": raw}}) from None
    if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise ValidationError({field_name: _("%(raw)s is not a number.") % {"raw": raw}})
    return number


def check_breakdown(indicator: Indicator, breakdown: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(breakdown) - set(indicator.dimensions))
    if unknown:
        raise ValidationError(
            {
                "breakdown": _("%(indicator)s is not broken down by %(names)s.")
                % {"indicator": indicator.code, "names": ", ".join(unknown)}
            }
        )
    return {name: str(value).strip() for name, value in breakdown.items()}


def is_locked(indicator: Indicator, period: Period) -> bool:
    return PeriodLock.objects.filter(indicator=indicator, period=period).exists()


def value_put(
    *,
    user: Any,
    indicator: Indicator,
    period: Period,
    figure: Figure,
    party: Any = None,
    group: Any = None,
    body: Any = None,
    approve: bool | None = None,
) -> Value:
    """Enter or correct a figure; the old one stays in the history.

    The secretariat's figures are approved unless ``approve`` is False; others' wait (pending).
    """
    with transaction.atomic():
        breakdown = check_breakdown(indicator, figure.breakdown or {})
        probe = Value(
            indicator=indicator,
            party=party,
            group=group,
            body=body,
            period=period,
            breakdown=breakdown,
        )
        probe.clean()
        probe.set_keys()
        if not user.has_perm("indicators.enter_value", probe):
            raise PermissionDenied
        if is_locked(indicator, period):
            raise ValidationError(
                {
                    "period": _("%(period)s is locked: its figures are approved.")
                    % {"period": period.code}
                }
            )
        value = (
            Value.objects.select_for_update()
            .filter(
                indicator=indicator,
                subject=probe.subject,
                period=period,
                breakdown_key=probe.breakdown_key,
            )
            .first()
        ) or probe
        value.number = as_number(figure.number)
        value.status = figure.status
        value.source = figure.source.strip()
        value.note = figure.note.strip()
        value.flag = figure.flag.strip()
        value.entered_by = user
        value.updated_at = timezone.now()
        secretariat = user.has_perm("indicators.approve_value", value)
        value.approval = (
            Approval.APPROVED if secretariat and approve is not False else Approval.PENDING
        )
        value.comment = ""
        # The objects are given, and the row was looked up above: no query to check them again.
        value.full_clean(
            exclude=["subject", "breakdown_key", "indicator", "party", "group", "body", "period"],
            validate_unique=False,
            validate_constraints=False,
        )
        value._history_user = user
        value.save()
        return value


@transaction.atomic
def value_review(*, user: Any, value: Value, approve: bool, comment: str = "") -> Value:
    """Approve a pending figure, or return it with a comment (the secretariat)."""
    locked = Value.objects.select_for_update().select_related("indicator").get(pk=value.pk)
    if not user.has_perm("indicators.approve_value", locked):
        raise PermissionDenied
    if locked.approval != Approval.PENDING:
        raise ValidationError({"approval": _("Only a figure waiting for approval is reviewed.")})
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the figure is returned.")})
    locked.approval = Approval.APPROVED if approve else Approval.RETURNED
    locked.comment = "" if approve else comment.strip()
    locked._history_user = user
    locked.save()
    return locked


@transaction.atomic
def period_lock(*, user: Any, indicator: Indicator, period: Period) -> PeriodLock:
    """Close a period of an indicator once every figure of it is approved."""
    if not user.has_perm("indicators.lock_period", indicator):
        raise PermissionDenied
    waiting = Value.objects.filter(indicator=indicator, period=period).exclude(
        approval=Approval.APPROVED
    )
    if waiting.exists():
        raise ValidationError(
            {
                "period": _("%(count)d figures of %(period)s are not approved yet.")
                % {"count": waiting.count(), "period": period.code}
            }
        )
    lock, _created = PeriodLock.objects.get_or_create(
        indicator=indicator,
        period=period,
        defaults={"locked_by": user, "locked_at": timezone.now()},
    )
    return lock


def values_visible_to(user: Any, indicator: Indicator) -> QuerySet[Value]:
    """Approved figures for everyone; the others for those who may enter or approve them."""
    qs = Value.objects.filter(indicator=indicator)
    if user.has_perm("indicators.approve_value", indicator):
        return qs
    condition = Q(approval=Approval.APPROVED)
    for role in roles_of(user):
        if role.kind == RoleKind.FOCAL_POINT:
            condition |= Q(party_id=role.party_id)
        elif (
            role.kind == RoleKind.RESPONSIBLE_BODY and role.body_id == indicator.responsible_body_id
        ):
            condition |= Q(party_id=role.body.party_id) if role.body.party_id else Q(pk__gt=0)
    return qs.filter(condition)

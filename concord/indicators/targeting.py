"""Setting an indicator's targets of the fixed form: a value to reach by a deadline.

A target is found by its indicator, party (none: every party's), deadline and source, so that a
source restating its target changes it rather than adding another; what is equal is not written.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from concord.indicators.entry import as_number
from concord.indicators.models import Indicator, Target
from concord.registry.models import Party


def target_put(
    *,
    user: Any,
    indicator: Indicator,
    party: Party | None,
    comparator: str,
    value: Any,
    deadline: date | None,
    source: str,
    note: str = "",
) -> Target:
    """Record or correct ``party``'s target of ``indicator`` by ``deadline`` from ``source``."""
    number = as_number(value, "value")
    source, note = source.strip(), note.strip()
    with transaction.atomic():
        target = (
            Target.objects.select_for_update()
            .filter(
                indicator=indicator,
                party=party,
                deadline=deadline,
                source=source,
                group=None,
                trend="",
            )
            .order_by("pk")  # the default ordering joins the parties, which cannot be locked
            .first()
        ) or Target(indicator=indicator, party=party, deadline=deadline, source=source)
        if not user.has_perm("indicators.change_target", target):
            raise PermissionDenied
        if target.pk and (target.comparator, target.value, target.note) == (
            comparator,
            number,
            note,
        ):
            return target
        target.comparator, target.value, target.note = comparator, number, note
        target.full_clean(exclude=["indicator", "party"], validate_unique=False)
        target._history_user = user
        target.save()
    return target

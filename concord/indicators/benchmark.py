"""Benchmarks: for an indicator and a period, each party's value against its target and its group.

Only approved totals count (a breakdown is never added to its total). Missing data stays
missing (``None``), never zero. ``gap`` is the distance still to go, in the indicator's good
direction: positive while short of the target, zero or negative once it is met. A group's
statistics are over the members that have a value, and say how many of them that is.
"""

import statistics as stats
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from concord.indicators.models import (
    Approval,
    Comparator,
    Direction,
    Indicator,
    Period,
    Statistic,
    Target,
    Trend,
    Value,
)
from concord.indicators.periods import comparable
from concord.registry.models import Group, Party

COMPARE = {
    Comparator.AT_MOST: lambda value, target: value <= target,
    Comparator.BELOW: lambda value, target: value < target,
    Comparator.AT_LEAST: lambda value, target: value >= target,
    Comparator.ABOVE: lambda value, target: value > target,
    Comparator.EQUAL: lambda value, target: value == target,
}
PLACES = Decimal("0.0001")


def public_values(indicator: Indicator) -> QuerySet[Value]:
    """The approved totals of an indicator: what every reader may see and every figure uses."""
    return Value.objects.filter(indicator=indicator, approval=Approval.APPROVED, breakdown_key="")


@dataclass(frozen=True)
class GroupStatistics:
    count: int
    members: int
    mean: Decimal | None
    median: Decimal | None
    best: Decimal | None


def group_statistics(indicator: Indicator, numbers: list[Decimal], members: int) -> GroupStatistics:
    if not numbers:
        return GroupStatistics(0, members, None, None, None)
    best = None
    if indicator.direction == Direction.LOWER:
        best = min(numbers)
    elif indicator.direction == Direction.HIGHER:
        best = max(numbers)
    mean = (sum(numbers) / len(numbers)).quantize(PLACES)
    return GroupStatistics(len(numbers), members, mean, Decimal(stats.median(numbers)), best)


def _ranks(indicator: Indicator, values: dict[int, Decimal]) -> dict[int, int]:
    """Rank 1 is the best; equal values share a rank (1, 2, 2, 4)."""
    if indicator.direction == Direction.NONE:
        return {}
    ordered = sorted(values.values(), reverse=indicator.direction == Direction.HIGHER)
    return {key: ordered.index(number) + 1 for key, number in values.items()}


@dataclass
class ResolvedTarget:
    target: Target
    value: Decimal | None
    note: str = ""


def _member_numbers(indicator: Indicator, group: Group, period: Period) -> tuple[list, int]:
    members = list(group.members.values_list("pk", flat=True))
    numbers = list(
        public_values(indicator)
        .filter(period=period, party_id__in=members)
        .values_list("number", flat=True)
    )
    return numbers, len(members)


def resolve_target(target: Target, period: Period) -> ResolvedTarget:
    """Return the figure a target asks for in ``period``, and where it comes from.

    A relative target takes the group's own published figure for its reference period (or
    ``period``), else the statistic of its members' values, else the figure its source printed.
    """
    if target.trend:
        return ResolvedTarget(target, None)
    if not target.group_id:
        return ResolvedTarget(target, target.value)
    reference = target.reference_period or period
    own = (
        public_values(target.indicator)
        .filter(group=target.group, period=reference)
        .values_list("number", flat=True)
        .first()
    )
    if own is not None and target.statistic == Statistic.MEAN:
        return ResolvedTarget(
            target,
            own,
            _("%(group)s's figure for %(period)s")
            % {"group": target.group.name, "period": reference.code},
        )
    numbers, members = _member_numbers(target.indicator, target.group, reference)
    if numbers:
        figures = group_statistics(target.indicator, numbers, members)
        value = {"mean": figures.mean, "median": figures.median, "best": figures.best}[
            target.statistic
        ]
        note = _("computed from %(count)d of %(members)d members' values for %(period)s") % {
            "count": figures.count,
            "members": members,
            "period": reference.code,
        }
        return ResolvedTarget(target, value, note)
    return ResolvedTarget(
        target, target.value, _("as the source prints it") if target.value is not None else ""
    )


def targets_by_party(indicator: Indicator) -> tuple[Target | None, dict[int, Target]]:
    """Return the general target and the parties' own (the last recorded of each wins)."""
    general, own = None, {}
    for target in indicator.targets.select_related("group", "reference_period", "indicator"):
        if target.party_id:
            own[target.party_id] = target
        else:
            general = target
    return general, own


def meets(
    indicator: Indicator, target: ResolvedTarget, value: Decimal | None, previous: Decimal | None
) -> bool | None:
    """Say whether ``value`` meets the target (None when either figure is missing)."""
    if value is None:
        return None
    if target.target.trend:
        if previous is None:
            return None
        rising = target.target.trend in (Trend.STABLE_OR_RISING, Trend.RISING)
        strict = target.target.trend in (Trend.RISING, Trend.FALLING)
        if strict:
            return value > previous if rising else value < previous
        return value >= previous if rising else value <= previous
    if target.value is None or not target.target.comparator:
        return None
    return COMPARE[target.target.comparator](value, target.value)


def gap(indicator: Indicator, value: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Distance still to go toward ``target``: positive while short, in the good direction."""
    if value is None or target is None:
        return None
    if indicator.direction == Direction.HIGHER:
        return target - value
    return value - target


@dataclass
class Row:
    party: Party
    value: Decimal | None
    target: Decimal | None
    target_text: str
    gap: Decimal | None
    gap_percent: Decimal | None
    meets_target: bool | None
    rank: int | None
    change: Decimal | None
    relative: Decimal | None
    flag: str = ""


@dataclass
class Benchmark:
    indicator: Indicator
    period: Period
    group: Group | None
    rows: list[Row]
    statistics: GroupStatistics
    base_period: Period | None = None
    base_party: Party | None = None
    notes: list[str] = field(default_factory=list)


def _previous(indicator: Indicator, period: Period) -> Period | None:
    earlier = Period.objects.filter(
        pk__in=public_values(indicator).values("period_id"), ends_on__lt=period.starts_on
    ).order_by("-starts_on")
    return next((p for p in earlier if comparable(p, period)), None)


def benchmark(
    indicator: Indicator,
    period: Period,
    *,
    group: Group | None = None,
    parties: Iterable[Party] | None = None,
    base_period: Period | None = None,
    base_party: Party | None = None,
) -> Benchmark:
    """Compare the parties (the group's members, or those with a value) in ``period``."""
    notes: list[str] = []
    values = public_values(indicator).filter(period=period, party__isnull=False)
    if group is not None:
        chosen = list(group.members.order_by("name"))
    elif parties is not None:
        chosen = list(parties)
    else:
        chosen = list(Party.objects.filter(pk__in=values.values("party_id")).order_by("name"))
    ids = [p.pk for p in chosen]
    found = {v.party_id: v for v in values.filter(party_id__in=ids)}
    numbers = {pk: v.number for pk, v in found.items()}
    general, own = targets_by_party(indicator)
    # Only a trend target looks at the period before: finding it reads every earlier figure.
    trends = any(t.trend for t in (general, *own.values()) if t is not None)
    previous = _previous(indicator, period) if trends else None
    earlier = _numbers(indicator, previous, ids) if previous else {}
    if base_period is not None and not comparable(base_period, period):
        notes.append(
            _(
                "%(base)s and %(period)s are not of the same length: the change compares them "
                "all the same."
            )
            % {"base": base_period.code, "period": period.code}
        )
    base = _numbers(indicator, base_period, ids) if base_period else {}
    base_value = None
    if base_party is not None:
        base_value = (
            public_values(indicator)
            .filter(period=period, party=base_party)
            .values_list("number", flat=True)
            .first()
        )
    ranks = _ranks(indicator, numbers)
    resolved_targets: dict[int, ResolvedTarget] = {}  # a group's statistic is read once
    rows = []
    for party in chosen:
        value = numbers.get(party.pk)
        target = own.get(party.pk, general)
        resolved = None
        if target is not None:
            if target.pk not in resolved_targets:
                resolved_targets[target.pk] = resolve_target(target, period)
            resolved = resolved_targets[target.pk]
        target_value = resolved.value if resolved else None
        distance = gap(indicator, value, target_value)
        rows.append(
            Row(
                party=party,
                value=value,
                target=target_value,
                target_text=(target.describe() + (f" ({resolved.note})" if resolved.note else ""))
                if target
                else "",
                gap=distance,
                gap_percent=(distance / target_value * 100).quantize(PLACES)
                if distance is not None and target_value
                else None,
                meets_target=meets(indicator, resolved, value, earlier.get(party.pk))
                if resolved
                else None,
                rank=ranks.get(party.pk),
                change=(value - base[party.pk]) if value is not None and party.pk in base else None,
                relative=(value / base_value).quantize(PLACES)
                if value is not None and base_value
                else None,
                flag=found[party.pk].flag if party.pk in found else "",
            )
        )
    figures = group_statistics(indicator, list(numbers.values()), len(chosen))
    return Benchmark(indicator, period, group, rows, figures, base_period, base_party, notes)


def _numbers(indicator: Indicator, period: Period, ids: list[int]) -> dict[int, Any]:
    return dict(
        public_values(indicator)
        .filter(period=period, party_id__in=ids)
        .values_list("party_id", "number")
    )

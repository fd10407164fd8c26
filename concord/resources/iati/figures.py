"""The figures of an IATI result indicator: its baselines, and its periods' targets and actuals.

They are the figures of the activity's subject: its beneficiary country, else the organization
receiving the money. A baseline is a figure for its year; an actual, a figure for its period
when the period is one of Concord's (a year, a half, a quarter, a month, whole years); a target,
a target of the indicator for the country (for every party, without one) by the period's end,
at least the value when the indicator rises, at most it when it falls. Figures go through
``value_put`` (its permission, history and approval), targets through ``indicators.change_target``.

What Concord cannot hold truthfully is a notice and is not recorded: a figure for some locations
of the activity only, a breakdown the indicator does not have, a target for part of a breakdown,
an actual for a period Concord has no code for. Figures and targets equal to what is stored are
left alone, so that importing a file again writes nothing.

The export reads the same back (``figures_of``): the approved figures and the targets of each
exported contribution's subject, for ``concord.resources.iati.exporting`` to write.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from concord.indicators.entry import Figure, value_put
from concord.indicators.models import (
    Approval,
    Comparator,
    Direction,
    Indicator,
    Period,
    Target,
    Value,
    ValueStatus,
    breakdown_key,
)
from concord.indicators.periods import parse, period_for
from concord.registry.models import Body, Party
from concord.resources.iati.reading import QUALITATIVE, FigureRead, IndicatorRead
from concord.resources.iati.schema import IatiInvalid, IatiProblem
from concord.resources.models import Contribution


@dataclass(frozen=True)
class Subject:
    """Whom an activity's figures are of: a country, else the organization."""

    party: Party | None = None
    body: Body | None = None


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_code(starts_on: date, ends_on: date) -> str | None:
    """The code of Concord's period from ``starts_on`` to ``ends_on``, if there is one."""
    if starts_on.day != 1 or ends_on != _month_end(ends_on) or ends_on < starts_on:
        return None
    year, first = starts_on.year, starts_on.month
    if ends_on.year != year:
        code = f"{year}-{ends_on.year}" if first == 1 and ends_on.month == 12 else None
    else:
        months = ends_on.month - first + 1
        code = {
            12: str(year),
            6: f"{year}-H{(first + 5) // 6}",
            3: f"{year}-Q{(first + 2) // 3}",
            1: f"{year}-{first:02d}",
        }.get(months)
    if code is None:
        return None
    span = parse(code)
    return code if (span.starts_on, span.ends_on) == (starts_on, ends_on) else None


def comparator(read: IndicatorRead, indicator: Indicator) -> str:
    """How a target compares: Concord's direction of the indicator, else IATI's ``ascending``."""
    if indicator.direction == Direction.LOWER:
        return Comparator.AT_MOST
    if indicator.direction == Direction.HIGHER:
        return Comparator.AT_LEAST
    return Comparator.AT_MOST if read.ascending is False else Comparator.AT_LEAST


def _problem(figure: FigureRead, message: str) -> IatiProblem:
    return IatiProblem(figure.line, figure.tag, message)


def _refusal(figure: FigureRead, error: ValidationError) -> IatiInvalid:
    if hasattr(error, "error_dict"):
        text = "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
    else:
        text = " ".join(error.messages)
    return IatiInvalid([_problem(figure, text)])


class IndicatorFigures:
    """Records the figures and targets of the indicators of one file, as one person."""

    def __init__(self, user: Any, report: Any) -> None:
        self.user, self.report = user, report

    def record(
        self, read: IndicatorRead, indicator: Indicator, subject: Subject, source: str
    ) -> None:
        if read.measure == QUALITATIVE:
            return
        planned: dict[tuple[int, str], tuple[FigureRead, Period, Figure]] = {}

        def plan(figure: FigureRead, period: Period, note: str) -> None:
            breakdown = self.breakdown(figure, indicator)
            if breakdown is None:
                return
            key = (period.pk, breakdown_key(breakdown))
            if key in planned:
                message = _(
                    "Another figure of this indicator is for %(period)s too: the later one is "
                    "recorded."
                )
                self.report.notices.append(_problem(figure, message % {"period": period.code}))
            planned[key] = (
                figure,
                period,
                Figure(
                    figure.number,
                    status=figure.status or ValueStatus.FINAL,
                    source=(source if figure.source is None else figure.source)[:255],
                    note=note,
                    flag=figure.flag,
                    breakdown=breakdown,
                ),
            )

        for baseline in read.baselines:
            if baseline.number is not None and self.whole(baseline):
                try:
                    year = period_for(str(baseline.year))
                except ValidationError as error:
                    raise _refusal(baseline, error) from None
                note = _("Baseline.") + (f" {baseline.comment}" if baseline.comment else "")
                plan(baseline, year, note)
        for item in read.periods:
            for target in item.targets:
                self.target(target, item.ends_on, indicator, read, subject, source)
            actuals = [a for a in item.actuals if a.number is not None and self.whole(a)]
            code = period_code(item.starts_on, item.ends_on)
            if actuals and code is None:
                message = _(
                    "The period from %(start)s to %(end)s is none of Concord's (a year, a half, "
                    "a quarter, a month or whole years): its actual is not recorded."
                )
                self.report.notices.append(
                    IatiProblem(
                        item.line,
                        "period",
                        message % {"start": item.starts_on, "end": item.ends_on},
                    )
                )
                continue
            for actual in actuals:
                plan(actual, period_for(code), actual.comment)
        for figure, period, given in planned.values():
            self.put(figure, indicator, period, given, subject)

    def whole(self, figure: FigureRead) -> bool:
        """Say whether a figure is the subject's whole (not some locations'), noting it if not."""
        if not figure.locations:
            return True
        message = _(
            "A figure for some locations of the activity is not recorded: Concord's figures "
            "are a whole country's or organization's."
        )
        self.report.notices.append(_problem(figure, message))
        return False

    def breakdown(self, figure: FigureRead, indicator: Indicator) -> dict[str, str] | None:
        """The figure's breakdown, or None (and a notice) when the indicator has not got it."""
        unknown = sorted({name for name, _value in figure.dimensions} - set(indicator.dimensions))
        if not unknown:
            return dict(figure.dimensions)
        message = _("%(indicator)s is not broken down by %(names)s: this figure is not recorded.")
        self.report.notices.append(
            _problem(figure, message % {"indicator": indicator.code, "names": ", ".join(unknown)})
        )
        return None

    def put(
        self,
        figure: FigureRead,
        indicator: Indicator,
        period: Period,
        given: Figure,
        subject: Subject,
    ) -> None:
        probe = Value(indicator=indicator, party=subject.party, body=subject.body, period=period)
        probe.breakdown = given.breakdown
        probe.set_keys()
        stored = Value.objects.filter(
            indicator=indicator,
            subject=probe.subject,
            period=period,
            breakdown_key=probe.breakdown_key,
        ).first()
        if stored is not None and self.same(stored, given):
            return
        try:
            value_put(
                user=self.user,
                indicator=indicator,
                period=period,
                figure=given,
                party=subject.party,
                body=subject.body,
            )
        except PermissionDenied:
            message = _("%(user)s may not enter the figures of %(indicator)s.")
            raise IatiInvalid(
                [_problem(figure, message % {"user": self.user, "indicator": indicator.code})]
            ) from None
        except ValidationError as error:
            raise _refusal(figure, error) from None
        self.report.figures += 1

    def same(self, stored: Value, given: Figure) -> bool:
        approval = (
            Approval.APPROVED
            if self.user.has_perm("indicators.approve_value", stored)
            else Approval.PENDING
        )
        return (
            stored.number == given.number
            and (stored.status, stored.source, stored.note, stored.flag, stored.comment)
            == (given.status, given.source.strip(), given.note.strip(), given.flag.strip(), "")
            and stored.approval == approval
        )

    def target(
        self,
        figure: FigureRead,
        deadline: date,
        indicator: Indicator,
        read: IndicatorRead,
        subject: Subject,
        source: str,
    ) -> None:
        if figure.number is None or not self.whole(figure):
            return
        if figure.dimensions:
            message = _(
                "A target for part of a breakdown is not recorded: Concord's targets are for "
                "the whole."
            )
            self.report.notices.append(_problem(figure, message))
            return
        target = Target.objects.filter(
            indicator=indicator,
            party=subject.party,
            deadline=deadline,
            group=None,
            trend="",
        ).first() or Target(indicator=indicator, party=subject.party, deadline=deadline)
        wanted = (
            comparator(read, indicator),
            figure.number,
            (source if figure.source is None else figure.source)[:255],
            figure.comment,
        )
        if target.pk and (target.comparator, target.value, target.source, target.note) == wanted:
            return
        target.comparator, target.value, target.source, target.note = wanted
        if not self.user.has_perm("indicators.change_target", target):
            message = _("%(user)s may not set the targets of %(indicator)s.")
            raise IatiInvalid(
                [_problem(figure, message % {"user": self.user, "indicator": indicator.code})]
            )
        try:
            target.full_clean(validate_unique=False)
        except ValidationError as error:
            raise _refusal(figure, error) from None
        target._history_user = self.user
        target.save()
        self.report.targets += 1


# Exporting ----------------------------------------------------------------------------------


@dataclass
class SubjectFigures:
    """The approved figures by indicator and subject, the targets by indicator and party."""

    values: dict[tuple[int, str], list[Value]] = field(default_factory=dict)
    targets: dict[tuple[int, int | None], list[Target]] = field(default_factory=dict)


def subject_key(contribution: Contribution) -> str:
    """The subject of a contribution's figures: its country, else its organization."""
    if contribution.country_id:
        return f"party:{contribution.country.code}"
    return f"body:{contribution.organization.code}"


def figures_of(contributions: list[Contribution]) -> SubjectFigures:
    """The figures and targets the results of ``contributions`` carry, in two queries."""
    indicators = {
        indicator.pk
        for contribution in contributions
        for allocation in contribution.allocations.all()
        for indicator in allocation.node.indicators.all()
    }
    figures = SubjectFigures(defaultdict(list), defaultdict(list))
    values = Value.objects.filter(
        indicator__in=indicators,
        subject__in={subject_key(c) for c in contributions},
        approval=Approval.APPROVED,
    ).select_related("period")
    for value in values:
        figures.values[value.indicator_id, value.subject].append(value)
    targets = Target.objects.filter(
        indicator__in=indicators,
        group=None,
        trend="",
        value__isnull=False,
        deadline__isnull=False,
    )
    for target in targets:
        figures.targets[target.indicator_id, target.party_id].append(target)
    return figures

"""The figures of an IATI result indicator: its baselines, and its periods' targets and actuals.

They are the activity's, and never displace what Concord holds from another source. A baseline
is a figure for its year (its note begins with ``baseline_marker()``); an actual, a figure for
its period when the period is one of Concord's (a year, a half, a quarter, a month, whole
years): each of the activity's beneficiary country, else of the organization receiving the
money, and written only where no figure is, or the one there has the activity's source. A
target is the country's by the period's end, at least the value when the indicator rises, at
most it when it falls (the file's ``ascending`` when Concord's indicator has no direction): an
activity without one country records none (a target without a party is every party's), nor
does one whose country has a target of the indicator from another source, nor one whose
``ascending`` contradicts the indicator's direction. Figures go through ``value_put``, targets
through ``target_put``, as the importing person.

What Concord cannot hold truthfully is a notice and is not recorded: a figure for some locations
of the activity only, a breakdown the indicator does not have, a target for part of a breakdown,
an actual for a period Concord has no code for, a figure or target another activity of the same
file gave first. What is equal to what is stored (number, status, source, note and caution;
approval aside) is left alone, so that importing a file again writes nothing.

The export reads the same back (``figures_of``): of each exported contribution's subject, the
approved figures and the targets with the activity's source, for
``concord.resources.iati.exporting`` to write.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
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
from concord.indicators.targeting import target_put
from concord.registry.models import Body, Party
from concord.resources.iati.reading import QUALITATIVE, FigureRead, IndicatorRead
from concord.resources.iati.schema import IatiInvalid, IatiProblem, refusal
from concord.resources.models import Contribution


@dataclass(frozen=True)
class Subject:
    """Whom an activity's figures are of: a country, else the organization."""

    party: Party | None = None
    body: Body | None = None

    @property
    def key(self) -> str:
        """As ``Value.subject`` says it."""
        return f"party:{self.party.code}" if self.party else f"body:{self.body.code}"


def activity_source(identifier: str) -> str:
    """The source of what comes from the IATI activity ``identifier``, in the language of
    record (it is stored, and compared when the file is imported again)."""
    with translation.override(settings.LANGUAGE_CODE):
        return (_("IATI activity %(id)s") % {"id": identifier})[:255]


def baseline_marker() -> str:
    """What a baseline's note begins with, in the language of record (the export reads it)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Baseline.")


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


def contradicts(read: IndicatorRead, indicator: Indicator) -> bool:
    """Say whether the file's explicit ``ascending`` says the opposite of Concord's direction."""
    return (read.ascending, indicator.direction) in (
        (False, Direction.HIGHER),
        (True, Direction.LOWER),
    )


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
    return IatiInvalid([refusal(figure.line, figure.tag, error)])


@dataclass(frozen=True)
class _Activity:
    """The activity whose figures are recorded: its subject, source and line."""

    subject: Subject
    source: str
    line: int


class IndicatorFigures:
    """Records the figures and targets of the indicators of one file, as one person.

    What one activity records is claimed for the whole file: another activity giving the same
    figure or target is noticed, and the first kept.
    """

    def __init__(self, user: Any, report: Any) -> None:
        self.user, self.report = user, report
        self.claimed: dict[tuple, int] = {}

    def record(
        self,
        read: IndicatorRead,
        indicator: Indicator,
        subject: Subject,
        source: str,
        line: int,
    ) -> None:
        """Record the figures and targets ``read`` gives of ``subject`` from the activity at
        ``line``, whose source is ``source``."""
        if read.measure == QUALITATIVE:
            return
        activity = _Activity(subject, source, line)
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
            given = Figure(
                figure.number,
                status=figure.status or ValueStatus.FINAL,
                source=source,
                note=note,
                flag=figure.flag,
                breakdown=breakdown,
            )
            planned[key] = (figure, period, given)

        for baseline in read.baselines:
            if baseline.number is not None and self.whole(baseline):
                try:
                    year = period_for(str(baseline.year))
                except ValidationError as error:
                    raise _refusal(baseline, error) from None
                note = " ".join(filter(None, [baseline_marker(), baseline.comment]))
                plan(baseline, year, note)
        targets = [t for item in read.periods for t in item.targets]
        if targets and contradicts(read, indicator):
            message = _(
                "The file's ascending says the opposite of %(indicator)s, which Concord holds "
                "%(direction)s: the targets of this indicator are not recorded."
            )
            self.report.notices.append(
                IatiProblem(
                    read.line,
                    "indicator",
                    message
                    % {"indicator": indicator.code, "direction": indicator.get_direction_display()},
                )
            )
        for item in read.periods:
            if not contradicts(read, indicator):
                for target in item.targets:
                    self.target(
                        target, item.ends_on, indicator, comparator(read, indicator), activity
                    )
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
            self.put(figure, indicator, period, given, activity)

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

    def claim(self, key: tuple, figure: FigureRead, activity: _Activity) -> bool:
        """Claim ``key`` for the activity; say whether another activity of the file had it."""
        first = self.claimed.setdefault(key, activity.line)
        if first == activity.line:
            return False
        message = _(
            "The activity on line %(line)d gives this too: the first is recorded, this is not."
        )
        self.report.notices.append(_problem(figure, message % {"line": first}))
        return True

    def kept(self, figure: FigureRead, source: str) -> None:
        message = _(
            "A figure from %(source)s is kept: an IATI activity's results do not replace what "
            "Concord holds from another source."
        )
        self.report.notices.append(_problem(figure, message % {"source": source or "-"}))

    def put(
        self,
        figure: FigureRead,
        indicator: Indicator,
        period: Period,
        given: Figure,
        activity: _Activity,
    ) -> None:
        subject = activity.subject
        key = ("value", indicator.pk, subject.key, period.pk, breakdown_key(given.breakdown))
        if self.claim(key, figure, activity):
            return
        stored = Value.objects.filter(
            indicator=indicator, subject=subject.key, period=period, breakdown_key=key[-1]
        ).first()
        if stored is not None and stored.source != activity.source:
            self.kept(figure, stored.source)
            return
        if stored is not None and (
            stored.number,
            stored.status,
            stored.source,
            stored.note,
            stored.flag,
        ) == (given.number, given.status, given.source, given.note.strip(), given.flag.strip()):
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

    def target(
        self,
        figure: FigureRead,
        deadline: date,
        indicator: Indicator,
        compares: str,
        activity: _Activity,
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
        party = activity.subject.party
        if party is None:
            message = _(
                "A target is recorded for the activity's one recipient country, and this "
                "activity has none: Concord's target without a country is every party's."
            )
            self.report.notices.append(_problem(figure, message))
            return
        if self.claim(("target", indicator.pk, party.pk, deadline), figure, activity):
            return
        targets = list(Target.objects.filter(indicator=indicator, party=party))
        other = next((t for t in targets if t.source != activity.source), None)
        if other is not None:
            message = _(
                "A target of %(party)s from %(source)s is kept: an IATI activity's targets do "
                "not replace what Concord holds from another source."
            )
            self.report.notices.append(
                _problem(figure, message % {"party": party.name, "source": other.source or "-"})
            )
            return
        wanted = (compares, figure.number, figure.comment.strip())
        if any(
            (t.deadline, t.group_id, t.trend) == (deadline, None, "")
            and (t.comparator, t.value, t.note) == wanted
            for t in targets
        ):
            return
        try:
            target_put(
                user=self.user,
                indicator=indicator,
                party=party,
                comparator=compares,
                value=figure.number,
                deadline=deadline,
                source=activity.source,
                note=figure.comment,
            )
        except PermissionDenied:
            message = _("%(user)s may not set the targets of %(indicator)s.")
            raise IatiInvalid(
                [_problem(figure, message % {"user": self.user, "indicator": indicator.code})]
            ) from None
        except ValidationError as error:
            raise _refusal(figure, error) from None
        self.report.targets += 1


# Exporting ----------------------------------------------------------------------------------


ASCENDING = {Direction.HIGHER: "1", Direction.LOWER: "0"}
COMPARATOR_ASCENDING = {Comparator.AT_LEAST: "1", Comparator.AT_MOST: "0"}


@dataclass
class SubjectFigures:
    """The approved figures by indicator, subject and source; the targets by indicator, party
    and source."""

    values: dict[tuple[int, str, str], list[Value]] = field(default_factory=dict)
    targets: dict[tuple[int, int, str], list[Target]] = field(default_factory=dict)


def subject_key(contribution: Contribution) -> str:
    """The subject of a contribution's figures: its country, else its organization."""
    if contribution.country_id:
        return f"party:{contribution.country.code}"
    return f"body:{contribution.organization.code}"


def results_source(contribution: Contribution, identifier: str) -> str:
    """The source of what the activity ``identifier`` of ``contribution`` gives: the
    contribution's, else the activity's (as the importer records them)."""
    return contribution.source or activity_source(identifier)


def indicator_figures(
    indicator: Indicator, contribution: Contribution, figures: SubjectFigures, source: str
) -> tuple[str | None, list[Target], list[Value]]:
    """The indicator's IATI ``ascending``, and the targets and figures of the activity whose
    results have ``source``: the targets whose comparator says the indicator's direction, or,
    without one, all the targets when they compare alike (else none)."""
    values = figures.values.get((indicator.pk, subject_key(contribution), source), [])
    targets = figures.targets.get((indicator.pk, contribution.country_id, source), [])
    ascending = ASCENDING.get(indicator.direction)
    if ascending is None:
        said = {COMPARATOR_ASCENDING.get(t.comparator) for t in targets}
        ascending = said.pop() if len(said) == 1 else None
    if ascending is None:
        return None, [], values
    return (
        ascending,
        [t for t in targets if COMPARATOR_ASCENDING.get(t.comparator) == ascending],
        values,
    )


def figures_of(contributions: list[Contribution], sources: dict[int, str]) -> SubjectFigures:
    """The figures and targets the results of ``contributions`` carry (``sources``: the source
    of each, by primary key), in two queries."""
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
        source__in=set(sources.values()),
        approval=Approval.APPROVED,
    ).select_related("period")
    for value in values:
        figures.values[value.indicator_id, value.subject, value.source].append(value)
    targets = Target.objects.filter(
        indicator__in=indicators,
        party__in={c.country_id for c in contributions if c.country_id},
        source__in=set(sources.values()),
        group=None,
        trend="",
        value__isnull=False,
        deadline__isnull=False,
    )
    for target in targets:
        figures.targets[target.indicator_id, target.party_id, target.source].append(target)
    return figures

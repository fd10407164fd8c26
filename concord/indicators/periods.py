"""Periods by their codes: reading them, ordering them, and knowing when two are comparable.

``2014`` a year, ``2014-H1`` a half, ``2014-Q2`` a quarter, ``2014-03`` a month, ``2012-2013`` a
biennium, ``2004-2006`` any span of whole years. Pure functions, and ``period_for`` that finds or
records the period of a code.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concord.indicators.models import Period, PeriodKind

_PATTERNS = [
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})-H([12])$"), PeriodKind.HALF),
    (re.compile(r"^(\d{4})-Q([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), PeriodKind.MONTH),
    (re.compile(r"^(\d{4})-(\d{4})$"), PeriodKind.SPAN),
]


@dataclass(frozen=True, order=True)
class Span:
    """A period as read from its code; ordered by first day, then last day."""

    starts_on: dt.date
    ends_on: dt.date
    kind: str
    code: str

    @property
    def months(self) -> int:
        """Its length in whole months: what decides whether two periods compare."""
        return (
            (self.ends_on.year - self.starts_on.year) * 12
            + self.ends_on.month
            - self.starts_on.month
            + 1
        )


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse(code: str) -> Span:
    """Read a period's code; raise ValidationError naming what is accepted."""
    text = (code or "").strip().upper()
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year, part = int(match.group(1)), match.group(2) if match.lastindex == 2 else None
        if kind == PeriodKind.YEAR:
            return Span(dt.date(year, 1, 1), dt.date(year, 12, 31), kind, text)
        if kind == PeriodKind.HALF:
            first = 1 if part == "1" else 7
            return Span(dt.date(year, first, 1), _month_end(year, first + 5), kind, text)
        if kind == PeriodKind.QUARTER:
            first = 3 * (int(part) - 1) + 1
            return Span(dt.date(year, first, 1), _month_end(year, first + 2), kind, text)
        if kind == PeriodKind.MONTH:
            month = int(part)
            return Span(dt.date(year, month, 1), _month_end(year, month), kind, text)
        last = int(part)
        if last > year:
            span_kind = PeriodKind.BIENNIUM if last == year + 1 else PeriodKind.SPAN
            return Span(dt.date(year, 1, 1), dt.date(last, 12, 31), span_kind, text)
    raise ValidationError(
        _(
            "%(code)s is not a period: write 2014, 2014-H1, 2014-Q2, 2014-03, 2012-2013 "
            "(a biennium) or 2004-2006 (a span of years)."
        )
        % {"code": code}
    )


def comparable(a: Span | Period, b: Span | Period) -> bool:
    """Say whether values of two periods may be compared: only periods of the same length."""
    return _span(a).months == _span(b).months


def _span(period: Span | Period) -> Span:
    if isinstance(period, Span):
        return period
    return Span(period.starts_on, period.ends_on, period.kind, period.code)


def period_for(code: str) -> Period:
    """Return the period of ``code``, recording it the first time it is used."""
    span = parse(code)
    period, _created = Period.objects.get_or_create(
        code=span.code,
        defaults={"kind": span.kind, "starts_on": span.starts_on, "ends_on": span.ends_on},
    )
    return period


def period_named(code: str, field: str = "period") -> Period:
    """Return the recorded period of ``code``; raise ValidationError keyed by ``field``."""
    try:
        span = parse(code)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    period = Period.objects.filter(code=span.code).first()
    if period is None:
        raise ValidationError(
            {field: _("No value is given for the period %(code)s.") % {"code": code}}
        )
    return period

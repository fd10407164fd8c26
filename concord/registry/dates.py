"""Dates known to a day, a month, a year, or only as a range, without inventing precision.

A ``PartialDate`` is stored as its earliest and latest possible day and its precision. It is
written in the Extended Date/Time Format (EDTF, ISO 8601-2): ``2012-09-25``, ``2001-11``,
``2003``, ``2002/2003``, ``../2004-05-31`` (by 31 May 2004), ``2001-12-01/..`` (from December 2001).
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    RANGE = "range", _("range")


_PART = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class PartialDateError(ValueError):
    """A text is not a date Concord can read."""


@dataclass(frozen=True)
class PartialDate:
    earliest: dt.date | None
    latest: dt.date | None
    precision: str

    def __post_init__(self) -> None:
        if self.earliest is None and self.latest is None:
            raise PartialDateError("A date needs at least one bound.")
        if self.earliest and self.latest and self.earliest > self.latest:
            raise PartialDateError(f"{self.earliest} is after {self.latest}.")

    @classmethod
    def day(cls, year: int, month: int, day: int) -> "PartialDate":
        d = dt.date(year, month, day)
        return cls(d, d, DatePrecision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> "PartialDate":
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), DatePrecision.MONTH)

    @classmethod
    def year(cls, year: int) -> "PartialDate":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR)

    @classmethod
    def between(cls, after: "PartialDate | None", by: "PartialDate | None") -> "PartialDate":
        """Return the span from the start of ``after`` to the end of ``by``."""
        return cls(
            after.earliest if after else None, by.latest if by else None, DatePrecision.RANGE
        )

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read an EDTF date or interval."""
        text = text.strip()
        if "/" in text:
            start, _sep, end = text.partition("/")
            after = None if start in ("", "..") else cls.parse(start)
            by = None if end in ("", "..") else cls.parse(end)
            if after is None and by is None:
                raise PartialDateError(f"{text!r} has no bound.")
            return cls.between(after, by)
        match = _PART.match(text)
        if not match:
            raise PartialDateError(f"{text!r} is not a date such as 2012-09-25, 2001-11 or 2003.")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day is not None:
                return cls.day(year, month, day)
            if month is not None:
                return cls.month(year, month)
            return cls.year(year)
        except ValueError as exc:
            raise PartialDateError(f"{text!r} is not a real date: {exc}.") from None

    @property
    def edtf(self) -> str:
        if self.precision == DatePrecision.DAY:
            return self.earliest.isoformat()
        if self.precision == DatePrecision.MONTH:
            return self.earliest.strftime("%Y-%m")
        if self.precision == DatePrecision.YEAR:
            return str(self.earliest.year)
        return f"{_bound(self.earliest, start=True)}/{_bound(self.latest, start=False)}"


def _bound(day: dt.date | None, *, start: bool) -> str:
    """Write a range bound as a year when it spans whole years, else as a day."""
    if day is None:
        return ".."
    if start and (day.month, day.day) == (1, 1):
        return str(day.year)
    if not start and (day.month, day.day) == (12, 31):
        return str(day.year)
    return day.isoformat()

"""Partial dates in words, with no more precision than the record holds."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from concord.registry.dates import DatePrecision, PartialDate


def describe_partial_date(value: PartialDate | None) -> str:
    """Say a partial date as a reader would: "November 2001", "by 31 May 2004" ..."""
    if value is None:
        return ""
    if value.precision == DatePrecision.DAY:
        return _day(value.earliest)
    if value.precision == DatePrecision.MONTH:
        return _month(value.earliest)
    if value.precision == DatePrecision.YEAR:
        return _year(value.earliest)
    if value.earliest is None:
        return _("by %(date)s") % {"date": _bound(value.latest, start=False)}
    if value.latest is None:
        return _("not before %(date)s") % {"date": _bound(value.earliest, start=True)}
    return _("between %(start)s and %(end)s") % {
        "start": _bound(value.earliest, start=True),
        "end": _bound(value.latest, start=False),
    }


def machine_date(value: PartialDate | None) -> str:
    """Return a value for <time datetime>, or "" where HTML has no way to say a range."""
    if value is None or value.precision == DatePrecision.RANGE:
        return ""
    return value.edtf


def _day(day: dt.date) -> str:
    return date_format(day, "j F Y")


def _month(day: dt.date) -> str:
    return date_format(day, "F Y")


def _year(day: dt.date) -> str:
    return str(day.year)


def _bound(day: dt.date, *, start: bool) -> str:
    """Say a range bound as a year when it spans the whole year, else as a day ("by 31 May")."""
    if (day.month, day.day) == ((1, 1) if start else (12, 31)):
        return _year(day)
    return _day(day)

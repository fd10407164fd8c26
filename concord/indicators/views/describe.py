"""Figures and targets in words, in the reader's language and number format."""

from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from concord.indicators.models import Comparator, Indicator, Statistic, Target, Unit

MAX_PLACES = 6


def places(number: Decimal) -> int:
    """The decimal places a figure needs (``73.000000`` none, ``-4.100000`` one)."""
    exponent = number.normalize().as_tuple().exponent
    return min(MAX_PLACES, max(0, -exponent)) if isinstance(exponent, int) else 0


def figure_text(number: Decimal | None, decimals: int | None = None) -> str:
    """Format a figure for the reader's locale, with ``decimals`` places (as many as it needs)."""
    if number is None:
        return ""
    decimals = places(number) if decimals is None else decimals
    return number_format(
        number.quantize(Decimal(1).scaleb(-decimals)),
        decimal_pos=decimals,
        use_l10n=True,
        force_grouping=True,
    )


def with_unit(number: Decimal, unit: str) -> str:
    """A figure and its unit ("6 days", "171 hours per year")."""
    return _("%(number)s %(unit)s") % {"number": figure_text(number), "unit": Unit(unit).label}


def _compared(comparator: str, what: str) -> str:
    texts = {
        Comparator.AT_MOST: _("at most %(what)s"),
        Comparator.BELOW: _("below %(what)s"),
        Comparator.AT_LEAST: _("at least %(what)s"),
        Comparator.ABOVE: _("above %(what)s"),
        Comparator.EQUAL: _("equal to %(what)s"),
    }
    return texts[Comparator(comparator)] % {"what": what}


def _statistic(statistic: str, group: str) -> str:
    texts = {
        Statistic.MEAN: _("the average of %(group)s"),
        Statistic.MEDIAN: _("the median of %(group)s"),
        Statistic.BEST: _("the best performer of %(group)s"),
    }
    return texts[Statistic(statistic)] % {"group": group}


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_target(target: Target, indicator: Indicator | None = None) -> str:
    """Say what a target asks, e.g. "at most the average of ASEAN-6 in 2014 (printed: 171 hours
    per year)"; ``indicator`` (the target's own) saves a query when given."""
    unit = (indicator or target.indicator).unit
    if target.trend:
        text = _upper_first(str(target.get_trend_display()))
        if target.value is not None:
            text = _("%(trend)s, about %(figure)s") % {
                "trend": text,
                "figure": with_unit(target.value, unit),
            }
    elif target.group_id:
        what = _statistic(target.statistic, target.group.translated("name").text)
        if target.reference_period_id:
            what = _("%(what)s in %(period)s") % {
                "what": what,
                "period": target.reference_period.code,
            }
        text = _upper_first(_compared(target.comparator, what))
        if target.value is not None:
            text = _("%(target)s (the source prints %(figure)s)") % {
                "target": text,
                "figure": with_unit(target.value, unit),
            }
    else:
        text = _upper_first(_compared(target.comparator, with_unit(target.value, unit)))
    if target.deadline:
        text = _("%(target)s, by %(date)s") % {
            "target": text,
            "date": date_format(target.deadline, "DATE_FORMAT"),
        }
    return text


def target_subject(target: Target) -> str:
    """Whom a target is for: a party, or every party."""
    if target.party_id:
        return _("For %(party)s") % {"party": target.party.translated("name").text}
    return _("For every party")

"""Quarterly reporting cycles: one per quarter of a year, collecting the parties' figures.

Resolution 19 (seed 001) sets tasks for each ministry, reported quarterly: a quarterly cycle
asks each party for the figures of the instrument's indicators for its quarter, each question
answered by the indicator's responsible body (``figures.py``). Opening them is idempotent: a
quarter that already has its cycle on the instrument keeps it, given only the parties and
indicators it lacks.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from concord.indicators.models import Indicator, PeriodKind
from concord.indicators.periods import Span, parse, period_for
from concord.registry.models import Instrument, Party
from concord.reporting.models import Phase, ReportingCycle
from concord.reporting.services import cycle_open, questionnaire_build

DEADLINE_DAYS = 30
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True)
class Opened:
    """A quarter's cycle, and whether this call opened it (else it was there)."""

    cycle: ReportingCycle
    created: bool


def check_quarter(code: str) -> Span:
    """Read a quarter's code (2026-Q4); refuse any other period, naming what is expected."""
    try:
        span = parse(code)
    except ValidationError as error:
        raise ValidationError({"quarter": error.messages}) from None
    if span.kind != PeriodKind.QUARTER:
        raise ValidationError(
            {
                "quarter": _("%(code)s is not a quarter: write it as 2026-Q1 ... 2026-Q4.")
                % {"code": code}
            }
        )
    return span


def check_year(year: str | int) -> int:
    """Read a year (2026); refuse a quarter or any other period, naming what is expected."""
    try:
        span = parse(str(year))
    except ValidationError as error:
        raise ValidationError({"year": error.messages}) from None
    if span.kind != PeriodKind.YEAR:
        raise ValidationError(
            {"year": _("%(code)s is not a year: give the year, e.g. 2026.") % {"code": year}}
        )
    return span.starts_on.year


def reporting_parties(indicators: Iterable[Indicator]) -> list[Party]:
    """The parties whose national bodies are responsible for the indicators, by code."""
    party_ids = {
        i.responsible_body.party_id
        for i in indicators
        if i.responsible_body_id and i.responsible_body.party_id
    }
    return list(Party.objects.filter(pk__in=party_ids).order_by("code"))


def _scope(
    instrument: Instrument,
    indicators: Iterable[Indicator] | None,
    parties: Iterable[Party] | None,
) -> tuple[list[Indicator], list[Party]]:
    if indicators is None:
        indicators = Indicator.objects.filter(instrument=instrument).select_related(
            "responsible_body"
        )
    chosen = sorted(indicators, key=lambda i: i.code)
    if not chosen:
        raise ValidationError(
            {
                "indicators": _("%(instrument)s has no indicators to ask the figures of.")
                % {"instrument": instrument}
            }
        )
    reporting = list(parties) if parties is not None else reporting_parties(chosen)
    if not reporting:
        raise ValidationError(
            {
                "parties": _(
                    "Say which parties report: no national body is responsible for these "
                    "indicators."
                )
            }
        )
    return chosen, reporting


def _open(
    *,
    user: Any,
    instrument: Instrument,
    span: Span,
    indicators: list[Indicator],
    parties: list[Party],
    deadline_days: int,
    suffix: str,
) -> Opened:
    period = period_for(span.code)
    existing = (
        ReportingCycle.objects.filter(instrument=instrument, indicator_period=period)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        known = set(existing.parties.values_list("pk", flat=True))
        existing.parties.add(*[p for p in parties if p.pk not in known])
        questionnaire_build(cycle=existing, user=user, indicators=indicators)
        return Opened(existing, False)
    cycle = cycle_open(
        user=user,
        instrument=instrument,
        name=_quarter_name(span) + suffix,
        phase=Phase.PERIODIC_REPORT,
        indicator_period=period,
        opens_on=span.ends_on + dt.timedelta(days=1),
        deadline=span.ends_on + dt.timedelta(days=deadline_days),
        parties=parties,
        indicators=indicators,
    )
    return Opened(cycle, True)


def _quarter_name(span: Span) -> str:
    """The cycle's name, in the language of record (it is stored, not shown translated)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Quarterly report %(quarter)s") % {"quarter": span.code}


def _check(user: Any, instrument: Instrument, deadline_days: int) -> None:
    if not user.has_perm("reporting.add_reportingcycle", instrument):
        raise PermissionDenied
    if deadline_days < 1:
        raise ValidationError(
            {"deadline_days": _("The deadline falls at least a day after the quarter ends.")}
        )


@transaction.atomic
def quarter_cycle_open(
    *,
    user: Any,
    instrument: Instrument,
    quarter: str,
    indicators: Iterable[Indicator] | None = None,
    parties: Iterable[Party] | None = None,
    deadline_days: int = DEADLINE_DAYS,
    suffix: str = "",
) -> Opened:
    """Open (or complete) the cycle collecting the figures of ``quarter`` (the secretariat).

    ``indicators`` default to the instrument's; ``parties`` to the parties of their responsible
    bodies. The cycle opens the day after the quarter ends; its deadline is ``deadline_days``
    after that end.
    """
    span = check_quarter(quarter)
    _check(user, instrument, deadline_days)
    # One opener at a time per instrument, so that two runs never open a quarter twice.
    Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
    chosen, reporting = _scope(instrument, indicators, parties)
    return _open(
        user=user,
        instrument=instrument,
        span=span,
        indicators=chosen,
        parties=reporting,
        deadline_days=deadline_days,
        suffix=suffix,
    )


@transaction.atomic
def quarterly_cycles_open(
    *,
    user: Any,
    instrument: Instrument,
    year: str | int,
    indicators: Iterable[Indicator] | None = None,
    parties: Iterable[Party] | None = None,
    deadline_days: int = DEADLINE_DAYS,
    suffix: str = "",
    progress: Callable[[Opened], None] | None = None,
) -> list[Opened]:
    """Open (or complete) the four quarterly cycles of ``year``: all four or none.

    See ``quarter_cycle_open``; ``progress`` is told of each quarter as it is done.
    """
    number = check_year(year)
    _check(user, instrument, deadline_days)
    Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
    chosen, reporting = _scope(instrument, indicators, parties)
    opened = []
    for quarter in QUARTERS:
        done = _open(
            user=user,
            instrument=instrument,
            span=parse(f"{number}-{quarter}"),
            indicators=chosen,
            parties=reporting,
            deadline_days=deadline_days,
            suffix=suffix,
        )
        opened.append(done)
        if progress is not None:
            progress(done)
    return opened

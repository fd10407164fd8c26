"""An indicator's benchmark for a period, as JSON or CSV (``concord.indicators.benchmark``).

Only approved totals count, so every caller sees the same benchmark. Missing figures stay
``null`` (an empty cell in CSV), never zero.
"""

from collections.abc import Iterator
from typing import Any, Literal, NoReturn

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from concord.indicators.api.lookups import (
    READERS,
    indicator_or_404,
    party_codes,
    refused_query,
    span_of,
)
from concord.indicators.api.schemas import NOT_FOUND, BenchmarkOut, BenchmarkQuery, benchmark_data
from concord.indicators.api.tables import csv_response
from concord.indicators.benchmark import Benchmark, benchmark, public_values
from concord.indicators.models import Indicator, Period
from concord.indicators.periods import period_named
from concord.registry.models import Group, Party

router = Router(tags=["indicators"])

CSV_HEADER = (
    "party",
    "party_name",
    "value",
    "target",
    "target_text",
    "gap",
    "gap_percent",
    "meets_target",
    "rank",
    "change",
    "relative",
    "flag",
)


def _refuse(field: str, message: str) -> NoReturn:
    raise refused_query(DjangoValidationError({field: message}))


def compared_period(indicator: Indicator, code: str | None) -> Period:
    """The period asked for (404 if none is recorded), or the latest with approved figures."""
    if code:
        span = span_of(code, "period")
        period = Period.objects.filter(code=span.code).first()
        if period is None:
            raise HttpError(404, _("No value is given for the period %(code)s.") % {"code": code})
        return period
    latest = (
        Period.objects.filter(pk__in=public_values(indicator).values("period_id"))
        .order_by("-starts_on", "-ends_on")
        .first()
    )
    if latest is None:
        raise HttpError(
            404, _("%(indicator)s has no approved figure yet.") % {"indicator": indicator.code}
        )
    return latest


def _parties(given: list[str], field: str) -> list[Party]:
    codes = party_codes(given)
    found = list(Party.objects.filter(code__in=codes).order_by("name"))
    known = {party.code.upper() for party in found}
    unknown = sorted({code for code in codes if code.upper() not in known})
    if unknown:
        _refuse(field, _("No party with code %(codes)s.") % {"codes": ", ".join(unknown)})
    return found


def benchmark_for(indicator: Indicator, query: BenchmarkQuery) -> Benchmark:
    """Read the query's choices, refusing by name any that does not exist, and compare."""
    period = compared_period(indicator, query.period)
    group = None
    if query.group:
        group = Group.objects.filter(slug=query.group).first()
        if group is None:
            _refuse("group", _("No group with slug %(slug)s.") % {"slug": query.group})
    parties = _parties(query.party, "party") if query.party else None
    if group is not None and parties:
        _refuse("party", _("Compare a group or chosen parties, not both."))
    base_period = None
    if query.base_period:
        try:
            base_period = period_named(query.base_period, "base_period")
        except DjangoValidationError as exc:
            raise refused_query(exc) from None
    base_party = _parties([query.base_party], "base_party")[0] if query.base_party else None
    return benchmark(
        indicator,
        period,
        group=group,
        parties=parties,
        base_period=base_period,
        base_party=base_party,
    )


def _csv_rows(result: Benchmark) -> Iterator[list[Any]]:
    for row in result.rows:
        yield [
            row.party.code,
            row.party.translated("name").text,
            row.value,
            row.target,
            row.target_text,
            row.gap,
            row.gap_percent,
            row.meets_target,
            row.rank,
            row.change,
            row.relative,
            row.flag,
        ]


@router.get(
    "/{code}/benchmark",
    response={200: BenchmarkOut, **NOT_FOUND},
    auth=READERS,
    summary="Benchmark an indicator",
    description="For a period, each party's approved value against its target and its group: "
    "the gap still to go (positive while short, in the indicator's good direction), whether "
    "the target is met, the rank (1 is best), the change since `base_period` and the value "
    "relative to `base_party`'s; and the group's count, mean, median and best. The parties "
    "are the group's members, the chosen ones, or else every party with a value. "
    "`format=csv` gives the rows as a CSV file.",
)
def indicator_benchmark(
    request: HttpRequest,
    code: str,
    query: Query[BenchmarkQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    indicator = indicator_or_404(code)
    result = benchmark_for(indicator, query)
    if format == "csv":
        name = f"{indicator.code}-benchmark-{result.period.code}"
        return csv_response(name, CSV_HEADER, _csv_rows(result))
    return benchmark_data(result)

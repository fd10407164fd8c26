"""Indicators as JSON or CSV: what each measures, in what unit, toward which targets.

Definitions are public. An indicator names its instrument and provisions only where the
caller may see that instrument (published, or in their secretariat scope); its periods are
those with figures the caller may see.
"""

from collections.abc import Iterator
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from concord.accounts.selectors import instruments_open_to
from concord.indicators.api.lookups import READERS, indicator_or_404
from concord.indicators.api.schemas import (
    NOT_FOUND,
    IndicatorDetailOut,
    IndicatorFilters,
    IndicatorOut,
    indicator_data,
    target_data,
)
from concord.indicators.api.tables import csv_response
from concord.indicators.entry import values_visible_to
from concord.indicators.models import Indicator, Period, Target
from concord.pagination import Paged, PageQuery, paginate_query

router = Router(tags=["indicators"])

CSV_HEADER = (
    "code",
    "name",
    "unit",
    "direction",
    "dimensions",
    "instrument",
    "responsible_body",
    "source",
)


def indicator_list(*, instrument: int | None = None, q: str | None = None) -> QuerySet[Indicator]:
    """Filter indicators by instrument id and by words in their name or code."""
    qs = Indicator.objects.select_related("instrument", "responsible_body")
    if instrument is not None:
        qs = qs.filter(instrument_id=instrument)
    for word in (q or "").split():
        qs = qs.filter(Q(name__icontains=word) | Q(code__icontains=word))
    return qs


def _open_instruments(user: Any, indicators: list[Indicator]) -> set[int]:
    ids = {i.instrument_id for i in indicators if i.instrument_id}
    if not ids:
        return set()
    return set(instruments_open_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def _page_rows(user: Any):
    def rows(qs: QuerySet[Indicator]) -> list[dict[str, Any]]:
        indicators = list(qs)
        open_ids = _open_instruments(user, indicators)
        return [indicator_data(i, instrument_open=i.instrument_id in open_ids) for i in indicators]

    return rows


def _csv_rows(user: Any, qs: QuerySet[Indicator]) -> Iterator[list[Any]]:
    open_ids = set(instruments_open_to(user).values_list("pk", flat=True))
    for indicator in qs.order_by("code").iterator(chunk_size=2000):
        shown = indicator.instrument if indicator.instrument_id in open_ids else None
        yield [
            indicator.code,
            indicator.name,
            indicator.unit,
            indicator.direction,
            "; ".join(indicator.dimensions or []),
            shown.symbol if shown else None,
            indicator.responsible_body.code if indicator.responsible_body_id else None,
            indicator.source,
        ]


@router.get(
    "",
    response=Paged[IndicatorOut],
    auth=READERS,
    summary="List indicators",
    description="Indicators ordered by code. `format=csv` gives the whole list as one CSV file.",
)
def indicator_list_view(
    request: HttpRequest,
    filters: Query[IndicatorFilters],
    page: Query[PageQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    qs = indicator_list(instrument=filters.instrument, q=filters.q)
    if format == "csv":
        return csv_response("indicators", CSV_HEADER, _csv_rows(request.user, qs))
    return paginate_query(qs, page, key=("code",), rows=_page_rows(request.user)).as_dict()


@router.get(
    "/{code}",
    response={200: IndicatorDetailOut, **NOT_FOUND},
    auth=READERS,
    summary="Show an indicator",
    description="Its definition, unit, direction, breakdowns, instrument and provisions, the "
    "body responsible for reporting it, its targets, and the periods it has values for.",
)
def indicator_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    indicator = indicator_or_404(code)
    open_instrument = (
        indicator.instrument_id is not None
        and instruments_open_to(request.user).filter(pk=indicator.instrument_id).exists()
    )
    provisions = (
        indicator.provisions.filter(instrument__in=instruments_open_to(request.user))
        .select_related("instrument")
        .order_by("instrument_id", "seq")
    )
    targets = Target.objects.filter(indicator=indicator).select_related(
        "party", "group", "reference_period"
    )
    periods = Period.objects.filter(
        pk__in=values_visible_to(request.user, indicator).values("period_id")
    ).values_list("code", flat=True)
    return {
        **indicator_data(indicator, instrument_open=open_instrument),
        "definition": indicator.definition,
        "dimensions": list(indicator.dimensions or []),
        "source": indicator.source,
        "provisions": [
            {"instrument": p.instrument_id, "symbol": p.instrument.symbol, "ref": p.ref}
            for p in provisions
        ],
        "targets": [target_data(t) for t in targets],
        "periods": list(periods),
    }

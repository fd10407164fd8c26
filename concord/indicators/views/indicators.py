"""The list of indicators, and one indicator: its definition, targets and figures.

Public pages. Everyone sees the approved figures; a person who may enter or approve figures
also sees those not yet public (marked so). An indicator's instrument is named only to those who
may open it (published, or in their secretariat scope), as the API does.
"""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from concord.accounts.selectors import instruments_open_to
from concord.indicators.entry import values_visible_to
from concord.indicators.models import Approval, Indicator, Value
from concord.indicators.views import charts, tables
from concord.indicators.views.describe import describe_target, figure_text, target_subject
from concord.portal.views.pages import page, paginate

SECTION = "indicators"
ROWS_PER_PAGE = 50


def access_indicator(user: Any, code: str) -> Indicator:
    """Return the indicator of ``code`` (else 404), with ``shown_instrument`` set for the person."""
    indicator = (
        Indicator.objects.select_related("instrument", "responsible_body").filter(code=code).first()
    )
    if indicator is None:
        raise Http404(_("No indicator with the code %(code)s.") % {"code": code})
    hide_closed_instruments(user, [indicator])
    return indicator


def hide_closed_instruments(user: Any, indicators: list[Indicator]) -> None:
    """Set ``shown_instrument`` on each indicator: its instrument, if the person may open it."""
    ids = {i.instrument_id for i in indicators if i.instrument_id}
    open_ids = (
        set(instruments_open_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    for indicator in indicators:
        indicator.shown_instrument = (
            indicator.instrument if indicator.instrument_id in open_ids else None
        )


def indicator_list(request: HttpRequest) -> HttpResponse:
    latest = (
        Value.objects.filter(indicator=OuterRef("pk"), approval=Approval.APPROVED)
        .order_by("-period__ends_on", "-period__starts_on")
        .values("period__code")[:1]
    )
    indicators = (
        Indicator.objects.select_related("instrument")
        .annotate(latest_period=Subquery(latest))
        .order_by("code")
    )
    listed = paginate(request, indicators)
    listed.object_list = list(listed.object_list)
    hide_closed_instruments(request.user, listed.object_list)
    return page(request, "indicators/list.html", {"page": listed}, section=SECTION)


def _targets(indicator: Indicator) -> list[dict]:
    targets = indicator.targets.select_related("party", "group", "reference_period")
    return [
        {
            "target": target,
            "subject": target_subject(target),
            "text": describe_target(target, indicator),
        }
        for target in targets
    ]


def _api_breakdown(key: str) -> str:
    """The API's spelling of a breakdown key (``flow=exports;sex=f`` is ``flow:exports,sex:f``)."""
    return ",".join(pair.replace("=", ":", 1) for pair in key.split(";"))


def _charts(request: HttpRequest, indicator: Indicator) -> dict:
    """The trend with the lines the reader chose, and the map of the period and breakdown chosen."""
    trend = charts.trend(indicator, request.GET.getlist("line"))
    world = charts.world_map(
        indicator, request.GET.get("map_period", ""), request.GET.get("map_breakdown", "")
    )
    api = f"/api/indicators/{indicator.code}/values?"
    context = {"trend": trend, "world": world}
    if trend.drawn:
        first, last = trend.periods[0].code, trend.periods[-1].code
        context["trend_json"] = trend.as_json()
        context["trend_csv"] = api + urlencode(
            {"from": first, "to": last, "breakdown": "*", "format": "csv"}
        )
    if world.period:
        context["map_json"] = world.as_json()
        query = {"period": world.period.code, "format": "csv"}
        if world.breakdown:
            query["breakdown"] = _api_breakdown(world.breakdown)
        context["map_csv"] = api + urlencode(query)
    return context


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = access_indicator(request.user, code)
    user = request.user
    visible = values_visible_to(user, indicator)
    periods, all_periods = tables.shown_periods(visible)
    rows = Paginator(tables.subject_keys(visible, periods), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    flagged = list(
        tables.with_subjects(visible.exclude(flag="")).order_by(
            "period__starts_on", "subject", "breakdown_key"
        )
    )
    notes = tables.notes_of(flagged)
    table = tables.values_table(visible, periods, list(rows.object_list), all_periods, notes)
    unpublished = list(
        tables.with_subjects(visible.exclude(approval=Approval.APPROVED)).order_by(
            "period__starts_on", "subject", "breakdown_key"
        )
    )
    signed_in = user.is_authenticated
    context = {
        "indicator": indicator,
        "instrument": indicator.shown_instrument,
        "results": list(indicator.results.all()),
        "targets": _targets(indicator),
        "table": table,
        "page": rows,
        "unpublished": [
            (value, tables.figure_label(value), figure_text(value.number)) for value in unpublished
        ],
        "csv_url": f"/api/indicators/{indicator.code}/values?format=csv",
        "may_enter": signed_in and user.has_perm("indicators.enter_value"),
        "may_approve": signed_in and user.has_perm("indicators.approve_value", indicator),
    }
    if context["may_approve"]:
        context["pending"] = indicator.values.filter(approval=Approval.PENDING).count()
    context |= _charts(request, indicator)
    return page(request, "indicators/detail.html", context, section=SECTION)

"""Two indicators side by side: each party's public figure of both in one period.

Public, like the benchmark: approved totals only. Each indicator keeps its own unit and chart;
the parties are in the same order in both, so that a reader can look across.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse

from concord.indicators.models import Indicator
from concord.indicators.views import charts
from concord.indicators.views.forms import CompareForm
from concord.indicators.views.indicators import SECTION
from concord.portal.views.pages import page


def _values_csv(indicator: Indicator, period_code: str) -> str:
    query = urlencode({"period": period_code, "format": "csv"})
    return f"/api/indicators/{indicator.code}/values?{query}"


def compare_page(request: HttpRequest) -> HttpResponse:
    indicators = {i.code: i for i in Indicator.objects.order_by("name")}
    chosen = [indicators.get(request.GET.get(name, "")) for name in ("first", "second")]
    periods = charts.common_periods(*chosen) if all(chosen) else []
    form = CompareForm(
        request.GET if "second" in request.GET else None,
        initial={"first": request.GET.get("first", "")},
        indicators=[(code, indicator.name) for code, indicator in indicators.items()],
        periods=[period.code for period in periods],
    )
    context = {"form": form, "comparison": None, "chosen": chosen}
    if form.is_bound and form.is_valid() and periods:
        code = form.cleaned_data["period"]
        period = next((p for p in periods if p.code == code), periods[0])
        comparison = charts.comparison(*chosen, period)
        drawn = zip((1, 2), chosen, comparison.charts(), strict=True)
        context |= {
            "comparison": comparison,
            "panels": [
                {
                    "indicator": indicator,
                    "chart": chart,
                    "data_id": f"compare-{number}",
                    "csv": _values_csv(indicator, period.code),
                }
                for number, indicator, chart in drawn
            ],
        }
    if form.errors:
        form.describe_errors()
    response = page(request, "indicators/compare.html", context, section=SECTION)
    response.status_code = 422 if form.errors else 200
    return response

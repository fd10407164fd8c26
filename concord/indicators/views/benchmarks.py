"""An indicator's benchmark for a period: each party against its target and within a group.

Public: only approved totals count (``benchmark.public_values``). The period and the group are
chosen with a plain GET form; by default the latest period in which a party has a figure, and
the parties that have one.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from concord.indicators.benchmark import benchmark, public_values
from concord.indicators.models import Period
from concord.indicators.views import charts, tables
from concord.indicators.views.describe import figure_text, places
from concord.indicators.views.forms import BenchmarkForm
from concord.indicators.views.indicators import SECTION, access_indicator
from concord.portal.views.pages import page
from concord.registry.models import Group


def _answer(meets: bool | None) -> str:
    if meets is None:
        return ""
    return _("yes") if meets else _("no")


def benchmark_page(request: HttpRequest, code: str) -> HttpResponse:
    indicator = access_indicator(request.user, code)
    with_party = public_values(indicator).filter(party__isnull=False)
    periods = list(
        Period.objects.filter(pk__in=with_party.values("period_id")).order_by(
            "-starts_on", "-ends_on"
        )
    )
    groups = list(Group.objects.order_by("name"))
    data = request.GET.copy()
    if periods and not data.get("period"):
        data["period"] = periods[0].code
    form = BenchmarkForm(
        data if periods else None,
        periods=[p.code for p in periods],
        groups=[(g.slug, g.translated("name").text) for g in groups],
    )
    context = {"indicator": indicator, "form": form, "periods": periods, "result": None}
    if periods and form.is_valid():
        period = next(p for p in periods if p.code == form.cleaned_data["period"])
        group = next((g for g in groups if g.slug == form.cleaned_data["group"]), None)
        result = benchmark(indicator, period, group=group)
        figures = [row.value for row in result.rows if row.value is not None]
        decimals = max((places(n) for n in figures), default=0)
        flagged = [row for row in result.rows if row.flag]
        notes = {}
        for row in flagged:
            note = notes.setdefault(row.flag, tables.Note(len(notes) + 1, row.flag))
            note.figures.append(row.party.translated("name").text)
        stats = result.statistics
        context |= {
            "result": result,
            "rows": [
                {
                    "row": row,
                    "value": figure_text(row.value, decimals),
                    "target": figure_text(row.target),
                    "gap": figure_text(row.gap),
                    "gap_percent": figure_text(row.gap_percent, 1)
                    if row.gap_percent is not None
                    else "",
                    "meets": _answer(row.meets_target),
                    "note": notes.get(row.flag),
                }
                for row in result.rows
            ],
            "notes": list(notes.values()),
            "chart": charts.ranking(result),
            "statistics": {
                "mean": figure_text(stats.mean),
                "median": figure_text(stats.median),
                "best": figure_text(stats.best),
            },
            "csv_url": f"/api/indicators/{indicator.code}/benchmark?"
            + urlencode({"period": period.code, **({"group": group.slug} if group else {})})
            + "&format=csv",
        }
    if form.errors:
        form.describe_errors()
    response = page(request, "indicators/benchmark.html", context, section=SECTION)
    response.status_code = 422 if form.errors else 200
    return response

"""What the charts and the map draw: the trend, the ranking, the map and the comparison."""

from decimal import Decimal

import pytest

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.indicators.benchmark import benchmark
from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Comparator, Indicator, Statistic, Target, Unit
from concord.indicators.periods import period_for
from concord.indicators.views import charts
from concord.registry.models import Party
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def put(user, indicator, code, period, number, **figure):
    return value_put(
        user=user,
        indicator=indicator,
        period=period_for(period),
        party=Party.objects.get(code=code),
        figure=Figure(number, **figure),
    )


def lines(trend: charts.Trend) -> dict[str, list]:
    return {line.key: line.numbers for line in trend.lines}


def test_the_trend_draws_each_subject_over_the_periods_missing_figures_left_out(figures):
    trend = charts.trend(figures, [])
    assert [p.code for p in trend.periods] == ["2014", "2015"]
    assert trend.drawn
    drawn = lines(trend)
    assert drawn["party:VNM"] == [Decimal(34), Decimal(20)]
    assert drawn["party:IDN"] == [Decimal("52.5"), None]  # no 2015 figure: a gap, not zero
    data = trend.as_json()
    idn = next(d for d in data["datasets"] if d["label"] == "IDN")
    assert idn["data"] == [52.5, None]
    assert data["positions"] == [2014.0, 2015.0]
    assert "from 2014 to 2015" in data["summary"]


def test_charts_draw_only_approved_figures(figures):
    cambodia = factories.PartyFactory(code="KHM", name="Cambodia")
    focal = make_person("focal-khm", (RoleKind.FOCAL_POINT, cambodia))
    put(focal, figures, "KHM", "2015", 99)
    put(focal, figures, "KHM", "2014", 98)
    assert "party:KHM" not in lines(charts.trend(figures, []))
    assert "116" not in [c["id"] for c in charts.world_map(figures, "", "").as_json()["countries"]]


def test_the_reader_chooses_the_lines_and_at_most_eight_are_drawn(figures, secretariat):
    chosen = charts.trend(figures, ["party:VNM", "party:SGP", "party:nobody"])
    assert list(lines(chosen)) == ["party:SGP", "party:VNM"]
    for n in range(10):
        factories.PartyFactory(code=f"X{n:02d}", name=f"Extra {n:02d}")
        put(secretariat, figures, f"X{n:02d}", "2015", n)
    everyone = charts.trend(figures, [])
    assert len(everyone.choices) == 17 and len(everyone.lines) == charts.MAX_SERIES
    asked = [key for key, _label in everyone.choices]
    assert len(charts.trend(figures, asked).lines) == charts.MAX_SERIES


def test_periods_of_another_length_are_named_not_drawn(figures, secretariat):
    put(secretariat, figures, "VNM", "2014-Q1", 40)
    trend = charts.trend(figures, [])
    assert [p.code for p in trend.periods] == ["2014", "2015"]
    assert trend.other_lengths == ["2014-Q1"]


def test_one_period_is_no_trend(days, viet_nam, secretariat):
    put(secretariat, days, "VNM", "2014", 34)
    assert not charts.trend(days, []).drawn


def test_targets_are_drawn_in_each_period(figures, asean_6, viet_nam, secretariat):
    Target.objects.create(indicator=figures, comparator=Comparator.AT_MOST, value=6)
    Target.objects.create(
        indicator=figures,
        party=viet_nam,
        comparator=Comparator.AT_MOST,
        group=asean_6,
        statistic=Statistic.MEDIAN,
    )
    trend = charts.trend(figures, ["party:VNM"])
    targets = [line for line in trend.lines if line.target]
    assert [line.numbers for line in targets] == [
        [Decimal(6), Decimal(6)],
        # The median of the members' figures in each period: 2014 of six, 2015 of five.
        [Decimal("28.25"), Decimal("14.0")],
    ]
    assert targets[1].label.startswith("Target for Viet Nam: At most the median of ASEAN-6")
    # Viet Nam's own target is not drawn for a chart without Viet Nam.
    assert len([line for line in charts.trend(figures, ["party:SGP"]).lines if line.target]) == 1


def test_the_trend_draws_each_breakdown_as_a_line(days, viet_nam, secretariat):
    for year, (women, men) in {"2014": (30, 38), "2015": (18, 22)}.items():
        put(secretariat, days, "VNM", year, women, breakdown={"sex": "female"})
        put(secretariat, days, "VNM", year, men, breakdown={"sex": "male"})
    trend = charts.trend(days, [])
    assert lines(trend) == {
        "party:VNM|sex=female": [Decimal(30), Decimal(18)],
        "party:VNM|sex=male": [Decimal(38), Decimal(22)],
    }
    assert [line.label for line in trend.lines] == [
        "Viet Nam (sex: female)",
        "Viet Nam (sex: male)",
    ]


def test_the_ranking_puts_the_best_first_and_the_group_statistics_last(figures, asean_6):
    chart = charts.ranking(benchmark(figures, period_for("2015"), group=asean_6))
    assert chart["labels"] == [
        "SGP",
        "MYS",
        "BRN",
        "THA",
        "PHL",
        "Average of ASEAN-6",
        "Median of ASEAN-6",
    ]  # IDN has no 2015 figure: not a bar
    assert chart["datasets"][0]["data"] == [2.5, 4.0, 14.0, 25.5, 28.0, 14.8, 14.0]
    assert chart["highlight"] == [5, 6]


def test_the_map_names_countries_by_their_iso_number(figures):
    world = charts.world_map(figures, "", "")
    assert world.period.code == "2015"  # the latest by default
    data = world.as_json()
    assert {c["id"]: c["value"] for c in data["countries"]} == {
        "096": 14.0,
        "458": 4.0,
        "608": 28.0,
        "702": 2.5,
        "764": 25.5,
        "704": 20.0,
    }
    assert data["geometry"].endswith("vendor/world-atlas/countries-50m.json")
    assert charts.world_map(figures, "2014", "").period.code == "2014"


def test_the_map_follows_the_breakdown_and_leaves_non_countries_off(days, viet_nam, secretariat):
    put(secretariat, days, "VNM", "2014", 34)
    put(secretariat, days, "VNM", "2014", 30, breakdown={"sex": "female"})
    factories.PartyFactory(code="eu", name="European Union", kind="organization")
    put(secretariat, days, "eu", "2014", 5)
    world = charts.world_map(days, "2014", "")
    assert world.breakdowns == [("", "Total"), ("sex=female", "sex: female")]
    assert [(p.code, text) for p, text in world.table()] == [("eu", "5"), ("VNM", "34")]
    assert world.off_map == ["eu"]
    assert [c["id"] for c in world.as_json()["countries"]] == ["704"]
    women = charts.world_map(days, "2014", "sex=female")
    assert [c["value"] for c in women.as_json()["countries"]] == [30.0]
    assert "2014 (sex: female)" in women.as_json()["summary"]


def test_two_indicators_compare_in_the_periods_they_share(figures, secretariat):
    hours = Indicator.objects.create(
        code="tax-hours", name="Time to pay taxes", unit=Unit.HOURS_PER_YEAR
    )
    put(secretariat, hours, "VNM", "2015", 770)
    put(secretariat, hours, "SGP", "2015", 64)
    put(secretariat, hours, "VNM", "2013", 872)
    assert [p.code for p in charts.common_periods(figures, hours)] == ["2015"]
    comparison = charts.comparison(figures, hours, period_for("2015"))
    rows = {party.code: (first, second) for party, first, second in comparison.rows}
    assert rows["VNM"] == (Decimal(20), Decimal(770))
    assert rows["MYS"] == (Decimal(4), None)
    first, second = comparison.charts()
    assert first["labels"] == second["labels"]  # the same parties in the same order
    assert ("VNM", "20.0", "770") in [(p.code, a, b) for p, a, b in comparison.table()]

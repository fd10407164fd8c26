from decimal import Decimal

import pytest

from concord.indicators.benchmark import benchmark, gap, group_statistics
from concord.indicators.models import Comparator, Direction, Indicator, Statistic, Target, Trend
from concord.indicators.periods import period_for
from concord.registry.models import Party

pytestmark = pytest.mark.django_db


def _rows(result):
    return {row.party.code: row for row in result.rows}


def test_group_statistics_and_ranks_with_a_member_missing(figures, asean_6):
    result = benchmark(figures, period_for("2015"), group=asean_6)
    rows = _rows(result)
    assert rows["IDN"].value is None and rows["IDN"].rank is None
    assert result.statistics.count == 5 and result.statistics.members == 6
    assert result.statistics.best == Decimal("2.5")
    assert result.statistics.median == Decimal("14")
    assert result.statistics.mean == Decimal("14.8")
    assert [rows[c].rank for c in ("SGP", "MYS", "BRN", "THA", "PHL")] == [1, 2, 3, 4, 5]


def test_a_fixed_target_gap_for_a_lower_is_better_indicator(figures, viet_nam):
    Target.objects.create(indicator=figures, comparator=Comparator.AT_MOST, value=6)
    row = _rows(benchmark(figures, period_for("2015"), parties=[viet_nam]))["VNM"]
    assert (row.target, row.gap, row.meets_target) == (Decimal(6), Decimal(14), False)
    assert row.gap_percent == Decimal("233.3333")


def test_gap_is_distance_still_to_go_in_the_good_direction():
    lower = Indicator(direction=Direction.LOWER)
    higher = Indicator(direction=Direction.HIGHER)
    assert gap(lower, Decimal(4), Decimal(6)) == -2
    assert gap(higher, Decimal(4), Decimal(6)) == 2
    assert gap(higher, None, Decimal(6)) is None


def test_a_target_relative_to_the_groups_average_in_the_same_period(figures, asean_6, viet_nam):
    Target.objects.create(
        indicator=figures,
        party=viet_nam,
        comparator=Comparator.AT_MOST,
        group=asean_6,
        statistic=Statistic.MEAN,
        value=Decimal("50.3"),
    )
    row = _rows(benchmark(figures, period_for("2015"), parties=[viet_nam]))["VNM"]
    assert row.target == Decimal("14.8")
    assert "5 of 6" in row.target_text
    assert row.meets_target is False


def test_a_relative_target_with_no_member_figures_takes_the_printed_one(
    days, asean_6, viet_nam, secretariat
):
    from concord.indicators.entry import Figure, value_put

    value_put(
        user=secretariat,
        indicator=days,
        period=period_for("2016"),
        party=viet_nam,
        figure=Figure(45),
    )
    Target.objects.create(
        indicator=days,
        comparator=Comparator.AT_MOST,
        group=asean_6,
        statistic=Statistic.MEAN,
        value=Decimal("50.3"),
    )
    row = _rows(benchmark(days, period_for("2016"), parties=[viet_nam]))["VNM"]
    assert (row.target, row.meets_target) == (Decimal("50.3"), True)
    assert "as the source prints it" in row.target_text


def test_a_trend_target_compares_with_the_previous_comparable_period(figures, viet_nam):
    Target.objects.create(indicator=figures, trend=Trend.STABLE_OR_FALLING)
    row = _rows(benchmark(figures, period_for("2015"), parties=[viet_nam]))["VNM"]
    assert row.meets_target is True


def test_change_since_a_base_period_and_values_relative_to_a_base_party(figures, viet_nam):
    result = benchmark(
        figures,
        period_for("2015"),
        parties=Party.objects.filter(code__in=["VNM", "MYS"]),
        base_period=period_for("2014"),
        base_party=viet_nam,
    )
    rows = _rows(result)
    assert rows["VNM"].change == Decimal(-14) and rows["VNM"].relative == 1
    assert rows["MYS"].relative == Decimal("0.2")
    assert not result.notes


def test_a_base_period_of_another_length_is_said(figures, viet_nam):
    result = benchmark(
        figures, period_for("2015"), parties=[viet_nam], base_period=period_for("2014-Q1")
    )
    assert result.notes and "not of the same length" in result.notes[0]


def test_statistics_without_values_are_missing_not_zero():
    empty = group_statistics(Indicator(direction=Direction.LOWER), [], 6)
    assert (empty.count, empty.mean, empty.median, empty.best) == (0, None, None, None)

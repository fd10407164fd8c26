import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from concord.indicators.entry import Figure, value_put
from concord.indicators.exporting import export_csv, export_xlsx, number_text, xlsx_cell
from concord.indicators.importing import values_import
from concord.indicators.models import Indicator, Unit, Value
from concord.indicators.periods import period_for
from concord.registry.models import Party

pytestmark = pytest.mark.django_db

FIELDS = ("indicator__code", "subject", "period__code", "breakdown", "number", "status", "source")
FIELDS += ("note", "flag", "approval")


def snapshot() -> list[tuple]:
    return sorted(Value.objects.values_list(*FIELDS), key=repr)


def export(values, fmt: str, wide: bool = False) -> bytes:
    if fmt == "xlsx":
        return export_xlsx(values, wide=wide)
    return "".join(export_csv(values, wide=wide)).encode()


@pytest.fixture
def varied(figures, viet_nam, asean_6, secretariat):
    """The figures, with breakdowns, a group's statistic, texts that need quoting, odd numbers."""
    put = {"user": secretariat, "indicator": figures}
    given = [
        (viet_nam, "2014", Figure(36, breakdown={"sex": "female"}, status="estimate")),
        (viet_nam, "2015", Figure("0.000001", source='GSO, "Statistical Yearbook"', note="a\nb")),
        (viet_nam, "2016-Q1", Figure("123456789.123456", flag="Looks mistyped")),
    ]
    for party, period, figure in given:
        value_put(**put, party=party, period=period_for(period), figure=figure)
    value_put(**put, group=asean_6, period=period_for("2014"), figure=Figure("31.8"))
    return figures


def test_the_tidy_csv_lists_a_figure_a_line_with_its_unit(figures):
    lines = list(export_csv(Value.objects.filter(indicator=figures)))
    assert lines[0] == "indicator,party,sex,period,value,unit,status,source,note,flag\n"
    assert "start-business-days,SGP,,2014,2.5,days,final,,,\n" in lines
    assert "start-business-days,VNM,,2015,20,days,final,,,\n" in lines
    assert len(lines) == 1 + Value.objects.count() == 14


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_figures(varied, secretariat, fmt):
    before = snapshot()
    data = export(Value.objects.all(), fmt)
    again = values_import(user=secretariat, data=data)
    assert (again.errors, again.unchanged, again.created) == ([], len(before), 0)
    Value.objects.all().delete()
    report = values_import(user=secretariat, data=data)
    assert (report.errors, report.created) == ([], len(before))
    assert snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_wide_export_has_a_column_a_period_and_reads_back(varied, secretariat, fmt):
    values = Value.objects.filter(breakdown={}, group=None)
    data = export(values, fmt, wide=True)
    if fmt == "csv":
        lines = data.decode().splitlines()
        assert lines[0] == "indicator,party,sex,unit,2014,2015,2016-Q1"
        assert "start-business-days,IDN,,days,52.5,," in lines
        assert "start-business-days,VNM,,days,34,0.000001,123456789.123456" in lines
    numbers = sorted(values.values_list("subject", "period__code", "number"))
    Value.objects.all().delete()
    report = values_import(user=secretariat, data=data)
    assert report.errors == [] and report.created == len(numbers)
    assert sorted(Value.objects.values_list("subject", "period__code", "number")) == numbers


def test_a_workbook_keeps_numbers_as_numbers_unless_a_float_would_change_them(varied):
    sheet = load_workbook(io.BytesIO(export_xlsx(Value.objects.all()))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("indicator", "party", "sex", "period", "value")
    values = {(row[1], row[2] or "", row[3]): row[4] for row in rows[1:]}
    assert values["SGP", "", "2014"] == 2.5
    assert values["VNM", "female", "2014"] == 36
    assert values["VNM", "", "2016-Q1"] == 123456789.123456
    assert values["group:asean-6", "", "2014"] == 31.8


def test_a_figure_a_float_cannot_hold_is_written_to_a_workbook_as_text():
    assert xlsx_cell(Decimal("987654321098765432.123456")) == "987654321098765432.123456"
    assert xlsx_cell(Decimal("2.500000")) == 2.5


def test_the_declared_breakdowns_of_every_indicator_become_columns(figures, secretariat):
    youth = Indicator.objects.create(
        code="youth", name="Youth", unit=Unit.COUNT, dimensions=["age"]
    )
    value_put(
        user=secretariat,
        indicator=youth,
        period=period_for("2014"),
        party=Party.objects.get(code="VNM"),
        figure=Figure(5, breakdown={"age": "15-24"}),
    )
    lines = list(export_csv(Value.objects.all()))
    assert lines[0].startswith("indicator,party,sex,age,period,value")
    assert "youth,VNM,,15-24,2014,5,count,final,,,\n" in lines


def test_number_text_has_no_exponent_and_no_trailing_zeros():
    assert number_text(Decimal("34.500000")) == "34.5"
    assert number_text(Decimal("1E+3")) == "1000"
    assert number_text(Decimal("0E-6")) == "0"
    assert number_text(Decimal("-0.000001")) == "-0.000001"


@given(st.decimals(min_value=-(10**17), max_value=10**17, places=6, allow_nan=False))
def test_number_text_reads_back_as_the_same_number(number):
    text = number_text(number)
    assert Decimal(text) == number and "E" not in text.upper()

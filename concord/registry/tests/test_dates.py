import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.registry.dates import DatePrecision, PartialDate, PartialDateError


def test_a_month_spans_its_first_and_last_day():
    november = PartialDate.parse("2001-11")
    assert (november.earliest, november.latest) == (dt.date(2001, 11, 1), dt.date(2001, 11, 30))
    assert november.precision == DatePrecision.MONTH


def test_a_range_known_only_by_its_end_keeps_an_open_start():
    by_end_of_may = PartialDate.parse("../2004-05-31")
    assert by_end_of_may.earliest is None
    assert by_end_of_may.latest == dt.date(2004, 5, 31)
    assert by_end_of_may.edtf == "../2004-05-31"


def test_a_range_of_whole_years_is_written_with_years():
    assert PartialDate.between(PartialDate.year(2002), PartialDate.year(2003)).edtf == "2002/2003"


@pytest.mark.parametrize("text", ["", "2001-13", "2001-02-30", "11/2001", "../..", "2004/2002"])
def test_unreadable_dates_are_refused_with_a_reason(text):
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_day_month_and_year_survive_a_round_trip(day):
    for value in (
        PartialDate.day(day.year, day.month, day.day),
        PartialDate.month(day.year, day.month),
        PartialDate.year(day.year),
    ):
        assert PartialDate.parse(value.edtf) == value


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.dates(min_value=dt.date(1000, 1, 1)))
def test_any_range_survives_a_round_trip(a, b):
    earliest, latest = sorted([a, b])
    value = PartialDate(earliest, latest, DatePrecision.RANGE)
    assert PartialDate.parse(value.edtf) == value

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from concord.indicators.periods import comparable, parse, period_for


@pytest.mark.parametrize(
    ("code", "kind", "first", "last"),
    [
        ("2014", "year", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        ("2014-h2", "half", dt.date(2014, 7, 1), dt.date(2014, 12, 31)),
        ("2016-Q1", "quarter", dt.date(2016, 1, 1), dt.date(2016, 3, 31)),
        ("2016-02", "month", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
        ("2012-2013", "biennium", dt.date(2012, 1, 1), dt.date(2013, 12, 31)),
        ("2004-2006", "span", dt.date(2004, 1, 1), dt.date(2006, 12, 31)),
    ],
)
def test_each_kind_of_period_is_read_from_its_code(code, kind, first, last):
    span = parse(code)
    assert (span.kind, span.starts_on, span.ends_on, span.code) == (kind, first, last, code.upper())


@pytest.mark.parametrize("code", ["", "14", "2014-Q5", "2014-13", "2014-2014", "2015-2014", "x"])
def test_what_is_not_a_period_is_refused_with_the_forms_accepted(code):
    with pytest.raises(ValidationError, match="2014-Q2"):
        parse(code)


def test_periods_order_by_first_then_last_day():
    codes = ["2015", "2014-Q2", "2014", "2014-Q1", "2012-2013", "2014-H1"]
    ordered = [span.code for span in sorted(parse(code) for code in codes)]
    assert ordered == ["2012-2013", "2014-Q1", "2014-H1", "2014", "2014-Q2", "2015"]


def test_only_periods_of_one_length_compare():
    assert comparable(parse("2014-Q1"), parse("2015-Q3"))
    assert comparable(parse("2014"), parse("2015"))
    assert not comparable(parse("2014"), parse("2014-Q1"))
    assert not comparable(parse("2012-2013"), parse("2014"))


@given(st.integers(1900, 2100), st.integers(1, 4))
def test_a_years_quarters_follow_each_other_and_fill_it(year, quarter):
    span = parse(f"{year}-Q{quarter}")
    if quarter < 4:
        assert parse(f"{year}-Q{quarter + 1}").starts_on == span.ends_on + dt.timedelta(days=1)
    assert span.months == 3 and parse(str(year)).months == 12


@pytest.mark.django_db
def test_a_period_is_recorded_once():
    assert period_for("2014-q2").pk == period_for("2014-Q2").pk

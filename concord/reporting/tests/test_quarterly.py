"""Cycles on a quarter: their period, their indicator questions, and opening a year's four."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from concord.indicators.models import Indicator, Period, Unit
from concord.indicators.periods import period_for
from concord.registry.tests.factories import InstrumentFactory
from concord.reporting import services
from concord.reporting.models import ReportingCycle
from concord.reporting.quarterly import quarter_cycle_open, quarterly_cycles_open
from concord.reporting.tests.quarterly_fixtures import *  # noqa: F403
from concord.reporting.tests.quarterly_fixtures import QUARTER

pytestmark = pytest.mark.django_db


def test_a_cycle_on_a_quarter_covers_the_quarter(quarter):
    assert (quarter.period_start, quarter.period_end) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    assert quarter.indicator_period.code == QUARTER


def test_the_indicator_questions_follow_the_provisions_grouped_by_ministry(quarter):
    questions = list(quarter.questions.select_related("provision", "indicator"))
    described = [
        q.provision.ref if q.provision_id else (q.indicator.code if q.indicator_id else q.text)
        for q in questions
    ]
    # Finance's indicator was given first; the Ministry of Finance sorts after Enterprise.
    assert described == ["1", "days-to-start", "hours-to-pay-taxes", "What changed this quarter?"]
    start = questions[1]
    assert (start.answer_type, start.unit, start.text) == (
        "number",
        "days",
        "Days to start a business",
    )


def test_building_the_questionnaire_again_asks_nothing_twice(quarter, secretariat, indicators):
    before = quarter.questions.count()
    services.questionnaire_build(
        cycle=quarter, user=secretariat, indicators=list(indicators.values())
    )
    assert quarter.questions.count() == before


def test_dates_other_than_the_quarters_are_refused_and_nothing_is_opened(
    instrument, secretariat, party_a
):
    with pytest.raises(ValidationError) as refused:
        services.cycle_open(
            user=secretariat,
            instrument=instrument,
            name="Quarterly report",
            phase="periodic_report",
            indicator_period=period_for("2026-Q4"),
            period_start=dt.date(2025, 10, 1),
            period_end=dt.date(2025, 12, 31),
            opens_on=dt.date(2027, 1, 1),
            deadline=dt.date(2027, 1, 30),
            parties=[party_a],
        )
    assert "2026-Q4: 2026-10-01 to 2026-12-31" in refused.value.message_dict["period_start"][0]
    assert not ReportingCycle.objects.exists()


def test_indicator_questions_need_a_period_and_the_cycles_instrument(
    instrument, secretariat, indicators
):
    common = {
        "user": secretariat,
        "instrument": instrument,
        "name": "Report",
        "phase": "periodic_report",
        "opens_on": dt.date(2027, 1, 1),
        "deadline": dt.date(2027, 1, 30),
    }
    with pytest.raises(ValidationError) as no_period:
        services.cycle_open(
            **common,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            indicators=[indicators["start"]],
        )
    assert "indicator_period" in no_period.value.message_dict["indicators"][0]
    elsewhere = Indicator.objects.create(
        code="elsewhere", name="Elsewhere", unit=Unit.COUNT, instrument=InstrumentFactory()
    )
    with pytest.raises(ValidationError) as foreign:
        services.cycle_open(**common, indicator_period=period_for("2026"), indicators=[elsewhere])
    assert "elsewhere" in foreign.value.message_dict["indicators"][0]
    assert not ReportingCycle.objects.exists()


@pytest.mark.parametrize(
    ("code", "says"),
    [("2026", "not a quarter"), ("2026-Q5", "is not a period"), ("2026-H2", "not a quarter")],
)
def test_a_quarterly_cycle_is_on_a_quarter(instrument, secretariat, indicators, code, says):
    with pytest.raises(ValidationError) as refused:
        quarter_cycle_open(user=secretariat, instrument=instrument, quarter=code)
    assert says in refused.value.message_dict["quarter"][0]
    assert not ReportingCycle.objects.exists()


@pytest.mark.parametrize("year", ["2026-Q1", "26", "next year"])
def test_a_years_quarterly_cycles_need_a_year(instrument, secretariat, indicators, year):
    with pytest.raises(ValidationError) as refused:
        quarterly_cycles_open(user=secretariat, instrument=instrument, year=year)
    assert "year" in refused.value.message_dict
    assert not ReportingCycle.objects.exists()


def test_a_years_four_quarters_are_opened_once_for_the_ministries_parties(
    instrument, secretariat, indicators, party_a
):
    told = []
    first = quarterly_cycles_open(
        user=secretariat, instrument=instrument, year=2026, progress=told.append
    )
    assert [done.created for done in first] == [True] * 4
    assert len(told) == 4
    cycles = ReportingCycle.objects.order_by("period_start")
    assert [c.indicator_period.code for c in cycles] == [f"2026-Q{n}" for n in range(1, 5)]
    q1 = cycles[0]
    assert (q1.opens_on, q1.deadline) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert list(q1.parties.values_list("code", flat=True)) == [party_a.code]
    assert q1.questions.filter(indicator__isnull=False).count() == 2

    again = quarterly_cycles_open(user=secretariat, instrument=instrument, year="2026")
    assert [done.created for done in again] == [False] * 4
    assert ReportingCycle.objects.count() == 4
    assert sum(c.questions.count() for c in cycles) == 8


def test_only_the_instruments_secretariat_opens_quarterly_cycles(instrument, indicators, economy):
    with pytest.raises(PermissionDenied):
        quarterly_cycles_open(user=economy, instrument=instrument, year=2026)
    assert not ReportingCycle.objects.exists()


def test_a_bad_quarter_records_no_period(instrument, secretariat, indicators):
    with pytest.raises(ValidationError):
        quarter_cycle_open(user=secretariat, instrument=instrument, quarter="2026-Q9")
    assert not Period.objects.filter(code__startswith="2026-Q").exists()


def test_the_command_opens_the_year_once_showing_each_quarter(instrument, secretariat, indicators):
    out = StringIO()
    call_command(
        "reporting", "quarterly", str(instrument.pk), "2026", "--user", "secretariat", stdout=out
    )
    text = out.getvalue()
    assert "Quarterly report 2026-Q1: opened" in text and "Quarterly report 2026-Q4: opened" in text
    assert "4 quarterly cycles opened, 0 already there." in text
    out = StringIO()
    call_command(
        "reporting", "quarterly", instrument.symbol, "2026", "--user", "secretariat", stdout=out
    )
    assert "0 quarterly cycles opened, 4 already there." in out.getvalue()
    assert ReportingCycle.objects.count() == 4


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["2026-Q4", "--user", "secretariat"], "is not a year"),
        (["2026", "--user", "nobody"], "No person has the username nobody"),
        (["2026", "--user", "economy"], "is not the secretariat"),
        (["2026", "--user", "secretariat", "--indicator", "nope"], "No indicator has the code"),
        (["2026", "--user", "secretariat", "--party", "XXX"], "No party has the code"),
    ],
)
def test_the_command_says_what_is_wrong_and_opens_nothing(
    instrument, secretariat, indicators, economy, arguments, says
):
    with pytest.raises(CommandError, match=says):
        call_command("reporting", "quarterly", str(instrument.pk), *arguments, stdout=StringIO())
    assert not ReportingCycle.objects.exists()

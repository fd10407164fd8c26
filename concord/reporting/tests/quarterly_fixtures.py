"""A quarterly cycle asking France and Ukraine for two indicators' figures for 2026-Q4.

France's Ministry for Enterprise reports the days to start a business; its Ministry of Finance
the hours to pay taxes. Each ministry has one person; Ukraine has a ministry of its own.
"""

import datetime as dt

import pytest

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.indicators.models import Direction, Indicator, Unit
from concord.indicators.periods import period_for
from concord.registry.models import BodyKind
from concord.registry.tests.factories import BodyFactory
from concord.reporting import services
from concord.reporting.answers import AnswerType
from concord.reporting.models import ReportingCycle

QUARTER = "2026-Q4"


@pytest.fixture
def ministries(db, party_a, party_b):
    return {
        "economy": BodyFactory(
            code="fra-economy",
            name="Ministry for Enterprise",
            kind=BodyKind.MINISTRY,
            party=party_a,
        ),
        "finance": BodyFactory(
            code="fra-finance", name="Ministry of Finance", kind=BodyKind.MINISTRY, party=party_a
        ),
        "ukraine": BodyFactory(
            code="ukr-economy", name="Ministry of Economy", kind=BodyKind.MINISTRY, party=party_b
        ),
    }


@pytest.fixture
def indicators(instrument, ministries):
    start = Indicator.objects.create(
        code="days-to-start",
        name="Days to start a business",
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        instrument=instrument,
        responsible_body=ministries["economy"],
    )
    taxes = Indicator.objects.create(
        code="hours-to-pay-taxes",
        name="Hours to pay taxes",
        unit=Unit.HOURS_PER_YEAR,
        direction=Direction.LOWER,
        instrument=instrument,
        responsible_body=ministries["finance"],
    )
    return {"start": start, "taxes": taxes}


@pytest.fixture
def economy(ministries):
    return make_person("economy", (RoleKind.RESPONSIBLE_BODY, ministries["economy"]))


@pytest.fixture
def finance(ministries):
    return make_person("finance", (RoleKind.RESPONSIBLE_BODY, ministries["finance"]))


@pytest.fixture
def ukrainian_ministry(ministries):
    return make_person("ukr-economy", (RoleKind.RESPONSIBLE_BODY, ministries["ukraine"]))


@pytest.fixture
def quarter(instrument, indicators, secretariat, party_a, party_b) -> ReportingCycle:
    """The cycle: one provision, the two indicators, and a free question, for 2026-Q4."""
    return services.cycle_open(
        user=secretariat,
        instrument=instrument,
        name="Quarterly report 2026-Q4",
        phase="periodic_report",
        indicator_period=period_for(QUARTER),
        opens_on=dt.date(2027, 1, 1),
        deadline=dt.date(2027, 1, 30),
        parties=[party_a, party_b],
        provisions=instrument.provisions.filter(ref="1"),
        indicators=[indicators["taxes"], indicators["start"]],
        free_questions=[{"text": "What changed this quarter?", "answer_type": AnswerType.TEXT}],
    )


def keys(cycle: ReportingCycle) -> dict[str, str]:
    """The answer keys of the quarter's questions: by indicator code, and ``free``."""
    found = {}
    for question in cycle.questions.select_related("provision", "indicator"):
        if question.indicator_id:
            found[question.indicator.code] = question.key
        elif not question.provision_id:
            found["free"] = question.key
    return found

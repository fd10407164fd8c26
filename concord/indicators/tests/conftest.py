"""An indicator of Resolution 19's kind, a group of six, and figures for two periods."""

import pytest

from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Direction, Indicator, Unit
from concord.indicators.periods import period_for
from concord.registry.models import GroupMembership
from concord.registry.tests import factories

# Days to start a business, by party code, in 2014 and 2015 (invented figures).
DAYS = {
    "2014": {
        "SGP": 2.5,
        "MYS": 6.0,
        "THA": 27.5,
        "IDN": 52.5,
        "BRN": 101.5,
        "PHL": 29.0,
        "VNM": 34,
    },
    "2015": {"SGP": 2.5, "MYS": 4.0, "THA": 25.5, "BRN": 14.0, "PHL": 28.0, "VNM": 20},
}


@pytest.fixture
def asean_6(db):
    group = factories.GroupFactory(slug="asean-6", name="ASEAN-6")
    for code in ("SGP", "MYS", "THA", "IDN", "BRN", "PHL"):
        GroupMembership.objects.create(
            group=group, party=factories.PartyFactory(code=code, name=code)
        )
    return group


@pytest.fixture
def viet_nam(db):
    return factories.PartyFactory(code="VNM", name="Viet Nam")


@pytest.fixture
def days(db):
    return Indicator.objects.create(
        code="start-business-days",
        name="Time to start a business",
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        dimensions=["sex"],
    )


@pytest.fixture
def figures(days, asean_6, viet_nam, secretariat):
    from concord.registry.models import Party

    for year, by_party in DAYS.items():
        period = period_for(year)
        for code, number in by_party.items():
            value_put(
                user=secretariat,
                indicator=days,
                period=period,
                party=Party.objects.get(code=code),
                figure=Figure(number=number),
            )
    return days

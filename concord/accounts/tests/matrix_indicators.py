"""The indicator the permission matrix names: approved 2015 figures of both parties."""

from typing import Any

from concord.conftest import persona_scope
from concord.indicators.models import Approval, Direction, Indicator, Unit, Value
from concord.indicators.periods import period_for

CODE = "days-to-start"
PERIOD = "2015"


def indicator_records() -> Indicator:
    indicator = Indicator.objects.create(
        code=CODE, name="Days to start a business", unit=Unit.DAYS, direction=Direction.LOWER
    )
    for scope, number in (("party_a", 12), ("party_b", 20)):
        Value.objects.create(
            indicator=indicator,
            party=persona_scope(scope),
            period=period_for(PERIOD),
            number=number,
            approval=Approval.APPROVED,
        )
    return indicator


def indicator_path(path: str) -> str:
    return path.replace("{code}", CODE).replace("{period}", PERIOD)


def indicator_bodies() -> dict[str, dict[str, Any]]:
    return {
        "PUT /api/indicators/{code}/values/{party}/{period}": {"value": "11"},
        "POST /api/indicators/{code}/values/{party}/{period}/review": {"approve": True},
    }

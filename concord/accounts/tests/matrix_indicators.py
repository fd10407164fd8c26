"""The indicator the permission matrix names: approved 2015 figures of both parties.

The status page of an import shows it only to the person who uploaded the file, so each persona
is given an import of its own (``indicator_kwargs``): whoever may import then opens it.
"""

from typing import Any

from concord.conftest import persona_scope
from concord.indicators.models import Approval, Direction, Indicator, Unit, Value
from concord.indicators.periods import period_for
from concord.indicators.tasks import import_file

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


def indicator_kwargs(indicator: Indicator, persona: str, params: set[str]) -> dict[str, Any]:
    """The URL arguments of an indicators page, as ``persona`` opens it.

    ``result_id`` is an import the persona enqueued (not run: a waiting import's page is the
    page); it is created only for the page that names one.
    """
    kwargs: dict[str, Any] = {"code": indicator.code, "value_id": indicator.values.first().pk}
    if "result_id" in params:
        result = import_file.enqueue(
            path="figures.csv",
            username=persona.replace("_", "-"),
            valid_rows=False,
            name="figures.csv",
        )
        kwargs["result_id"] = result.id
    return {key: value for key, value in kwargs.items() if key in params}


def indicator_path(path: str) -> str:
    return path.replace("{code}", CODE).replace("{period}", PERIOD)


def indicator_bodies() -> dict[str, dict[str, Any]]:
    return {
        "PUT /api/indicators/{code}/values/{party}/{period}": {"value": "11"},
        "POST /api/indicators/{code}/values/{party}/{period}/review": {"approve": True},
    }

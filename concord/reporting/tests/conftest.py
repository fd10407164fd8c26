"""A cycle on an instrument of the scoped secretariat's body, France and Ukraine reporting."""

import datetime as dt

import pytest

from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting import services
from concord.reporting.answers import AnswerType
from concord.reporting.models import ReportingCycle


@pytest.fixture
def instrument(db, scope_body):
    instrument = InstrumentFactory(body=scope_body, title="Action plan on asset recovery")
    ProvisionFactory(instrument=instrument, seq=2, ref="2", text="Freezes assets.")
    ProvisionFactory(instrument=instrument, seq=1, ref="1", text="Adopts laws.")
    ProvisionFactory(instrument=instrument, seq=3, ref="3", text="Out of scope.")
    return instrument


def open_cycle(instrument, user, parties) -> ReportingCycle:
    cycle = services.cycle_create(
        user=user,
        instrument=instrument,
        name="Stocktaking 2026",
        phase="stocktaking",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        opens_on=dt.date(2026, 1, 15),
        deadline=dt.date(2026, 3, 31),
        parties=parties,
        provisions=instrument.provisions.filter(ref__in=["1", "2"]),
    )
    services.questionnaire_build(
        cycle=cycle,
        user=user,
        free_questions=[
            {
                "text": "Staff in the asset recovery office",
                "answer_type": AnswerType.NUMBER,
                "unit": "people",
            },
            {"text": "Is there a national strategy?", "answer_type": AnswerType.YES_NO},
        ],
    )
    return cycle


@pytest.fixture
def cycle(instrument, secretariat, party_a, party_b) -> ReportingCycle:
    return open_cycle(instrument, secretariat, [party_a, party_b])


@pytest.fixture
def cycle_url(cycle) -> str:
    return f"/api/cycles/{cycle.pk}"


def put(client, url: str, version: int, answers: dict):
    return client.put(
        url, {"version": version, "answers": answers}, content_type="application/json"
    )


def post(client, url: str, comment: str = ""):
    return client.post(url, {"comment": comment}, content_type="application/json")

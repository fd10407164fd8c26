"""Two cycles of one instrument with France, Ukraine and Germany reporting, for progress tests.

The stocktaking (provisions 1 and 2): France and Ukraine published. The self-assessment
(provisions 1, 2 and 3): France submitted (not yet published), Ukraine published, Germany a
draft. Import the fixtures into a test module with ``from ...progress_fixtures import *``.
"""

import datetime as dt

import pytest

from concord.registry.models import GroupMembership
from concord.registry.tests.factories import GroupFactory, PartyFactory
from concord.reporting import services
from concord.reporting.answers import AnswerType
from concord.reporting.models import Answer, ReportingCycle, Submission
from concord.reporting.tests.conftest import open_cycle

__all__ = ["assessment", "germany", "open_later_cycle", "report", "reported", "stocktaking"]


def report(cycle: ReportingCycle, party, answers: dict, status: str = "published") -> Submission:
    """Store a party's submission in ``status`` with ``answers`` keyed as the API keys them."""
    submission = Submission.objects.create(cycle=cycle, party=party, status=status, version=1)
    questions = {q.key: q for q in cycle.questions.select_related("provision")}
    for key, value in answers.items():
        Answer.objects.create(submission=submission, question=questions[key], value=value)
    return submission


def open_later_cycle(instrument, user, parties, *, scale="implementation") -> ReportingCycle:
    cycle = services.cycle_create(
        user=user,
        instrument=instrument,
        name="Self-assessment 2027",
        phase="self_assessment",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        opens_on=dt.date(2027, 1, 15),
        deadline=dt.date(2027, 3, 31),
        parties=parties,
        provisions=instrument.provisions.all(),
    )
    services.questionnaire_build(
        cycle=cycle,
        user=user,
        scale=scale,
        free_questions=[
            {
                "text": "Staff in the asset recovery office",
                "answer_type": AnswerType.NUMBER,
                "unit": "people",
            },
            {"text": "Is there a national strategy?", "answer_type": AnswerType.TEXT},
        ],
    )
    return cycle


@pytest.fixture
def germany(db):
    germany = PartyFactory(code="DEU", name="Germany")
    eu = GroupFactory(slug="eu", name="European Union")
    GroupMembership.objects.create(group=eu, party=germany)
    return germany


@pytest.fixture
def stocktaking(instrument, secretariat, party_a, party_b, germany) -> ReportingCycle:
    GroupMembership.objects.create(group=germany.groups.get(), party=party_a)
    return open_cycle(instrument, secretariat, [party_a, party_b, germany])


@pytest.fixture
def assessment(stocktaking, instrument, secretariat, party_a, party_b, germany) -> ReportingCycle:
    return open_later_cycle(instrument, secretariat, [party_a, party_b, germany])


@pytest.fixture
def reported(stocktaking, assessment, party_a, party_b, germany) -> ReportingCycle:
    report(stocktaking, party_a, {"1": "partially", "2": "not_started"})
    report(stocktaking, party_b, {"1": "largely", "2": "fully"})
    report(assessment, party_a, {"1": "largely", "2": "not_started", "3": "fully"}, "submitted")
    report(assessment, party_b, {"1": "largely", "2": "partially"})
    report(assessment, germany, {"1": "fully"}, "draft")
    return assessment

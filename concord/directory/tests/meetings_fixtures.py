"""Bodies with organs, instruments published or not, their meetings, and best practices.

Import the fixtures a test module needs with ``from ...meetings_fixtures import *``. The scoped
secretariat's body (the Office of the Special Representative) has one organ; the Assembly of
States Parties lies outside its scope.
"""

import datetime as dt

import pytest

from concord.directory import meetings, practices
from concord.directory.models import BestPractice, Meeting
from concord.registry.models import Publication
from concord.registry.tests.factories import BodyFactory, InstrumentFactory, ProvisionFactory

__all__ = [
    "action_plan",
    "assembly",
    "draft_decision",
    "make_meeting",
    "make_practice",
    "meeting_content",
    "organ",
    "practice_content",
    "published_decision",
    "scoped_draft",
]


def meeting_content(**changes) -> meetings.MeetingContent:
    values = {
        "body": "osr-cthb",
        "kind": "workshop",
        "title": "Workshop on victim identification",
        "starts_on": dt.date(2025, 3, 10),
        "ends_on": dt.date(2025, 3, 11),
        "place": "Vienna",
        "agenda": "1. Opening\n2. National referral mechanisms",
        **changes,
    }
    return meetings.MeetingContent(**values)


def make_meeting(user, **changes) -> Meeting:
    return meetings.meeting_create(user=user, content=meeting_content(**changes))


@pytest.fixture
def organ(db, scope_body):
    return BodyFactory(code="osr-alliance", name="Alliance against Trafficking", parent=scope_body)


@pytest.fixture
def assembly(db):
    return BodyFactory(code="asp", name="Assembly of States Parties", kind="organization")


@pytest.fixture
def published_decision(db, assembly):
    return InstrumentFactory(body=assembly, title="Resolution on cooperation", symbol="ASP/RES/1")


@pytest.fixture
def draft_decision(db, assembly):
    return InstrumentFactory(
        body=assembly,
        title="Confidential draft on asset recovery",
        symbol="ASP/DRAFT/1",
        publication=Publication.IN_REVIEW,
    )


@pytest.fixture
def scoped_draft(db, scope_body):
    return InstrumentFactory(
        body=scope_body,
        title="Draft addendum on referral",
        symbol="OSR/DRAFT/1",
        publication=Publication.IN_REVIEW,
    )


@pytest.fixture
def action_plan(db, assembly):
    """A published action plan with two provisions, III.1 and III.2."""
    instrument = InstrumentFactory(body=assembly, title="Action plan", symbol="ASP/AP/1")
    ProvisionFactory(instrument=instrument, seq=1, ref="III.1", text="Sets up referral.")
    ProvisionFactory(instrument=instrument, seq=2, ref="III.2", text="Trains the police.")
    return instrument


def practice_content(**changes) -> practices.PracticeContent:
    values = {
        "title": "National referral mechanism",
        "description": "A co-operative framework through which state actors protect victims.",
        "source": "OSCE/ODIHR handbook",
        "source_url": "https://www.osce.org/odihr/13967",
        **changes,
    }
    return practices.PracticeContent(**values)


def make_practice(user, **changes) -> BestPractice:
    return practices.practice_create(user=user, content=practice_content(**changes))

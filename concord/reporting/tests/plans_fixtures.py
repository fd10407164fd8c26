"""Recommendations to France and Ukraine, and France's planned actions and reform projects.

Import the fixtures a test module needs with ``from ...plans_fixtures import *``; they build on
the reporting conftest's ``instrument`` (of the scoped secretariat's body) and ``cycle``.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from concord.reporting import planning, projects
from concord.reporting.models import PlanAction, Recommendation, ReformProject

__all__ = [
    "action_content",
    "draft_action",
    "draft_project",
    "make_action",
    "make_project",
    "project_content",
    "published_action",
    "published_project",
    "recommendations",
]


def action_content(**changes) -> planning.ActionContent:
    values = {
        "title": "Adopt a law on the freezing of assets",
        "lead_institution": "Ministry of Justice",
        "due_date": dt.date(2027, 6, 30),
        **changes,
    }
    return planning.ActionContent(**values)


def make_action(user, party, instrument, *, publish: bool = False, **changes) -> PlanAction:
    action = planning.action_create(
        user=user, party=party, instrument=instrument, content=action_content(**changes)
    )
    return planning.action_publish(action=action, user=user) if publish else action


def project_content(**changes) -> projects.ProjectContent:
    values = {
        "title": "Code of conduct for public officials",
        "priority_area": "Integrity in the public service",
        "objectives": "Give every public official one code of conduct.",
        "responsible_agency": "Civil Service Commission",
        "means": "Drafting group; training of trainers.",
        "outcomes": "The code adopted; 2,000 officials trained.",
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "support_needs": [
            projects.SupportNeedSpec("financial", "Training", Decimal("150000"), "USD"),
            projects.SupportNeedSpec("financial", "Printing", Decimal("20000.50"), "USD"),
            projects.SupportNeedSpec("technical", "Drafting expert", Decimal("30000"), "EUR"),
            projects.SupportNeedSpec("training", "Study visit"),
        ],
        **changes,
    }
    return projects.ProjectContent(**values)


def make_project(user, party, instrument, *, publish: bool = False, **changes) -> ReformProject:
    project = projects.project_create(
        user=user, party=party, instrument=instrument, content=project_content(**changes)
    )
    return projects.project_publish(project=project, user=user) if publish else project


@pytest.fixture
def recommendations(cycle, party_a, party_b, secretariat) -> dict[str, Recommendation]:
    """Two published recommendations to France, a draft one, and a published one to Ukraine."""

    def issue(party, text: str, published: bool = True) -> Recommendation:
        return Recommendation.objects.create(
            cycle=cycle,
            party=party,
            text=text,
            issued_by=secretariat,
            published_at=timezone.now() if published else None,
        )

    return {
        "laws": issue(party_a, "Criminalize the laundering of proceeds of corruption."),
        "office": issue(party_a, "Staff the asset recovery office."),
        "draft": issue(party_a, "Confidential: review the prosecutors' caseload.", False),
        "ukraine": issue(party_b, "Publish asset declarations."),
    }


@pytest.fixture
def draft_action(focal_point, party_a, instrument) -> PlanAction:
    return make_action(focal_point, party_a, instrument, title="Draft: train investigators")


@pytest.fixture
def published_action(focal_point, party_a, instrument, recommendations) -> PlanAction:
    return make_action(
        focal_point,
        party_a,
        instrument,
        publish=True,
        recommendations=[recommendations["laws"], recommendations["office"]],
        provisions=list(instrument.provisions.filter(ref="1")),
    )


@pytest.fixture
def draft_project(focal_point, party_a, instrument) -> ReformProject:
    return make_project(focal_point, party_a, instrument, title="Draft: whistle-blower hotline")


@pytest.fixture
def published_project(focal_point, party_a, instrument) -> ReformProject:
    return make_project(focal_point, party_a, instrument, publish=True)

"""France's submitted answers to the cycle, a review of them, and recommendations to France.

Import the fixtures into a test module with ``from ...reviews_fixtures import *`` (they build on
``reporting/tests/conftest.py``).
"""

import datetime as dt

import pytest

from concord.reporting import recommending, reviewing, services
from concord.reporting.models import Recommendation, Review, Submission, SubmissionStatus

__all__ = [
    "published",
    "recommendation",
    "review",
    "reviewed",
    "submitted",
    "ukraine_recommendation",
]

PUBLIC_COMMENT = "Laws adopted, enforcement unclear."
INTERNAL_COMMENT = "Ask the minister about the 2025 decree."
INTERNAL_REVIEW = "Our reading, not for the party yet."


def submit(cycle, party, focal_point) -> Submission:
    submission = services.submission_get_or_start(cycle=cycle, party=party, user=focal_point)
    services.answers_save(
        submission=submission, answers={"1": "partially"}, expected_version=0, user=focal_point
    )
    return services.submission_transition(
        submission=submission, target=SubmissionStatus.SUBMITTED, user=focal_point
    )


def fields_named(response) -> list[list[str]]:
    """The fields a 422 names, whether the schema or the service refused them."""
    return [
        [p for p in e["loc"] if p not in ("body", "payload")] for e in response.json()["detail"]
    ]


@pytest.fixture
def submitted(cycle, party_a, focal_point) -> Submission:
    """France's answers, submitted for review."""
    return submit(cycle, party_a, focal_point)


@pytest.fixture
def reviewed(submitted, reviewer, body_secretariat) -> Submission:
    """The reviewer's review (a public and an internal item) and the secretariat's internal one."""
    reviewing.review_create(
        submission=submitted,
        user=reviewer,
        rating="partially",
        comment=PUBLIC_COMMENT,
        items={
            "1": {"rating": "partially", "comment": "Two laws of 2024."},
            "2": {"comment": INTERNAL_COMMENT, "internal": True},
        },
    )
    reviewing.review_create(
        submission=submitted, user=body_secretariat, comment=INTERNAL_REVIEW, internal=True
    )
    return submitted


@pytest.fixture
def review(reviewed) -> Review:
    return reviewed.reviews.get(internal=False)


@pytest.fixture
def recommendation(cycle, party_a, reviewer) -> Recommendation:
    """An unpublished recommendation to France on provision 2."""
    return recommending.recommendation_issue(
        cycle=cycle,
        party=party_a,
        user=reviewer,
        text="Set up an asset recovery office.",
        provisions=cycle.instrument.provisions.filter(ref="2"),
        priority="high",
        due_date=dt.date(2027, 6, 30),
    )


@pytest.fixture
def published(recommendation, body_secretariat) -> Recommendation:
    """The same recommendation, published."""
    return recommending.recommendation_publish(recommendation=recommendation, user=body_secretariat)


@pytest.fixture
def ukraine_recommendation(cycle, party_b, body_secretariat) -> Recommendation:
    """An unpublished recommendation to Ukraine."""
    return recommending.recommendation_issue(
        cycle=cycle, party=party_b, user=body_secretariat, text="Train the prosecutors."
    )

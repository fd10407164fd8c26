"""Reviews of a submission through the HTTP API, as each persona."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.reporting import services
from concord.reporting.models import Review, ReviewItem, SubmissionStatus
from concord.reporting.tests.reviews_fixtures import *  # noqa: F403
from concord.reporting.tests.reviews_fixtures import (
    INTERNAL_COMMENT,
    INTERNAL_REVIEW,
    PUBLIC_COMMENT,
    fields_named,
)

REVIEW = {
    "rating": "largely",
    "comment": "Convincing.",
    "items": {
        "1": {"rating": "fully", "comment": "Both laws in force."},
        "2": {"comment": "Check the decree.", "internal": True},
    },
}


@pytest.fixture
def url(cycle_url) -> str:
    return f"{cycle_url}/submissions/FRA/reviews"


def post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize("persona", ["secretariat", "body_secretariat", "reviewer"])
def test_the_reviewing_side_lists_every_review_with_its_internal_parts(
    persona, reviewed, url, client_as, request
):
    response = client_as(request.getfixturevalue(persona)).get(url)
    assert response.status_code == 200
    reviews = response.json()
    assert [r["comment"] for r in reviews] == [PUBLIC_COMMENT, INTERNAL_REVIEW]
    assert [r["author"] for r in reviews] == ["reviewer", "body-secretariat"]
    assert reviews[0]["items"] == [
        {"key": "1", "rating": "partially", "comment": "Two laws of 2024.", "internal": False},
        {"key": "2", "rating": "", "comment": INTERNAL_COMMENT, "internal": True},
    ]


def test_the_party_lists_the_reviews_without_internal_parts_or_authors(
    reviewed, url, client_as, focal_point
):
    response = client_as(focal_point).get(url)
    assert response.status_code == 200
    assert [(r["comment"], r["author"]) for r in response.json()] == [(PUBLIC_COMMENT, None)]
    assert [i["key"] for i in response.json()[0]["items"]] == ["1"]
    assert INTERNAL_COMMENT not in response.content.decode()
    assert INTERNAL_REVIEW not in response.content.decode()


@pytest.mark.parametrize("persona", ["other_focal_point", "partner", "anonymous"])
def test_outsiders_do_not_find_the_reviews_of_an_unpublished_submission(
    persona, reviewed, url, client_as, request
):
    assert client_as(request.getfixturevalue(persona)).get(url).status_code == 404


def test_the_public_reads_the_public_parts_once_published(
    reviewed, url, client_as, body_secretariat
):
    for target in (SubmissionStatus.ACCEPTED, SubmissionStatus.PUBLISHED):
        services.submission_transition(submission=reviewed, target=target, user=body_secretariat)
    response = client_as(None).get(url)
    assert response.status_code == 200
    assert [r["comment"] for r in response.json()] == [PUBLIC_COMMENT]
    assert INTERNAL_COMMENT not in response.content.decode()
    assert INTERNAL_REVIEW not in response.content.decode()


def test_a_submission_not_started_has_no_reviews(cycle_url, client_as, other_focal_point):
    response = client_as(other_focal_point).get(f"{cycle_url}/submissions/UKR/reviews")
    assert (response.status_code, response.json()) == (200, [])


@pytest.mark.parametrize("persona", ["reviewer", "body_secretariat", "secretariat"])
def test_the_reviewing_side_reviews_a_submitted_submission(
    persona, submitted, url, client_as, request
):
    person = request.getfixturevalue(persona)
    response = post(client_as(person), url, REVIEW)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["rating"], body["comment"], body["author"]) == (
        "largely",
        "Convincing.",
        person.username,
    )
    assert [(i["key"], i["internal"]) for i in body["items"]] == [("1", False), ("2", True)]
    review = Review.objects.get()
    assert review.history.get().history_user == person
    assert {i.history.get().history_user for i in review.items.all()} == {person}


def test_writing_a_review_needs_credentials(submitted, url, client_as):
    assert post(client_as(None), url, REVIEW).status_code == 401
    assert not Review.objects.exists()


def test_the_party_may_not_review_its_own_submission(submitted, url, client_as, focal_point):
    assert post(client_as(focal_point), url, REVIEW).status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("persona", ["other_focal_point", "partner"])
def test_outsiders_do_not_find_a_submission_to_review(persona, submitted, url, client_as, request):
    assert post(client_as(request.getfixturevalue(persona)), url, REVIEW).status_code == 404
    assert not Review.objects.exists()


def test_a_draft_is_not_reviewed(cycle, cycle_url, client_as, focal_point, reviewer):
    services.submission_get_or_start(
        cycle=cycle, party=cycle.parties.get(code="FRA"), user=focal_point
    )
    response = post(client_as(reviewer), f"{cycle_url}/submissions/FRA/reviews", REVIEW)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]
    assert not Review.objects.exists()


def test_a_submission_not_started_is_not_reviewed(cycle_url, client_as, secretariat):
    response = post(client_as(secretariat), f"{cycle_url}/submissions/UKR/reviews", REVIEW)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"rating": "excellent", "comment": "x"}, ["rating"]),
        ({"comment": "x", "items": {"9.9": {"comment": "?"}}}, ["items", "9.9"]),
        ({"comment": "x", "items": {"1": {"rating": "mostly"}}}, ["items", "1"]),
        ({"comment": "x", "items": {"1": {}}}, ["items", "1"]),
        ({}, ["comment"]),
        ({"comment": "bad\x00byte"}, ["comment"]),
        ({"comment": "x", "internal": "perhaps"}, ["internal"]),
    ],
)
def test_bad_input_gets_422_naming_the_field_and_writes_nothing(
    body, loc, submitted, url, client_as, reviewer
):
    response = post(client_as(reviewer), url, body)
    assert response.status_code == 422
    assert loc in fields_named(response)
    assert not Review.objects.exists()
    assert not ReviewItem.objects.exists()


def test_the_list_reads_as_many_queries_for_many_reviews_as_for_two(
    reviewed, url, client_as, reviewer
):
    client = client_as(reviewer)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    for _ in range(3):
        post(client, url, REVIEW)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(url).json()) == 5
    assert len(five) == len(two)

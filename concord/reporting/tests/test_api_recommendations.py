"""Recommendations and their follow-up through the HTTP API, as each persona."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.tests.factories import InstrumentFactory, PartyFactory
from concord.reporting import recommending
from concord.reporting.models import Recommendation, RecommendationUpdate
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.reviews_fixtures import *  # noqa: F403
from concord.reporting.tests.reviews_fixtures import fields_named

INSIDERS = ["secretariat", "body_secretariat", "focal_point", "reviewer"]
OUTSIDERS = ["other_focal_point", "partner", "anonymous"]


def send(client, method: str, url: str, body: dict | None = None):
    return getattr(client, method)(url, body or {}, content_type="application/json")


def person(request, name):
    return request.getfixturevalue(name)


@pytest.fixture
def issue(cycle) -> dict:
    return {
        "cycle": cycle.pk,
        "party": "FRA",
        "text": "Publish the register of beneficial owners.",
        "provisions": ["1", "2"],
        "priority": "high",
        "due_date": "2027-12-31",
    }


# Issuing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["reviewer", "body_secretariat", "secretariat"])
def test_the_reviewing_side_issues_a_recommendation(name, issue, review, client_as, request):
    issuer = person(request, name)
    response = send(
        client_as(issuer), "post", "/api/recommendations", {**issue, "review": review.pk}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {k: body[k] for k in ("party", "provisions", "priority", "due_date", "review")} == {
        "party": "FRA",
        "provisions": ["1", "2"],
        "priority": "high",
        "due_date": "2027-12-31",
        "review": review.pk,
    }
    assert (body["status"], body["published_at"], body["follow_ups"]) == ("not_started", None, [])
    assert Recommendation.objects.get().history.get().history_user == issuer


def test_issuing_needs_credentials(issue, client_as):
    assert send(client_as(None), "post", "/api/recommendations", issue).status_code == 401
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize("name", ["focal_point", "other_focal_point", "partner"])
def test_those_who_do_not_review_may_not_issue(name, issue, client_as, request):
    response = send(client_as(person(request, name)), "post", "/api/recommendations", issue)
    assert response.status_code == 403
    assert not Recommendation.objects.exists()


def test_a_reviewer_of_france_may_not_recommend_to_ukraine(issue, client_as, reviewer):
    body = {**issue, "party": "UKR", "provisions": []}
    assert send(client_as(reviewer), "post", "/api/recommendations", body).status_code == 403
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"party": "XXX"}, ["party"]),
        ({"party": "BRA"}, ["party"]),
        ({"provisions": ["1", "77"]}, ["provisions"]),
        ({"priority": "urgent"}, ["priority"]),
        ({"review": 999_999}, ["review"]),
        ({"cycle": 999_999}, ["cycle"]),
        ({"text": "   "}, ["text"]),
        ({"text": "a\x00b"}, ["text"]),
        ({"due_date": "next year"}, ["due_date"]),
    ],
)
def test_bad_input_gets_422_naming_the_field_and_writes_nothing(
    change, field, issue, client_as, secretariat
):
    PartyFactory(code="BRA", name="Brazil")
    response = send(client_as(secretariat), "post", "/api/recommendations", {**issue, **change})
    assert response.status_code == 422
    assert field in fields_named(response)
    assert not Recommendation.objects.exists()


def test_a_review_of_another_party_is_refused(
    issue, reviewed, client_as, body_secretariat, party_b
):
    france_review = reviewed.reviews.first()
    body = {**issue, "party": "UKR", "provisions": [], "review": france_review.pk}
    response = send(client_as(body_secretariat), "post", "/api/recommendations", body)
    assert response.status_code == 422
    assert fields_named(response) == [["review"]]


# Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", INSIDERS)
def test_an_unpublished_recommendation_is_read_by_its_party_and_reviewers(
    name, recommendation, client_as, request
):
    client = client_as(person(request, name))
    response = client.get(f"/api/recommendations/{recommendation.pk}")
    assert response.status_code == 200
    assert response.json()["text"] == recommendation.text
    assert [r["id"] for r in client.get("/api/recommendations").json()["items"]] == [
        recommendation.pk
    ]


@pytest.mark.parametrize("name", OUTSIDERS)
def test_an_unpublished_recommendation_is_not_found_by_outsiders(
    name, recommendation, client_as, request
):
    client = client_as(person(request, name))
    assert client.get(f"/api/recommendations/{recommendation.pk}").status_code == 404
    listed = client.get("/api/recommendations").json()
    assert (listed["items"], listed["count"]) == ([], 0)


@pytest.mark.parametrize("name", [*INSIDERS, *OUTSIDERS])
def test_a_published_recommendation_is_read_by_everyone(name, published, client_as, request):
    response = client_as(person(request, name)).get(f"/api/recommendations/{published.pk}")
    assert response.status_code == 200
    assert response.json()["published_at"]


def test_the_other_party_sees_its_own_unpublished_recommendation_only(
    recommendation, ukraine_recommendation, client_as, other_focal_point
):
    listed = client_as(other_focal_point).get("/api/recommendations").json()["items"]
    assert [r["party"] for r in listed] == ["UKR"]


def test_the_list_filters_by_party_instrument_cycle_and_status(
    published, ukraine_recommendation, client_as, secretariat, focal_point, instrument
):
    recommending.recommendation_follow_up(
        recommendation=published, user=focal_point, status="implemented"
    )
    client = client_as(secretariat)

    def ids(**query) -> list[int]:
        response = client.get("/api/recommendations", query)
        assert response.status_code == 200
        return [r["id"] for r in response.json()["items"]]

    both = [published.pk, ukraine_recommendation.pk]
    assert ids() == both
    assert ids(party="UKR") == [ukraine_recommendation.pk]
    assert ids(instrument=instrument.pk) == both
    assert ids(instrument=instrument.pk + 1000) == []
    assert ids(cycle=published.cycle_id) == both
    assert ids(status="implemented") == [published.pk]
    assert ids(status="not_started") == [ukraine_recommendation.pk]
    page = client.get("/api/recommendations", {"limit": 1}).json()
    assert (page["count"], len(page["items"])) == (2, 1)
    assert client.get("/api/recommendations", {"after": page["next"]}).json()["items"][0]["id"] == (
        ukraine_recommendation.pk
    )
    assert client.get("/api/recommendations", {"status": "done"}).status_code == 422


def test_the_list_reads_as_many_queries_for_many_as_for_one(
    published, client_as, cycle, party_a, body_secretariat
):
    client = client_as(None)
    client.get("/api/recommendations")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/recommendations")
    for n in range(4):
        made = recommending.recommendation_issue(
            cycle=cycle,
            party=party_a,
            user=body_secretariat,
            text=f"Recommendation {n}",
            provisions=cycle.instrument.provisions.all(),
        )
        recommending.recommendation_publish(recommendation=made, user=body_secretariat)
    with CaptureQueriesContext(connection) as five:
        assert client.get("/api/recommendations").json()["count"] == 5
    assert len(five) == len(one)


# Correcting -------------------------------------------------------------------------------


def test_the_reviewer_corrects_an_unpublished_recommendation(recommendation, client_as, reviewer):
    url = f"/api/recommendations/{recommendation.pk}"
    response = send(client_as(reviewer), "patch", url, {"due_date": None, "provisions": ["1"]})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["due_date"], body["provisions"], body["priority"]) == (None, ["1"], "high")
    assert body["text"] == recommendation.text
    recommendation.refresh_from_db()
    assert recommendation.history.first().history_user == reviewer


def test_correcting_needs_credentials(recommendation, client_as):
    url = f"/api/recommendations/{recommendation.pk}"
    assert send(client_as(None), "patch", url, {"text": "x"}).status_code == 401


@pytest.mark.parametrize("name", ["focal_point", "other_focal_point", "partner"])
def test_those_who_may_not_correct_do_not_find_it(name, recommendation, client_as, request):
    url = f"/api/recommendations/{recommendation.pk}"
    response = send(client_as(person(request, name)), "patch", url, {"text": "Mine now."})
    assert response.status_code == 404
    recommendation.refresh_from_db()
    assert recommendation.text == "Set up an asset recovery office."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": None}, ["text"]),
        ({"text": ""}, ["text"]),
        ({"priority": "asap"}, ["priority"]),
        ({"provisions": ["404"]}, ["provisions"]),
    ],
)
def test_a_bad_correction_gets_422_and_changes_nothing(
    body, field, recommendation, client_as, reviewer
):
    url = f"/api/recommendations/{recommendation.pk}"
    response = send(client_as(reviewer), "patch", url, body)
    assert response.status_code == 422
    assert field in fields_named(response)
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.priority) == (
        "Set up an asset recovery office.",
        "high",
    )
    assert recommendation.history.count() == 1


def test_a_published_recommendation_is_not_corrected(published, client_as, body_secretariat):
    url = f"/api/recommendations/{published.pk}"
    response = send(client_as(body_secretariat), "patch", url, {"text": "Other words."})
    assert response.status_code == 422
    assert fields_named(response) == [["published_at"]]


# Publishing -------------------------------------------------------------------------------


def test_the_secretariat_publishes_once(recommendation, client_as, body_secretariat):
    url = f"/api/recommendations/{recommendation.pk}/publish"
    response = send(client_as(body_secretariat), "post", url)
    assert response.status_code == 200
    assert response.json()["published_at"]
    assert client_as(None).get(f"/api/recommendations/{recommendation.pk}").status_code == 200
    again = send(client_as(body_secretariat), "post", url)
    assert (again.status_code, fields_named(again)) == (422, [["published_at"]])


@pytest.mark.parametrize(
    ("name", "status"),
    [("reviewer", 403), ("focal_point", 403), ("partner", 404), ("anonymous", 401)],
)
def test_only_the_secretariat_publishes(name, status, recommendation, client_as, request):
    url = f"/api/recommendations/{recommendation.pk}/publish"
    assert send(client_as(person(request, name)), "post", url).status_code == status
    recommendation.refresh_from_db()
    assert recommendation.published_at is None


# Following up -----------------------------------------------------------------------------


def test_the_party_follows_up_and_the_follow_ups_are_listed_in_order(
    published, client_as, focal_point, body_secretariat, instrument, secretariat
):
    later = open_cycle(instrument, secretariat, [published.party])
    url = f"/api/recommendations/{published.pk}/follow-ups"
    first = send(
        client_as(focal_point), "post", url, {"status": "in_progress", "response": "Drafting."}
    )
    assert first.status_code == 201, first.json()
    second = send(
        client_as(body_secretariat),
        "post",
        url,
        {"status": "implemented", "response": "Office open.", "cycle": later.pk},
    )
    assert second.status_code == 201
    shown = client_as(None).get(f"/api/recommendations/{published.pk}").json()
    assert (shown["status"], shown["response"]) == ("implemented", "Office open.")
    assert [(f["status"], f["cycle"]) for f in shown["follow_ups"]] == [
        ("in_progress", None),
        ("implemented", later.pk),
    ]
    updates = RecommendationUpdate.objects.order_by("id")
    assert [u.history.get().history_user for u in updates] == [focal_point, body_secretariat]


@pytest.mark.parametrize(
    ("name", "status"), [("reviewer", 403), ("other_focal_point", 403), ("partner", 403)]
)
def test_those_who_may_not_respond_are_refused(name, status, published, client_as, request):
    url = f"/api/recommendations/{published.pk}/follow-ups"
    response = send(client_as(person(request, name)), "post", url, {"status": "implemented"})
    assert response.status_code == status
    assert not RecommendationUpdate.objects.exists()


def test_an_outsider_does_not_find_an_unpublished_one_to_answer(
    recommendation, client_as, other_focal_point
):
    url = f"/api/recommendations/{recommendation.pk}/follow-ups"
    response = send(client_as(other_focal_point), "post", url, {"status": "implemented"})
    assert response.status_code == 404
    assert send(client_as(None), "post", url, {"status": "implemented"}).status_code == 401


def test_a_bad_follow_up_gets_422_naming_the_field_and_writes_nothing(
    published, client_as, focal_point, secretariat, party_a
):
    url = f"/api/recommendations/{published.pk}/follow-ups"
    other = open_cycle(InstrumentFactory(), secretariat, [party_a])
    fp = client_as(focal_point)
    for body, field in (
        ({"status": "done"}, ["status"]),
        ({"status": "implemented", "cycle": 999_999}, ["cycle"]),
        ({"status": "implemented", "cycle": other.pk}, ["cycle"]),
        ({"status": "implemented", "response": "\x00"}, ["response"]),
    ):
        response = send(fp, "post", url, body)
        assert response.status_code == 422, body
        assert field in fields_named(response)
    assert not RecommendationUpdate.objects.exists()
    published.refresh_from_db()
    assert published.status == "not_started"

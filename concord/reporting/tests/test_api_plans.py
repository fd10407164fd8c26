"""Planned actions through the HTTP API: each persona, drafts that never leak, bad input."""

import pytest

from concord.reporting.models import PlanAction
from concord.reporting.tests.plans_fixtures import *  # noqa: F403
from concord.reporting.tests.plans_fixtures import make_action

OUTSIDERS = ("other_focal_point", "partner", None)
INSIDERS = ("focal_point", "reviewer", "secretariat", "body_secretariat")


def person(request, persona):
    return request.getfixturevalue(persona) if persona else None


def action_body(of, **changes) -> dict:
    return {
        "party": "FRA",
        "instrument": of.pk,
        "title": "Set up an asset recovery office",
        "lead_institution": "Ministry of Justice",
        "due_date": "2027-03-31",
        "status": "planned",
        "provisions": ["2"],
        **changes,
    }


def create(client, body):
    return client.post("/api/plan-actions", body, content_type="application/json")


def test_a_focal_point_plans_an_action_answering_two_recommendations(
    client_as, focal_point, instrument, recommendations
):
    ids = [recommendations["laws"].pk, recommendations["office"].pk]
    response = create(client_as(focal_point), action_body(instrument, recommendations=ids))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["party"], data["recommendations"], data["provisions"]) == ("FRA", ids, ["2"])
    assert data["published_at"] is None
    assert PlanAction.objects.get().history.get().history_user == focal_point


def test_planning_needs_credentials(client_as, instrument, party_a):
    assert create(client_as(None), action_body(instrument)).status_code == 401
    assert not PlanAction.objects.exists()


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat", "partner"])
def test_only_the_partys_focal_points_plan_its_actions(
    persona, request, client_as, instrument, party_a
):
    response = create(client_as(person(request, persona)), action_body(instrument))
    assert response.status_code == 403
    assert not PlanAction.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"party": "ZZZ"}, "party"),
        ({"instrument": 0}, "instrument"),
        ({"provisions": ["77"]}, "provisions"),
        ({"recommendations": [0]}, "recommendations"),
        ({"status": "abandoned"}, "status"),
        ({"title": ""}, "title"),
        ({"due_date": "tomorrow"}, "due_date"),
    ],
)
def test_bad_input_gets_422_naming_the_field(
    changes, field, client_as, focal_point, instrument, recommendations
):
    response = create(client_as(focal_point), action_body(instrument, **changes))
    assert response.status_code == 422, response.json()
    assert field in response.json()["detail"][0]["loc"]
    assert not PlanAction.objects.exists()


@pytest.mark.parametrize("which", ["ukraine", "draft_elsewhere"])
def test_a_recommendation_not_to_the_party_is_422(
    which, client_as, focal_point, other_focal_point, instrument, recommendations
):
    rec = recommendations["ukraine"]
    if which == "draft_elsewhere":
        rec.published_at = None
        rec.save()
    response = create(client_as(focal_point), action_body(instrument, recommendations=[rec.pk]))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "recommendations"]
    assert not PlanAction.objects.exists()


def test_an_unpublished_instrument_is_422(client_as, focal_point, unpublished_instrument):
    response = create(client_as(focal_point), action_body(unpublished_instrument, provisions=[]))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "instrument"]


@pytest.mark.parametrize("persona", INSIDERS + OUTSIDERS)
def test_a_draft_is_seen_only_by_the_partys_people(
    persona, request, client_as, draft_action, published_action
):
    client = client_as(person(request, persona))
    listed = [a["id"] for a in client.get("/api/plan-actions").json()["items"]]
    detail = client.get(f"/api/plan-actions/{draft_action.pk}")
    if persona in INSIDERS:
        assert sorted(listed) == sorted([draft_action.pk, published_action.pk])
        assert detail.status_code == 200
    else:
        assert listed == [published_action.pk]
        assert detail.status_code == 404
    assert client.get(f"/api/plan-actions/{published_action.pk}").status_code == 200


def test_the_public_sees_only_published_recommendations_of_an_action(
    client_as, focal_point, party_a, instrument, recommendations
):
    action = make_action(
        focal_point,
        party_a,
        instrument,
        publish=True,
        recommendations=[recommendations["laws"], recommendations["draft"]],
    )
    public = client_as(None).get(f"/api/plan-actions/{action.pk}").json()
    assert public["recommendations"] == [recommendations["laws"].pk]
    own = client_as(focal_point).get(f"/api/plan-actions/{action.pk}").json()
    assert len(own["recommendations"]) == 2


def test_filtering_by_a_recommendation_one_may_not_see_tells_nothing_of_it(
    client_as, focal_point, party_a, instrument, recommendations
):
    draft = recommendations["draft"]
    make_action(focal_point, party_a, instrument, publish=True, recommendations=[draft])
    found = client_as(None).get("/api/plan-actions", {"recommendation": draft.pk}).json()
    assert found["items"] == []
    own = client_as(focal_point).get("/api/plan-actions", {"recommendation": draft.pk}).json()
    assert len(own["items"]) == 1


def test_the_list_filters_by_party_instrument_recommendation_and_status(
    client_as, focal_point, other_focal_point, party_a, party_b, instrument, recommendations
):
    laws = recommendations["laws"]
    answering = make_action(focal_point, party_a, instrument, publish=True, recommendations=[laws])
    done = make_action(focal_point, party_a, instrument, publish=True, status="done")
    ukrainian = make_action(other_focal_point, party_b, instrument, publish=True)
    client = client_as(None)

    def ids(**query) -> list[int]:
        return [a["id"] for a in client.get("/api/plan-actions", query).json()["items"]]

    assert ids(party="UKR") == [ukrainian.pk]
    assert ids(party="FRA", instrument=instrument.pk) == [answering.pk, done.pk]
    assert ids(instrument=instrument.pk + 1000) == []
    assert ids(recommendation=laws.pk) == [answering.pk]
    assert ids(status="done") == [done.pk]
    assert client.get("/api/plan-actions", {"status": "lost"}).status_code == 422


def test_the_list_reads_a_constant_number_of_queries(
    client_as, focal_point, party_a, instrument, recommendations, django_assert_max_num_queries
):
    client = client_as(focal_point)
    make_action(focal_point, party_a, instrument, recommendations=[recommendations["laws"]])
    with django_assert_max_num_queries(12) as few:
        client.get("/api/plan-actions")
    for _ in range(5):
        make_action(
            focal_point,
            party_a,
            instrument,
            recommendations=list(recommendations.values())[:2],
            provisions=list(instrument.provisions.all()),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/plan-actions").json()["items"]) == 6


def put(client, action, **changes):
    body = action_body(action.instrument, **changes)
    del body["party"], body["instrument"]
    return client.put(f"/api/plan-actions/{action.pk}", body, content_type="application/json")


def test_a_focal_point_changes_its_action(client_as, focal_point, published_action):
    response = put(client_as(focal_point), published_action, status="in_progress")
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["recommendations"]) == ("in_progress", [])
    assert published_action.history.first().history_user == focal_point


@pytest.mark.parametrize("persona", ["reviewer", "secretariat", "other_focal_point", "partner"])
def test_others_get_404_when_changing_an_action(persona, request, client_as, draft_action):
    response = put(client_as(person(request, persona)), draft_action, title="Hijacked")
    assert response.status_code == 404
    draft_action.refresh_from_db()
    assert draft_action.title.startswith("Draft")


def test_changing_needs_credentials(client_as, draft_action):
    assert put(client_as(None), draft_action).status_code == 401


def test_a_bad_change_is_422_and_changes_nothing(client_as, focal_point, draft_action):
    response = put(client_as(focal_point), draft_action, provisions=["1", "nope"])
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "provisions"]
    draft_action.refresh_from_db()
    assert draft_action.history.count() == 1 and not draft_action.provisions.exists()


def publish(client, action):
    return client.post(f"/api/plan-actions/{action.pk}/publish")


def test_a_focal_point_publishes_once(client_as, focal_point, draft_action):
    response = publish(client_as(focal_point), draft_action)
    assert response.status_code == 200 and response.json()["published_at"]
    again = publish(client_as(focal_point), draft_action)
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "published_at"]
    assert client_as(None).get(f"/api/plan-actions/{draft_action.pk}").status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 401), ("reviewer", 403), ("secretariat", 403), ("other_focal_point", 404)],
)
def test_others_cannot_publish(persona, status, request, client_as, draft_action):
    assert publish(client_as(person(request, persona)), draft_action).status_code == status
    draft_action.refresh_from_db()
    assert not draft_action.is_published

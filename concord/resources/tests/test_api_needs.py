"""The needs API over HTTP: listing (filters, CSV), one need, its matches, recording one."""

import json

import pytest

from concord.resources.models import Need
from concord.resources.tests.needs_fixtures import *  # noqa: F403  (its fixtures)

pytestmark = pytest.mark.django_db


def body(payload: dict) -> dict:
    return {"data": json.dumps(payload), "content_type": "application/json"}


def test_each_reader_lists_the_needs_they_may_see(
    client_as, project_needs, hidden_need, priorities, partner, other_focal_point
):
    def titles(person, query=""):
        return sorted(
            n["title"] for n in client_as(person).get(f"/api/needs{query}").json()["items"]
        )

    public = sorted(need.title for need in project_needs.values())
    assert titles(None) == titles(partner) == public
    assert titles(other_focal_point) == sorted([*public, "Forensic laboratory"])
    assert titles(None, "?kind=financial") == ["Train investigators: Training seminars"]
    assert titles(None, "?country=ukr") == []
    assert titles(other_focal_point, "?uncovered=true") == ["Forensic laboratory"]
    listed = client_as(None).get("/api/needs?kind=financial").json()["items"][0]
    assert listed["amount"] == "250000" and listed["covered"] and listed["project"]


def test_the_list_downloads_as_csv(client_as, project_needs):
    response = client_as(None).get("/api/needs?format=csv")
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0].startswith("id,title,kind,country")
    assert "Train investigators: Training seminars,financial,FRA" in text


def test_a_need_one_may_not_see_is_not_found(client_as, hidden_need, partner, other_focal_point):
    assert client_as(partner).get(f"/api/needs/{hidden_need.pk}").status_code == 404
    assert client_as(None).get(f"/api/needs/{hidden_need.pk}/matches").status_code == 404
    assert client_as(other_focal_point).get(f"/api/needs/{hidden_need.pk}").status_code == 200


def test_matches_come_ranked_with_their_reasons(client_as, project_needs, priorities):
    technical = project_needs["technical"]
    answer = client_as(None).get(f"/api/needs/{technical.pk}/matches").json()
    assert [(m["rank"], m["partner"], m["score"]) for m in answer["matches"]] == [
        (1, "NLD", 35),
        (2, "SWE", 30),
    ]
    assert [r["code"] for r in answer["matches"][0]["reasons"]] == ["same_country", "dates"]
    assert not answer["duplicate_warning"] and answer["funded_by"] == []


def test_a_focal_point_records_a_need_of_their_country(client_as, focal_point, framework):
    node = framework.nodes["A1"]
    payload = {
        "title": "Case management",
        "kind": "financial",
        "country": "FRA",
        "amount": "1200.50",
        "currency": "eur",
        "nodes": [node.pk],
        "sdg_targets": ["16.5"],
    }
    response = client_as(focal_point).post("/api/needs", **body(payload))
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["amount"], made["currency"], made["published"]) == ("1200.5", "EUR", False)
    assert made["nodes"] == [{"id": node.pk, "code": "A1", "framework": framework.pk}]


def test_recording_a_need_is_refused_as_it_should_be(
    client_as, other_focal_point, partner, focal_point
):
    payload = {"title": "x", "kind": "technical", "country": "FRA"}
    assert client_as(None).post("/api/needs", **body(payload)).status_code == 401
    assert client_as(partner).post("/api/needs", **body(payload)).status_code == 403
    refused = client_as(other_focal_point).post("/api/needs", **body(payload))
    assert refused.status_code == 403
    published = client_as(focal_point).post("/api/needs", **body({**payload, "published": True}))
    assert published.status_code == 403
    assert "Only the secretariat publishes" in published.json()["detail"]
    bad = client_as(focal_point).post(
        "/api/needs", **body({**payload, "sdg_targets": ["99.9"], "nodes": [999999]})
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "nodes"]
    bad = client_as(focal_point).post("/api/needs", **body({**payload, "sdg_targets": ["99.9"]}))
    assert bad.json()["detail"][0]["loc"] == ["body", "sdg_targets"]
    assert not Need.objects.exists()

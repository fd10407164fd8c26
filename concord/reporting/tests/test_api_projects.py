"""Reform projects and their reviews through the HTTP API."""

import pytest

from concord.reporting.models import ProjectReview, ReformProject, SupportNeed
from concord.reporting.tests.plans_fixtures import *  # noqa: F403

OUTSIDERS = ("other_focal_point", "partner", None)
INSIDERS = ("focal_point", "reviewer", "secretariat", "body_secretariat")


def person(request, persona):
    return request.getfixturevalue(persona) if persona else None


def project_body(of, **changes) -> dict:
    return {
        "party": "FRA",
        "instrument": of.pk,
        "title": "Asset declarations online",
        "priority_area": "Transparency of public officials' assets",
        "objectives": "Publish every senior official's asset declaration.",
        "means": "An online register; verification staff.",
        "outcomes": "90% of declarations published within a year.",
        "impacts": "Fewer unexplained assets.",
        "starts_on": "2026-03-01",
        "ends_on": "2027-02-28",
        "responsible_agency": "High Authority for Transparency",
        "provisions": ["1"],
        "support_needs": [
            {"kind": "financial", "description": "Register", "amount": "250000", "currency": "EUR"},
            {"kind": "technical", "description": "Verification methods"},
        ],
        **changes,
    }


def create(client, body):
    return client.post("/api/reform-projects", body, content_type="application/json")


def test_a_focal_point_proposes_a_project_with_its_support_needs(
    client_as, focal_point, instrument, party_a
):
    response = create(client_as(focal_point), project_body(instrument))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert [(n["kind"], n["amount"], n["currency"]) for n in data["support_needs"]] == [
        ("financial", "250000.00", "EUR"),
        ("technical", None, ""),
    ]
    assert (data["provisions"], data["reviews"], data["published_at"]) == (["1"], [], None)
    assert ReformProject.objects.get().history.get().history_user == focal_point


def test_proposing_needs_credentials(client_as, instrument, party_a):
    assert create(client_as(None), project_body(instrument)).status_code == 401


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat", "partner"])
def test_only_the_partys_focal_points_propose_its_projects(
    persona, request, client_as, instrument, party_a
):
    assert create(client_as(person(request, persona)), project_body(instrument)).status_code == 403
    assert not ReformProject.objects.exists()


def need(**changes) -> dict:
    return {"kind": "financial", "amount": "10", "currency": "USD", **changes}


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"support_needs": [need(currency="ZZZ")]}, ["support_needs", "0", "currency"]),
        ({"support_needs": [need(), need(currency="")]}, ["support_needs", "1", "currency"]),
        ({"support_needs": [need(amount="-5")]}, ["support_needs", "0", "amount"]),
        ({"support_needs": [need(amount="1e20")]}, ["support_needs", "0", "amount"]),
        ({"support_needs": [need(kind="money")]}, ["support_needs", 0, "kind"]),
        ({"ends_on": "2026-01-01"}, ["ends_on"]),
        ({"objectives": " "}, ["objectives"]),
        ({"provisions": ["nope"]}, ["provisions"]),
        ({"party": "ZZZ"}, ["party"]),
    ],
)
def test_bad_input_gets_422_naming_the_field_and_nothing_is_written(
    changes, loc, client_as, focal_point, instrument, party_a
):
    response = create(client_as(focal_point), project_body(instrument, **changes))
    assert response.status_code == 422, response.json()
    assert response.json()["detail"][0]["loc"][-len(loc) :] == loc
    assert not ReformProject.objects.exists() and not SupportNeed.objects.exists()


@pytest.mark.parametrize("persona", INSIDERS + OUTSIDERS)
def test_a_draft_project_is_seen_only_by_the_partys_people(
    persona, request, client_as, draft_project, published_project
):
    client = client_as(person(request, persona))
    listed = [p["id"] for p in client.get("/api/reform-projects").json()["items"]]
    detail = client.get(f"/api/reform-projects/{draft_project.pk}")
    if persona in INSIDERS:
        assert sorted(listed) == sorted([draft_project.pk, published_project.pk])
        assert detail.status_code == 200
    else:
        assert listed == [published_project.pk]
        assert detail.status_code == 404
    shown = client.get(f"/api/reform-projects/{published_project.pk}").json()
    assert len(shown["support_needs"]) == 4


def test_the_list_filters_by_party_and_instrument(
    client_as, published_project, instrument, party_a
):
    client = client_as(None)

    def ids(**query) -> list[int]:
        return [p["id"] for p in client.get("/api/reform-projects", query).json()["items"]]

    assert ids(party="FRA", instrument=instrument.pk) == [published_project.pk]
    assert ids(party="UKR") == []
    assert ids(instrument=instrument.pk + 1000) == []


def put(client, project, **changes):
    body = project_body(project.instrument, **changes)
    del body["party"], body["instrument"]
    return client.put(f"/api/reform-projects/{project.pk}", body, content_type="application/json")


def test_support_needs_given_replace_the_stored_ones(client_as, focal_point, draft_project):
    response = put(client_as(focal_point), draft_project, support_needs=[need()])
    assert response.status_code == 200, response.json()
    assert [n["currency"] for n in response.json()["support_needs"]] == ["USD"]
    body = project_body(draft_project.instrument, title="Renamed")
    del body["party"], body["instrument"], body["support_needs"]
    kept = client_as(focal_point).put(
        f"/api/reform-projects/{draft_project.pk}", body, content_type="application/json"
    )
    assert (kept.json()["title"], len(kept.json()["support_needs"])) == ("Renamed", 1)


def test_a_bad_change_is_422_and_keeps_the_stored_needs(client_as, focal_point, draft_project):
    response = put(client_as(focal_point), draft_project, support_needs=[need(), need(amount="-1")])
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "support_needs", "1", "amount"]
    draft_project.refresh_from_db()
    assert draft_project.support_needs.count() == 4
    assert draft_project.history.count() == 1


@pytest.mark.parametrize("persona", ["reviewer", "secretariat", "other_focal_point", "partner"])
def test_others_get_404_when_changing_a_project(persona, request, client_as, draft_project):
    assert put(client_as(person(request, persona)), draft_project).status_code == 404
    assert draft_project.support_needs.count() == 4


def test_publishing_makes_a_project_public_once(client_as, focal_point, draft_project):
    url = f"/api/reform-projects/{draft_project.pk}/publish"
    assert client_as(None).post(url).status_code == 401
    assert client_as(focal_point).post(url).status_code == 200
    assert client_as(focal_point).post(url).status_code == 422
    assert client_as(None).get(f"/api/reform-projects/{draft_project.pk}").status_code == 200


def test_the_reviewer_cannot_publish(client_as, reviewer, draft_project):
    url = f"/api/reform-projects/{draft_project.pk}/publish"
    assert client_as(reviewer).post(url).status_code == 403


def review(client, project, **changes):
    body = {
        "stage": "midterm",
        "rating": "partially",
        "assessment": "The register is online; verification lags.",
        "reviewed_on": "2026-09-15",
        **changes,
    }
    return client.post(
        f"/api/reform-projects/{project.pk}/reviews", body, content_type="application/json"
    )


@pytest.mark.parametrize("persona", ["reviewer", "secretariat", "body_secretariat"])
def test_the_steering_group_reviews_at_midterm_and_at_the_end(
    persona, request, client_as, published_project
):
    client = client_as(person(request, persona))
    midterm = review(client, published_project)
    assert midterm.status_code == 201, midterm.json()
    assert midterm.json()["stage"] == "midterm"
    again = review(client, published_project)
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "stage"]
    assert review(client, published_project, stage="final", rating=None).status_code == 201
    shown = client_as(None).get(f"/api/reform-projects/{published_project.pk}").json()
    assert [(r["stage"], r["rating"]) for r in shown["reviews"]] == [
        ("midterm", "partially"),
        ("final", None),
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 401), ("focal_point", 403), ("other_focal_point", 403), ("partner", 403)],
)
def test_others_do_not_review(persona, status, request, client_as, published_project):
    assert review(client_as(person(request, persona)), published_project).status_code == status
    assert not ProjectReview.objects.exists()


def test_a_draft_is_not_reviewed_and_outsiders_cannot_tell_it_exists(
    client_as, reviewer, other_focal_point, draft_project
):
    response = review(client_as(reviewer), draft_project)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "project"]
    assert review(client_as(other_focal_point), draft_project).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reviewed_on": "2025-12-31"}, "reviewed_on"),
        ({"stage": "interim"}, "stage"),
        ({"rating": "superb"}, "rating"),
        ({"assessment": ""}, "assessment"),
    ],
)
def test_a_bad_review_is_422_naming_the_field(
    changes, field, client_as, reviewer, published_project
):
    response = review(client_as(reviewer), published_project, **changes)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]
    assert not ProjectReview.objects.exists()


def test_a_nul_character_in_a_long_text_is_a_422_naming_it(client_as, focal_point, instrument):
    body = {
        "party": "FRA",
        "instrument": instrument.pk,
        "title": "Code of conduct",
        "priority_area": "Integrity",
        "objectives": "Adopt\x00 it",
        "responsible_agency": "Civil service",
    }
    response = client_as(focal_point).post(
        "/api/reform-projects", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert "objectives" in response.json()["detail"][0]["loc"]
    assert not ReformProject.objects.exists()

"""Best practices through the HTTP API: filters, each persona's rights, bad input."""

import pytest

from concord.directory.models import BestPractice
from concord.directory.tests.meetings_fixtures import *  # noqa: F403
from concord.directory.tests.meetings_fixtures import make_practice
from concord.registry.tests.factories import ProvisionFactory

URL = "/api/directory/best-practices"


def person(request, persona):
    return request.getfixturevalue(persona) if persona else None


def practice_body(plan, **changes) -> dict:
    return {
        "title": "Victim identification checklist",
        "description": "A one-page checklist for labour inspectors.",
        "parties": ["FRA"],
        "provisions": [{"instrument": plan.pk, "ref": "III.1"}],
        "source_url": "https://example.org/checklist",
        **changes,
    }


def create(client, body):
    return client.post(URL, body, content_type="application/json")


def patch(client, practice, body):
    return client.patch(f"{URL}/{practice.pk}", body, content_type="application/json")


@pytest.mark.parametrize("persona", ["secretariat", "body_secretariat"])
def test_the_secretariat_records_a_best_practice(persona, request, client_as, party_a, action_plan):
    user = person(request, persona)
    response = create(client_as(user), practice_body(action_plan))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["parties"] == ["FRA"]
    assert data["provisions"] == [{"instrument": action_plan.pk, "ref": "III.1"}]
    assert BestPractice.objects.get().history.get().history_user == user


def test_recording_a_practice_needs_credentials(client_as, party_a, action_plan):
    assert create(client_as(None), practice_body(action_plan)).status_code == 401
    assert not BestPractice.objects.exists()


@pytest.mark.parametrize("persona", ["focal_point", "other_focal_point", "reviewer", "partner"])
def test_others_may_not_record_or_change_practices(
    persona, request, client_as, secretariat, party_a, action_plan
):
    client = client_as(person(request, persona))
    assert create(client, practice_body(action_plan)).status_code == 403
    practice = make_practice(secretariat)
    assert patch(client, practice, {"title": "Hijacked"}).status_code == 403
    assert BestPractice.objects.get().title == "National referral mechanism"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"description": ""}, "description"),
        ({"parties": ["ZZZ"]}, "parties"),
        ({"provisions": [{"instrument": 0, "ref": "III.1"}]}, "provisions"),
        ({"source_url": "not an address"}, "source_url"),
    ],
)
def test_bad_input_gets_422_naming_the_field_and_writes_nothing(
    changes, field, client_as, secretariat, party_a, action_plan
):
    response = create(client_as(secretariat), practice_body(action_plan, **changes))
    assert response.status_code == 422, response.json()
    assert field in response.json()["detail"][0]["loc"]
    assert not BestPractice.objects.exists()


def test_a_provision_of_an_unpublished_instrument_is_refused_outside_ones_scope(
    client_as, body_secretariat, secretariat, draft_decision
):
    ProvisionFactory(instrument=draft_decision, ref="1")
    body = {
        "title": "T",
        "description": "D",
        "provisions": [{"instrument": draft_decision.pk, "ref": "1"}],
    }
    response = create(client_as(body_secretariat), body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "provisions"]
    assert create(client_as(secretariat), body).status_code == 201
    practice = BestPractice.objects.get()
    assert client_as(None).get(f"{URL}/{practice.pk}").json()["provisions"] == []


def test_the_list_filters(client_as, secretariat, party_a, party_b, action_plan):
    checklist = make_practice(
        secretariat, title="Checklist", parties=["FRA"], provisions=[(action_plan.pk, "III.1")]
    )
    hotline = make_practice(
        secretariat,
        title="Hotline",
        description="A free TELEPHONE line.",
        parties=["UKR"],
        provisions=[(action_plan.pk, "III.2")],
    )
    client = client_as(None)

    def ids(query=""):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["items"]]

    assert ids() == [checklist.pk, hotline.pk]
    assert ids("party=UKR") == [hotline.pk]
    assert ids(f"instrument={action_plan.pk}") == [checklist.pk, hotline.pk]
    assert ids(f"instrument={action_plan.pk}&ref=III.1") == [checklist.pk]
    assert ids("q=telephone") == [hotline.pk]
    assert ids("q=CHECK") == [checklist.pk]
    assert ids("party=XXX") == []


def test_a_patch_changes_only_what_it_gives(client_as, body_secretariat, party_a, action_plan):
    practice = make_practice(
        body_secretariat, parties=["FRA"], provisions=[(action_plan.pk, "III.1")]
    )
    response = patch(client_as(body_secretariat), practice, {"title": "Renamed"})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["title"], data["parties"]) == ("Renamed", ["FRA"])
    assert data["provisions"] == [{"instrument": action_plan.pk, "ref": "III.1"}]
    assert BestPractice.objects.get().history.first().history_user == body_secretariat


def test_a_bad_patch_gets_422_and_changes_nothing(client_as, secretariat, db):
    practice = make_practice(secretariat)
    response = patch(client_as(secretariat), practice, {"title": "New", "parties": ["ZZZ"]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "parties"]
    assert BestPractice.objects.get().title == practice.title
    assert patch(client_as(secretariat), practice, {"title": None}).status_code == 422


def test_an_unknown_practice_is_404(client_as, db):
    assert client_as(None).get(f"{URL}/999").status_code == 404

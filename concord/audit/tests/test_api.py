import pytest

from concord.accounts.services import token_create
from concord.audit.context import changes_from
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes():
    with changes_from("cli"):
        party = factories.PartyFactory(name="Mongolia")
        party.name = "Mongolie"
        party.save()
    body = factories.BodyFactory(name="Secretariat")
    return party, body


def test_anonymous_caller_gets_401(client, changes):
    assert client.get("/api/audit").status_code == 401


def test_signed_in_caller_without_the_secretariat_role_gets_403(client, outsider, changes):
    client.force_login(outsider)
    response = client.get("/api/audit")
    assert response.status_code == 403
    assert "secretariat" in response.json()["detail"]


def test_secretariat_reads_the_trail_newest_first_with_old_and_new_values(
    client, secretariat, changes
):
    party, _body = changes
    client.force_login(secretariat)
    response = client.get("/api/audit?object_type=registry.party")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2 and data["count_exact"] and data["next"] is None
    second, third = data["items"]
    response = client.get("/api/audit?object_type=registry.body")
    data = response.json()
    (first,) = data["items"]
    assert (first["object_type"], first["object"], first["action"]) == (
        "registry.body",
        "Secretariat",
        "created",
    )
    assert second == {
        **second,
        "object_type": "registry.party",
        "object_id": str(party.pk),
        "object": "Mongolie",
        "action": "changed",
        "source": "cli",
        "user": None,
    }
    assert second["changes"] == [
        {"field": "name", "label": "name", "old": "Mongolia", "new": "Mongolie"}
    ]
    assert third["action"] == "created"


def test_a_personal_token_of_the_secretariat_reads_the_trail(client, secretariat, changes):
    token = token_create(user=secretariat, name="audit script")
    response = client.get("/api/audit", headers={"authorization": f"Bearer {token.secret}"})
    assert response.status_code == 200
    assert response.json()["count"] >= 3


def test_filters_narrow_the_trail(client, secretariat, changes):
    party, _body = changes
    client.force_login(secretariat)
    by_object = client.get(f"/api/audit?object_type=registry.party&object_id={party.pk}").json()
    assert [i["action"] for i in by_object["items"]] == ["changed", "created"]
    by_source = client.get("/api/audit?source=cli&object_type=registry.party").json()
    assert by_source["count"] == 2
    assert client.get("/api/audit?since=2999-01-01").json()["items"] == []
    assert client.get("/api/audit?user=outsider-nobody").status_code == 422


def test_pages_follow_with_the_next_cursor(client, secretariat, changes):
    client.force_login(secretariat)
    first = client.get("/api/audit?limit=1&source=cli").json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get(f"/api/audit?limit=1&source=cli&after={first['next']}").json()
    assert len(second["items"]) == 1 and second["next"] is None
    assert [i["action"] for i in first["items"] + second["items"]] == ["changed", "created"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("object_type=registry.nothing", "object_type"),
        ("object_id=abc", "object_id"),
        ("user=nobody", "user"),
        ("since=last-week", "since"),
        ("source=fax", "source"),
        ("after=garbage", "after"),
        ("offset=10001", "offset"),
        ("limit=501", "limit"),
    ],
)
def test_a_bad_filter_gets_422_naming_it(client, secretariat, query, field):
    client.force_login(secretariat)
    response = client.get(f"/api/audit?{query}")
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [field]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_trail_cannot_be_written_through_the_api(client, secretariat, changes, method):
    client.force_login(secretariat)
    response = getattr(client, method)("/api/audit", content_type="application/json")
    assert response.status_code == 405

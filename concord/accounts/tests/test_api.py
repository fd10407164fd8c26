import datetime as dt

import pytest
from django.utils import timezone

from concord.accounts.models import Role, RoleKind
from concord.accounts.services import token_create
from concord.conftest import make_person
from concord.registry.tests.factories import BodyFactory


def test_me_needs_credentials(client):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_me_gives_the_username_and_roles_with_their_scopes(client_as, focal_point):
    body = client_as(focal_point).get("/api/me").json()
    assert body["username"] == "focal-point"
    assert [(r["kind"], r["party"]) for r in body["roles"]] == [("focal_point", "FRA")]


def test_me_leaves_out_ended_roles(client_as, focal_point):
    Role.objects.filter(user=focal_point).update(
        starts_on=timezone.localdate() - dt.timedelta(days=10),
        ends_on=timezone.localdate() - dt.timedelta(days=1),
    )
    assert client_as(focal_point).get("/api/me").json()["roles"] == []


def test_role_list_is_for_the_secretariat(client_as, secretariat, focal_point, partner):
    assert client_as(None).get("/api/roles").status_code == 401
    assert client_as(focal_point).get("/api/roles").status_code == 403
    body = client_as(secretariat).get("/api/roles").json()
    assert body["count"] == 3
    assert {r["user"] for r in body["items"]} == {"secretariat", "focal-point", "partner"}


def test_role_list_filters_by_user_kind_party_and_state(client_as, secretariat, focal_point):
    client = client_as(secretariat)
    other = make_person("old-hand")
    Role.objects.create(
        user=other,
        kind=RoleKind.FOCAL_POINT,
        party=focal_point.roles.get().party,
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2021, 1, 1),
    )
    assert client.get("/api/roles?user=focal-point").json()["count"] == 1
    assert client.get("/api/roles?kind=secretariat").json()["count"] == 1
    assert client.get("/api/roles?party=FRA").json()["count"] == 2
    inactive = client.get("/api/roles?party=FRA&active=false").json()
    assert [r["user"] for r in inactive["items"]] == ["old-hand"]
    assert client.get("/api/roles?kind=emperor").status_code == 422


def test_granting_a_role_through_the_api_is_audited_as_from_the_api(
    client_as, secretariat, party_b
):
    person = make_person("newcomer")
    response = client_as(secretariat).post(
        "/api/roles",
        {"user": "newcomer", "kind": "focal_point", "party": "UKR"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["party"] == "UKR"
    role = Role.objects.get(user=person)
    record = role.history.get()
    assert record.history_user == secretariat
    assert record.history_source == "api"
    assert record.history_type == "+"


def test_a_scope_that_does_not_fit_the_kind_is_refused_naming_the_field(client_as, secretariat):
    make_person("newcomer")
    BodyFactory(code="pc")
    response = client_as(secretariat).post(
        "/api/roles",
        {"user": "newcomer", "kind": "focal_point", "body": "pc"},
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {tuple(error["loc"]) for error in response.json()["detail"]}
    assert ("body", "payload", "party") in fields
    assert ("body", "payload", "body") in fields
    assert not Role.objects.filter(user__username="newcomer").exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"user": "nobody", "kind": "secretariat"},
        {"user": "newcomer", "kind": "focal_point", "party": "XXX"},
        {"user": "newcomer", "kind": "secretariat", "body": "no-such-body"},
    ],
)
def test_granting_to_an_unknown_person_party_or_body_gives_404(client_as, secretariat, payload):
    make_person("newcomer")
    response = client_as(secretariat).post("/api/roles", payload, content_type="application/json")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_only_the_secretariat_grants_roles(client_as, focal_point):
    response = client_as(focal_point).post(
        "/api/roles",
        {"user": "focal-point", "kind": "secretariat"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not focal_point.roles.filter(kind="secretariat").exists()


def test_ending_a_role_keeps_it_with_the_day_it_ended(client_as, secretariat, focal_point):
    role = focal_point.roles.get()
    response = client_as(secretariat).delete(f"/api/roles/{role.pk}")
    assert response.status_code == 200
    assert response.json()["ends_on"] == timezone.localdate().isoformat()
    role.refresh_from_db()
    assert role.ends_on == timezone.localdate()
    assert client_as(focal_point).get("/api/me").json()["roles"] == []
    again = client_as(secretariat).delete(f"/api/roles/{role.pk}")
    assert again.status_code == 422


def test_a_person_may_see_their_own_role_but_not_end_it(client_as, focal_point, partner):
    own = focal_point.roles.get()
    assert client_as(focal_point).delete(f"/api/roles/{own.pk}").status_code == 403
    others = partner.roles.get()
    assert client_as(focal_point).delete(f"/api/roles/{others.pk}").status_code == 404
    assert client_as(focal_point).delete("/api/roles/999999").status_code == 404


def test_session_writes_need_the_csrf_token(secretariat):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat, backend="concord.accounts.backends.PasswordBackend")
    response = client.post(
        "/api/roles",
        {"user": "secretariat", "kind": "secretariat"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_token_writes_without_csrf_and_is_audited_as_the_person(secretariat, party_a):
    from django.test import Client

    make_person("newcomer")
    secret = token_create(user=secretariat, name="script").secret
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.post(
        "/api/roles",
        {"user": "newcomer", "kind": "reviewer", "party": "FRA"},
        content_type="application/json",
    )
    assert response.status_code == 201
    record = Role.objects.get(user__username="newcomer").history.get()
    assert record.history_user == secretariat
    assert record.history_source == "api"


def test_role_list_queries_do_not_grow_with_the_rows(client_as, secretariat, party_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(secretariat)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/roles?limit=500").status_code == 200
        return len(queries)

    for n in range(5):
        Role.objects.create(user=make_person(f"a{n}"), kind=RoleKind.REVIEWER, party=party_a)
    few = count()
    for n in range(30):
        Role.objects.create(user=make_person(f"b{n}"), kind=RoleKind.REVIEWER, party=party_a)
    assert count() == few

"""The secretariat's people pages, and deactivating and reactivating a person."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from concord.accounts.models import ApiToken, PersonStatus, Role
from concord.accounts.services import (
    person_activate,
    person_deactivate,
    token_create,
)
from concord.audit.selectors import audit_entries, audit_filters
from concord.conftest import make_person


def bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def signs_in(username: str) -> bool:
    client = Client()
    client.post("/accounts/login", {"username": username, "password": "pw"})
    return "_auth_user_id" in client.session


def test_the_secretariat_lists_people_with_their_roles_in_force(
    client_as, secretariat, focal_point, reviewer, django_assert_max_num_queries
):
    make_person("nobody-in-particular")
    client = client_as(secretariat)
    with django_assert_max_num_queries(12):
        page = client.get("/accounts/people")
    assert page.status_code == 200
    people = {p.username: p for p in page.context["page"]}
    assert set(people) == {"secretariat", "focal-point", "reviewer", "nobody-in-particular"}
    assert [r.party.code for r in people["focal-point"].roles_in_force] == ["FRA"]
    assert "National focal point (France)" in page.content.decode()


def test_the_people_list_searches_and_filters(client_as, secretariat, focal_point, reviewer):
    client = client_as(secretariat)
    found = client.get("/accounts/people?q=FOCAL")
    assert [p.username for p in found.context["page"]] == ["focal-point"]
    by_role = client.get("/accounts/people?kind=reviewer")
    assert [p.username for p in by_role.context["page"]] == ["reviewer"]
    person_deactivate(by=secretariat, person=reviewer)
    gone = client.get("/accounts/people?state=deactivated")
    assert [p.username for p in gone.context["page"]] == ["reviewer"]
    assert gone.context["page"].paginator.count == 1
    nonsense = client.get("/accounts/people?kind=emperor&state=maybe")
    assert nonsense.context["page"].paginator.count == 3


def test_a_person_page_shows_their_roles_and_the_button(client_as, secretariat, focal_point):
    page = client_as(secretariat).get("/accounts/people/focal-point")
    assert page.status_code == 200
    text = page.content.decode()
    assert "National focal point" in text and "France" in text
    assert 'action="/accounts/people/focal-point/deactivate"' in text
    assert "csrfmiddlewaretoken" in text


def test_an_unknown_person_gives_404(client_as, secretariat):
    assert client_as(secretariat).get("/accounts/people/nobody").status_code == 404


def test_the_secretariat_deactivates_a_person_on_the_page(client_as, secretariat, focal_point):
    new = token_create(user=focal_point, name="laptop")
    person_client = client_as(focal_point)
    assert person_client.get("/accounts/me").status_code == 200
    response = client_as(secretariat).post(
        "/accounts/people/focal-point/deactivate", {"reason": "left the ministry"}
    )
    assert response["Location"] == "/accounts/people/focal-point"
    focal_point.refresh_from_db()
    assert not focal_point.is_active
    assert ApiToken.objects.get().revoked_at is not None
    assert bearer(new.secret).get("/api/me").status_code == 401
    # Their open session stops working; their roles are kept.
    assert person_client.get("/accounts/me")["Location"].startswith("/accounts/login")
    assert Role.objects.active().filter(user=focal_point).count() == 1
    assert not signs_in("focal-point")


def test_a_deactivation_is_in_the_audit_trail_with_who_why_and_from_where(
    client_as, secretariat, focal_point
):
    token_create(user=focal_point, name="laptop")
    client_as(secretariat).post(
        "/accounts/people/focal-point/deactivate", {"reason": "left the ministry"}
    )
    status = PersonStatus.objects.get(user=focal_point)
    entries = audit_entries(filters=audit_filters(user="secretariat")).entries
    assert {(e.object_type, e.action, e.source) for e in entries} == {
        ("accounts.personstatus", "created", "page"),
        ("accounts.apitoken", "changed", "page"),
    }
    record = status.history.get()
    assert (record.active, record.reason, record.history_user) == (
        False,
        "left the ministry",
        secretariat,
    )
    page = client_as(secretariat).get(f"/audit/accounts.personstatus/{status.pk}")
    assert "left the ministry" in page.content.decode()


def test_the_secretariat_reactivates_a_person_whose_tokens_stay_revoked(
    client_as, secretariat, focal_point
):
    new = token_create(user=focal_point, name="laptop")
    person_deactivate(by=secretariat, person=focal_point)
    page = client_as(secretariat).get("/accounts/people/focal-point")
    assert 'action="/accounts/people/focal-point/activate"' in page.content.decode()
    response = client_as(secretariat).post("/accounts/people/focal-point/activate")
    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.is_active
    assert signs_in("focal-point")
    assert bearer(new.secret).get("/api/me").status_code == 401
    assert [r.active for r in PersonStatus.history.order_by("history_date")] == [False, True]


def test_deactivating_twice_says_so_and_changes_nothing(client_as, secretariat, focal_point):
    person_deactivate(by=secretariat, person=focal_point)
    response = client_as(secretariat).post("/accounts/people/focal-point/deactivate")
    assert response.status_code == 422
    assert "already deactivated" in response.content.decode()
    assert PersonStatus.history.count() == 1


def test_nobody_deactivates_themselves(client_as, secretariat):
    response = client_as(secretariat).post("/accounts/people/secretariat/deactivate")
    assert response.status_code == 422
    secretariat.refresh_from_db()
    assert secretariat.is_active
    assert not PersonStatus.objects.exists()


def test_a_reason_too_long_is_refused_on_its_field(client_as, secretariat, focal_point):
    response = client_as(secretariat).post(
        "/accounts/people/focal-point/deactivate", {"reason": "x" * 300}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["reason"]
    focal_point.refresh_from_db()
    assert focal_point.is_active


def test_deactivation_needs_a_post(client_as, secretariat, focal_point):
    assert client_as(secretariat).get("/accounts/people/focal-point/deactivate").status_code == 405
    focal_point.refresh_from_db()
    assert focal_point.is_active


def test_the_deactivation_form_needs_the_csrf_token(secretariat, focal_point):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat, backend="concord.accounts.backends.PasswordBackend")
    assert client.post("/accounts/people/focal-point/deactivate").status_code == 403
    focal_point.refresh_from_db()
    assert focal_point.is_active


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "partner", "body_secretariat"])
def test_only_a_secretariat_of_everything_deactivates_people(
    persona, request, client_as, other_focal_point
):
    person = request.getfixturevalue(persona)
    response = client_as(person).post("/accounts/people/other-focal-point/deactivate")
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        person_deactivate(by=person, person=other_focal_point)
    other_focal_point.refresh_from_db()
    assert other_focal_point.is_active


def test_a_secretariat_of_one_body_sees_people_but_has_no_button(
    client_as, body_secretariat, focal_point
):
    page = client_as(body_secretariat).get("/accounts/people/focal-point")
    assert page.status_code == 200
    assert "/deactivate" not in page.content.decode()


def test_people_pages_are_for_the_secretariat_only(client, client_as, focal_point):
    assert client.get("/accounts/people")["Location"].startswith("/accounts/login")
    assert client_as(focal_point).get("/accounts/people").status_code == 403
    assert client_as(focal_point).get("/accounts/people/focal-point").status_code == 403


def test_the_operator_deactivates_from_the_command_line_as_nobody(focal_point):
    status = person_deactivate(by=None, person=focal_point, reason="offboarding")
    assert status.history.get().history_user is None
    with pytest.raises(ValidationError):
        person_activate(by=None, person=make_person("fresh"))


def test_the_header_links_to_people_for_the_secretariat_only(client_as, secretariat, focal_point):
    assert 'href="/accounts/people"' in client_as(secretariat).get("/").content.decode()
    assert 'href="/accounts/people"' not in client_as(focal_point).get("/").content.decode()

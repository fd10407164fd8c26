from django.utils import timezone

from concord.accounts.models import Role
from concord.conftest import make_person


def test_the_secretariat_lists_and_filters_roles(client_as, secretariat, focal_point, reviewer):
    client = client_as(secretariat)
    page = client.get("/accounts/roles")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 3
    filtered = client.get("/accounts/roles?kind=reviewer")
    assert [r.user.username for r in filtered.context["page"]] == ["reviewer"]


def test_a_role_granted_on_the_page_is_audited_as_from_a_page(client_as, secretariat, party_b):
    make_person("newcomer")
    response = client_as(secretariat).post(
        "/accounts/roles/grant", {"user": "newcomer", "kind": "focal_point", "party": "UKR"}
    )
    assert response["Location"] == "/accounts/roles"
    record = Role.objects.get(user__username="newcomer").history.get()
    assert record.history_user == secretariat
    assert record.history_source == "page"


def test_a_grant_with_the_wrong_scope_shows_the_field_error(client_as, secretariat):
    make_person("newcomer")
    response = client_as(secretariat).post(
        "/accounts/roles/grant", {"user": "newcomer", "kind": "focal_point"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["party"]
    assert not Role.objects.filter(user__username="newcomer").exists()


def test_ending_a_role_on_the_page_keeps_it(client_as, secretariat, focal_point):
    role = focal_point.roles.get()
    client = client_as(secretariat)
    assert client.get(f"/accounts/roles/{role.pk}/end").status_code == 200
    client.post(f"/accounts/roles/{role.pk}/end")
    role.refresh_from_db()
    assert role.ends_on == timezone.localdate()
    assert role.history.first().history_type == "~"


def test_focal_points_cannot_reach_the_role_pages(client_as, focal_point):
    client = client_as(focal_point)
    assert client.get("/accounts/roles").status_code == 403
    assert (
        client.post(
            "/accounts/roles/grant", {"user": "focal-point", "kind": "secretariat"}
        ).status_code
        == 403
    )
    assert not focal_point.roles.filter(kind="secretariat").exists()


def test_a_role_granted_on_the_command_line_is_audited_as_from_the_cli(secretariat, party_a):
    from io import StringIO

    from django.core.management import call_command

    from concord.audit.context import changes_from

    make_person("newcomer")
    with changes_from("cli"):
        call_command("role", "grant", "newcomer", "reviewer", "--party", "FRA", stdout=StringIO())
    record = Role.objects.get(user__username="newcomer").history.get()
    assert record.history_source == "cli"
    assert record.history_user is None

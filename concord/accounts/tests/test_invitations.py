import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concord.accounts.models import Invitation, Role
from concord.accounts.services import invitation_create


def test_the_secretariat_invites_from_the_page_and_an_email_goes_out(
    client_as, secretariat, party_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(secretariat).post(
            "/accounts/invitations",
            {"email": "new@example.org", "kind": "focal_point", "party": "FRA"},
        )
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.invited_by == secretariat
    assert invitation.expires_at.date() == (timezone.now() + dt.timedelta(days=7)).date()
    assert mail.outbox[0].to == ["new@example.org"]
    assert "/accounts/invitations/" in mail.outbox[0].body


def test_an_invitation_whose_scope_does_not_fit_is_refused(client_as, secretariat):
    response = client_as(secretariat).post(
        "/accounts/invitations", {"email": "new@example.org", "kind": "focal_point"}
    )
    assert response.status_code == 422
    assert "needs a party" in response.content.decode()
    assert not Invitation.objects.exists()


def test_only_the_secretariat_invites(focal_point):
    with pytest.raises(PermissionDenied):
        invitation_create(invited_by=focal_point, email="x@example.org", kind="secretariat")


def test_accepting_creates_the_account_with_the_role_and_the_link_then_stops_working(
    client, secretariat, party_a
):
    new = invitation_create(
        invited_by=secretariat, email="new@example.org", kind="focal_point", party=party_a
    )
    url = f"/accounts/invitations/{new.secret}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "username": "newcomer",
            "password": "a long passphrase",
            "password_again": "a long passphrase",
        },
    )
    assert response["Location"] == "/accounts/me"
    role = Role.objects.get(user__username="newcomer")
    assert (role.kind, role.party, role.granted_by) == ("focal_point", party_a, secretariat)
    assert role.history.get().history_user == secretariat
    assert client.get("/api/me").json()["username"] == "newcomer"
    again = client.get(url)
    assert again.status_code == 410
    assert "already used" in again.content.decode()


def test_an_expired_invitation_gives_a_clear_page(client, secretariat):
    new = invitation_create(invited_by=secretariat, email="new@example.org", kind="secretariat")
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(f"/accounts/invitations/{new.secret}")
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    response = client.post(
        f"/accounts/invitations/{new.secret}",
        {
            "username": "late",
            "password": "a long passphrase",
            "password_again": "a long passphrase",
        },
    )
    assert response.status_code == 410
    assert not Role.objects.filter(user__username="late").exists()


def test_an_unknown_invitation_link_gives_404(client, db):
    response = client.get("/accounts/invitations/not-a-real-secret")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_a_weak_password_or_a_taken_username_is_refused_with_the_field(client, secretariat):
    new = invitation_create(invited_by=secretariat, email="new@example.org", kind="secretariat")
    url = f"/accounts/invitations/{new.secret}"
    response = client.post(url, {"username": "x", "password": "123", "password_again": "123"})
    assert response.status_code == 422
    assert response.context["form"].errors["password"]
    response = client.post(
        url,
        {
            "username": "secretariat",
            "password": "a long passphrase",
            "password_again": "a long passphrase",
        },
    )
    assert response.context["form"].errors["username"]
    assert Invitation.objects.get().accepted_at is None


def test_invitation_days_are_limited(secretariat):
    with pytest.raises(ValidationError):
        invitation_create(
            invited_by=secretariat, email="x@example.org", kind="secretariat", days=90
        )

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.models import ApiToken
from concord.accounts.services import token_create, token_revoke
from concord.audit.context import changes_from


def bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_is_stored_only_as_a_hash(focal_point):
    new = token_create(user=focal_point, name="laptop")
    token = ApiToken.objects.get()
    assert new.secret.startswith(f"concord_{token.prefix}_")
    assert new.secret.split("_", 2)[2] not in token.secret_hash
    assert len(token.secret_hash) == 64


def test_a_valid_token_signs_the_person_in_and_notes_its_use(focal_point):
    new = token_create(user=focal_point, name="laptop")
    assert bearer(new.secret).get("/api/me").json()["username"] == "focal-point"
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda s: s + "x",
        lambda s: s[:-1],
        lambda s: s.replace("concord_", "other_"),
        lambda s: "garbage",
        lambda s: "",
    ],
)
def test_a_wrong_token_gives_401(focal_point, mangle):
    new = token_create(user=focal_point, name="laptop")
    assert bearer(mangle(new.secret)).get("/api/me").status_code == 401


def test_an_expired_token_gives_401(focal_point):
    new = token_create(user=focal_point, name="laptop", days=1)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert bearer(new.secret).get("/api/me").status_code == 401


def test_a_revoked_token_gives_401(focal_point):
    new = token_create(user=focal_point, name="laptop")
    token_revoke(revoked_by=focal_point, token=new.token)
    assert bearer(new.secret).get("/api/me").status_code == 401
    with pytest.raises(ValidationError):
        token_revoke(revoked_by=focal_point, token=new.token)


def test_a_deactivated_persons_token_gives_401(focal_point):
    new = token_create(user=focal_point, name="laptop")
    focal_point.is_active = False
    focal_point.save()
    assert bearer(new.secret).get("/api/me").status_code == 401


@pytest.mark.parametrize("days", [0, 366, -5])
def test_a_token_lives_one_day_to_a_year(focal_point, days):
    with pytest.raises(ValidationError) as error:
        token_create(user=focal_point, name="laptop", days=days)
    assert "days" in error.value.message_dict


def test_nobody_creates_or_revokes_a_token_for_someone_else(focal_point, other_focal_point):
    with pytest.raises(PermissionDenied):
        token_create(user=focal_point, name="x", created_by=other_focal_point)
    new = token_create(user=focal_point, name="laptop")
    with pytest.raises(PermissionDenied):
        token_revoke(revoked_by=other_focal_point, token=new.token)


def test_the_secretariat_may_revoke_anyones_token(focal_point, secretariat):
    new = token_create(user=focal_point, name="laptop")
    token_revoke(revoked_by=secretariat, token=new.token)
    assert ApiToken.objects.get().revoked_at is not None


def test_token_create_on_the_command_line_prints_it_once_and_is_audited_as_cli(focal_point):
    out, err = StringIO(), StringIO()
    with changes_from("cli"):
        call_command(
            "token",
            "create",
            "focal-point",
            "--name",
            "cron",
            "--days",
            "30",
            stdout=out,
            stderr=err,
        )
    secret = out.getvalue().strip()
    assert bearer(secret).get("/api/me").status_code == 200
    token = ApiToken.objects.get()
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()
    record = token.history.get()
    assert record.history_source == "cli"
    listing = StringIO()
    call_command("token", "list", "focal-point", stdout=listing)
    assert "cron" in listing.getvalue() and secret not in listing.getvalue()
    call_command("token", "revoke", str(token.pk), stdout=StringIO())
    assert bearer(secret).get("/api/me").status_code == 401


def test_token_create_for_an_unknown_person_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No person with username ghost"):
        call_command("token", "create", "ghost", stdout=StringIO(), stderr=StringIO())


def test_the_page_shows_a_new_token_once_and_revokes_it(client_as, focal_point):
    client = client_as(focal_point)
    response = client.post("/accounts/me/tokens", {"name": "laptop", "days": 30})
    assert response.status_code == 200
    secret = response.context["new_token"].secret
    assert secret in response.content.decode()
    page = client.get("/accounts/me").content.decode()
    assert "laptop" in page and secret not in page
    token = ApiToken.objects.get()
    client.post(f"/accounts/me/tokens/{token.pk}/revoke")
    assert bearer(secret).get("/api/me").status_code == 401


def test_nobody_revokes_someone_elses_token_from_the_page(
    client_as, focal_point, other_focal_point
):
    new = token_create(user=focal_point, name="laptop")
    response = client_as(other_focal_point).post(f"/accounts/me/tokens/{new.token.pk}/revoke")
    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_a_token_over_a_year_is_refused_on_the_page(client_as, focal_point):
    response = client_as(focal_point).post("/accounts/me/tokens", {"name": "x", "days": 400})
    assert response.status_code == 422
    assert not ApiToken.objects.exists()


def test_the_command_line_refuses_a_token_for_a_person_whose_roles_require_2fa(
    settings, focal_point
):
    settings.CONCORD_2FA_REQUIRED_ROLES = ["focal_point"]
    with pytest.raises(CommandError, match="two-factor") as refused:
        call_command("token", "create", "focal-point", stdout=StringIO(), stderr=StringIO())
    assert "/accounts/me" in str(refused.value)
    assert not ApiToken.objects.exists()


def test_a_token_for_a_person_whose_roles_require_2fa_needs_a_verified_session(
    settings, focal_point
):
    settings.CONCORD_2FA_REQUIRED_ROLES = ["focal_point"]
    with pytest.raises(ValidationError) as refused:
        token_create(user=focal_point, name="laptop", created_by=focal_point)
    assert "user" in refused.value.message_dict
    new = token_create(
        user=focal_point, name="laptop", created_by=focal_point, second_factor_verified=True
    )
    assert bearer(new.secret).get("/api/me").status_code == 200


def test_a_person_whose_roles_require_2fa_creates_a_token_once_signed_in_with_the_code(
    client, settings, focal_point
):
    from concord.accounts.tests.test_signin import code_of

    settings.CONCORD_2FA_REQUIRED_ROLES = ["focal_point"]
    device = TOTPDevice.objects.create(user=focal_point, name="default", confirmed=True)
    # A session opened with the password alone (before the role came to require a code).
    client.force_login(focal_point, backend="concord.accounts.backends.PasswordBackend")
    refused = client.post("/accounts/me/tokens", {"name": "laptop", "days": 30})
    assert refused["Location"].startswith("/accounts/login/code")
    assert not ApiToken.objects.exists()
    client.post("/accounts/login/code", {"code": code_of(device)})
    page = client.post("/accounts/me/tokens", {"name": "laptop", "days": 30})
    assert page.status_code == 200
    assert bearer(page.context["new_token"].secret).get("/api/me").status_code == 200

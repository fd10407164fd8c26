import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.models import Role, RoleKind
from concord.conftest import make_person
from concord.registry.tests.factories import BodyFactory


def code_of(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(
        device.digits
    )


def sign_in(client: Client, username: str, password: str = "pw", **extra):
    return client.post("/accounts/login", {"username": username, "password": password, **extra})


def test_the_login_page_shows_a_form(client):
    response = client.get("/accounts/login")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_a_right_password_signs_in_and_a_wrong_one_does_not(client, focal_point):
    response = sign_in(client, "focal-point", "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = sign_in(client, "focal-point")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me"


def test_repeated_failures_lock_the_account_out_with_a_clear_page(client, focal_point, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert sign_in(client, "focal-point", "wrong").status_code == 200
    response = sign_in(client, "focal-point", "wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    # Even the right password is refused while locked.
    response = sign_in(client, "focal-point")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account_and_address(client, focal_point, other_focal_point, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "focal-point", "wrong")
    assert sign_in(client, "other-focal-point").status_code == 302


def test_signing_out_ends_the_session(client_as, focal_point):
    client = client_as(focal_point)
    response = client.post("/accounts/logout")
    assert response.status_code == 200
    assert client.get("/accounts/me").status_code == 302


def test_with_an_authenticator_the_login_asks_for_the_code(client, focal_point):
    device = TOTPDevice.objects.create(user=focal_point, name="default", confirmed=True)
    response = sign_in(client, "focal-point")
    assert response["Location"] == "/accounts/login/code"
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/accounts/login/code", {"code": "000000" if code_of(device) != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert "not the one your app shows" in response.content.decode()
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttle_reset()  # a failure makes the device wait a moment before the next try
    response = client.post("/accounts/login/code", {"code": code_of(device)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me"
    assert client.get("/api/me").json()["username"] == "focal-point"


def test_the_code_page_without_a_password_first_sends_to_sign_in(client):
    assert client.get("/accounts/login/code")["Location"] == "/accounts/login"


@pytest.fixture
def officer(db):
    person = make_person("officer")
    Role.objects.create(
        user=person, kind=RoleKind.COOPERATION_OFFICER, body=BodyFactory(code="icc")
    )
    return person


def test_a_role_that_requires_2fa_sends_its_holder_to_set_it_up(client, officer):
    response = sign_in(client, "officer")
    assert response.status_code == 302
    for path in ("/accounts/me", "/", "/instruments", "/audit/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/me/two-factor"
    assert client.get("/accounts/me/two-factor").status_code == 200
    assert client.get("/accounts/privacy").status_code == 200
    assert client.get("/api/me").status_code == 401


def test_setting_up_2fa_with_the_qr_code_then_unlocks_the_pages(client, officer):
    sign_in(client, "officer")
    page = client.get("/accounts/me/two-factor")
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    wrong = client.post("/accounts/me/two-factor", {"code": "12345x"})
    assert wrong.status_code == 422
    response = client.post("/accounts/me/two-factor", {"code": code_of(device)})
    assert response["Location"] == "/accounts/me"
    assert client.get("/accounts/me").status_code == 200
    assert client.get("/api/me").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_required_role_cannot_turn_2fa_off(client, officer):
    TOTPDevice.objects.create(user=officer, name="default", confirmed=True)
    client.force_login(officer, backend="concord.accounts.backends.PasswordBackend")
    # Signed in without the code (e.g. a session from before the role): asked for it.
    assert client.get("/accounts/me")["Location"].startswith("/accounts/login/code")
    client.post("/accounts/me/two-factor/remove")
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_the_admin_requires_a_verified_session_for_a_role_that_requires_2fa(
    client, secretariat, settings
):
    settings.CONCORD_2FA_REQUIRED_ROLES = ["secretariat"]
    device = TOTPDevice.objects.create(user=secretariat, name="default", confirmed=True)
    client.force_login(secretariat, backend="concord.accounts.backends.PasswordBackend")
    assert client.get("/admin/")["Location"].startswith("/accounts/login/code")
    client.post("/accounts/login/code", {"code": code_of(device)})
    assert client.get("/admin/").status_code == 200


def test_the_admin_follows_the_rules_not_the_staff_flag(client_as, secretariat, focal_point):
    focal_point.is_staff = True
    focal_point.save()
    client = client_as(focal_point)
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/?next=/admin/")["Location"].startswith("/accounts/login")
    assert client_as(secretariat).get("/admin/").status_code == 200
    assert client_as(secretariat).get("/admin/registry/instrument/").status_code == 200


def test_a_password_reset_sends_a_link_that_sets_a_new_password(client, focal_point):
    response = client.post("/accounts/password-reset", {"email": "focal-point@example.org"})
    assert response["Location"] == "/accounts/password-reset/sent"
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 302
    response = client.post(
        response["Location"],
        {"new_password1": "a long new passphrase", "new_password2": "a long new passphrase"},
    )
    assert response["Location"] == "/accounts/password-reset/done"
    focal_point.refresh_from_db()
    assert focal_point.check_password("a long new passphrase")


def test_the_2fa_settings_check_refuses_an_unknown_role(settings):
    from concord.accounts.checks import check_second_factor_roles

    settings.CONCORD_2FA_REQUIRED_ROLES = ["emperor"]
    errors = check_second_factor_roles(None)
    assert errors and "emperor" in errors[0].msg
    settings.CONCORD_2FA_REQUIRED_ROLES = ["central_authority"]
    assert check_second_factor_roles(None) == []

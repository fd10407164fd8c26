import json

from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.services import token_create


def test_me_needs_a_signed_in_person(client):
    response = client.get("/accounts/me")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login?next=")


def test_me_shows_the_roles_tokens_and_2fa(client_as, focal_point):
    token_create(user=focal_point, name="laptop")
    page = client_as(focal_point).get("/accounts/me").content.decode()
    assert "National focal point" in page and "France" in page
    assert "laptop" in page
    assert "Set up two-factor authentication" in page


def test_the_download_holds_everything_about_the_person_and_nobody_else(
    client_as, focal_point, other_focal_point
):
    token_create(user=focal_point, name="laptop")
    TOTPDevice.objects.create(user=focal_point, name="default", confirmed=False)
    response = client_as(focal_point).get("/accounts/me/data.json")
    assert response["Content-Disposition"] == 'attachment; filename="concord-focal-point.json"'
    data = json.loads(response.content)
    assert data["account"]["username"] == "focal-point"
    assert data["roles"][0]["party"] == "FRA"
    assert data["api_tokens"][0]["name"] == "laptop"
    assert "secret_hash" not in response.content.decode()
    assert "other-focal-point" not in response.content.decode()


def test_the_privacy_page_is_public(client):
    page = client.get("/accounts/privacy")
    assert page.status_code == 200
    assert "What is kept" in page.content.decode()


def test_the_header_offers_sign_in_or_the_account(client, client_as, focal_point):
    assert 'href="/accounts/login"' in client.get("/").content.decode()
    assert 'href="/accounts/me"' in client_as(focal_point).get("/").content.decode()

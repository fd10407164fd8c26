import json

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.services import (
    person_activate,
    person_deactivate,
    role_end,
    role_grant,
    token_create,
)


def download(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return b"".join(response.streaming_content).decode()


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
    text = download(response)
    data = json.loads(text)
    assert data["account"]["username"] == "focal-point"
    assert data["roles"][0]["party"] == "FRA"
    assert data["api_tokens"][0]["name"] == "laptop"
    assert "secret_hash" not in text
    assert "other-focal-point" not in text


def test_the_download_holds_every_change_the_person_made_with_its_values(
    client_as, secretariat, focal_point, party_b
):
    from concord.audit.context import changes_from

    with changes_from("page"):
        role = role_grant(granted_by=secretariat, user=focal_point, kind="reviewer", party=party_b)
        role_end(ended_by=secretariat, role=role)
        token_create(user=secretariat, name="script")
    data = json.loads(download(client_as(secretariat).get("/accounts/me/data.json")))
    changes = data["changes_made"]
    assert [(c["object_type"], c["action"]) for c in changes] == [
        ("accounts.apitoken", "created"),
        ("accounts.role", "changed"),
        ("accounts.role", "created"),
    ]
    token_change = {c["field"]: c["new"] for c in changes[0]["changes"]}
    assert token_change["name"] == "script"
    assert "secret_hash" not in token_change
    ended = changes[1]["changes"]
    assert [(c["field"], c["old"], c["new"]) for c in ended] == [
        ("ends_on", None, timezone.localdate().isoformat())
    ]
    assert changes[2]["source"] == "page"
    assert {"field": "kind", "old": None, "new": "reviewer"} in changes[2]["changes"]


def test_the_download_holds_the_history_of_the_person_s_roles_and_account(
    client_as, secretariat, focal_point, party_b
):
    role = role_grant(granted_by=secretariat, user=focal_point, kind="reviewer", party=party_b)
    role_end(ended_by=secretariat, role=role)
    person_deactivate(by=secretariat, person=focal_point, reason="left the ministry")
    person_activate(by=secretariat, person=focal_point)
    data = json.loads(download(client_as(focal_point).get("/accounts/me/data.json")))
    history = [(r["kind"], r["party"], r["action"], r["by"]) for r in data["roles_history"]]
    assert history == [
        ("focal_point", "FRA", "created", None),
        ("reviewer", "UKR", "created", "secretariat"),
        ("reviewer", "UKR", "changed", "secretariat"),
    ]
    assert data["roles_history"][-1]["ends_on"] == timezone.localdate().isoformat()
    assert [(s["active"], s["reason"], s["by"]) for s in data["status_history"]] == [
        (False, "left the ministry", "secretariat"),
        (True, "", "secretariat"),
    ]
    assert data["changes_made"] == []


def test_the_privacy_page_is_public(client):
    page = client.get("/accounts/privacy")
    assert page.status_code == 200
    assert "What is kept" in page.content.decode()


def test_the_header_offers_sign_in_or_the_account(client, client_as, focal_point):
    assert 'href="/accounts/login"' in client.get("/").content.decode()
    assert 'href="/accounts/me"' in client_as(focal_point).get("/").content.decode()

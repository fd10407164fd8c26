"""Nobody outside a request's circle learns that it exists: the cooperation permission matrix.

For each classification, a request of the Court's Registry to party A is answered with an asset
and a file. Every cooperation page and operation, asked by every outsider (the other personas,
another tribunal's officer, another party's authority, an officer whose second factor was not
given), answers exactly as for an id that does not exist; lists and counts hold nothing; search,
the audit trail, the admin, the open-data downloads and the public statistics say nothing of it.
"""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from concord.accounts.models import RoleKind
from concord.conftest import make_person, make_persona
from concord.cooperation import answering
from concord.cooperation.models import Asset, Attachment, Classification, Reading, Reply
from concord.cooperation.tests.conftest import MISSING, make_request
from concord.portal.opendata import TABLES

pytestmark = pytest.mark.django_db


MARK = "Quixotic"  # in every confidential text, so that a leak of any of it is seen
CLASSIFICATIONS = [c.value for c in Classification]
OUTSIDERS = [
    "anonymous",
    "secretariat",
    "body_secretariat",
    "focal_point",
    "reviewer",
    "partner",
    "tribunal_officer",
    "authority_b",
    "unverified_officer",
]


@pytest.fixture
def circle(officer, authority_a, registry_body, party_a, person_concerned):
    """One request per classification, answered, and a draft; return their ids by name."""
    ids = {}
    for classification in CLASSIFICATIONS:
        sealed = classification == Classification.SEALED
        request = make_request(
            officer,
            registry_body,
            party_a,
            person=person_concerned,
            classification=classification,
            unseal_on=dt.date(2099, 1, 1) if sealed else None,
            asked=f"{MARK} accounts to identify.",
        )
        reply = answering.reply_create(
            user=authority_a,
            request=request,
            text=f"{MARK} account found.",
            assets=[
                answering.AssetReport(
                    kind="bank_account",
                    description=f"{MARK} account",
                    holder_name=f"{MARK} Holdings Ltd",
                    holder_kind="company",
                )
            ],
            files=[SimpleUploadedFile("extract.txt", f"{MARK} extract".encode())],
        )
        ids[classification] = {
            "request": request.pk,
            "reply": reply.pk,
            "asset": Asset.objects.get(reply=reply).pk,
            "attachment": Attachment.objects.get(reply=reply).pk,
            "person": person_concerned.pk,
        }
    draft = make_request(officer, registry_body, party_a, send=False, asked=f"{MARK} draft")
    ids["draft"] = {**ids["public"], "request": draft.pk}
    return ids


def _client(name: str, request, verified) -> Client:
    if name == "anonymous":
        return Client()
    if name == "unverified_officer":
        client = Client()
        client.force_login(
            request.getfixturevalue("officer"),
            backend="concord.accounts.backends.PasswordBackend",
        )
        return client
    if name in ("tribunal_officer", "authority_b"):
        return verified(request.getfixturevalue(name))
    return verified(make_persona(name))


def _reads(ids: dict[str, int]) -> list[str]:
    return [
        f"/api/cooperation/requests/{ids['request']}",
        f"/api/cooperation/requests/{ids['request']}/replies",
        f"/api/cooperation/requests/{ids['request']}/readings",
        f"/api/cooperation/attachments/{ids['attachment']}",
        f"/api/cooperation/persons/{ids['person']}/assets",
        f"/cooperation/requests/{ids['request']}",
        f"/cooperation/attachments/{ids['attachment']}",
        f"/cooperation/persons/{ids['person']}",
    ]


def _writes(ids: dict[str, int]) -> list[tuple[str, str, dict]]:
    return [
        ("PATCH", f"/api/cooperation/requests/{ids['request']}", {"status": "acknowledged"}),
        ("POST", f"/api/cooperation/requests/{ids['request']}/replies", {"text": "x"}),
        (
            "POST",
            f"/api/cooperation/requests/{ids['request']}/steps",
            {"kind": "referred", "taken_on": "2026-01-01"},
        ),
        ("PATCH", f"/api/cooperation/assets/{ids['asset']}", {"status": "frozen"}),
        (
            "POST",
            f"/api/cooperation/persons/{ids['person']}/matches",
            {"first": ids["asset"], "second": ids["asset"], "verdict": "rejected"},
        ),
    ]


def _missing(ids: dict[str, int]) -> dict[str, int]:
    return dict.fromkeys(ids, MISSING)


def _answer(response) -> tuple[int, bytes]:
    location = response.get("Location", "")
    body = b"" if response.status_code in (301, 302) else response.content
    return response.status_code, body.replace(str(MISSING).encode(), b"ID") + location.encode()


def _same_as_missing(client: Client, real: str, missing: str, method="GET", body=None) -> bool:
    call = getattr(client, method.lower())
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body else {}
    got, expected = call(real, **kwargs), call(missing, **kwargs)
    return _answer(got)[0] == _answer(expected)[0] and MARK.encode() not in got.content


@pytest.mark.parametrize("outsider", OUTSIDERS)
@pytest.mark.parametrize("classification", [*CLASSIFICATIONS, "draft"])
def test_an_outsider_learns_nothing_of_a_request(
    outsider, classification, circle, request, verified
):
    ids = circle[classification]
    client = _client(outsider, request, verified)
    leaks = []
    reads = zip(_reads(ids), _reads(_missing(ids)), strict=True)
    for real, missing in reads:
        got = client.get(real)
        if _answer(got)[0] not in (401, 302, 404) or not _same_as_missing(client, real, missing):
            leaks.append(f"GET {real}: {got.status_code}")
    for (method, real, body), (_m, missing, _b) in zip(
        _writes(ids), _writes(_missing(ids)), strict=True
    ):
        if not _same_as_missing(client, real, missing, method, body):
            leaks.append(f"{method} {real}")
    for listing in ("/api/cooperation/requests", "/api/cooperation/persons"):
        response = client.get(listing)
        if response.status_code == 200 and response.json()["count"] != 0:
            leaks.append(f"{listing} counts {response.json()['count']}")
    page = client.get("/cooperation/")
    if MARK.encode() in page.content or b"ICC-REGISTRY" in page.content:
        leaks.append("/cooperation/ lists it")
    assert not leaks, leaks
    assert not Reading.objects.exclude(reader__username__in=["officer", "authority-a"]).exists()


def test_search_the_audit_trail_the_admin_and_the_downloads_say_nothing(circle, verified):
    secretariat = verified(make_persona("secretariat"))
    found = secretariat.get(f"/api/search?q={MARK}").json()["groups"]
    assert all(group["count"] == 0 for group in found.values())
    for url in (f"/search?q={MARK}", "/api/audit", "/audit/"):
        response = secretariat.get(url)
        assert response.status_code == 200, url
        for secret in (b"Holdings", b"account found", b"ICC-REGISTRY", b"cooperationrequest"):
            assert secret not in response.content, (url, secret)
    assert secretariat.get("/admin/cooperation/").status_code == 404
    for table in TABLES:
        response = secretariat.get(f"/data/{table}.csv")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARK.encode() not in content, table


def test_the_circle_sees_what_it_should(circle, officer, authority_a, verified):
    officer_sees = verified(officer).get("/api/cooperation/requests").json()["count"]
    authority_sees = verified(authority_a).get("/api/cooperation/requests").json()["count"]
    assert (officer_sees, authority_sees) == (len(CLASSIFICATIONS) + 1, len(CLASSIFICATIONS))
    response = verified(authority_a).get(f"/api/cooperation/requests/{circle['sealed']['request']}")
    assert response.status_code == 200 and MARK in response.json()["asked"]
    # The party must know whom the request concerns to execute it.
    assert response.json()["person_name"] == "Ivan Petrov"
    assert (
        verified(authority_a)
        .get(f"/api/cooperation/requests/{circle['draft']['request']}")
        .status_code
        == 404
    )
    assert Reading.objects.filter(reader=authority_a, request_id=circle["sealed"]["request"])


def test_a_token_made_by_a_cooperation_person_works_only_as_that_person(circle, authority_b):
    from concord.accounts.services import token_create

    secret = token_create(user=authority_b, name="t", second_factor_verified=True).secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(f"/api/cooperation/requests/{circle['public']['request']}").status_code == 404
    assert client.get("/api/cooperation/requests").json()["count"] == 0


def test_an_officer_of_a_body_above_sees_its_organs_requests(circle, court):
    above = make_person("court-officer", (RoleKind.COOPERATION_OFFICER, court))
    from django.contrib.auth.models import AnonymousUser

    from concord.cooperation.visibility import requests_visible_to

    assert requests_visible_to(above).count() == len(CLASSIFICATIONS) + 1
    assert requests_visible_to(AnonymousUser()).count() == 0
    assert Reply.objects.count() == len(CLASSIFICATIONS)


def test_nobody_grants_themselves_a_cooperation_role(secretariat, court):
    from django.core.exceptions import PermissionDenied

    from concord.accounts.services import role_grant

    with pytest.raises(PermissionDenied):
        role_grant(
            granted_by=secretariat, user=secretariat, kind=RoleKind.COOPERATION_OFFICER, body=court
        )


def test_a_cooperation_role_revokes_the_tokens_made_without_a_second_factor(
    focal_point, secretariat, party_a
):
    from concord.accounts.services import role_grant, token_create

    secret = token_create(user=focal_point, name="old").secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/me").status_code == 200
    role_grant(
        granted_by=secretariat, user=focal_point, kind=RoleKind.CENTRAL_AUTHORITY, party=party_a
    )
    assert client.get("/api/me").status_code == 401


def test_no_delete_page_lists_what_protects_a_body_or_a_party(circle, registry_body, party_a):
    secretariat = make_persona("secretariat")
    client = Client()
    client.force_login(secretariat, backend="concord.accounts.backends.PasswordBackend")
    for url in (
        f"/admin/registry/body/{registry_body.pk}/delete/",
        f"/admin/registry/party/{party_a.pk}/delete/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert MARK.encode() not in response.content and b"Ivan" not in response.content

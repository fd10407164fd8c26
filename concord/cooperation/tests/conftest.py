"""The people and requests every cooperation test speaks of.

The Court (body ``icc``) has an organ, its Registry (``icc-registry``), which sends requests;
``officer`` is a cooperation officer of the Court, ``tribunal_officer`` of another tribunal.
``authority_a`` is the central authority of party A (France), ``authority_b`` of party B
(Ukraine). Cooperation roles require two-factor authentication: ``verified`` signs a person in
with a confirmed device, as after giving their code.
"""

import datetime as dt

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.cooperation import answering, requesting
from concord.cooperation.models import Classification, RequestStatus
from concord.registry.models import BodyKind
from concord.registry.tests import factories

MISSING = 999_999  # an id no record has


def assert_hidden(client, method: str, path: str, missing: str, **kwargs) -> None:
    """Answer a record the caller may not see exactly as a record that does not exist."""
    hidden = getattr(client, method)(path, **kwargs)
    absent = getattr(client, method)(missing, **kwargs)
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json()


def loc(response) -> list:
    assert response.status_code == 422, response.content
    return response.json()["detail"][0]["loc"]


@pytest.fixture
def court(db):
    return factories.BodyFactory(code="icc", name="International Criminal Court", acronym="ICC")


@pytest.fixture
def registry_body(court):
    return factories.BodyFactory(
        code="icc-registry", name="Registry", kind=BodyKind.ORGAN, parent=court
    )


@pytest.fixture
def tribunal(db):
    return factories.BodyFactory(code="tribunal", name="Special Tribunal", acronym="ST")


@pytest.fixture
def officer(court):
    return make_person("officer", (RoleKind.COOPERATION_OFFICER, court))


@pytest.fixture
def tribunal_officer(tribunal):
    return make_person("tribunal-officer", (RoleKind.COOPERATION_OFFICER, tribunal))


@pytest.fixture
def authority_a(party_a):
    return make_person("authority-a", (RoleKind.CENTRAL_AUTHORITY, party_a))


@pytest.fixture
def authority_b(party_b):
    return make_person("authority-b", (RoleKind.CENTRAL_AUTHORITY, party_b))


@pytest.fixture
def verified(db):
    """Return a function giving a client signed in as a person whose second factor was checked."""

    def signed_in(person) -> Client:
        client = Client()
        if person is None:
            return client
        device, _ = TOTPDevice.objects.get_or_create(
            user=person, name="default", defaults={"confirmed": True}
        )
        client.force_login(person, backend="concord.accounts.backends.PasswordBackend")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return signed_in


@pytest.fixture
def person_concerned(officer, registry_body):
    return requesting.person_create(
        user=officer, requesting_body=registry_body, name="Ivan Petrov", case="Case 01 (test)"
    )


def make_request(officer, body, party, *, send=True, person=None, **fields):
    """Draft a request (and send it, unless ``send`` is false) with sensible defaults."""
    values = {
        "kind": "identification",
        "legal_basis": "Article 93(1)(k) of the Statute",
        "asked": "Identify bank accounts held by the person concerned.",
        "channel": "central_authority",
        "classification": Classification.CONFIDENTIAL,
        "deadline": dt.date(2030, 1, 31),
    } | fields
    request = requesting.request_create(
        user=officer, requesting_body=body, party=party, fields=values, person=person
    )
    if send:
        request = requesting.request_update(
            user=officer, request=request, changes={"status": RequestStatus.SENT}
        )
    return request


def sent_in(year: int, count: int, officer, body, party, **fields) -> list:
    """Send ``count`` requests and date them, and their history, to March of a past ``year``."""
    from concord.cooperation.models import CooperationRequest

    sent = []
    for _ in range(count):
        request = make_request(officer, body, party, **fields)
        day = dt.date(year, 3, 1)
        CooperationRequest.objects.filter(pk=request.pk).update(sent_on=day)
        CooperationRequest.history.filter(id=request.pk).update(
            sent_on=day, history_date=dt.datetime(year, 3, 1, tzinfo=dt.UTC)
        )
        sent.append(request)
    return sent


@pytest.fixture
def sent_request(officer, registry_body, party_a, person_concerned):
    return make_request(officer, registry_body, party_a, person=person_concerned)


@pytest.fixture
def draft_request(officer, registry_body, party_a, person_concerned):
    return make_request(officer, registry_body, party_a, send=False, person=person_concerned)


@pytest.fixture
def replied_request(sent_request, authority_a):
    """A request party A answered with one asset held by a company."""
    answering.reply_create(
        user=authority_a,
        request=sent_request,
        text="One account found.",
        assets=[
            answering.AssetReport(
                kind="bank_account",
                description="Current account at a Paris bank",
                holder_name="Sahel Trading Ltd",
                holder_kind="company",
                country="FR",
                estimated_value=120000,
                currency="EUR",
            )
        ],
    )
    return sent_request

"""The replies API: reading and writing replies, their files, and the assets they report."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concord.cooperation import answering
from concord.cooperation.models import (
    Asset,
    Attachment,
    Reading,
    Reply,
    RequestStatus,
)
from concord.cooperation.tests.conftest import MISSING, assert_hidden, loc, make_request

pytestmark = pytest.mark.django_db

API = "/api/cooperation"
OUTSIDERS = ["tribunal_officer", "authority_b", "focal_point", "secretariat"]
PDF = b"%PDF-1.4\n% a statement of account\n"

ASSET = {
    "kind": "real_estate",
    "description": "A flat in Lyon",
    "holder_name": "Sahel Mining Ltd",
    "holder_kind": "company",
    "country": "FR",
    "estimated_value": "350000.00",
    "currency": "EUR",
}


def replies_url(pk: int) -> str:
    return f"{API}/requests/{pk}/replies"


@pytest.fixture
def attachment(replied_request, authority_a):
    reply = replied_request.replies.get()
    file = SimpleUploadedFile("statement.pdf", PDF, content_type="application/pdf")
    return answering.attachment_add(user=authority_a, reply=reply, file=file)


# Reading replies ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "authority_a"])
def test_both_sides_read_the_replies_and_the_reading_is_logged(
    persona, request, verified, replied_request, attachment
):
    reader = request.getfixturevalue(persona)
    response = verified(reader).get(replies_url(replied_request.pk))
    assert response.status_code == 200
    [reply] = response.json()
    assert reply["text"] == "One account found."
    [asset] = reply["assets"]
    assert (asset["holder_name"], asset["estimated_value"]) == ("Sahel Trading Ltd", "120000.00")
    assert (asset["party"], asset["requests"]) == ("FRA", [replied_request.pk])
    assert reply["attachments"][0]["name"] == "statement.pdf"
    assert reply["attachments"][0]["download"] == f"{API}/attachments/{attachment.pk}"
    reading = Reading.objects.get()
    assert (reading.reader, reading.what, reading.via) == (reader, "replies", "api")


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_reads_no_reply(persona, request, verified, replied_request):
    client = verified(request.getfixturevalue(persona))
    assert_hidden(client, "get", replies_url(replied_request.pk), replies_url(MISSING))
    assert not Reading.objects.exists()


def test_reading_replies_needs_a_person(verified, replied_request):
    assert verified(None).get(replies_url(replied_request.pk)).status_code == 401


# Replying -----------------------------------------------------------------------------------


def reply_body(**changes) -> dict:
    return {"text": "A flat was found.", "received_on": "2031-02-01", "assets": [ASSET]} | changes


def test_the_party_replies_with_assets_and_acknowledges(verified, authority_a, sent_request):
    response = verified(authority_a).post(
        replies_url(sent_request.pk), reply_body(), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    [asset] = response.json()["assets"]
    assert (asset["holder_name"], asset["status"]) == ("Sahel Mining Ltd", "identified")
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.ACKNOWLEDGED
    assert sent_request.acknowledged_on == dt.date(2031, 2, 1)
    assert Reply.objects.get().history.first().history_user == authority_a


def test_the_officers_do_not_reply(verified, officer, sent_request):
    response = verified(officer).post(
        replies_url(sent_request.pk), reply_body(), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Reply.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"assets": [ASSET | {"currency": "EURO"}]}, "currency"),
        ({"assets": [ASSET | {"country": "QQ"}]}, "country"),
        ({"assets": [ASSET | {"holder_kind": "cousin"}]}, "holder_kind"),
        ({"text": " "}, "text"),
        ({"author": "someone"}, "author"),
    ],
)
def test_a_bad_reply_is_422_naming_the_field(verified, authority_a, sent_request, changes, field):
    response = verified(authority_a).post(
        replies_url(sent_request.pk), reply_body(**changes), content_type="application/json"
    )
    assert field in loc(response)
    assert not Reply.objects.exists()
    assert not Asset.objects.exists()


def test_an_asset_error_names_its_place(verified, authority_a, sent_request):
    response = verified(authority_a).post(
        replies_url(sent_request.pk),
        reply_body(assets=[ASSET, ASSET | {"currency": "XYZ"}]),
        content_type="application/json",
    )
    assert loc(response) == ["body", "assets", 1, "currency"]


def test_a_withdrawn_request_takes_no_reply(verified, officer, authority_a, sent_request):
    verified(officer).patch(
        f"{API}/requests/{sent_request.pk}",
        {"status": "withdrawn"},
        content_type="application/json",
    )
    response = verified(authority_a).post(
        replies_url(sent_request.pk), reply_body(), content_type="application/json"
    )
    assert loc(response) == ["body", "text"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_cannot_reply(persona, request, verified, sent_request):
    client = verified(request.getfixturevalue(persona))
    body = {"data": reply_body(), "content_type": "application/json"}
    assert_hidden(client, "post", replies_url(sent_request.pk), replies_url(MISSING), **body)
    assert not Reply.objects.exists()


def test_the_party_does_not_reply_to_a_draft(verified, authority_a, draft_request):
    client = verified(authority_a)
    body = {"data": reply_body(), "content_type": "application/json"}
    assert_hidden(client, "post", replies_url(draft_request.pk), replies_url(MISSING), **body)


def test_replying_needs_a_person(verified, sent_request):
    response = verified(None).post(
        replies_url(sent_request.pk), reply_body(), content_type="application/json"
    )
    assert response.status_code == 401


# Files --------------------------------------------------------------------------------------


def upload(client, reply_id: int, name: str = "statement.pdf", data: bytes = PDF):
    return client.post(
        f"{API}/replies/{reply_id}/attachments", {"file": SimpleUploadedFile(name, data)}
    )


def test_the_party_sends_a_file_with_its_reply(verified, authority_a, replied_request):
    reply = replied_request.replies.get()
    response = upload(verified(authority_a), reply.pk)
    assert response.status_code == 201, response.json()
    assert (response.json()["content_type"], response.json()["size"]) == (
        "application/pdf",
        len(PDF),
    )
    assert Attachment.objects.get().data == PDF


def test_a_file_of_the_wrong_kind_or_none_is_422(verified, authority_a, replied_request):
    client = verified(authority_a)
    reply = replied_request.replies.get()
    page = b"<html><script>alert(1)</script></html>"
    assert loc(upload(client, reply.pk, "page.html", page)) == ["body", "file"]
    assert loc(client.post(f"{API}/replies/{reply.pk}/attachments")) == ["body", "file"]
    assert not Attachment.objects.exists()


def test_the_officers_send_no_file(verified, officer, replied_request):
    reply = replied_request.replies.get()
    assert upload(verified(officer), reply.pk).status_code == 403
    assert upload(verified(None), reply.pk).status_code == 401
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_sends_no_file(persona, request, verified, replied_request):
    client = verified(request.getfixturevalue(persona))
    reply = replied_request.replies.get()
    hidden, absent = upload(client, reply.pk), upload(client, MISSING)
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json()
    assert not Attachment.objects.exists()


def test_a_file_comes_as_an_attachment_and_the_reading_is_logged(verified, officer, attachment):
    response = verified(officer).get(f"{API}/attachments/{attachment.pk}")
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Disposition"] == 'attachment; filename="statement.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    reading = Reading.objects.get()
    assert (reading.what, reading.request_id) == (
        f"attachment {attachment.pk}",
        attachment.reply.request_id,
    )


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_downloads_no_file(persona, request, verified, attachment):
    client = verified(request.getfixturevalue(persona))
    path = f"{API}/attachments/{attachment.pk}"
    assert_hidden(client, "get", path, f"{API}/attachments/{MISSING}")
    assert verified(None).get(path).status_code == 401
    assert not Reading.objects.exists()


# Assets -------------------------------------------------------------------------------------


def asset_url(pk: int) -> str:
    return f"{API}/assets/{pk}"


def change(client, pk: int, changes: dict):
    return client.patch(asset_url(pk), changes, content_type="application/json")


def test_an_officer_links_a_seizure_and_a_sanctions_freeze_competes(
    verified, officer, registry_body, party_a, replied_request
):
    asset = Asset.objects.get()
    seizure = make_request(officer, registry_body, party_a, kind="seizure")
    response = change(
        verified(officer),
        asset.pk,
        {"sanctions_measure": "UNSC resolution 2374 (2017)", "requests": [seizure.pk]},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert sorted(body["requests"]) == sorted([replied_request.pk, seizure.pk])
    assert body["competing_claim"] is True
    reading = Reading.objects.get()
    assert (reading.what, reading.reader) == (f"asset {asset.pk}", officer)


def test_the_party_reports_an_asset_frozen(verified, authority_a, replied_request):
    asset = Asset.objects.get()
    response = change(verified(authority_a), asset.pk, {"status": "frozen"})
    assert response.status_code == 200, response.json()
    asset.refresh_from_db()
    assert asset.status == "frozen"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"currency": "EURO"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"status": "lost"}, "status"),
        ({"status": None}, "status"),
        ({"estimated_value": "-1"}, "estimated_value"),
        ({"requests": [MISSING]}, "requests"),
        ({"holder_name": "Someone else"}, "holder_name"),
    ],
)
def test_a_bad_asset_change_is_422_naming_the_field(
    verified, officer, replied_request, changes, field
):
    asset = Asset.objects.get()
    assert field in loc(change(verified(officer), asset.pk, changes))
    asset.refresh_from_db()
    assert (asset.status, asset.currency) == ("identified", "EUR")


def test_an_asset_is_not_linked_to_another_partys_request(
    verified, officer, registry_body, party_b, replied_request
):
    elsewhere = make_request(officer, registry_body, party_b, kind="seizure")
    response = change(verified(officer), Asset.objects.get().pk, {"requests": [elsewhere.pk]})
    assert loc(response) == ["body", "requests"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_an_outsider_cannot_change_an_asset(persona, request, verified, replied_request):
    client = verified(request.getfixturevalue(persona))
    asset = Asset.objects.get()
    body = {"data": {"status": "seized"}, "content_type": "application/json"}
    assert_hidden(client, "patch", asset_url(asset.pk), asset_url(MISSING), **body)
    assert change(verified(None), asset.pk, {"status": "seized"}).status_code == 401
    asset.refresh_from_db()
    assert asset.status == "identified"

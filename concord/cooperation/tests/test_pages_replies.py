"""The reply page (text, date, files and asset rows) and the download of a reply's files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concord.cooperation import answering
from concord.cooperation.models import Asset, Attachment, Reading, Reply, RequestStatus

pytestmark = pytest.mark.django_db


def reply_url(cr) -> str:
    return reverse("cooperation:reply_new", args=[cr.pk])


def rows(count: int, *assets: dict) -> dict:
    """The asset rows as a browser posts them: ``count`` rows, the first ones filled."""
    data = {"assets-TOTAL_FORMS": str(count), "assets-INITIAL_FORMS": "0"}
    for i in range(count):
        data[f"assets-{i}-status"] = "identified"
    for i, asset in enumerate(assets):
        data |= {f"assets-{i}-{name}": value for name, value in asset.items()}
    return data


ACCOUNT = {
    "kind": "bank_account",
    "description": "Savings account in Lyon",
    "holder_name": "Sahel Trading Limited",
    "holder_kind": "company",
    "country": "FR",
    "estimated_value": "45000",
    "currency": "EUR",
}


def reply_data(*assets: dict, count: int | None = None, **reply) -> dict:
    fields = {"reply-text": "We found an account.", "reply-received_on": "2030-01-10"}
    return fields | reply | rows(count if count is not None else len(assets) + 1, *assets)


def test_the_authority_replies_with_an_asset_and_a_file(verified, authority_a, sent_request):
    client = verified(authority_a)
    page = client.get(reply_url(sent_request))
    assert page.status_code == 200
    assert 'name="assets-0-holder_name"' in page.content.decode()
    data = reply_data(ACCOUNT) | {
        "reply-files": [SimpleUploadedFile("statement.txt", b"Balance: 45,000 EUR\n")]
    }
    response = client.post(reply_url(sent_request), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cooperation/requests/{sent_request.pk}#replies")
    reply = Reply.objects.get()
    asset = Asset.objects.get()
    assert (reply.text, str(reply.received_on)) == ("We found an account.", "2030-01-10")
    assert (asset.holder_name, asset.currency, asset.reply) == (
        "Sahel Trading Limited",
        "EUR",
        reply,
    )
    assert Attachment.objects.get().name == "statement.txt"
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.ACKNOWLEDGED


def test_an_empty_asset_row_is_ignored(verified, authority_a, sent_request):
    response = verified(authority_a).post(reply_url(sent_request), reply_data(count=2))
    assert response.status_code == 302
    assert Reply.objects.count() == 1 and not Asset.objects.exists()


def test_errors_are_tied_to_the_row_and_nothing_is_written(verified, authority_a, sent_request):
    client = verified(authority_a)
    data = reply_data(ACCOUNT, ACCOUNT | {"currency": "XXY"}, **{"reply-text": ""})
    response = client.post(reply_url(sent_request), data)
    text = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_reply-text-error"' in text and "Nothing was saved." in text
    # The form's own checks pass now; the service refuses the currency of the second row.
    response = client.post(
        reply_url(sent_request), reply_data(ACCOUNT, ACCOUNT | {"currency": "XXY"})
    )
    text = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_assets-1-currency-error"' in text and "ISO 4217" in text
    assert 'id="id_assets-0-currency-error"' not in text
    assert not Reply.objects.exists() and not Asset.objects.exists()
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


def test_a_refused_file_is_named_on_the_files_field(verified, authority_a, sent_request):
    data = reply_data(ACCOUNT) | {"reply-files": [SimpleUploadedFile("empty.txt", b"  ")]}
    response = verified(authority_a).post(reply_url(sent_request), data)
    assert response.status_code == 422
    assert 'id="id_reply-files-error"' in response.content.decode()
    assert not Reply.objects.exists() and not Asset.objects.exists()


def test_adding_an_asset_row_keeps_what_was_typed_and_writes_nothing(
    verified, authority_a, sent_request
):
    data = reply_data(ACCOUNT | {"currency": "nonsense"}) | {"more": "1"}
    response = verified(authority_a).post(reply_url(sent_request), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="assets-2-holder_name"' in text and 'name="assets-3-holder_name"' not in text
    assert 'value="Sahel Trading Limited"' in text and "We found an account." in text
    assert 'class="error"' not in text and "aria-invalid" not in text
    assert not Reply.objects.exists()


@pytest.mark.parametrize("persona", ["authority_b", "focal_point", "secretariat"])
def test_others_find_no_reply_page(verified, persona, request, sent_request):
    client = verified(request.getfixturevalue(persona))
    assert client.get(reply_url(sent_request)).status_code == 404
    assert client.post(reply_url(sent_request), reply_data(ACCOUNT)).status_code == 404
    assert not Reply.objects.exists()


def test_the_officer_sees_the_request_but_may_not_reply(verified, officer, sent_request):
    assert verified(officer).get(reply_url(sent_request)).status_code == 403


def test_a_draft_takes_no_reply(verified, authority_a, draft_request):
    assert verified(authority_a).get(reply_url(draft_request)).status_code == 404


def test_the_reply_page_sends_the_anonymous_to_sign_in(verified, sent_request):
    response = verified(None).get(reply_url(sent_request))
    assert response["Location"].startswith("/accounts/login")


# Files ------------------------------------------------------------------------------------


@pytest.fixture
def attachment(sent_request, authority_a) -> Attachment:
    answering.reply_create(
        user=authority_a,
        request=sent_request,
        text="Statement attached.",
        files=[SimpleUploadedFile("relevé <1>.txt", b"Balance: 12 EUR\n")],
    )
    return Attachment.objects.get()


def download(attachment: Attachment) -> str:
    return reverse("cooperation:attachment", args=[attachment.pk])


@pytest.mark.parametrize("persona", ["officer", "authority_a"])
def test_a_file_downloads_as_an_attachment_and_the_reading_is_recorded(
    verified, persona, request, attachment
):
    person = request.getfixturevalue(persona)
    page = verified(person).get(reverse("cooperation:request", args=[attachment.reply.request_id]))
    assert download(attachment) in page.content.decode()
    response = verified(person).get(download(attachment))
    assert response.status_code == 200
    assert response.content == b"Balance: 12 EUR\n"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''relev%C3%A9" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    reading = Reading.objects.get(reader=person, what=f"attachment {attachment.pk}")
    assert reading.request_id == attachment.reply.request_id


@pytest.mark.parametrize("persona", ["authority_b", "focal_point", "secretariat"])
def test_a_file_is_not_found_for_others(verified, persona, request, attachment):
    client = verified(request.getfixturevalue(persona))
    assert client.get(download(attachment)).status_code == 404
    assert client.get("/cooperation/attachments/999999").status_code == 404
    assert not Reading.objects.filter(what__startswith="attachment").exists()


def test_a_file_sends_the_anonymous_to_sign_in(verified, attachment):
    assert verified(None).get(download(attachment))["Location"].startswith("/accounts/login")

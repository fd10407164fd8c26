import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from concord.cooperation import answering, requesting
from concord.cooperation.answering import AssetReport
from concord.cooperation.models import Asset, Attachment, Reply, RequestStatus
from concord.cooperation.tests.conftest import make_request

pytestmark = pytest.mark.django_db

ACCOUNT = AssetReport(
    kind="bank_account",
    description="Account at a Lyon bank",
    holder_name="Sahel Trading Ltd",
    holder_kind="company",
    country="fr",
    estimated_value=Decimal("5000.50"),
    currency="eur",
)


def test_a_reply_with_assets_and_a_file_acknowledges_the_request(sent_request, authority_a):
    reply = answering.reply_create(
        user=authority_a,
        request=sent_request,
        text="Found one account.",
        received_on=dt.date(2026, 4, 1),
        assets=[ACCOUNT],
        files=[SimpleUploadedFile("extract.txt", b"Bank extract")],
    )
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.ACKNOWLEDGED
    assert sent_request.acknowledged_on == dt.date(2026, 4, 1)
    asset = reply.assets.get()
    assert (asset.country, asset.currency) == ("FR", "EUR")
    assert list(asset.requests.all()) == [sent_request]
    attachment = reply.attachments.get()
    assert (attachment.name, attachment.content_type, bytes(attachment.data)) == (
        "extract.txt",
        "text/plain",
        b"Bank extract",
    )
    assert reply.history.first().history_user == authority_a


def test_the_encrypted_columns_hold_no_plain_text(replied_request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT holder_name, description FROM cooperation_asset")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
        cursor.execute("SELECT asked FROM cooperation_cooperationrequest")
        stored += " ".join(str(row[0]) for row in cursor.fetchall())
    assert "Sahel" not in stored and "Paris" not in stored and "Identify" not in stored
    assert Asset.objects.get().holder_name == "Sahel Trading Ltd"


def test_a_bad_asset_is_named_and_nothing_is_written(sent_request, authority_a):
    bad = AssetReport(**{**ACCOUNT.__dict__, "currency": "XYZ", "country": "QQ"})
    with pytest.raises(ValidationError) as error:
        answering.reply_create(
            user=authority_a, request=sent_request, text="Two.", assets=[ACCOUNT, bad]
        )
    assert {"assets.1.currency", "assets.1.country"} <= set(error.value.message_dict)
    assert not Reply.objects.exists() and not Asset.objects.exists()
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


def test_a_value_needs_its_currency(sent_request, authority_a):
    bad = AssetReport(**{**ACCOUNT.__dict__, "currency": ""})
    with pytest.raises(ValidationError) as error:
        answering.reply_create(user=authority_a, request=sent_request, text="x", assets=[bad])
    assert "assets.0.currency" in error.value.message_dict


def test_a_refused_file_writes_nothing(sent_request, authority_a):
    with pytest.raises(ValidationError) as error:
        answering.reply_create(
            user=authority_a,
            request=sent_request,
            text="x",
            files=[SimpleUploadedFile("page.html", b"<html><script>alert(1)</script>")],
        )
    assert "files" in error.value.message_dict
    assert not Reply.objects.exists() and not Attachment.objects.exists()


def test_only_the_addressed_partys_authority_replies(sent_request, authority_b, officer):
    for someone in (authority_b, officer):
        with pytest.raises(PermissionDenied):
            answering.reply_create(user=someone, request=sent_request, text="x")


def test_a_withdrawn_request_takes_no_reply(sent_request, officer, authority_a):
    requesting.request_update(
        user=officer, request=sent_request, changes={"status": RequestStatus.WITHDRAWN}
    )
    with pytest.raises(ValidationError):
        answering.reply_create(user=authority_a, request=sent_request, text="x")


def test_a_seizure_request_is_linked_to_the_asset_identified_before(
    replied_request, officer, registry_body, party_a, party_b, authority_a
):
    asset = Asset.objects.get()
    seizure = make_request(officer, registry_body, party_a, kind="seizure")
    answering.asset_update(
        user=officer, asset=asset, changes={"requests": [seizure.pk], "status": "frozen"}
    )
    assert set(asset.requests.all()) == {replied_request, seizure}
    assert list(seizure.assets_concerned.all()) == [asset]
    elsewhere = make_request(officer, registry_body, party_b)
    with pytest.raises(ValidationError) as error:
        answering.asset_update(user=officer, asset=asset, changes={"requests": [elsewhere.pk]})
    assert "requests" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        answering.asset_update(user=authority_a, asset=asset, changes={"holder_name": "x"})
    assert "holder_name" in error.value.message_dict


def test_an_attachment_added_later_needs_the_partys_authority(
    replied_request, authority_a, authority_b
):
    reply = Reply.objects.get()
    added = answering.attachment_add(
        user=authority_a, reply=reply, file=SimpleUploadedFile("more.txt", b"More")
    )
    assert added.size == 4
    with pytest.raises(PermissionDenied):
        answering.attachment_add(
            user=authority_b, reply=reply, file=SimpleUploadedFile("x.txt", b"x")
        )


def test_only_the_officers_link_an_asset_and_only_to_their_own_requests(
    replied_request, officer, authority_a, tribunal_officer, tribunal, party_a, registry_body
):
    asset = Asset.objects.get()
    foreign = make_request(tribunal_officer, tribunal, party_a)
    with pytest.raises(PermissionDenied):
        answering.asset_update(user=authority_a, asset=asset, changes={"requests": [foreign.pk]})
    with pytest.raises(ValidationError):
        answering.asset_update(user=officer, asset=asset, changes={"requests": [foreign.pk]})


def test_a_draft_with_linked_assets_keeps_its_party(
    replied_request, officer, registry_body, party_a, party_b
):
    draft = make_request(officer, registry_body, party_a, send=False, kind="seizure")
    answering.asset_update(
        user=officer, asset=Asset.objects.get(), changes={"requests": [draft.pk]}
    )
    with pytest.raises(ValidationError) as error:
        requesting.request_update(user=officer, request=draft, changes={"party": party_b})
    assert "party" in error.value.message_dict

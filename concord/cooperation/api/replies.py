"""Replies to cooperation requests, their files, and the assets they report, as JSON.

Found through their request: whoever may not see the request gets 404, as for an id that does
not exist. The central authority of the party addressed replies and sends files (403 for the
requesting body's officers); both sides follow what becomes of an asset. Every read of the
replies, of a file or of an asset is logged.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Router, Status
from ninja.files import UploadedFile as NinjaFile

from concord.accounts.auth import signed_in
from concord.api_errors import refusals
from concord.cooperation import answering
from concord.cooperation.api.lookups import (
    REFUSED,
    as_422,
    asset_or_404,
    attachment_or_404,
    patched,
    reply_or_404,
    request_or_404,
)
from concord.cooperation.api.rendering import (
    asset_data,
    assets_prefetch,
    attachment_data,
    replies_of,
    reply_data,
)
from concord.cooperation.api.schemas import (
    AssetChangeIn,
    AssetOut,
    AttachmentOut,
    ReplyIn,
    ReplyOut,
)
from concord.cooperation.models import Asset, Attachment
from concord.cooperation.reading import record_reading

router = Router(tags=["cooperation"])

ONLY_AUTHORITY = gettext_lazy(
    "Only the central authority of the party a request was sent to replies to it."
)
NOT_YOURS = gettext_lazy("You may not change this asset.")

FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}
FILE_ANSWER = {
    "responses": {200: {"content": {"application/octet-stream": {"schema": {"type": "string"}}}}}
}


@router.get(
    "/requests/{request_id}/replies",
    response={200: list[ReplyOut], **REFUSED},
    auth=signed_in,
    url_name="cooperation_replies",
    summary="List the replies to a cooperation request",
    description="Each reply in the order received, with its files (`download` sends one) and "
    "the assets it reports. The reading is logged. 404 for a request you may not see.",
)
def reply_list(request: HttpRequest, request_id: int) -> Any:
    found = request_or_404(request.user, request_id)
    record_reading(request.user, "replies", request=found)
    return [reply_data(reply) for reply in replies_of(found, request.user)]


@router.post(
    "/requests/{request_id}/replies",
    response={201: ReplyOut, **REFUSED},
    auth=signed_in,
    summary="Reply to a cooperation request",
    description="The party's reply (`text`, `received_on`, today if not given) with the assets "
    "it reports; send files afterwards to `/replies/{id}/attachments`. A reply to a request "
    "only sent acknowledges it. For the central authority of the party addressed (403 for "
    "others who see the request), while the request takes replies (422 at `text` once "
    'withdrawn). An error in an asset names it: `["body", "assets", 2, "currency"]`.',
)
def reply_create(request: HttpRequest, request_id: int, payload: ReplyIn) -> Any:
    found = request_or_404(request.user, request_id)
    reports = [answering.AssetReport(**asset.model_dump()) for asset in payload.assets]
    with refusals(ONLY_AUTHORITY, as_422=as_422):
        reply = answering.reply_create(
            user=request.user,
            request=found,
            text=payload.text,
            received_on=payload.received_on,
            assets=reports,
        )
    return Status(201, reply_data(replies_of(found, request.user).get(pk=reply.pk)))


@router.post(
    "/replies/{reply_id}/attachments",
    response={201: AttachmentOut, **REFUSED},
    auth=signed_in,
    summary="Send a file with a reply",
    description="A multipart body with the file as `file`. Its type is read from its bytes "
    "(PDF, office documents, images, plain text), up to the upload size limit; anything else "
    "is 422 at `file`. The file is encrypted at rest. For the central authority of the party "
    "addressed (403 for others who see the request).",
    openapi_extra=FILE_BODY,
)
def attachment_create(request: HttpRequest, reply_id: int, file: File[NinjaFile] = None) -> Any:
    reply = reply_or_404(request.user, reply_id)
    with refusals(ONLY_AUTHORITY, as_422=as_422):
        if not request.user.has_perm("cooperation.add_reply", reply.request):
            raise PermissionDenied
        if file is None:
            raise DjangoValidationError({"file": _("Send the file as `file`.")})
        added = answering.attachment_add(user=request.user, reply=reply, file=file)
    return Status(201, attachment_data(Attachment.objects.defer("data").get(pk=added.pk)))


@router.get(
    "/attachments/{attachment_id}",
    response={**REFUSED},
    auth=signed_in,
    url_name="cooperation_attachment",
    summary="Download a reply's file",
    description="The file as sent, as an attachment under its own name. The reading is logged. "
    "404 for a file of a request you may not see.",
    openapi_extra=FILE_ANSWER,
)
def attachment_download(request: HttpRequest, attachment_id: int) -> Any:
    attachment = attachment_or_404(request.user, attachment_id)
    record_reading(request.user, f"attachment {attachment.pk}", request=attachment.reply.request)
    response = HttpResponse(attachment.data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@router.patch(
    "/assets/{asset_id}",
    response={200: AssetOut, **REFUSED},
    auth=signed_in,
    summary="Change what is known of an asset",
    description="Its `status` (identified, frozen, seized, released, transferred), the "
    "Security Council sanctions measure it is frozen under, its estimated value and currency, "
    "and `requests`: the ids of the requests to the same party that concern it (the one it "
    "was reported under always stays). The requesting body's officers and the party's central "
    "authority. The answer shows the whole asset, and that reading is logged.",
)
def asset_update(request: HttpRequest, asset_id: int, payload: AssetChangeIn) -> Any:
    user = request.user
    asset = asset_or_404(user, asset_id)
    with refusals(NOT_YOURS, as_422=as_422):
        changes = patched(
            payload.model_dump(exclude_unset=True),
            required={"status"},
            emptied={"sanctions_measure": "", "currency": "", "requests": []},
        )
        answering.asset_update(user=user, asset=asset, changes=changes)
    record_reading(user, f"asset {asset.pk}", request=asset.request)
    fresh = (
        Asset.objects.select_related("request__party")
        .prefetch_related(assets_prefetch(user))
        .get(pk=asset.pk)
    )
    return asset_data(fresh)

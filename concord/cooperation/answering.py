"""A party's answers: replies with their files, and the assets it reports and restrains.

The party's central authority writes replies to a request it was sent; the assets a reply
reports hang on that request, and later requests (a seizure after an identification) are
linked to the same assets, never to copies.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.cooperation.models import (
    Asset,
    Attachment,
    CooperationRequest,
    Reply,
    RequestStatus,
)
from concord.cooperation.requesting import related_requests
from concord.reporting.evidence import check_file

# Writes to a request end when it is withdrawn or was never sent.
CLOSED = {RequestStatus.DRAFT, RequestStatus.WITHDRAWN}


@dataclass(frozen=True)
class AssetReport:
    """An asset as a reply reports it."""

    kind: str
    description: str
    holder_name: str
    holder_kind: str
    country: str = ""
    place: str = ""
    estimated_value: Decimal | None = None
    currency: str = ""
    status: str = "identified"
    sanctions_measure: str = ""


def _check_codes(asset: Asset, prefix: str) -> None:
    errors = {}
    if asset.country and pycountry.countries.get(alpha_2=asset.country) is None:
        errors[f"{prefix}country"] = _("Not an ISO 3166 country code: %(code)s.") % {
            "code": asset.country
        }
    if asset.currency and pycountry.currencies.get(alpha_3=asset.currency) is None:
        errors[f"{prefix}currency"] = _("Not an ISO 4217 currency code: %(code)s.") % {
            "code": asset.currency
        }
    if asset.estimated_value is not None and not asset.currency:
        errors[f"{prefix}currency"] = _("An estimated value needs its currency.")
    if errors:
        raise ValidationError(errors)


def _build_asset(request: CooperationRequest, report: AssetReport, prefix: str) -> Asset:
    asset = Asset(
        request=request,
        kind=report.kind,
        description=report.description.strip(),
        holder_name=report.holder_name.strip(),
        holder_kind=report.holder_kind,
        country=report.country.strip().upper(),
        place=report.place.strip(),
        estimated_value=report.estimated_value,
        currency=report.currency.strip().upper(),
        status=report.status,
        sanctions_measure=report.sanctions_measure.strip(),
    )
    try:
        asset.full_clean(exclude=["request", "reply"])
    except ValidationError as error:
        raise ValidationError(
            {f"{prefix}{name}": messages for name, messages in error.message_dict.items()}
        ) from None
    _check_codes(asset, prefix)
    return asset


@transaction.atomic
def reply_create(
    *,
    user: Any,
    request: CooperationRequest,
    text: str,
    received_on: dt.date | None = None,
    assets: Sequence[AssetReport] = (),
    files: Iterable[UploadedFile] = (),
) -> Reply:
    """Record the party's reply, with the assets it reports and the files it sends.

    A reply to a request only sent acknowledges it. Errors name the field (``assets.2.currency``,
    ``files``); nothing is written unless everything is right.
    """
    locked = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    if not user.has_perm("cooperation.add_reply", locked):
        raise PermissionDenied
    if locked.status in CLOSED:
        raise ValidationError({"text": _("This request takes no more replies.")})
    reply = Reply(
        request=locked, text=text.strip(), received_on=received_on or timezone.localdate()
    )
    reply.author = user
    reply.full_clean(exclude=["request", "author"])
    built = [_build_asset(locked, report, f"assets.{i}.") for i, report in enumerate(assets)]
    stored = []
    for file in files:
        try:
            stored.append(check_file(file))
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from None
    reply._history_user = user
    reply.save()
    for asset in built:
        asset.reply = reply
        asset._history_user = user
        asset.save()
        asset.requests.add(locked)
    for checked in stored:
        _attach(reply, checked, user)
    if locked.status == RequestStatus.SENT:
        locked.status = RequestStatus.ACKNOWLEDGED
        locked.acknowledged_on = locked.acknowledged_on or reply.received_on
        locked._history_user = user
        locked.save()
    return reply


def _attach(reply: Reply, checked: tuple[str, bytes, str], user: Any) -> Attachment:
    name, data, content_type = checked
    attachment = Attachment(
        reply=reply, name=name, content_type=content_type, size=len(data), data=data
    )
    attachment._history_user = user
    attachment.save()
    return attachment


@transaction.atomic
def attachment_add(*, user: Any, reply: Reply, file: UploadedFile) -> Attachment:
    """Add a file to a reply of the person's party, while its request takes replies."""
    request = CooperationRequest.objects.select_for_update().get(pk=reply.request_id)
    if not user.has_perm("cooperation.add_reply", request):
        raise PermissionDenied
    if request.status in CLOSED:
        raise ValidationError({"file": _("This request takes no more replies.")})
    try:
        checked = check_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    return _attach(reply, checked, user)


ASSET_FIELDS = {"status", "sanctions_measure", "estimated_value", "currency", "requests"}


@transaction.atomic
def asset_update(*, user: Any, asset: Asset, changes: Mapping[str, Any]) -> Asset:
    """Change what is known of an asset: its status, a sanctions freeze, its value, its requests.

    ``requests`` lists the ids of the requests that concern the asset (the one it was reported
    under always stays); only the requesting body's officers link it, and only to that body's
    requests to the same party.
    """
    locked = Asset.objects.select_for_update().select_related("request").get(pk=asset.pk)
    if not user.has_perm("cooperation.change_asset", locked):
        raise PermissionDenied
    refused = sorted(set(changes) - ASSET_FIELDS)
    if refused:
        raise ValidationError({name: _("This field cannot be changed.") for name in refused})
    linked = None
    if "requests" in changes:
        if not user.has_perm("cooperation.change_cooperationrequest", locked.request):
            raise PermissionDenied
        linked = related_requests(user, changes["requests"], field="requests")
        if any(
            r.party_id != locked.request.party_id
            or r.requesting_body_id != locked.request.requesting_body_id
            for r in linked
        ):
            raise ValidationError(
                {"requests": _("An asset is linked to requests of one body to one party.")}
            )
    for name, value in changes.items():
        if name != "requests":
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.currency = locked.currency.upper()
    locked.full_clean()
    _check_codes(locked, "")
    locked._history_user = user
    locked.save()
    if linked is not None:
        locked.requests.set({locked.request, *linked})
    return locked

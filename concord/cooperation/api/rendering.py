"""Requests, replies, assets and persons as the API answers them, for one caller.

Ids of other requests (related ones, those concerning an asset) are only those the caller
sees; the querysets here prefetch them so that a list costs the same few queries whatever its
length.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from concord.cooperation.models import (
    RESTRAINING_KINDS,
    Asset,
    Attachment,
    CooperationRequest,
    NonCooperationStep,
    PersonConcerned,
    Reading,
    Reply,
)
from concord.cooperation.visibility import officer_body_ids, requests_visible_to


def _seen_ids(user: Any) -> QuerySet[CooperationRequest]:
    return requests_visible_to(user).only("pk").order_by("pk")


def requests_listed(user: Any) -> QuerySet[CooperationRequest]:
    """Return the requests ``user`` sees, with what their summaries need."""
    return (
        requests_visible_to(user)
        .select_related("requesting_body", "party")
        .prefetch_related(Prefetch("related", queryset=_seen_ids(user), to_attr="related_seen"))
    )


def request_detailed(user: Any, pk: int) -> CooperationRequest:
    """Return one request ``user`` sees, with its steps and the assets concerning it."""
    assets = Asset.objects.filter(request__in=requests_visible_to(user)).only("pk").order_by("pk")
    return (
        requests_listed(user)
        .select_related("person")
        .prefetch_related(
            Prefetch("steps", queryset=NonCooperationStep.objects.select_related("recorded_by")),
            Prefetch("assets_concerned", queryset=assets, to_attr="assets_seen"),
        )
        .get(pk=pk)
    )


def request_data(request: CooperationRequest, *, officer_bodies: set[int]) -> dict[str, Any]:
    """Return a request's summary; ``officer_bodies`` are those whose officer is asking."""
    officer = request.requesting_body_id in officer_bodies
    return {
        "id": request.pk,
        "reference": request.reference,
        "requesting_body": request.requesting_body.code,
        "party": request.party.code,
        "person": request.person_id,
        "kind": request.kind,
        "legal_basis": request.legal_basis,
        "channel": request.channel,
        "classification": request.classification,
        "unseal_on": request.unseal_on,
        "sealed": request.is_sealed(),
        "status": request.status,
        "sent_on": request.sent_on,
        "deadline": request.deadline,
        "acknowledged_on": request.acknowledged_on,
        "executed_on": request.executed_on,
        "related": [other.pk for other in request.related_seen],
        "fictitious": request.fictitious,
        "links": {
            "replies": reverse("api:cooperation_replies", args=[request.pk]),
            "person_assets": reverse("api:cooperation_person_assets", args=[request.person_id])
            if officer and request.person_id
            else None,
            "readings": reverse("api:cooperation_readings", args=[request.pk]) if officer else None,
        },
    }


def request_detail_data(request: CooperationRequest, user: Any) -> dict[str, Any]:
    """Return everything about a request (from ``request_detailed``)."""
    return {
        **request_data(request, officer_bodies=officer_body_ids(user)),
        "asked": request.asked,
        "person_name": request.person.name if request.person_id else None,
        "case": request.person.case if request.person_id else None,
        "steps": [step_data(step) for step in request.steps.all()],
        "assets": [asset.pk for asset in request.assets_seen],
    }


def step_data(step: NonCooperationStep) -> dict[str, Any]:
    return {
        "id": step.pk,
        "kind": step.kind,
        "taken_on": step.taken_on,
        "note": step.note,
        "recorded_by": step.recorded_by.get_username(),
    }


def reading_data(reading: Reading) -> dict[str, Any]:
    return {
        "id": reading.pk,
        "reader": reading.reader.get_username(),
        "what": reading.what,
        "via": reading.via,
        "read_at": reading.read_at,
    }


# Replies and assets -------------------------------------------------------------------------


def assets_prefetch(user: Any) -> Prefetch:
    """Prefetch, for each asset, the requests concerning it that ``user`` sees."""
    return Prefetch("requests", queryset=_seen_ids(user).only("pk", "kind"), to_attr="seen")


def replies_of(request: CooperationRequest, user: Any) -> QuerySet[Reply]:
    assets = Asset.objects.select_related("request__party").prefetch_related(assets_prefetch(user))
    return (
        Reply.objects.filter(request=request)
        .select_related("author", "request")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.defer("data")),
            Prefetch("assets", queryset=assets),
        )
    )


def attachment_data(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "reply": attachment.reply_id,
        "name": attachment.name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "created_at": attachment.created_at,
        "download": reverse("api:cooperation_attachment", args=[attachment.pk]),
    }


def asset_data(asset: Asset) -> dict[str, Any]:
    """Return an asset (its ``seen`` requests prefetched by ``assets_prefetch``)."""
    requests = asset.seen
    return {
        "id": asset.pk,
        "request": asset.request_id,
        "reply": asset.reply_id,
        "party": asset.request.party.code,
        "kind": asset.kind,
        "description": asset.description,
        "country": asset.country,
        "place": asset.place,
        "holder_name": asset.holder_name,
        "holder_kind": asset.holder_kind,
        "estimated_value": asset.estimated_value,
        "currency": asset.currency,
        "status": asset.status,
        "sanctions_measure": asset.sanctions_measure,
        "requests": [r.pk for r in requests],
        # The rule of ``piecing.is_competing_claim``, over the requests the caller sees only.
        "competing_claim": bool(asset.sanctions_measure)
        and any(r.kind in RESTRAINING_KINDS for r in requests),
    }


def reply_data(reply: Reply) -> dict[str, Any]:
    return {
        "id": reply.pk,
        "request": reply.request_id,
        "received_on": reply.received_on,
        "text": reply.text,
        "author": reply.author.get_username(),
        "created_at": reply.created_at,
        "attachments": [attachment_data(a) for a in reply.attachments.all()],
        "assets": [asset_data(a) for a in reply.assets.all()],
        "fictitious": reply.request.fictitious,
    }


def person_data(person: PersonConcerned) -> dict[str, Any]:
    return {
        "id": person.pk,
        "requesting_body": person.requesting_body.code,
        "name": person.name,
        "case": person.case,
        "fictitious": person.fictitious,
        "created_at": person.created_at,
    }

"""The cooperation records the permission matrix names: a request the two cooperation personas
share (the Court's officer made it, party A's central authority was sent it), answered with an
asset and a file, about a person concerned.

Every other persona must get exactly what it gets for an id that does not exist.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from concord.conftest import persona_scope
from concord.cooperation.models import (
    Asset,
    Attachment,
    CooperationRequest,
    PersonConcerned,
    Reply,
)


@dataclass
class CooperationRecords:
    person: PersonConcerned
    request: CooperationRequest
    reply: Reply
    asset: Asset
    attachment: Attachment

    def ids(self) -> dict[str, int]:
        """The value of each path parameter a cooperation page or operation takes."""
        return {
            "person_id": self.person.pk,
            "request_id": self.request.pk,
            "reply_id": self.reply.pk,
            "asset_id": self.asset.pk,
            "attachment_id": self.attachment.pk,
        }


def cooperation_records(author: Any) -> CooperationRecords:
    court, france = persona_scope("court"), persona_scope("party_a")
    person = PersonConcerned.objects.create(requesting_body=court, name="Person concerned")
    request = CooperationRequest.objects.create(
        reference="ICC-2026-0001",
        requesting_body=court,
        party=france,
        person=person,
        kind="identification",
        asked="Identify the accounts.",
        channel="central_authority",
        status="sent",
        sent_on=dt.date(2026, 3, 2),
        created_by=author,
    )
    reply = Reply.objects.create(request=request, text="One account.", author=author)
    asset = Asset.objects.create(
        request=request,
        reply=reply,
        kind="bank_account",
        description="An account",
        holder_name="Acacia Holdings Ltd",
        holder_kind="company",
    )
    asset.requests.add(request)
    attachment = Attachment.objects.create(
        reply=reply, name="statement.txt", content_type="text/plain", size=2, data=b"ok"
    )
    return CooperationRecords(person, request, reply, asset, attachment)


def cooperation_bodies(records: CooperationRecords) -> dict[str, dict[str, Any]]:
    """A valid body for each cooperation write, so that no schema refuses it first."""
    return {
        "POST /api/cooperation/requests": {
            "requesting_body": "icc",
            "party": "FRA",
            "kind": "identification",
            "asked": "Identify the accounts.",
            "channel": "central_authority",
        },
        "PATCH /api/cooperation/requests/{request_id}": {"deadline": "2030-01-31"},
        "POST /api/cooperation/requests/{request_id}/replies": {"text": "Nothing found."},
        "POST /api/cooperation/requests/{request_id}/steps": {
            "kind": "referred",
            "taken_on": "2026-06-01",
        },
        "PATCH /api/cooperation/assets/{asset_id}": {"status": "frozen"},
        "POST /api/cooperation/persons": {"requesting_body": "icc", "name": "Another person"},
        "POST /api/cooperation/persons/{person_id}/matches": {
            "first": records.asset.pk,
            "second": records.asset.pk,
            "verdict": "rejected",
        },
    }

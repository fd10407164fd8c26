"""The audit trail in the API: read-only, for the secretariat."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import BaseModel

from concord.accounts.auth import signed_in
from concord.audit import selectors
from concord.audit.context import Source
from concord.pagination import OFFSET_CAP, Paged, PageQuery

router = Router(tags=["audit"], auth=signed_in)


class AuditFiltersIn(Schema):
    object_type: str | None = Field(
        None, max_length=100, description="A type of record, e.g. `registry.party`."
    )
    object_id: str | None = Field(None, max_length=40, description="A record's id.")
    user: str | None = Field(None, max_length=150, description="The username who made it.")
    since: str | None = Field(
        None,
        max_length=40,
        description="Changes made on or after this date (`2024-05-31`) or moment "
        "(`2024-05-31T14:00:00Z`).",
    )
    source: Source | None = Field(None, description="From where the change was made.")


class ChangeOut(BaseModel):
    field: str
    label: str
    old: Any = Field(description="The value before (null when the record was created).")
    new: Any


class EntryOut(BaseModel):
    when: dt.datetime
    user: str | None = Field(description="Who made it; null for a command or a task.")
    source: str = Field(description="page, api, cli, import or task; empty if unknown.")
    object_type: str
    object_id: str
    object: str = Field(description="The record as it read after this change.")
    action: str = Field(description="created, changed or deleted.")
    history_id: int
    changes: list[ChangeOut]


class ForbiddenOut(BaseModel):
    detail: str


def entry_data(entry: selectors.Entry) -> dict:
    return {
        "when": entry.when,
        "user": entry.username,
        "source": entry.source,
        "object_type": entry.object_type,
        "object_id": str(entry.object_id),
        "object": entry.object_repr,
        "action": entry.action,
        "history_id": entry.history_id,
        "changes": [
            {"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in entry.changes
        ],
    }


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


@router.get(
    "/audit",
    response={200: Paged[EntryOut], 403: ForbiddenOut},
    summary="Read the audit trail",
    description="Every change to an audited record, newest first: who, when, from where, and "
    "the old and new values. Secretariat only.",
)
def audit_list(request: HttpRequest, filters: Query[AuditFiltersIn], page: Query[PageQuery]) -> Any:
    if not request.user.has_perm("accounts.view_audit"):
        raise HttpError(403, _("Only the secretariat may read the audit trail."))
    if page.offset > OFFSET_CAP:
        raise _refuse(
            "offset",
            _("offset may not exceed %(cap)d; follow the `next` cursor with after= instead.")
            % {"cap": OFFSET_CAP},
        )
    if page.after and page.offset:
        raise _refuse("offset", _("Give either offset or after, not both."))
    try:
        chosen = selectors.audit_filters(
            object_type=filters.object_type,
            object_id=filters.object_id,
            user=filters.user,
            since=filters.since,
            source=filters.source.value if filters.source else None,
        )
        result = selectors.audit_entries(
            filters=chosen, limit=page.limit, offset=page.offset, after=page.after
        )
    except selectors.AuditFilterError as exc:
        raise _refuse(exc.field, exc.message) from None
    count, exact = selectors.audit_count(filters=chosen)
    return {
        "items": [entry_data(e) for e in result.entries],
        "count": count,
        "count_exact": exact,
        "limit": page.limit,
        "offset": page.offset,
        "next": result.next,
    }

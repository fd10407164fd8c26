"""The caller's own account, and the roles the secretariat grants and ends.

Every operation here needs a person: a personal token (``Authorization: Bearer ...``) or a
signed-in session (with its CSRF token for writes). Anonymous callers get 401; a person who may
not take the action gets 403 on what they may see, and 404 on what they may not know exists.
"""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from pydantic import BaseModel

from concord.accounts import selectors, services
from concord.accounts.auth import signed_in
from concord.accounts.models import Role, RoleKind
from concord.accounts.rules import roles_of
from concord.api_errors import unprocessable
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import Body, Instrument, Party

router = Router(tags=["accounts"], auth=signed_in)


class DetailOut(BaseModel):
    detail: str


class RoleOut(BaseModel):
    id: int
    user: str = Field(description="The username of the person holding the role.")
    kind: RoleKind
    party: str | None = Field(description="The code of the party the role is held for.")
    body: str | None = Field(description="The code of the body the role is held for.")
    instrument: int | None = Field(description="The id of the instrument the role is held for.")
    starts_on: dt.date
    ends_on: dt.date | None = Field(description="The day the role ended; null while it runs.")
    note: str


class MeOut(BaseModel):
    username: str
    name: str
    roles: list[RoleOut] = Field(description="The roles in force today, with their scopes.")


class RoleFilters(Schema):
    user: str | None = Field(None, max_length=150, description="Only roles of this username.")
    kind: RoleKind | None = Field(None, description="Only roles of this kind.")
    party: str | None = Field(None, max_length=128, description="Only roles for this party code.")
    active: bool | None = Field(
        None, description="true: only roles in force today; false: only the others."
    )


class RoleIn(Schema):
    user: str = Field(max_length=150, description="The username of the person.")
    kind: RoleKind
    party: str | None = Field(None, max_length=128, description="A party code.")
    body: str | None = Field(None, max_length=128, description="A body code.")
    instrument: int | None = Field(None, description="An instrument id.")
    starts_on: dt.date | None = Field(None, description="Today when not given.")
    ends_on: dt.date | None = None
    note: str = Field("", max_length=255)


REFUSED = {401: DetailOut, 403: DetailOut}


@router.get(
    "/me",
    response={200: MeOut, **REFUSED},
    summary="Show the caller",
    description="The caller's username and the roles they hold today, with their scopes.",
)
def me(request: HttpRequest) -> dict:
    user = request.user
    roles = sorted(roles_of(user), key=lambda role: (role.kind, role.pk))
    for role in roles:
        role.user = user
    return {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "roles": [selectors.role_data(role) for role in roles],
    }


@router.get(
    "/roles",
    response={200: Paged[RoleOut], **REFUSED},
    summary="List roles",
    description="Every role, in force or ended, ordered by id (secretariat only).",
)
def role_list(request: HttpRequest, filters: Query[RoleFilters], page: Query[PageQuery]) -> Any:
    if not request.user.has_perm("accounts.view_role"):
        return Status(403, {"detail": _("Only the secretariat lists roles.")})
    qs = selectors.role_list(
        request.user,
        username=filters.user,
        kind=filters.kind,
        party=filters.party,
        active=filters.active,
    )
    return paginate_query(qs, page, key=("id",)).as_dict(selectors.role_data)


def _get(model: Any, field: str, value: Any, label: str) -> Any:
    if value is None:
        return None
    found = model.objects.filter(**{field: value}).first()
    if found is None:
        raise HttpError(404, _("No %(label)s %(value)s.") % {"label": label, "value": value})
    return found


@router.post(
    "/roles",
    response={201: RoleOut, 404: DetailOut, **REFUSED},
    summary="Grant a role",
    description="Give a person a role within a scope (secretariat only). A scope that does not "
    "fit the kind of role is refused with 422, naming the field.",
)
def role_create(request: HttpRequest, payload: RoleIn) -> Any:
    if not request.user.has_perm("accounts.grant_role"):
        return Status(403, {"detail": _("Only the secretariat grants roles.")})
    user = _get(get_user_model(), "username", payload.user, _("person with username"))
    party = _get(Party, "code", payload.party, _("party with code"))
    body = _get(Body, "code", payload.body, _("body with code"))
    instrument = _get(Instrument, "pk", payload.instrument, _("instrument with id"))
    try:
        role = services.role_grant(
            granted_by=request.user,
            user=user,
            kind=payload.kind,
            party=party,
            body=body,
            instrument=instrument,
            starts_on=payload.starts_on,
            ends_on=payload.ends_on,
            note=payload.note,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("You may only grant roles within your own scope.")})
    except DjangoValidationError as exc:
        raise _as_422(exc) from None
    return Status(201, selectors.role_data(role))


@router.delete(
    "/roles/{role_id}",
    response={200: RoleOut, 404: DetailOut, **REFUSED},
    summary="End a role",
    description="End the role today: it is kept, with the day it ended (secretariat only).",
)
def role_delete(request: HttpRequest, role_id: int) -> Any:
    role = selectors.roles_visible_to(request.user).filter(pk=role_id).first()
    if role is None:
        return Status(404, {"detail": _("No role with id %(id)s.") % {"id": role_id}})
    try:
        ended = services.role_end(ended_by=request.user, role=role)
    except PermissionDenied:
        return Status(403, {"detail": _("Only the secretariat ends roles.")})
    except DjangoValidationError as exc:
        raise _as_422(exc) from None
    ended = Role.objects.select_related("user", "party", "body").get(pk=ended.pk)
    return Status(200, selectors.role_data(ended))


def _as_422(exc: DjangoValidationError) -> ValidationError:
    return unprocessable(
        exc, location=lambda field: ["body", "payload", *([] if field == "__all__" else [field])]
    )

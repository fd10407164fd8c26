"""What every cooperation operation looks up first, and how it answers when it cannot.

Requests and persons concerned are found only among those the caller may see
(``concord.cooperation.visibility``); replies, attachments and assets through the request they
hang on. Anything else answers 404 with the same body as an id that does not exist, so that
nobody learns that a request exists. A service's ValidationError becomes a 422 naming the field,
its parts split (``assets.2.currency`` is ``["body", "assets", 2, "currency"]``).
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError

from concord.api_errors import unprocessable
from concord.cooperation.api.schemas import DetailOut
from concord.cooperation.models import (
    Asset,
    Attachment,
    CooperationRequest,
    PersonConcerned,
    Reply,
)
from concord.cooperation.visibility import persons_visible_to, requests_visible_to
from concord.registry.models import Body, Party

NOT_FOUND = {401: DetailOut, 404: DetailOut}
REFUSED = {401: DetailOut, 403: DetailOut, 404: DetailOut}

_LARGEST_ID = 2**63 - 1


def _first(qs: QuerySet, pk: int, missing: str) -> Any:
    found = qs.filter(pk=pk).first() if 0 < pk <= _LARGEST_ID else None
    if found is None:
        raise HttpError(404, missing)
    return found


def request_or_404(user: Any, request_id: int) -> CooperationRequest:
    qs = requests_visible_to(user).select_related("requesting_body", "party")
    return _first(qs, request_id, _("No request with this id."))


def reply_or_404(user: Any, reply_id: int) -> Reply:
    qs = Reply.objects.filter(request__in=requests_visible_to(user)).select_related(
        "request__requesting_body", "request__party"
    )
    return _first(qs, reply_id, _("No reply with this id."))


def attachment_or_404(user: Any, attachment_id: int) -> Attachment:
    qs = Attachment.objects.filter(reply__request__in=requests_visible_to(user)).select_related(
        "reply__request"
    )
    return _first(qs, attachment_id, _("No attachment with this id."))


def asset_or_404(user: Any, asset_id: int) -> Asset:
    qs = Asset.objects.filter(request__in=requests_visible_to(user)).select_related(
        "request__requesting_body", "request__party"
    )
    return _first(qs, asset_id, _("No asset with this id."))


def person_or_404(user: Any, person_id: int) -> PersonConcerned:
    qs = persons_visible_to(user).select_related("requesting_body")
    return _first(qs, person_id, _("No person concerned with this id."))


# Names in a body: a code or id that names nothing is the body's fault, a 422 ------------------


def party_named(code: str, field: str = "party") -> Party:
    party = Party.objects.filter(code=code).first()
    if party is None:
        raise DjangoValidationError({field: _("No party with code %(code)s.") % {"code": code}})
    return party


def body_named(code: str, field: str = "requesting_body") -> Body:
    body = Body.objects.filter(code=code).first()
    if body is None:
        raise DjangoValidationError({field: _("No body with code %(code)s.") % {"code": code}})
    return body


def person_named(user: Any, person_id: int | None, field: str = "person") -> Any:
    """Return the person concerned the caller may see with this id (None for None)."""
    if person_id is None:
        return None
    person = persons_visible_to(user).filter(pk=person_id).first()
    if person is None:
        raise DjangoValidationError({field: _("No person concerned with this id.")})
    return person


def _location(field: str) -> list[Any]:
    return ["body", *(int(part) if part.isdigit() else part for part in field.split("."))]


def as_422(exc: DjangoValidationError) -> ValidationError:
    """Return a 422 naming each field of the body the service refused."""
    return unprocessable(exc, location=_location)


def patched(given: dict[str, Any], *, required: set[str], emptied: dict[str, Any]) -> dict:
    """Read a PATCH body: null is refused for a ``required`` field, and empties the others."""
    blank = {name for name in required if name in given and given[name] is None}
    if blank:
        raise DjangoValidationError({name: _("This field cannot be blank.") for name in blank})
    return {
        name: emptied[name] if value is None and name in emptied else value
        for name, value in given.items()
    }

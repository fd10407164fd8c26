"""Focal points and central authorities, as JSON: how to reach them is for members only.

The list is public and holds the entries valid today; ``email`` and ``phone`` are left out of
each entry unless the caller holds ``directory.view_contact_details`` (any signed-in person).
Writes need a person (401); a party's focal points keep its entries, a secretariat those under
its instruments and bodies (403 for anyone else); bad input is 422 naming the field, with
nothing written.
"""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.api_errors import refusals
from concord.directory import contacts
from concord.directory.legislation import published_instrument
from concord.directory.models import Contact, ContactKind
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.models import Body, Instrument, Party
from concord.registry.schemas import Code, NotFoundOut, NulFree, Out, Text

router = Router(tags=["directory"])

REFUSED = {401: NotFoundOut, 403: NotFoundOut, 404: NotFoundOut}

# Shapes -------------------------------------------------------------------------------------

Email = Annotated[str, Field(max_length=254), NulFree]
Phone = Annotated[str, Field(max_length=64), NulFree]
Language = Annotated[str, Field(max_length=8), NulFree]


class ContactChangeIn(Schema):
    """Every field is optional: only those given change."""

    kind: ContactKind | None = None
    name: Text | None = None
    function: Annotated[str, Field(max_length=255), NulFree] | None = None
    organization: Annotated[str, Field(max_length=255), NulFree] | None = None
    instrument: int | None = Field(None, description="The instrument's id; null for none.")
    body: Code | None = Field(None, description="The body's code; null for none.")
    languages: list[Language] | None = Field(None, description="ISO 639-1 codes: en, fr, ar.")
    email: Email | None = None
    phone: Phone | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = Field(None, description="Ends the entry after that day.")


class ContactIn(Schema):
    party: Code = Field(description="The party's code.")
    kind: ContactKind
    name: Text
    organization: Annotated[str, Field(max_length=255), NulFree]
    function: Annotated[str, Field(max_length=255), NulFree] = ""
    instrument: int | None = Field(None, description="The instrument's id, if for one.")
    body: Code | None = Field(None, description="The body's code, if for one.")
    languages: list[Language] = Field(
        default_factory=list, description="ISO 639-1 codes: en, fr, ar."
    )
    email: Email = ""
    phone: Phone = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class ContactOut(Out):
    id: int
    party: str
    party_name: str
    kind: ContactKind
    instrument: int | None
    body: str | None = Field(description="The body's code.")
    name: str
    function: str
    organization: str
    languages: list[str]
    valid_from: dt.date | None
    valid_until: dt.date | None
    email: str | None = Field(None, description="Only for signed-in callers.")
    phone: str | None = Field(None, description="Only for signed-in callers.")


class ContactFilters(Schema):
    party: Code | None = Field(None, description="A party's code.")
    instrument: int | None = Field(None, description="An instrument's id.")
    kind: ContactKind | None = None


# Lookups ------------------------------------------------------------------------------------


ONLY_KEEPERS = gettext_lazy("Only the party's focal points and its secretariat keep its entries.")


def _party(code: str) -> Party:
    party = Party.objects.filter(code=code).first()
    if party is None:
        raise DjangoValidationError({"party": _("No party with code %(code)s.") % {"code": code}})
    return party


def _instrument(instrument_id: int | None) -> Instrument | None:
    return None if instrument_id is None else published_instrument(instrument_id)


def _body(code: str | None) -> Body | None:
    if code is None:
        return None
    body = Body.objects.filter(code=code).first()
    if body is None:
        raise DjangoValidationError({"body": _("No body with code %(code)s.") % {"code": code}})
    return body


def patched(
    given: dict[str, Any], *, required: tuple[str, ...], emptied: dict[str, Any]
) -> dict[str, Any]:
    """Read a PATCH body: null is refused for a ``required`` field, and empties the others.

    ``emptied`` gives the empty value of a text or list field; a date or a link to another
    record is emptied by null itself.
    """
    for name in required:
        if name in given and given[name] is None:
            raise DjangoValidationError({name: _("This field cannot be blank.")})
    return {
        name: emptied[name] if value is None and name in emptied else value
        for name, value in given.items()
    }


def _details(request: HttpRequest) -> bool:
    return request.user.has_perm("directory.view_contact_details")


def _answer(request: HttpRequest, contact: Contact) -> dict[str, Any]:
    fresh = Contact.objects.select_related("party", "body").get(pk=contact.pk)
    return contacts.contact_data(fresh, details=_details(request))


# Operations ---------------------------------------------------------------------------------


@router.get(
    "/focal-points",
    response=Paged[ContactOut],
    exclude_unset=True,
    summary="List focal points and central authorities",
    description="The entries valid today, ordered by id. `email` and `phone` only for "
    "signed-in callers; left out otherwise.",
)
def contact_list(request: HttpRequest, filters: Query[ContactFilters], page: Query[PageQuery]):
    qs = contacts.contacts_current(
        party=filters.party, instrument=filters.instrument, kind=filters.kind
    )
    details = _details(request)
    return paginate_query(qs, page, key=("id",)).as_dict(
        lambda contact: contacts.contact_data(contact, details=details)
    )


@router.post(
    "/focal-points",
    response={201: ContactOut, **REFUSED},
    auth=signed_in,
    summary="Add a focal point or central authority",
    description="The party's focal points; a secretariat for the instruments and bodies it covers.",
)
def contact_create(request: HttpRequest, payload: ContactIn) -> Any:
    user = request.user
    with refusals(ONLY_KEEPERS):
        if not user.has_perm("directory.add_contact"):
            raise PermissionDenied
        party = _party(payload.party)
        fields = payload.model_dump(exclude={"party", "instrument", "body"})
        content = contacts.ContactContent(
            **fields, instrument=_instrument(payload.instrument), body=_body(payload.body)
        )
        contact = contacts.contact_create(user=user, party=party, content=content)
    return Status(201, _answer(request, contact))


@router.patch(
    "/focal-points/{contact_id}",
    response={200: ContactOut, **REFUSED},
    auth=signed_in,
    summary="Change a focal point or central authority",
    description="Change the fields given; end the entry by giving `valid_until`.",
)
def contact_update(request: HttpRequest, contact_id: int, payload: ContactChangeIn) -> Any:
    contact = Contact.objects.select_related("party", "instrument", "body").filter(pk=contact_id)
    contact = contact.first()
    if contact is None:
        raise HttpError(404, _("No entry with id %(id)s.") % {"id": contact_id})
    given = payload.model_dump(exclude_unset=True)
    with refusals(ONLY_KEEPERS):
        if not request.user.has_perm("directory.change_contact", contact):
            raise PermissionDenied
        fields = (*contacts.TEXTS, "languages", "valid_from", "valid_until", "instrument", "body")
        current = {name: getattr(contact, name) for name in fields}
        if "instrument" in given:
            given["instrument"] = _instrument(given["instrument"])
        if "body" in given:
            given["body"] = _body(given["body"])
        given = patched(
            given,
            required=("kind", "name", "organization"),
            emptied={"function": "", "email": "", "phone": "", "languages": []},
        )
        content = contacts.ContactContent(**{**current, **given})
        contacts.contact_update(contact=contact, user=request.user, content=content)
    return _answer(request, contact)

"""Focal points and central authorities: who is current, and the writes that keep them current.

An entry is never deleted: a party's focal points (or the secretariat covering its instrument or
body) end it by setting ``valid_until``, so that who was the contact on a given day stays known.
Who and where are public; ``email`` and ``phone`` only for those holding
``directory.view_contact_details`` (``contact_data``).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.accounts.models import RoleKind
from concord.accounts.rules import is_secretariat, roles_of
from concord.directory.models import Contact
from concord.registry.models import Body, Instrument, Party

# Selectors ----------------------------------------------------------------------------------


def contacts_current(
    *,
    on: dt.date | None = None,
    party: str | None = None,
    instrument: int | None = None,
    kind: str | None = None,
) -> QuerySet[Contact]:
    """Return the entries valid ``on`` (today): begun by then and not yet ended.

    ``party`` is a party's code, ``instrument`` an instrument's id.
    """
    on = on or timezone.localdate()
    qs = Contact.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
    ).select_related("party", "instrument__body", "body")
    if party:
        qs = qs.filter(party__code=party)
    if instrument:
        qs = qs.filter(instrument_id=instrument)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def parties_to_keep(user: Any) -> QuerySet[Party]:
    """Return the parties whose entries ``user`` may keep: any for a secretariat, else their own.

    A secretariat of one body or instrument may still be refused an entry that names neither
    (``contact_create`` asks the permission of the entry itself).
    """
    if is_secretariat.test(user):
        return Party.objects.order_by("name")
    own = [role.party_id for role in roles_of(user) if role.kind == RoleKind.FOCAL_POINT]
    return Party.objects.filter(pk__in=own).order_by("name")


# What the API shows -------------------------------------------------------------------------


def contact_data(contact: Contact, *, details: bool) -> dict[str, Any]:
    """Return an entry as the API shows it; ``email`` and ``phone`` only with ``details``."""
    data = {
        "id": contact.pk,
        "party": contact.party.code,
        "party_name": contact.party.name,
        "kind": contact.kind,
        "instrument": contact.instrument_id,
        "body": contact.body.code if contact.body_id else None,
        "name": contact.name,
        "function": contact.function,
        "organization": contact.organization,
        "languages": list(contact.languages),
        "valid_from": contact.valid_from,
        "valid_until": contact.valid_until,
    }
    if details:
        data["email"] = contact.email
        data["phone"] = contact.phone
    return data


# Checks -------------------------------------------------------------------------------------


def check_languages(codes: Iterable[str], *, field: str = "languages") -> list[str]:
    """Return the codes in lower case, once each; refuse any that is not ISO 639-1."""
    cleaned: list[str] = []
    for code in codes:
        code = code.strip().lower()
        if code and code not in cleaned:
            cleaned.append(code)
    unknown = [
        code for code in cleaned if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None
    ]
    if unknown:
        raise ValidationError(
            {
                field: _("Not ISO 639-1 language codes (such as en, fr, ar): %(codes)s.")
                % {"codes": ", ".join(unknown)}
            }
        )
    return cleaned


# Writes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactContent:
    """What an entry says, as a person writes it."""

    kind: str
    name: str
    organization: str
    function: str = ""
    instrument: Instrument | None = None
    body: Body | None = None
    languages: list[str] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


TEXTS = ("kind", "name", "organization", "function", "email", "phone")


def _contact_write(contact: Contact, *, user: Any, content: ContactContent) -> Contact:
    for name in TEXTS:
        setattr(contact, name, getattr(content, name).strip())
    contact.instrument = content.instrument
    contact.body = content.body
    contact.languages = check_languages(content.languages)
    contact.valid_from = content.valid_from
    contact.valid_until = content.valid_until
    contact.full_clean()
    contact._history_user = user
    contact.save()
    return contact


@transaction.atomic
def contact_create(*, user: Any, party: Party, content: ContactContent) -> Contact:
    """Add an entry for ``party`` (its focal points, or the secretariat covering what it names)."""
    contact = Contact(party=party, instrument=content.instrument, body=content.body)
    if not user.has_perm("directory.add_contact", contact):
        raise PermissionDenied
    return _contact_write(contact, user=user, content=content)


@transaction.atomic
def contact_update(*, contact: Contact, user: Any, content: ContactContent) -> Contact:
    """Replace what an entry says; end it by giving ``valid_until``.

    The caller must be allowed to change the entry as it is and as it will be, so that a
    secretariat of one body cannot move an entry under an instrument it does not cover.
    """
    locked = Contact.objects.select_for_update().select_related("party").get(pk=contact.pk)
    after = Contact(party=locked.party, instrument=content.instrument, body=content.body)
    if not (
        user.has_perm("directory.change_contact", locked)
        and user.has_perm("directory.change_contact", after)
    ):
        raise PermissionDenied
    return _contact_write(locked, user=user, content=content)

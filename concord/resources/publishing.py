"""Registering an organization as an IATI publisher, or changing how it publishes.

The secretariat covering the body registers it. An IATI organisation identifier is the
registration agency's prefix (a code of the ``OrganisationRegistrationAgency`` codelist, such
as XM-DAC or GB-COH), a hyphen, and the organisation's number with that agency (XM-DAC-41301):
the prefix is checked against the codelist, the rest must be there, without spaces or the
characters IATI identifiers leave out (/ & | ?).

Once contributions published under a publisher (those of its body, and of the organs that have
no publisher nearer to them) are public, its identifier stays: each activity's IATI identifier
starts with it, and the IATI registry knows the activities by it. Its type may still change.
Saving it unchanged writes nothing.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concord.registry.models import Body
from concord.resources.iati.codelists import check_code, codelist
from concord.resources.iati.exporting import publisher_of, publishers
from concord.resources.models import Contribution, IatiPublisher

FORBIDDEN_CHARACTERS = set("/&|?")


def check_identifier(identifier: str, field: str = "identifier") -> str:
    """Return ``identifier`` if it is an agency's prefix, a hyphen and a number; else refuse."""
    agencies = codelist("OrganisationRegistrationAgency")
    if not identifier:
        raise ValidationError({field: _("Give the IATI organisation identifier.")})
    if any(c.isspace() or c in FORBIDDEN_CHARACTERS for c in identifier):
        raise ValidationError(
            {field: _("An IATI organisation identifier has no spaces and no / & | or ?.")}
        )
    parts = identifier.split("-")
    prefixes = ("-".join(parts[:n]) for n in range(1, len(parts)))
    if not any(prefix in agencies for prefix in prefixes) or not parts[-1]:
        raise ValidationError(
            {
                field: _(
                    "%(identifier)s does not start with a registration agency's prefix and a "
                    "hyphen (XM-DAC-41301: the agency XM-DAC, then the number)."
                )
                % {"identifier": identifier}
            }
        )
    return identifier


def bodies_publishing_under(body: Body) -> set[int]:
    """The ids of ``body`` and of its organs, however deep, that publish under it: those with
    no publisher of their own nor one nearer to them (as ``iati.exporting.publisher_of``)."""
    others = set(IatiPublisher.objects.exclude(body=body).values_list("body_id", flat=True))
    found = level = {body.pk}
    while level:
        level = (
            set(
                Body.objects.filter(parent_id__in=level)
                .exclude(pk__in=others)
                .values_list("pk", flat=True)
            )
            - found
        )
        found = found | level
    return found


def _check_identifier_kept(publisher: IatiPublisher, identifier: str) -> None:
    """Refuse to rename the activities the IATI registry knows: a new identifier for a publisher,
    or a new publisher for an organ, once their contributions are published under the old one."""
    if publisher.pk is not None:
        if identifier == publisher.identifier:
            return
        current = publisher.identifier
    else:
        above = publisher_of(publisher.body, publishers())
        if above is None:
            return
        current = above.identifier
    published = Contribution.objects.filter(
        published=True, organization_id__in=bodies_publishing_under(publisher.body)
    )
    if published.exists():
        raise ValidationError(
            {
                "identifier": _(
                    "Contributions are published to IATI under %(identifier)s: the IATI "
                    "registry knows their activities by it, so it stays."
                )
                % {"identifier": current}
            }
        )


def publisher_put(
    *, user: Any, body: Body, identifier: str, organisation_type: str
) -> IatiPublisher:
    """Register ``body`` as an IATI publisher, or change its identifier and type."""
    identifier = identifier.strip()
    with transaction.atomic():
        publisher = IatiPublisher.objects.select_for_update().filter(body=body).first()
        if publisher is None:
            if not user.has_perm("resources.add_iatipublisher", body):
                raise PermissionDenied(_("Only the organization's secretariat registers it."))
            publisher = IatiPublisher(body=body)
        elif not user.has_perm("resources.change_iatipublisher", publisher):
            raise PermissionDenied(_("Only the organization's secretariat changes it."))
        errors: dict[str, list[str]] = {}
        try:
            _check_identifier_kept(publisher, identifier)
            check_identifier(identifier)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        try:
            check_code("OrganisationType", organisation_type, "organisation_type")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        taken = IatiPublisher.objects.filter(identifier=identifier).exclude(body=body)
        if "identifier" not in errors and taken.exists():
            errors["identifier"] = [
                _("Another organization publishes as %(identifier)s already.")
                % {"identifier": identifier}
            ]
        if errors:
            raise ValidationError(errors)
        if (publisher.identifier, publisher.organisation_type) == (identifier, organisation_type):
            return publisher
        publisher.identifier = identifier
        publisher.organisation_type = organisation_type
        publisher._history_user = user
        try:
            with transaction.atomic():
                publisher.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "identifier": _("Another organization publishes as %(identifier)s already.")
                    % {"identifier": identifier}
                }
            ) from None
    return publisher

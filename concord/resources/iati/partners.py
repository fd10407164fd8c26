"""The resource partner of an IATI funding organisation: found, or recorded as a new party.

A partner is found by its IATI organisation identifier, then by a party whose code is the
identifier (or its slug), then by name as ingestion resolves names (aliases, alpha-3 codes).
An unknown one is recorded as a party (its kind from its IATI type: a State cannot be told from
its type, so a government is recorded as an organization) and as a partner; that needs
``registry.add_party`` and ``resources.add_resourcepartner``.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.text import slugify
from django.utils.translation import gettext as _

from concord.ingestion.resolver import Resolver
from concord.registry.models import Party, PartyKind
from concord.resources.iati.reading import Org
from concord.resources.iati.schema import IatiInvalid, IatiProblem
from concord.resources.models import ResourcePartner

# IATI organisation types whose kind of party is plain; the others are organizations.
PARTY_KIND = {
    "21": PartyKind.NGO,
    "22": PartyKind.NGO,
    "23": PartyKind.NGO,
    "24": PartyKind.NGO,
    "60": PartyKind.FOUNDATION,
    "70": PartyKind.PRIVATE,
    "71": PartyKind.PRIVATE,
    "72": PartyKind.PRIVATE,
    "73": PartyKind.PRIVATE,
}


def _fail(org: Org, message: str) -> IatiInvalid:
    return IatiInvalid([IatiProblem(org.line, org.tag, message)])


class PartnerFinder:
    """Finds or records the partners of one file (the registry read once)."""

    def __init__(self, user: Any, report: Any) -> None:
        self.user, self.report = user, report
        self._resolver: Resolver | None = None

    def party(self, org: Org) -> Party | None:
        if org.ref:
            by_code = Party.objects.filter(code__in={org.ref, slugify(org.ref)}).first()
            if by_code is not None:
                return by_code
        if self._resolver is None:
            self._resolver = Resolver()
        return self._resolver.party(org.name) if org.name else None

    def partner(self, org: Org) -> ResourcePartner:
        if org.ref:
            found = ResourcePartner.objects.select_related("party").filter(iati_identifier=org.ref)
            if found.first() is not None:
                return found.first()
        party = self.party(org)
        if party is not None and hasattr(party, "resource_partner"):
            return party.resource_partner
        if not org.type:
            message = _("%(name)s is not a resource partner yet: give its type to record it.")
            raise _fail(org, message % {"name": org.name or org.ref})
        if party is None:
            party = self.new_party(org)
        partner = ResourcePartner(
            party=party, organisation_type=org.type, iati_identifier=org.ref[:64]
        )
        if not self.user.has_perm("resources.add_resourcepartner", partner):
            raise PermissionDenied
        partner._history_user = self.user
        partner.save()
        self.report.partners += 1
        return partner

    def new_party(self, org: Org) -> Party:
        code = slugify(org.ref or org.name)[:64]
        if not code or not org.name:
            message = _("An unknown funding organisation needs a name and an identifier (ref).")
            raise _fail(org, message)
        party = Party(
            code=code, name=org.name[:255], kind=PARTY_KIND.get(org.type, PartyKind.ORGANIZATION)
        )
        if not self.user.has_perm("registry.add_party", party):
            message = _(
                "No party of the registry is %(name)s, and only a secretariat of all of "
                "Concord records new parties: add it to the registry first."
            )
            raise _fail(org, message % {"name": org.name})
        party._history_user = self.user
        party.save()
        if self._resolver is not None:
            self._resolver = None  # read the registry again, with the new party
        self.report.parties += 1
        return party

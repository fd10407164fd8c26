"""What a person may see of the resources, as querysets: the rules' answer for many at once.

Published contributions are public. The others are seen by the secretariat of the
organization that receives them (its body and the bodies above it) and by the partner itself;
never by another partner. ``resources.view_contribution`` answers the same for one record.
"""

from typing import Any

from django.db.models import Q, QuerySet

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.accounts.selectors import bodies_under
from concord.resources.models import Contribution


def secretariat_body_ids(user: Any) -> set[int] | None:
    """The organizations whose unpublished resources ``user`` sees as their secretariat; None
    for a secretariat of all of Concord (every organization)."""
    roles = [role for role in roles_of(user) if role.kind == RoleKind.SECRETARIAT]
    if any(role.body_id is None and role.instrument_id is None for role in roles):
        return None
    return bodies_under(role.body_id for role in roles if role.body_id)


def partner_party_ids(user: Any) -> set[int]:
    """The parties ``user`` acts for as a resource partner."""
    return {role.party_id for role in roles_of(user) if role.kind == RoleKind.RESOURCE_PARTNER}


def contributions_visible_to(user: Any) -> QuerySet[Contribution]:
    bodies = secretariat_body_ids(user)
    if bodies is None:
        return Contribution.objects.all()
    condition = Q(published=True) | Q(organization_id__in=bodies)
    parties = partner_party_ids(user)
    if parties:
        condition |= Q(partner__party_id__in=parties)
    return Contribution.objects.filter(condition)

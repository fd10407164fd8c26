"""Which party records a person sees: published ones, and every one to the party's people.

The party's people are the instrument's secretariat and the party's focal points and reviewers,
the same people as the rules' ``_party_people`` (``concord/accounts/rules.py``), asked here as
one queryset filter instead of one rule per row.
"""

from typing import Any

from django.db.models import Q

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.accounts.selectors import instruments_in_scope
from concord.registry.models import Publication


def party_people_filter(user: Any, *, instrument: str, party: str) -> Q:
    """Filter the records ``user`` sees as one of their party's people (drafts included).

    The instrument's secretariat (``instruments_in_scope``), and the party's focal points and
    reviewers: the same people as the rules' ``_party_people``. The party's people see nothing
    under an instrument that is not published, exactly as they cannot open its cycles
    (``selectors.cycles_visible``).
    """
    if not user.is_authenticated:
        return Q(pk__in=[])
    parties = {
        role.party_id
        for role in roles_of(user)
        if role.kind in (RoleKind.FOCAL_POINT, RoleKind.REVIEWER) and role.party_id
    }
    return Q(**{f"{instrument}__in": instruments_in_scope(user)}) | Q(
        **{f"{party}__in": parties, f"{instrument}__publication": Publication.PUBLISHED}
    )


def visible_filter(user: Any, *, instrument: str = "instrument", party: str = "party_id") -> Q:
    published = Q(
        published_at__isnull=False, **{f"{instrument}__publication": Publication.PUBLISHED}
    )
    return published | party_people_filter(user, instrument=instrument, party=party)

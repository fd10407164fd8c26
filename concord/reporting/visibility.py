"""Which party records a person sees: published ones, and every one to the party's people.

The party's people are the instrument's secretariat and the party's focal points and reviewers,
the same people as the rules' ``_party_people`` (``concord/accounts/rules.py``), asked here as
one queryset filter instead of one rule per row.
"""

from typing import Any

from django.db.models import Q, QuerySet

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.accounts.selectors import instruments_in_scope
from concord.registry.models import Instrument, Publication


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


def open_instruments_filter(user: Any, *, path: str = "") -> Q:
    """Filter what hangs on an instrument (at ``path``) that is published or in the caller's
    secretariat scope: the instruments whose cycles, plans and progress the caller may open."""
    prefix = f"{path}__" if path else ""
    visible = Q(**{f"{prefix}publication": Publication.PUBLISHED})
    if user.is_authenticated:
        visible |= Q(**{f"{path or 'pk'}__in": instruments_in_scope(user)})
    return visible


def instruments_open_to(user: Any) -> QuerySet[Instrument]:
    """The instruments published or in the caller's secretariat scope."""
    return Instrument.objects.filter(open_instruments_filter(user))

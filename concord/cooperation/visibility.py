"""Which requests a person may see, as querysets: the rules' answer for many records at once.

``concord.accounts.rules`` answers for one record (``cooperation.view_cooperationrequest``);
these filters give the same answer in SQL, so that lists, counts and exports never hold a
request the person may not open. Everyone else gets an empty queryset, never an error that
would tell them a request exists.
"""

from typing import Any

from django.db.models import Q, QuerySet

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.cooperation.models import CooperationRequest, PersonConcerned, RequestStatus
from concord.registry.models import Body


def _role_ids(user: Any, kind: str, field: str) -> set[int]:
    return {getattr(role, field) for role in roles_of(user) if role.kind == kind}


def officer_body_ids(user: Any) -> set[int]:
    """Return the bodies whose requests ``user`` follows as an officer: theirs and their organs."""
    roots = _role_ids(user, RoleKind.COOPERATION_OFFICER, "body_id")
    if not roots:
        return set()
    parents = dict(Body.objects.values_list("pk", "parent_id"))
    covered = set()
    for body_id in parents:
        seen, current = set(), body_id
        while current is not None and current not in seen:
            if current in roots:
                covered.add(body_id)
                break
            seen.add(current)
            current = parents.get(current)
    return covered


def central_party_ids(user: Any) -> set[int]:
    return _role_ids(user, RoleKind.CENTRAL_AUTHORITY, "party_id")


def requests_visible_to(user: Any) -> QuerySet[CooperationRequest]:
    """Return the requests ``user`` may see: as their body's officer, or their party's authority."""
    bodies, parties = officer_body_ids(user), central_party_ids(user)
    if not bodies and not parties:
        return CooperationRequest.objects.none()
    condition = Q(requesting_body_id__in=bodies) | (
        Q(party_id__in=parties) & ~Q(status=RequestStatus.DRAFT) & Q(sent_on__isnull=False)
    )
    return CooperationRequest.objects.filter(condition)


def persons_visible_to(user: Any) -> QuerySet[PersonConcerned]:
    """Return the persons concerned whose replies ``user`` may piece together (officers only)."""
    return PersonConcerned.objects.filter(requesting_body_id__in=officer_body_ids(user))

"""Writing requests: drafting, sending, following up, and the non-cooperation procedure.

The requesting body's officers draft a request and send it; the party's central authority
acknowledges it and says how far it is executed; either records the outcome. Each write checks
the permission on the request, runs in a transaction, names the person in the history, and
refuses bad input with a ``ValidationError`` keyed by field, leaving nothing written.
"""

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.cooperation.models import (
    CooperationRequest,
    NonCooperationStep,
    PersonConcerned,
    RequestStatus,
    StepKind,
)
from concord.cooperation.visibility import requests_visible_to
from concord.registry.models import Body, Party

REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
S = RequestStatus
# Where a request may go from each status; ``OFFICER_ONLY`` moves are the requesting body's.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SENT, S.WITHDRAWN},
    S.SENT: {S.ACKNOWLEDGED, S.IN_PROGRESS, S.PARTIALLY_EXECUTED, S.EXECUTED, S.NOT_EXECUTED},
    S.ACKNOWLEDGED: {S.IN_PROGRESS, S.PARTIALLY_EXECUTED, S.EXECUTED, S.NOT_EXECUTED},
    S.IN_PROGRESS: {S.PARTIALLY_EXECUTED, S.EXECUTED, S.NOT_EXECUTED},
    S.PARTIALLY_EXECUTED: {S.IN_PROGRESS, S.EXECUTED, S.NOT_EXECUTED},
    S.NOT_EXECUTED: {S.IN_PROGRESS, S.PARTIALLY_EXECUTED, S.EXECUTED},
    S.EXECUTED: set(),
    S.WITHDRAWN: set(),
}
for _open in (S.SENT, S.ACKNOWLEDGED, S.IN_PROGRESS, S.PARTIALLY_EXECUTED, S.NOT_EXECUTED):
    TRANSITIONS[_open].add(S.WITHDRAWN)
OFFICER_ONLY = {S.SENT, S.WITHDRAWN}

# What each side may write in a PATCH. Who asks whom, and for what, is fixed once sent.
OFFICER_FIELDS = {
    "legal_basis",
    "asked",
    "channel",
    "classification",
    "unseal_on",
    "deadline",
    "sent_on",
    "related",
    "status",
    "acknowledged_on",
    "executed_on",
}
DRAFT_FIELDS = {"kind", "party", "person"}
AUTHORITY_FIELDS = {"status", "acknowledged_on", "executed_on"}


def _reference(body: Body, year: int) -> str:
    """Return a new reference of ``body`` for ``year``: random, so it counts nothing.

    A sequence would tell a party how many requests the body made to others in between.
    """
    prefix = f"{(body.acronym or body.code).upper()}-{year}-"
    while True:
        reference = prefix + "".join(secrets.choice(REFERENCE_LETTERS) for _ in range(6))
        if not CooperationRequest.objects.filter(reference=reference).exists():
            return reference


def related_requests(user: Any, ids: Iterable[int], *, field: str = "related") -> list:
    """Return the requests with these ids that ``user`` may see; refuse any other id."""
    ids = set(ids)
    found = list(requests_visible_to(user).filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({field: _("No request with one of these ids.")})
    return found


@transaction.atomic
def request_create(
    *,
    user: Any,
    requesting_body: Body,
    party: Party,
    fields: Mapping[str, Any],
    person: PersonConcerned | None = None,
    related: Iterable[int] = (),
) -> CooperationRequest:
    """Draft a request of ``requesting_body`` to ``party`` (its cooperation officers)."""
    request = CooperationRequest(requesting_body=requesting_body, party=party, created_by=user)
    if not user.has_perm("cooperation.add_cooperationrequest", request):
        raise PermissionDenied
    if person is not None and person.requesting_body_id != requesting_body.pk:
        raise ValidationError({"person": _("The person concerned is another body's.")})
    request.person = person
    for name, value in fields.items():
        setattr(request, name, value.strip() if isinstance(value, str) else value)
    request.status = RequestStatus.DRAFT
    request.reference = _reference(requesting_body, timezone.localdate().year)
    request.full_clean()
    request._history_user = user
    request.save()
    request.related.set(related_requests(user, related))
    return request


def _check_status(request: CooperationRequest, new: str, *, officer: bool) -> None:
    if new == request.status:
        return
    if new not in TRANSITIONS.get(request.status, set()):
        raise ValidationError(
            {
                "status": _("A request cannot go from %(old)s to %(new)s.")
                % {"old": request.get_status_display(), "new": S(new).label}
            }
        )
    if new in OFFICER_ONLY and not officer:
        raise PermissionDenied


@transaction.atomic
def request_update(
    *, user: Any, request: CooperationRequest, changes: Mapping[str, Any]
) -> CooperationRequest:
    """Change a request: officers its content and outcome, the party's authority its progress.

    ``changes`` maps field names to new values (``related`` to a list of ids, ``party`` to a
    party, ``person`` to a person concerned). A field the person may not write is refused by
    name. Sending dates the request today unless ``sent_on`` is given.
    """
    locked = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    officer = user.has_perm("cooperation.change_cooperationrequest", locked)
    authority = user.has_perm("cooperation.answer_cooperationrequest", locked)
    if not officer and not authority:
        raise PermissionDenied
    allowed = (OFFICER_FIELDS if officer else set()) | (AUTHORITY_FIELDS if authority else set())
    if officer and locked.status == RequestStatus.DRAFT:
        allowed |= DRAFT_FIELDS
    refused = sorted(set(changes) - allowed)
    if refused:
        raise ValidationError(
            {name: _("You may not change this field of this request.") for name in refused}
        )
    if "status" in changes:
        _check_status(locked, changes["status"], officer=officer)
    related = changes.get("related")
    for name, value in changes.items():
        if name != "related":
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    _date_status(locked, set(changes))
    if "party" in changes and locked.assets_concerned.exclude(request=locked).exists():
        raise ValidationError(
            {"party": _("Assets another request reported are linked to this one: unlink them.")}
        )
    if locked.person_id and locked.person.requesting_body_id != locked.requesting_body_id:
        raise ValidationError({"person": _("The person concerned is another body's.")})
    locked.full_clean()
    locked._history_user = user
    locked.save()
    if related is not None:
        others = [r for r in related_requests(user, related) if r.pk != locked.pk]
        locked.related.set(others)
    return locked


def _date_status(request: CooperationRequest, changed: set[str]) -> None:
    """Date the moves that have a date of their own, unless the person gave it."""
    today = timezone.localdate()
    if request.status == S.SENT and request.sent_on is None:
        request.sent_on = today
    if request.status == S.ACKNOWLEDGED and request.acknowledged_on is None:
        request.acknowledged_on = today
    if request.status == S.EXECUTED and request.executed_on is None:
        request.executed_on = today
    if request.status not in (S.DRAFT, S.WITHDRAWN) and request.sent_on is None:
        raise ValidationError({"sent_on": _("A request that was sent has a date of sending.")})


@transaction.atomic
def person_create(
    *, user: Any, requesting_body: Body, name: str, case: str = "", fictitious: bool = False
) -> PersonConcerned:
    """Record a person concerned by a case of ``requesting_body`` (its officers)."""
    person = PersonConcerned(
        requesting_body=requesting_body, name=name.strip(), case=case.strip(), fictitious=fictitious
    )
    if not user.has_perm("cooperation.add_personconcerned", person):
        raise PermissionDenied
    person.full_clean()
    person._history_user = user
    person.save()
    return person


@transaction.atomic
def step_add(
    *, user: Any, request: CooperationRequest, kind: str, taken_on: dt.date, note: str = ""
) -> NonCooperationStep:
    """Record a step of the non-cooperation procedure; the first refers a request not executed."""
    locked = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    step = NonCooperationStep(
        request=locked, kind=kind, taken_on=taken_on, note=note.strip(), recorded_by=user
    )
    if not user.has_perm("cooperation.add_noncooperationstep", locked):
        raise PermissionDenied
    if locked.status not in (S.NOT_EXECUTED, S.PARTIALLY_EXECUTED):
        raise ValidationError(
            {"kind": _("Only a request not (fully) executed is referred to the procedure.")}
        )
    taken = list(locked.steps.values_list("kind", flat=True))
    if not taken and kind != StepKind.REFERRED:
        raise ValidationError({"kind": _("The procedure begins with the referral.")})
    if StepKind.CLOSED in taken:
        raise ValidationError({"kind": _("The procedure is closed: it takes no more steps.")})
    step.full_clean()
    step._history_user = user
    step.save()
    return step

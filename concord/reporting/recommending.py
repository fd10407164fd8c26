"""Recommendations to a party: issuing, correcting, publishing, following up, and reading them.

A recommendation is the reviewers' (and the secretariat's) draft until the secretariat publishes
it; from then on the public sees it and its wording is fixed: text, provisions, priority and
due date no longer change, so that what was recommended stays what the party answers to. Its
follow-up (status and the party's response) goes on, each one kept as a RecommendationUpdate.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.registry.models import Party, Provision
from concord.reporting.models import (
    FollowUp,
    Priority,
    Recommendation,
    RecommendationUpdate,
    ReportingCycle,
    Review,
)
from concord.reporting.reviewing import check_text
from concord.reporting.visibility import visible_filter


def recommendations_visible(user: Any) -> QuerySet[Recommendation]:
    """Return the recommendations the caller may read, as one query.

    Published ones on published instruments, for everyone; every one to the secretariat of its
    instrument and to its party's focal points and reviewers (``reporting.view_recommendation``).
    """
    return Recommendation.objects.filter(
        visible_filter(user, instrument="cycle__instrument")
    ).select_related("cycle__instrument", "party")


def _check_wording(
    *,
    text: str | None,
    priority: str | None,
    provisions: Iterable[Provision] | None,
    cycle: ReportingCycle,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if text is not None:
        problem = check_text(text)
        if problem or not text.strip():
            errors["text"] = [problem or _("Say what the party is asked to do.")]
    if priority is not None and priority not in Priority.values:
        errors["priority"] = [
            _("Expected one of: %(allowed)s.") % {"allowed": ", ".join(Priority.values)}
        ]
    if provisions is not None:
        foreign = [p.ref for p in provisions if p.instrument_id != cycle.instrument_id]
        if foreign:
            errors["provisions"] = [
                _("Not provisions of the cycle's instrument: %(refs)s.")
                % {"refs": ", ".join(foreign)}
            ]
    return errors


@transaction.atomic
def recommendation_issue(
    *,
    cycle: ReportingCycle,
    party: Party,
    user,
    text: str,
    provisions: Iterable[Provision] = (),
    priority: str = Priority.MEDIUM,
    due_date: dt.date | None = None,
    review: Review | None = None,
) -> Recommendation:
    """Issue a recommendation to a party reporting in the cycle, unpublished.

    The party's reviewers and the instrument's secretariat only. ``provisions`` must be of the
    cycle's instrument; ``review``, when given, a review of the party's submission to the cycle.
    """
    recommendation = Recommendation(cycle=cycle, party=party)
    if not user.has_perm("reporting.add_recommendation", recommendation):
        raise PermissionDenied
    provisions = list(provisions)
    errors = _check_wording(text=text, priority=priority, provisions=provisions, cycle=cycle)
    if not cycle.parties.filter(pk=party.pk).exists():
        errors["party"] = [_("This party does not report in this cycle.")]
    if review is not None and (
        review.submission.cycle_id != cycle.pk or review.submission.party_id != party.pk
    ):
        errors["review"] = [_("Not a review of this party's submission to this cycle.")]
    if errors:
        raise ValidationError(errors)
    recommendation.text = text
    recommendation.priority = priority
    recommendation.due_date = due_date
    recommendation.review = review
    recommendation.issued_by = user
    recommendation._history_user = user
    recommendation.save()
    recommendation.provisions.set(provisions)
    return recommendation


UNCHANGED: Any = object()


@transaction.atomic
def recommendation_change(
    *,
    recommendation: Recommendation,
    user,
    text: str | None = None,
    priority: str | None = None,
    due_date: dt.date | None = UNCHANGED,
    provisions: Iterable[Provision] | None = None,
) -> Recommendation:
    """Correct an unpublished recommendation's wording; what is not given stays as it is.

    The party's reviewers and the instrument's secretariat only; ``due_date=None`` clears it.
    Once published, the wording is fixed (ValidationError on ``published_at``).
    """
    if not user.has_perm("reporting.change_recommendation", recommendation):
        raise PermissionDenied
    locked = (
        Recommendation.objects.select_for_update().select_related("cycle").get(pk=recommendation.pk)
    )
    if locked.is_published:
        raise ValidationError(
            {"published_at": _("A published recommendation is not changed any more.")}
        )
    provisions = None if provisions is None else list(provisions)
    errors = _check_wording(text=text, priority=priority, provisions=provisions, cycle=locked.cycle)
    if errors:
        raise ValidationError(errors)
    if text is not None:
        locked.text = text
    if priority is not None:
        locked.priority = priority
    if due_date is not UNCHANGED:
        locked.due_date = due_date
    locked._history_user = user
    locked.save()
    if provisions is not None:
        locked.provisions.set(provisions)
    return locked


@transaction.atomic
def recommendation_publish(*, recommendation: Recommendation, user) -> Recommendation:
    """Make a recommendation public (the instrument's secretariat only), once."""
    if not user.has_perm("reporting.publish_recommendation", recommendation):
        raise PermissionDenied
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if locked.is_published:
        raise ValidationError({"published_at": _("This recommendation is already published.")})
    locked.published_at = timezone.now()
    locked._history_user = user
    locked.save(update_fields=["published_at"])
    return locked


@transaction.atomic
def recommendation_follow_up(
    *,
    recommendation: Recommendation,
    user,
    status: str,
    response: str = "",
    cycle: ReportingCycle | None = None,
) -> RecommendationUpdate:
    """Record where the party stands on a recommendation, and make it its current status.

    The party's focal points and the instrument's secretariat only. ``cycle``, the later cycle
    the follow-up is reported in, must be a cycle of the same instrument.
    """
    if not user.has_perm("reporting.respond_recommendation", recommendation):
        raise PermissionDenied
    locked = (
        Recommendation.objects.select_for_update().select_related("cycle").get(pk=recommendation.pk)
    )
    errors: dict[str, list[str]] = {}
    if status not in FollowUp.values:
        errors["status"] = [
            _("Expected one of: %(allowed)s.") % {"allowed": ", ".join(FollowUp.values)}
        ]
    problem = check_text(response)
    if problem:
        errors["response"] = [problem]
    if cycle is not None and cycle.instrument_id != locked.cycle.instrument_id:
        errors["cycle"] = [_("Not a cycle of the recommendation's instrument.")]
    if errors:
        raise ValidationError(errors)
    update = RecommendationUpdate(
        recommendation=locked, cycle=cycle, status=status, response=response, author=user
    )
    update._history_user = user
    update.save()
    locked.status = status
    locked.response = response
    locked._history_user = user
    locked.save(update_fields=["status", "response"])
    return update

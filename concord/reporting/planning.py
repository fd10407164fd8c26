"""Parties' implementation plans: who sees which planned actions and projects, and the writes.

A party's planned actions and reform projects are its focal points' drafts until they publish
them; then everyone sees them (while their instrument is published). Before that, only the
people ``reporting.view_planaction`` names see them: the party's focal points and reviewers and
the instrument's secretariat. The selectors ask the same of the database, as filters.
Reform projects' writes are in ``concord.reporting.projects``.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.accounts.selectors import instruments_open_to
from concord.registry.models import Instrument, Party, Provision
from concord.reporting.models import (
    PlanAction,
    PlanStatus,
    Recommendation,
    ReformProject,
)
from concord.reporting.recommending import recommendations_visible
from concord.reporting.visibility import visible_filter

# Selectors ----------------------------------------------------------------------------------


def actions_visible(user: Any) -> QuerySet[PlanAction]:
    """Return the planned actions ``user`` sees, with what they answer (as far as visible)."""
    answered = recommendations_visible(user)
    return (
        PlanAction.objects.filter(visible_filter(user))
        .select_related("party", "instrument")
        .prefetch_related(
            Prefetch("recommendations", queryset=answered.select_related("cycle").order_by("pk")),
            Prefetch(
                "provisions",
                queryset=Provision.objects.select_related("instrument").order_by("seq"),
            ),
        )
    )


def projects_visible(user: Any) -> QuerySet[ReformProject]:
    """Return the reform projects ``user`` sees, with their support needs and reviews."""
    return (
        ReformProject.objects.filter(visible_filter(user))
        .select_related("party", "instrument")
        .prefetch_related(
            "support_needs",
            "reviews",
            Prefetch("provisions", queryset=Provision.objects.order_by("seq")),
        )
    )


@dataclass
class PlanGroup:
    """The actions answering one recommendation, or one provision, or neither."""

    recommendation: Recommendation | None = None
    provision: Provision | None = None
    actions: list[PlanAction] = field(default_factory=list)


def plan_groups(actions: Iterable[PlanAction]) -> list[PlanGroup]:
    """Group actions by the recommendations, then the provisions, they answer; the rest last.

    An action answering two recommendations is listed under each; the actions must come with
    their (visible) recommendations and provisions prefetched, as ``actions_visible`` gives them.
    """
    by_recommendation: dict[int, PlanGroup] = {}
    by_provision: dict[int, PlanGroup] = {}
    unattached = PlanGroup()
    for action in actions:
        recommendations = list(action.recommendations.all())
        provisions = list(action.provisions.all())
        for recommendation in recommendations:
            group = by_recommendation.setdefault(
                recommendation.pk, PlanGroup(recommendation=recommendation)
            )
            group.actions.append(action)
        for provision in provisions:
            group = by_provision.setdefault(provision.pk, PlanGroup(provision=provision))
            group.actions.append(action)
        if not recommendations and not provisions:
            unattached.actions.append(action)
    groups = sorted(
        by_recommendation.values(),
        key=lambda g: (g.recommendation.cycle.opens_on, g.recommendation.pk),
    )
    groups += sorted(
        by_provision.values(), key=lambda g: (g.provision.instrument_id, g.provision.seq)
    )
    return groups + ([unattached] if unattached.actions else [])


# What the API shows ----------------------------------------------------------------------


def action_data(action: PlanAction) -> dict:
    """Return an action as the API shows it (its recommendations as far as prefetched)."""
    return {
        "id": action.pk,
        "party": action.party.code,
        "instrument": action.instrument_id,
        **{
            name: getattr(action, name)
            for name in ("title", "description", "lead_institution", "partners", "indicators")
        },
        "due_date": action.due_date,
        "status": action.status,
        "recommendations": [r.pk for r in action.recommendations.all()],
        "provisions": [p.ref for p in action.provisions.all()],
        "published_at": action.published_at,
    }


# Lookups by what a person writes: a party's code, an id, provision references -------------


def _unknown(field: str, values: Iterable[Any]) -> ValidationError:
    listed = ", ".join(sorted(str(v) for v in values))
    return ValidationError({field: _("Unknown: %(values)s.") % {"values": listed}})


def party_named(code: str) -> Party:
    party = Party.objects.filter(code=code).first()
    if party is None:
        raise _unknown("party", [code])
    return party


def instrument_named(user: Any, instrument_id: int) -> Instrument:
    """Return the instrument if ``user`` may plan under it (see ``instruments_open_to``)."""
    instrument = instruments_open_to(user).filter(pk=instrument_id).first()
    if instrument is None:
        raise ValidationError(
            {"instrument": _("No published instrument with id %(id)s.") % {"id": instrument_id}}
        )
    return instrument


def provisions_named(instrument_id: int, refs: Iterable[str]) -> list[Provision]:
    refs = set(refs)
    found = list(Provision.objects.filter(instrument_id=instrument_id, ref__in=refs))
    unknown = refs - {p.ref for p in found}
    if unknown:
        raise _unknown("provisions", unknown)
    return found


def recommendations_named(user: Any, ids: Iterable[int]) -> list[Recommendation]:
    """Return the recommendations with these ids; one ``user`` may not see is unknown."""
    ids = set(ids)
    visible = recommendations_visible(user)
    found = list(visible.filter(pk__in=ids).select_related("cycle"))
    unknown = ids - {r.pk for r in found}
    if unknown:
        raise _unknown("recommendations", unknown)
    return found


# Writes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionContent:
    """What a planned action says, as a person writes it."""

    title: str
    lead_institution: str
    description: str = ""
    partners: str = ""
    due_date: dt.date | None = None
    status: str = PlanStatus.PLANNED
    indicators: str = ""
    recommendations: Sequence[Recommendation] = ()
    provisions: Sequence[Provision] = ()


def check_instrument_open(user: Any, instrument: Instrument) -> None:
    """Refuse an instrument that is neither published nor in ``user``'s secretariat scope."""
    instrument_named(user, instrument.pk)


def check_provisions(instrument_id: int, provisions: Iterable[Provision]) -> None:
    foreign = [p.ref for p in provisions if p.instrument_id != instrument_id]
    if foreign:
        raise ValidationError(
            {
                "provisions": _("Not provisions of this instrument: %(refs)s.")
                % {"refs": ", ".join(foreign)}
            }
        )


def check_recommendations(
    party: Party, instrument_id: int, recommendations: Iterable[Recommendation]
) -> None:
    """Refuse recommendations to another party, or issued in a cycle of another instrument."""
    foreign = [
        str(r.pk)
        for r in recommendations
        if r.party_id != party.pk or r.cycle.instrument_id != instrument_id
    ]
    if foreign:
        raise ValidationError(
            {
                "recommendations": _(
                    "Not recommendations to %(party)s under this instrument: %(ids)s."
                )
                % {"party": party.name, "ids": ", ".join(foreign)}
            }
        )


def _action_write(action: PlanAction, *, user: Any, content: ActionContent) -> PlanAction:
    check_provisions(action.instrument_id, content.provisions)
    check_recommendations(action.party, action.instrument_id, content.recommendations)
    for name in ("title", "lead_institution", "description", "partners", "indicators"):
        setattr(action, name, getattr(content, name).strip())
    action.due_date = content.due_date
    action.status = content.status
    action.full_clean()
    action._history_user = user
    action.save()
    action.recommendations.set(content.recommendations)
    action.provisions.set(content.provisions)
    return action


@transaction.atomic
def action_create(
    *, user: Any, party: Party, instrument: Instrument, content: ActionContent
) -> PlanAction:
    """Add a draft action to ``party``'s implementation plan (its focal points only)."""
    action = PlanAction(party=party, instrument=instrument, created_by=user)
    if not user.has_perm("reporting.add_planaction", action):
        raise PermissionDenied
    check_instrument_open(user, instrument)
    return _action_write(action, user=user, content=content)


@transaction.atomic
def action_update(*, action: PlanAction, user: Any, content: ActionContent) -> PlanAction:
    """Replace what a planned action says, published or not (its party's focal points only)."""
    if not user.has_perm("reporting.change_planaction", action):
        raise PermissionDenied
    locked = PlanAction.objects.select_for_update().select_related("party").get(pk=action.pk)
    return _action_write(locked, user=user, content=content)


@transaction.atomic
def action_publish(*, action: PlanAction, user: Any) -> PlanAction:
    """Make a draft action public (its party's focal points only); publishing twice is refused."""
    if not user.has_perm("reporting.publish_planaction", action):
        raise PermissionDenied
    locked = PlanAction.objects.select_for_update().get(pk=action.pk)
    if locked.is_published:
        raise ValidationError({"published_at": _("This action is already published.")})
    locked.published_at = timezone.now()
    locked._history_user = user
    locked.save(update_fields=["published_at"])
    return locked

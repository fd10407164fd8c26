"""What each person has to do in reporting, by the roles they hold today.

Every selector here reads only what the person may see: a focal point's or a reviewer's work is
that of their own parties, a secretariat's that of the instruments in its scope.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.accounts.selectors import instruments_in_scope
from concord.registry.models import Party
from concord.reporting.deadlines import HANDED_IN, cycle_zone, is_past
from concord.reporting.models import (
    EDITABLE,
    FollowUp,
    Question,
    Recommendation,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)
from concord.reporting.selectors import cycles_visible

# A recommendation is answered once it is implemented; every other follow-up status asks more.
ANSWERED = (FollowUp.IMPLEMENTED,)


@dataclass
class OpenCycle:
    """A cycle a party must report in, open today, with what the party has done so far."""

    cycle: ReportingCycle
    party: Party
    days_left: int
    submission: Submission | None


@dataclass
class FiguresToGive:
    """An open cycle asking a party the figures of indicators the person's body reports."""

    cycle: ReportingCycle
    party: Party
    days_left: int
    questions: int
    submission: Submission | None


@dataclass
class CycleProgress:
    """A cycle as its secretariat follows it: submissions by status, and the parties late."""

    cycle: ReportingCycle
    counts: dict[str, int]
    not_started: int
    late: list[Party] = field(default_factory=list)


def party_ids_of(user: Any, kind: str) -> set[int]:
    return {role.party_id for role in roles_of(user) if role.kind == kind and role.party_id}


def today_for(cycle: ReportingCycle, now: dt.datetime | None = None) -> dt.date:
    """Today's date where the cycle's deadline falls (the body's time zone)."""
    return timezone.localtime(now or timezone.now(), cycle_zone(cycle)).date()


def open_cycles(user: Any, party_ids: set[int], now: dt.datetime | None = None) -> list[OpenCycle]:
    """The cycles the parties must report in that have opened and whose deadline is not past.

    Each with the days left until the deadline (0 on its last day) and the party's submission.
    """
    now = now or timezone.now()
    # A day's margin either side: the exact check is made in each body's time zone below.
    today = now.date()
    cycles = (
        visible_cycles(user)
        .filter(
            parties__in=party_ids,
            opens_on__lte=today + dt.timedelta(days=1),
            deadline__gte=today - dt.timedelta(days=1),
        )
        .distinct()
        .select_related("instrument__body__parent")
        .prefetch_related(Prefetch("parties", queryset=Party.objects.filter(pk__in=party_ids)))
        .order_by("deadline", "id")
    )
    cycles = [c for c in cycles if c.opens_on <= today_for(c, now) and not is_past(c, now)]
    submissions = {
        (s.cycle_id, s.party_id): s
        for s in Submission.objects.filter(cycle__in=cycles, party__in=party_ids)
    }
    return [
        OpenCycle(
            cycle=cycle,
            party=party,
            days_left=(cycle.deadline - today_for(cycle, now)).days,
            submission=submissions.get((cycle.pk, party.pk)),
        )
        for cycle in cycles
        for party in cycle.parties.all()
    ]


def figures_to_give(user: Any, now: dt.datetime | None = None) -> list[FiguresToGive]:
    """The open cycles asking the figures a responsible body reports, for each of its parties.

    A national body (a ministry) reports its own party's figures; a body of no party, any's.
    """
    bodies = {
        role.body_id: role.body.party_id
        for role in roles_of(user)
        if role.kind == RoleKind.RESPONSIBLE_BODY and role.body_id
    }
    if not bodies:
        return []
    now = now or timezone.now()
    today = now.date()
    cycles = (
        visible_cycles(user)
        .filter(
            questions__indicator__responsible_body__in=bodies,
            opens_on__lte=today + dt.timedelta(days=1),
            deadline__gte=today - dt.timedelta(days=1),
        )
        .distinct()
        .select_related("instrument__body__parent")
        .prefetch_related(Prefetch("parties", queryset=Party.objects.order_by("name")))
        .order_by("deadline", "id")
    )
    cycles = [c for c in cycles if c.opens_on <= today_for(c, now) and not is_past(c, now)]
    asked: dict[int, list[int | None]] = {}
    for cycle_id, body_id in Question.objects.filter(
        cycle__in=cycles, indicator__responsible_body__in=bodies
    ).values_list("cycle_id", "indicator__responsible_body_id"):
        asked.setdefault(cycle_id, []).append(bodies[body_id])
    submissions = {(s.cycle_id, s.party_id): s for s in Submission.objects.filter(cycle__in=cycles)}
    found = []
    for cycle in cycles:
        for party in cycle.parties.all():
            count = sum(1 for owner in asked.get(cycle.pk, []) if owner in (None, party.pk))
            if count:
                found.append(
                    FiguresToGive(
                        cycle=cycle,
                        party=party,
                        days_left=(cycle.deadline - today_for(cycle, now)).days,
                        questions=count,
                        submission=submissions.get((cycle.pk, party.pk)),
                    )
                )
    return found


def visible_cycles(user: Any) -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.filter(pk__in=cycles_visible(user).values("pk"))


def submissions_of(
    user: Any, party_ids: set[int], statuses: tuple[str, ...]
) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(
            cycle__in=visible_cycles(user), party__in=party_ids, status__in=statuses
        )
        .select_related("cycle__instrument", "party")
        .order_by("cycle__deadline", "cycle_id", "party__name")
    )


def focal_point_drafts(user: Any, party_ids: set[int]) -> QuerySet[Submission]:
    """The parties' submissions still theirs to finish: drafts and those returned."""
    return submissions_of(user, party_ids, tuple(EDITABLE))


def recommendations_to_answer(user: Any, party_ids: set[int]) -> QuerySet[Recommendation]:
    """The parties' recommendations not yet implemented, soonest due first."""
    return (
        Recommendation.objects.filter(cycle__in=visible_cycles(user), party__in=party_ids)
        .exclude(status__in=ANSWERED)
        .select_related("cycle__instrument", "party")
        .order_by("due_date", "id")
    )


def waiting_for_review(user: Any, party_ids: set[int]) -> QuerySet[Submission]:
    """The parties' submitted submissions, waiting to be returned or accepted."""
    return submissions_of(user, party_ids, (SubmissionStatus.SUBMITTED,))


def secretariat_cycles(user: Any, now: dt.datetime | None = None) -> list[CycleProgress]:
    """The cycles of the instruments the person runs, with counts by status and late parties."""
    now = now or timezone.now()
    cycles = list(
        ReportingCycle.objects.filter(instrument__in=instruments_in_scope(user))
        .select_related("instrument__body__parent")
        .prefetch_related(Prefetch("parties", queryset=Party.objects.order_by("name")))
        .order_by("-deadline", "-id")
    )
    counts: dict[int, Counter] = {cycle.pk: Counter() for cycle in cycles}
    handed_in: dict[int, set[int]] = {cycle.pk: set() for cycle in cycles}
    rows = (
        Submission.objects.filter(cycle__in=cycles)
        .values("cycle_id", "status")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["cycle_id"]][row["status"]] = row["n"]
    for cycle_id, party_id in Submission.objects.filter(
        cycle__in=cycles, status__in=HANDED_IN
    ).values_list("cycle_id", "party_id"):
        handed_in[cycle_id].add(party_id)
    progress = []
    for cycle in cycles:
        parties = list(cycle.parties.all())
        started = sum(counts[cycle.pk].values())
        late = (
            [p for p in parties if p.pk not in handed_in[cycle.pk]] if is_past(cycle, now) else []
        )
        progress.append(
            CycleProgress(
                cycle=cycle,
                counts={status: counts[cycle.pk][status] for status in SubmissionStatus.values},
                not_started=max(len(parties) - started, 0),
                late=late,
            )
        )
    return progress


@dataclass
class Dashboard:
    """One person's reporting work, a section for each role they hold."""

    is_focal_point: bool
    is_reviewer: bool
    is_secretariat: bool
    is_responsible_body: bool
    open_cycles: list[OpenCycle]
    drafts: list[Submission]
    recommendations: list[Recommendation]
    to_review: list[Submission]
    cycles: list[CycleProgress]
    figures: list[FiguresToGive]


def dashboard_for(user: Any, now: dt.datetime | None = None) -> Dashboard:
    focal = party_ids_of(user, RoleKind.FOCAL_POINT)
    reviewed = party_ids_of(user, RoleKind.REVIEWER)
    is_secretariat = any(role.kind == RoleKind.SECRETARIAT for role in roles_of(user))
    is_responsible_body = any(role.kind == RoleKind.RESPONSIBLE_BODY for role in roles_of(user))
    return Dashboard(
        is_focal_point=bool(focal),
        is_reviewer=bool(reviewed),
        is_secretariat=is_secretariat,
        is_responsible_body=is_responsible_body,
        open_cycles=open_cycles(user, focal, now) if focal else [],
        drafts=list(focal_point_drafts(user, focal)) if focal else [],
        recommendations=list(recommendations_to_answer(user, focal)) if focal else [],
        to_review=list(waiting_for_review(user, reviewed)) if reviewed else [],
        cycles=secretariat_cycles(user, now) if is_secretariat else [],
        figures=figures_to_give(user, now) if is_responsible_body else [],
    )

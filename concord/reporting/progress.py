"""Reads of progress: the matrix of parties x provisions, change between cycles, scorecards.

What anyone sees: the status answers of published submissions. A party's focal points and
reviewers, and the instrument's secretariat (``reporting.view_submission``), also see that
party's submitted, returned and accepted answers, marked with the submission's status. Drafts
are never shown: they are not reported yet.
"""

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concord.accounts.selectors import instruments_open_to
from concord.registry.models import Group, Instrument, Party, Provision
from concord.reporting import selectors
from concord.reporting.answers import (
    SCALE_STATUSES,
    AnswerType,
    ImplementationStatus,
)
from concord.reporting.models import (
    Answer,
    FollowUp,
    Phase,
    Recommendation,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)

# Unpublished submissions shown to the party's own people and the secretariat.
REPORTED = (SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED)
ADVANCED = (ImplementationStatus.LARGELY, ImplementationStatus.FULLY)
RANK = {status: rank for rank, status in enumerate(ImplementationStatus.values)}
STATUS_LABELS = {
    value: label for statuses in SCALE_STATUSES.values() for value, label in statuses.choices
}


class Change(models.TextChoices):
    IMPROVED = "improved", gettext_lazy("Improved")
    HELD = "held", gettext_lazy("Held")
    WORSENED = "worsened", gettext_lazy("Worsened")
    NEW = "new", gettext_lazy("New")


def change_between(earlier: str | None, now: str) -> str | None:
    """Say how a status moved from ``earlier`` along the implementation scale's order.

    Statuses off that scale (a response to a recommendation) only hold or are new.
    """
    if earlier is None:
        return Change.NEW
    if earlier == now:
        return Change.HELD
    if earlier in RANK and now in RANK:
        return Change.IMPROVED if RANK[now] > RANK[earlier] else Change.WORSENED
    return None


@dataclass(frozen=True)
class Cell:
    status: str
    earlier: str | None = None
    change: str | None = None


@dataclass
class Row:
    party: Party
    submission_status: str | None
    cells: list[Cell | None]


@dataclass
class Matrix:
    instrument: Instrument
    cycle: ReportingCycle | None
    compare: ReportingCycle | None
    provisions: list[Provision]
    rows: list[Row]


# Lookups ----------------------------------------------------------------------------------


def instrument_visible(user: Any, instrument_id: int) -> Instrument | None:
    """Return the instrument if published or run by the caller as its secretariat, else None."""
    return instruments_open_to(user).filter(pk=instrument_id).select_related("body").first()


def cycles_of(user: Any, instrument: Instrument) -> QuerySet[ReportingCycle]:
    """Return the instrument's cycles the caller can see, newest first."""
    return (
        selectors.cycles_visible(user)
        .prefetch_related(None)
        .filter(instrument=instrument)
        .order_by("-opens_on", "-id")
    )


def cycle_of(user: Any, instrument: Instrument, cycle_id: int | None, name: str) -> Any:
    """Return a cycle of ``instrument`` (the newest one when no id is given), or None.

    An id that is not a cycle of the instrument the caller can see is refused on ``name``.
    """
    cycles = cycles_of(user, instrument)
    if cycle_id is None:
        return cycles.first()
    cycle = cycles.filter(pk=cycle_id).first()
    if cycle is None:
        raise ValidationError(
            {name: _("No reporting cycle %(id)s of this instrument.") % {"id": cycle_id}}
        )
    return cycle


def _check_statuses(statuses: Sequence[str]) -> None:
    unknown = sorted(set(statuses) - set(STATUS_LABELS))
    if unknown:
        raise ValidationError(
            {
                "status": _("Not a status: %(unknown)s. Expected one of: %(allowed)s.")
                % {"unknown": ", ".join(unknown), "allowed": ", ".join(STATUS_LABELS)}
            }
        )


# The matrix -------------------------------------------------------------------------------


def visible_submissions(
    user: Any, cycle: ReportingCycle, parties: dict[int, Party]
) -> dict[int, tuple[int, str]]:
    """Return ``{submission id: (party id, status)}`` of the submissions the caller sees here."""
    found = (
        Submission.objects.filter(cycle=cycle, party_id__in=parties)
        .exclude(status=SubmissionStatus.DRAFT)
        .values_list("pk", "party_id", "status")
    )
    visible = {}
    for pk, party_id, status in found:
        submission = Submission(pk=pk, cycle=cycle, party=parties[party_id], status=status)
        if status == SubmissionStatus.PUBLISHED or (
            status in REPORTED and user.has_perm("reporting.view_submission", submission)
        ):
            visible[pk] = (party_id, status)
    return visible


def statuses_of(
    submissions: dict[int, tuple[int, str]], provision_ids: set[int] | None = None
) -> dict[int, dict[int, str]]:
    """Return ``{key: {provision id: status}}`` from the submissions' status answers.

    ``submissions`` maps each submission's id to ``(key, status)``. Values are read as JSON
    text and each distinct text decoded once: decoding 200,000 of them one by one would cost
    more than the query.
    """
    found: dict[int, dict[int, str]] = defaultdict(dict)
    if not submissions:
        return found
    answers = Answer.objects.filter(
        submission_id__in=submissions,
        question__answer_type=AnswerType.STATUS,
        question__provision__isnull=False,
    )
    if provision_ids is not None:
        answers = answers.filter(question__provision_id__in=provision_ids)
    rows = answers.annotate(text=Cast("value", TextField())).values_list(
        "submission_id", "question__provision_id", "text"
    )
    decoded: dict[str, str] = {}
    for submission_id, provision_id, text in rows:
        status = decoded.get(text)
        if status is None:
            status = decoded[text] = json.loads(text)
        found[submissions[submission_id][0]][provision_id] = status
    return found


def progress_matrix(
    *,
    user: Any,
    instrument: Instrument,
    cycle: ReportingCycle | None,
    compare: ReportingCycle | None = None,
    parties: Sequence[str] = (),
    group: str = "",
    provisions: Sequence[str] = (),
    statuses: Sequence[str] = (),
) -> Matrix:
    """Return the cycle's parties x provisions in scope, each cell the status the caller may see.

    ``parties`` (codes), ``group`` (slug), ``provisions`` (refs) and ``statuses`` narrow it; with
    ``statuses``, only matching cells stay, and the parties and provisions without any go.
    ``compare`` (another cycle of the instrument) gives each cell its earlier status and change.
    """
    _check_statuses(statuses)
    if group and not Group.objects.filter(slug=group).exists():
        raise ValidationError({"group": _("No group %(slug)s.") % {"slug": group}})
    if compare is not None and cycle is not None and compare.pk == cycle.pk:
        raise ValidationError({"compare": _("Compare with another cycle of this instrument.")})
    if cycle is None:
        return Matrix(instrument, None, compare, [], [])
    party_qs = cycle.parties.order_by("name", "code")
    if parties:
        party_qs = party_qs.filter(code__in=parties)
    if group:
        party_qs = party_qs.filter(memberships__group__slug=group).distinct()
    by_id = {party.pk: party for party in party_qs}
    provision_qs = cycle.provisions.order_by("seq").only("pk", "ref", "seq", "instrument_id")
    if provisions:
        provision_qs = provision_qs.filter(ref__in=provisions)
    columns = list(provision_qs)
    narrowed = {p.pk for p in columns} if provisions else None

    shown = visible_submissions(user, cycle, by_id)
    now = statuses_of(shown, narrowed)
    earlier = {}
    if compare is not None:
        earlier = statuses_of(visible_submissions(user, compare, by_id), narrowed)
    status_of_party = {party_id: status for party_id, status in shown.values()}
    wanted = set(statuses)
    made: dict[tuple[str, str | None], Cell] = {}

    def cell_of(status: str, before: str | None) -> Cell:
        """The same few cells again and again: make each once."""
        cell = made.get((status, before))
        if cell is None:
            change = change_between(before, status) if compare is not None else None
            cell = made[status, before] = Cell(status, before, change)
        return cell

    column_ids = [provision.pk for provision in columns]
    rows = []
    for party_id, party in by_id.items():
        found = now.get(party_id, {})
        if wanted:
            found = {pk: status for pk, status in found.items() if status in wanted}
        before = earlier.get(party_id, {})
        cells = [cell_of(found[pk], before.get(pk)) if pk in found else None for pk in column_ids]
        rows.append(Row(party, status_of_party.get(party_id), cells))
    if wanted:
        rows, columns = _without_empty(rows, columns)
    return Matrix(instrument, cycle, compare, columns, rows)


def _without_empty(rows: list[Row], columns: list[Provision]) -> tuple[list[Row], list[Provision]]:
    kept_rows = [row for row in rows if any(row.cells)]
    kept = [i for i in range(len(columns)) if any(row.cells[i] for row in kept_rows)]
    for row in kept_rows:
        row.cells = [row.cells[i] for i in kept]
    return kept_rows, [columns[i] for i in kept]


# The scorecard ----------------------------------------------------------------------------


@dataclass
class CycleScore:
    cycle: ReportingCycle
    submission_status: str | None
    in_scope: int
    counts: dict[str, int]
    not_answered: int
    advanced_share: float | None
    baseline: ReportingCycle | None = None
    share_change: float | None = None
    changes: dict[str, int] = field(default_factory=dict)


@dataclass
class InstrumentScore:
    instrument: Instrument
    cycles: list[CycleScore]
    recommendations: dict[str, int]


def _baseline(cycles: list[ReportingCycle]) -> ReportingCycle:
    """The stocktaking the later cycles are measured against: the first one, else the first."""
    stocktakings = [c for c in cycles if c.phase == Phase.STOCKTAKING]
    return (stocktakings or cycles)[0]


def _score(cycle: ReportingCycle, status: str | None, statuses: dict[int, str]) -> CycleScore:
    counts = dict.fromkeys(SCALE_STATUSES[_scale_of(statuses)].values, 0)
    for value in statuses.values():
        counts[value] = counts.get(value, 0) + 1
    answered = len(statuses)
    advanced = sum(1 for value in statuses.values() if value in ADVANCED)
    share = advanced / cycle.in_scope if cycle.in_scope and status else None
    return CycleScore(
        cycle=cycle,
        submission_status=status,
        in_scope=cycle.in_scope,
        counts=counts,
        not_answered=max(cycle.in_scope - answered, 0),
        advanced_share=share,
    )


def _scale_of(statuses: dict[int, str]) -> str:
    values = set(statuses.values())
    for scale, choices in SCALE_STATUSES.items():
        if values and values <= set(choices.values):
            return scale
    return next(iter(SCALE_STATUSES))


def party_scorecard(
    *, user: Any, party: Party, instrument: Instrument | None = None
) -> list[InstrumentScore]:
    """Return the party's progress per instrument and cycle, as far as the caller may see it.

    Per cycle: its statuses counted, the share of provisions in scope largely or fully
    implemented, and the change against the instrument's first stocktaking (the benchmark over
    time); per instrument, its published recommendations to the party by follow-up status.
    """
    cycles_qs = (
        selectors.cycles_visible(user)
        .prefetch_related(None)
        .filter(parties=party)
        .select_related("instrument__body")
        .annotate(in_scope=Count("provisions", distinct=True))
        .order_by("instrument_id", "opens_on", "id")
    )
    if instrument is not None:
        cycles_qs = cycles_qs.filter(instrument=instrument)
    cycles = list(cycles_qs)
    by_id = {cycle.pk: cycle for cycle in cycles}
    shown: dict[int, tuple[int, str]] = {}
    found = Submission.objects.filter(party=party, cycle_id__in=by_id).exclude(
        status=SubmissionStatus.DRAFT
    )
    for pk, cycle_id, status in found.values_list("pk", "cycle_id", "status"):
        submission = Submission(pk=pk, cycle=by_id[cycle_id], party=party, status=status)
        if selectors.submission_visible(user, submission):
            shown[pk] = (cycle_id, status)
    statuses = statuses_of(shown)
    status_of_cycle = {cycle_id: status for cycle_id, status in shown.values()}
    recommendations = _recommendations(party, {c.instrument_id for c in cycles})

    scores = []
    for _instrument_id, grouped in groupby(cycles, key=attrgetter("instrument_id")):
        instrument_cycles = list(grouped)
        baseline = _baseline(instrument_cycles)
        rows = [
            _score(cycle, status_of_cycle.get(cycle.pk), statuses[cycle.pk])
            for cycle in instrument_cycles
        ]
        first = next(row for row in rows if row.cycle.pk == baseline.pk)
        for row in rows:
            if row is not first and first.submission_status and row.submission_status:
                _compare(row, first, statuses[row.cycle.pk], statuses[baseline.pk])
        head = instrument_cycles[0].instrument
        scores.append(InstrumentScore(head, rows, recommendations.get(head.pk, {})))
    return scores


def _compare(row: CycleScore, first: CycleScore, now: dict, before: dict) -> None:
    row.baseline = first.cycle
    if row.advanced_share is not None and first.advanced_share is not None:
        row.share_change = row.advanced_share - first.advanced_share
    row.changes = dict.fromkeys(Change.values, 0)
    for provision_id, status in now.items():
        change = change_between(before.get(provision_id), status)
        if change:
            row.changes[change] += 1


def _recommendations(party: Party, instrument_ids: set[int]) -> dict[int, dict[str, int]]:
    counted = (
        Recommendation.objects.filter(
            party=party, published_at__isnull=False, cycle__instrument_id__in=instrument_ids
        )
        .values_list("cycle__instrument_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    found: dict[int, dict[str, int]] = {}
    for instrument_id, status, n in counted:
        found.setdefault(instrument_id, dict.fromkeys(FollowUp.values, 0))[status] = n
    return found

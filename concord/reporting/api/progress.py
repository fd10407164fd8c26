"""The progress matrix, party scorecards, and carrying answers forward between cycles.

Reads show what ``concord.reporting.progress`` lets the caller see: published answers to
everyone; submitted, returned and accepted ones to the party's people and the instrument's
secretariat; drafts never.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from concord.accounts.auth import signed_in
from concord.api_errors import unprocessable
from concord.registry.models import Party
from concord.registry.schemas import Code, Out
from concord.reporting import carry, progress, schemas, selectors
from concord.reporting.api.lookups import NOT_FOUND, REFUSED, as_422, submission_or_404
from concord.reporting.models import Phase, ReportingCycle, SubmissionStatus

router = Router(tags=["reporting"])


# Shapes -----------------------------------------------------------------------------------


class MatrixQuery(Schema):
    cycle: int | None = Field(None, description="A cycle of the instrument; the newest by default.")
    compare: int | None = Field(
        None, description="Another cycle of the instrument: each cell gains its earlier status."
    )
    party: list[Code] = Field(default_factory=list, description="Only these party codes.")
    group: Code | None = Field(None, description="Only members of the group with this slug.")
    provision: list[Code] = Field(
        default_factory=list, description="Only the provisions with these references."
    )
    status: list[Code] = Field(
        default_factory=list,
        description="Only cells with these statuses (and the parties and provisions having any).",
    )


class CycleRefOut(Out):
    id: int
    name: str
    phase: Phase


class CellOut(Out):
    status: str
    earlier: str | None = Field(None, description="The status in the compared cycle.")
    change: progress.Change | None = Field(None, description="Only when comparing.")


class MatrixRowOut(Out):
    code: str
    name: str
    submission: SubmissionStatus | None = Field(
        description="The status of the submission its cells come from; null when none is shown."
    )
    cells: dict[str, CellOut] = Field(description="Keyed by provision reference.")


class LegendOut(Out):
    status: str
    label: str


class MatrixOut(Out):
    instrument: int
    cycle: CycleRefOut | None
    compare: CycleRefOut | None
    provisions: list[str] = Field(description="References of the columns, in document order.")
    parties: list[MatrixRowOut]
    legend: list[LegendOut]


class CycleScoreOut(CycleRefOut):
    opens_on: dt.date
    submission: SubmissionStatus | None
    in_scope: int = Field(description="Provisions in scope.")
    counts: dict[str, int] = Field(description="Provisions by status.")
    not_answered: int
    advanced_share: float | None = Field(
        description="Share of the provisions in scope largely or fully implemented."
    )
    baseline: int | None = Field(description="The stocktaking cycle compared against.")
    share_change: float | None = Field(description="Change of the share since the baseline.")
    changes: dict[str, int] = Field(description="Provisions improved, held, worsened, new.")


class InstrumentScoreOut(Out):
    instrument: int
    title: str
    symbol: str
    cycles: list[CycleScoreOut]
    recommendations: dict[str, int] = Field(
        description="Published recommendations to the party, by follow-up status."
    )


class ScorecardOut(Out):
    party: str
    name: str
    instruments: list[InstrumentScoreOut]


class CarryIn(Schema):
    from_cycle: int = Field(description="An earlier cycle of the same instrument.")


# Data -------------------------------------------------------------------------------------


def _cycle_ref(cycle: ReportingCycle | None) -> dict | None:
    return cycle and {"id": cycle.pk, "name": cycle.name, "phase": cycle.phase}


def _cell_data(cell: progress.Cell, comparing: bool) -> dict:
    if not comparing:
        return {"status": cell.status}
    return {"status": cell.status, "earlier": cell.earlier, "change": cell.change}


def matrix_data(matrix: progress.Matrix) -> dict:
    refs = [provision.ref for provision in matrix.provisions]
    comparing = matrix.compare is not None
    return {
        "instrument": matrix.instrument.pk,
        "cycle": _cycle_ref(matrix.cycle),
        "compare": _cycle_ref(matrix.compare),
        "provisions": refs,
        "parties": [
            {
                "code": row.party.code,
                "name": row.party.name,
                "submission": row.submission_status,
                "cells": {
                    ref: _cell_data(cell, comparing)
                    for ref, cell in zip(refs, row.cells, strict=True)
                    if cell is not None
                },
            }
            for row in matrix.rows
        ],
        "legend": [
            {"status": value, "label": str(label)}
            for value, label in progress.STATUS_LABELS.items()
        ],
    }


def scorecard_data(party: Party, scores: list[progress.InstrumentScore]) -> dict:
    return {
        "party": party.code,
        "name": party.name,
        "instruments": [
            {
                "instrument": score.instrument.pk,
                "title": score.instrument.title,
                "symbol": score.instrument.symbol,
                "cycles": [
                    {
                        **_cycle_ref(row.cycle),
                        "opens_on": row.cycle.opens_on,
                        "submission": row.submission_status,
                        "in_scope": row.in_scope,
                        "counts": row.counts,
                        "not_answered": row.not_answered,
                        "advanced_share": row.advanced_share,
                        "baseline": row.baseline.pk if row.baseline else None,
                        "share_change": row.share_change,
                        "changes": row.changes,
                    }
                    for row in score.cycles
                ],
                "recommendations": score.recommendations,
            }
            for score in scores
        ],
    }


def _query_422(exc: DjangoValidationError):
    return unprocessable(exc, location=lambda field: ["query", field])


# Operations -------------------------------------------------------------------------------


@router.get(
    "/instruments/{instrument_id}/progress",
    response={200: MatrixOut, **NOT_FOUND},
    summary="Show the progress matrix",
    description="The parties of a reporting cycle x the provisions in scope, each cell the "
    "party's status answer: published ones for everyone; submitted, returned and accepted ones "
    "also for the party's focal points and reviewers and the instrument's secretariat (marked "
    "by `submission`); drafts never. `compare` adds each cell's status in another cycle and "
    "whether it improved, held, worsened or is new.",
)
def progress_matrix(
    request: HttpRequest, instrument_id: int, filters: Query[MatrixQuery]
) -> JsonResponse:
    user = request.user
    instrument = progress.instrument_visible(user, instrument_id)
    if instrument is None:
        raise HttpError(404, _("No instrument with id %(id)s.") % {"id": instrument_id})
    try:
        cycle = progress.cycle_of(user, instrument, filters.cycle, "cycle")
        compare = None
        if filters.compare is not None:
            compare = progress.cycle_of(user, instrument, filters.compare, "compare")
        matrix = progress.progress_matrix(
            user=user,
            instrument=instrument,
            cycle=cycle,
            compare=compare,
            parties=filters.party,
            group=filters.group or "",
            provisions=filters.provision,
            statuses=filters.status,
        )
    except DjangoValidationError as exc:
        raise _query_422(exc) from None
    # Already the documented shape (a test validates it): a matrix of 200,000 cells is not
    # worth validating again on its way out.
    return JsonResponse(matrix_data(matrix))


@router.get(
    "/parties/{code}/scorecard",
    response={200: ScorecardOut, **NOT_FOUND},
    summary="Show a party's scorecard",
    description="Per instrument and cycle the party reports in: its provisions counted by "
    "status, the share largely or fully implemented, the change since the instrument's first "
    "stocktaking, and its published recommendations by follow-up status. Unpublished "
    "submissions count only for the party's people and the instrument's secretariat.",
)
def party_scorecard(request: HttpRequest, code: str, instrument: int | None = None) -> dict:
    user = request.user
    party = Party.objects.filter(code=code).first()
    if party is None:
        raise HttpError(404, _("No party with code %(code)s.") % {"code": code})
    chosen = None
    if instrument is not None:
        chosen = progress.instrument_visible(user, instrument)
        if chosen is None:
            raise _query_422(
                DjangoValidationError(
                    {"instrument": _("No instrument with id %(id)s.") % {"id": instrument}}
                )
            )
    return scorecard_data(
        party, progress.party_scorecard(user=user, party=party, instrument=chosen)
    )


@router.post(
    "/cycles/{cycle_id}/submissions/{party}/carry-forward",
    response={200: schemas.SubmissionOut, 201: schemas.SubmissionOut, **REFUSED},
    auth=signed_in,
    summary="Carry answers forward from an earlier cycle",
    description="Start the party's draft from its answers in an earlier cycle of the same "
    "instrument (the party's focal points, while the submission is not started or an empty "
    "draft): answers to the same provision, and to free questions with the same text and "
    "answer type, whose values still fit. 201 when it started the draft, 200 when it filled "
    "an empty one.",
)
def carry_forward(request: HttpRequest, cycle_id: int, party: str, payload: CarryIn) -> Any:
    submission = submission_or_404(request, cycle_id, party)
    user = request.user
    if not user.has_perm("reporting.change_submission", submission):
        return Status(403, {"detail": _("Only the party's focal points start its answers.")})
    from_cycle = selectors.cycles_visible(user).filter(pk=payload.from_cycle).first()
    started = submission.pk is None
    try:
        if from_cycle is None:
            raise DjangoValidationError(
                {"from_cycle": _("No reporting cycle with id %(id)s.") % {"id": payload.from_cycle}}
            )
        carried = carry.carry_forward(
            cycle=submission.cycle, party=submission.party, from_cycle=from_cycle, user=user
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Only the party's focal points start its answers.")})
    except DjangoValidationError as exc:
        raise as_422(exc) from None
    data = schemas.submission_data(carried, selectors.submission_answers(carried))
    return Status(201 if started else 200, data)

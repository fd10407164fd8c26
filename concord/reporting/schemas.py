"""The shapes the reporting API reads and answers with."""

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from concord.registry.schemas import Code, Out, Text
from concord.reporting.answers import AnswerType, Scale
from concord.reporting.models import (
    Answer,
    Phase,
    Question,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)


class DetailOut(Out):
    detail: str


class ConflictOut(Out):
    detail: str
    version: int = Field(description="The version now stored: reload, then save against it.")


class CycleOut(Out):
    id: int
    instrument: int
    name: str
    phase: Phase
    period_start: dt.date
    period_end: dt.date
    opens_on: dt.date
    deadline: dt.date
    parties: list[str] = Field(description="The codes of the parties that must report.")
    provisions: list[str] = Field(description="The references of the provisions in scope.")
    indicator_period: str | None = Field(
        description="The indicator period (e.g. 2026-Q4) whose figures the cycle collects."
    )


class FreeQuestionIn(Schema):
    text: str = Field(max_length=2000)
    answer_type: AnswerType
    scale: Scale | None = None
    unit: str = Field("", max_length=64)


class CycleIn(Schema):
    instrument: int
    name: Text
    phase: Phase
    period_start: dt.date | None = Field(
        None, description="Required unless an indicator_period gives the period covered."
    )
    period_end: dt.date | None = None
    indicator_period: Code | None = Field(
        None,
        description="A period code (2026-Q4, 2026 ...): the cycle collects the parties' figures "
        "for it, and covers its dates.",
    )
    indicators: list[Code] = Field(
        default_factory=list,
        description="Codes of the instrument's indicators whose figures the cycle asks for "
        "(needs an indicator_period); each is answered by its responsible body.",
    )
    opens_on: dt.date
    deadline: dt.date
    parties: list[Code] = Field(default_factory=list, description="Party codes.")
    provisions: list[Code] = Field(
        default_factory=list, description="References of provisions of the instrument."
    )
    scale: Scale = Field(Scale.IMPLEMENTATION, description="The scale of the status questions.")
    questions: list[FreeQuestionIn] = Field(
        default_factory=list, description="Free questions, after those on the provisions."
    )


class QuestionOut(Out):
    id: int
    key: str = Field(description="What answers are keyed by: a provision reference or q<id>.")
    order: int
    provision: str | None
    text: str
    answer_type: AnswerType
    scale: Scale | None
    unit: str
    indicator: str | None = Field(description="The indicator whose figure the question asks.")
    responsible_body: str | None = Field(
        description="The code of the body that answers it (the indicator's responsible body)."
    )


class AnswerOut(Out):
    value: Any
    note: str


class SubmissionOut(Out):
    cycle: int
    party: str
    status: SubmissionStatus
    version: int = Field(description="Send it back with a save; 0 until the first save.")
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    published_at: dt.datetime | None
    answers: dict[str, AnswerOut]


class SubmissionIn(Schema):
    version: int = Field(ge=0, description="The version the answers were read from.")
    answers: dict[str, Any] = Field(
        description='Keyed by provision reference or q<id>; a value or {"value", "note"}; '
        "null clears an answer."
    )


class TransitionIn(Schema):
    comment: str = Field("", max_length=100)


def cycle_data(cycle: ReportingCycle) -> dict:
    return {
        "id": cycle.pk,
        "instrument": cycle.instrument_id,
        "name": cycle.name,
        "phase": cycle.phase,
        "period_start": cycle.period_start,
        "period_end": cycle.period_end,
        "opens_on": cycle.opens_on,
        "deadline": cycle.deadline,
        "parties": [party.code for party in cycle.parties.all()],
        "provisions": [provision.ref for provision in cycle.provisions.all()],
        "indicator_period": cycle.indicator_period.code if cycle.indicator_period_id else None,
    }


def question_data(question: Question) -> dict:
    return {
        "id": question.pk,
        "key": question.key,
        "order": question.order,
        "provision": question.provision.ref if question.provision_id else None,
        "text": question.text,
        "answer_type": question.answer_type,
        "scale": question.scale or None,
        "unit": question.unit,
        "indicator": question.indicator.code if question.indicator_id else None,
        "responsible_body": (
            question.indicator.responsible_body.code
            if question.indicator_id and question.indicator.responsible_body_id
            else None
        ),
    }


def submission_data(submission: Submission, answers: list[Answer]) -> dict:
    return {
        "cycle": submission.cycle_id,
        "party": submission.party.code,
        "status": submission.status,
        "version": submission.version,
        "submitted_at": submission.submitted_at,
        "accepted_at": submission.accepted_at,
        "published_at": submission.published_at,
        "answers": {a.question.key: {"value": a.value, "note": a.note} for a in answers},
    }

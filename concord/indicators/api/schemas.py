"""The shapes the indicators API answers with and takes, and the functions that fill them.

Numbers travel as strings holding the exact decimal (``"2.5"``, ``"-14"``, never ``2.5000001``
nor ``1E+2``); a missing figure is ``null``, never zero.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StrictFloat, StrictInt, StrictStr

from concord.indicators.models import Direction, Target, Unit, Value, ValueStatus
from concord.registry.models import Party
from concord.registry.schemas import (
    BodyRef,
    Code,
    InstrumentRef,
    NulFree,
    Out,
    Text,
    body_ref,
    instrument_ref,
)

Short = Annotated[str, Field(max_length=255), NulFree]
Long = Annotated[str, Field(max_length=20_000), NulFree]
Number = Annotated[str | None, Field(description="An exact decimal, or null when missing.")]


def number_text(number: Decimal | None) -> str | None:
    """Write a decimal exactly, without trailing zeros or an exponent (None stays None)."""
    if number is None:
        return None
    if number == 0:
        return "0"
    return format(number.normalize(), "f")


class DetailOut(Out):
    detail: str


NOT_FOUND = {404: DetailOut}
REFUSED = {401: DetailOut, 403: DetailOut, **NOT_FOUND}


# Indicators ---------------------------------------------------------------------------------


class IndicatorFilters(Schema):
    instrument: int | None = Field(
        None, description="Only indicators of the instrument with this id."
    )
    q: Text | None = Field(None, description="Words found in the name or the code.")


class IndicatorOut(Out):
    code: str
    name: str
    unit: Unit
    direction: Direction = Field(description="Whether lower or higher values are better.")
    instrument: InstrumentRef | None = Field(description="Null when it is not public.")
    responsible_body: BodyRef | None


class ProvisionRef(Out):
    instrument: int
    symbol: str
    ref: str


class TargetOut(Out):
    party: str | None = Field(description="The party's code; null for a target of every party.")
    form: str = Field(description="fixed, relative (to a group statistic) or trend.")
    description: str
    comparator: str
    value: Number
    deadline: dt.date | None
    group: str | None = Field(description="The group's slug, for a relative target.")
    statistic: str
    reference_period: str | None
    trend: str
    source: str
    note: str


class IndicatorDetailOut(IndicatorOut):
    definition: str
    dimensions: list[str] = Field(description="What its values may be broken down by.")
    source: str = Field(description="Where its figures are usually taken from.")
    provisions: list[ProvisionRef]
    targets: list[TargetOut]
    periods: list[str] = Field(description="The periods it has values for that you may see.")


def indicator_data(indicator: Any, *, instrument_open: bool) -> dict[str, Any]:
    instrument = indicator.instrument if instrument_open else None
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "instrument": instrument_ref(instrument) if instrument else None,
        "responsible_body": body_ref(indicator.responsible_body),
    }


def target_data(target: Target) -> dict[str, Any]:
    return {
        "party": target.party.code if target.party_id else None,
        "form": target.form,
        "description": target.describe(),
        "comparator": target.comparator,
        "value": number_text(target.value),
        "deadline": target.deadline,
        "group": target.group.slug if target.group_id else None,
        "statistic": target.statistic,
        "reference_period": target.reference_period.code if target.reference_period_id else None,
        "trend": target.trend,
        "source": target.source,
        "note": target.note,
    }


# Values -------------------------------------------------------------------------------------


class ValueFilters(Schema):
    party: list[Code] = Field(
        default_factory=list, description="Parties' codes (repeat it, or separate by commas)."
    )
    group: Code | None = Field(None, description="Only the values of this group's members.")
    period: Code | None = Field(None, description="Only this period (2014, 2014-Q2 ...).")
    from_: Code | None = Field(None, alias="from", description="Periods starting from this one.")
    to: Code | None = Field(None, description="Periods ending by the end of this one.")
    breakdown: Code | None = Field(
        None,
        description="A breakdown such as sex:female (pairs separated by commas), or * for "
        "every breakdown; totals only when absent.",
    )


class ValueOut(Out):
    subject: str = Field(description="party:<code>, group:<slug> or body:<code>.")
    party: str | None
    party_name: str | None
    group: str | None
    body: str | None
    period: str
    breakdown: dict[str, str]
    value: Number
    status: ValueStatus
    approval: str | None = Field(description="Null unless you may see unapproved figures.")
    comment: str | None = Field(description="The reviewer's; null as approval is.")
    source: str
    note: str
    flag: str = Field(description="What is doubtful about the figure, if anything.")
    entered_by: str | None = Field(description="Null unless you may approve figures.")
    updated_at: dt.datetime


RawNumber = Annotated[
    StrictStr | StrictInt | StrictFloat,
    Field(description='The figure: a decimal number, best sent as a string ("2.5").'),
]


class ValueIn(Schema):
    value: RawNumber
    status: ValueStatus = ValueStatus.FINAL
    source: Short = ""
    note: Long = ""
    flag: Short = ""
    breakdown: dict[Code, Code] = Field(
        default_factory=dict, description='e.g. {"sex": "female"}; empty for the total.'
    )
    approve: bool | None = Field(
        None, description="The secretariat's own figures are approved unless this is false."
    )


class ReviewIn(Schema):
    approve: bool = Field(description="True approves the figure; false returns it.")
    comment: Long = Field("", description="Why it is returned (required then).")
    breakdown: dict[Code, Code] = Field(default_factory=dict, description="Empty for the total.")


class LockOut(Out):
    indicator: str
    period: str
    locked_by: str
    locked_at: dt.datetime


def value_data(value: Value, *, approval: bool, author: bool) -> dict[str, Any]:
    """Return a figure as the API shows it; ``approval`` and ``author`` say what it may show."""
    party: Party | None = value.party
    return {
        "subject": value.subject,
        "party": party.code if party else None,
        "party_name": party.translated("name").text if party else None,
        "group": value.group.slug if value.group_id else None,
        "body": value.body.code if value.body_id else None,
        "period": value.period.code,
        "breakdown": value.breakdown or {},
        "value": number_text(value.number),
        "status": value.status,
        "approval": value.approval if approval else None,
        "comment": value.comment if approval else None,
        "source": value.source,
        "note": value.note,
        "flag": value.flag,
        "entered_by": _username(value.entered_by) if author else None,
        "updated_at": value.updated_at,
    }


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


# Benchmarks ---------------------------------------------------------------------------------


class BenchmarkQuery(Schema):
    period: Code | None = Field(
        None, description="The period compared; the latest with approved figures when absent."
    )
    group: Code | None = Field(None, description="Compare this group's members (a slug).")
    party: list[Code] = Field(
        default_factory=list, description="Or compare these parties (codes, without a group)."
    )
    base_period: Code | None = Field(None, description="`change` is measured since this period.")
    base_party: Code | None = Field(None, description="`relative` divides by this party's value.")


class RowOut(Out):
    party: str = Field(description="The party's code.")
    party_name: str
    value: Number
    target: Number
    target_text: str
    gap: Number = Field(description="Still to go toward the target: positive while short.")
    gap_percent: Number
    meets_target: bool | None
    rank: int | None = Field(description="1 is the best; null without a value or a direction.")
    change: Number
    relative: Number
    flag: str


class StatisticsOut(Out):
    count: int = Field(description="Parties with a value.")
    members: int = Field(description="Parties compared.")
    mean: Number
    median: Number
    best: Number


class BenchmarkOut(Out):
    indicator: str
    period: str
    group: str | None
    base_period: str | None
    base_party: str | None
    rows: list[RowOut]
    statistics: StatisticsOut
    notes: list[str]


def row_data(row: Any) -> dict[str, Any]:
    return {
        "party": row.party.code,
        "party_name": row.party.translated("name").text,
        "value": number_text(row.value),
        "target": number_text(row.target),
        "target_text": row.target_text,
        "gap": number_text(row.gap),
        "gap_percent": number_text(row.gap_percent),
        "meets_target": row.meets_target,
        "rank": row.rank,
        "change": number_text(row.change),
        "relative": number_text(row.relative),
        "flag": row.flag,
    }


def benchmark_data(result: Any) -> dict[str, Any]:
    figures = result.statistics
    return {
        "indicator": result.indicator.code,
        "period": result.period.code,
        "group": result.group.slug if result.group else None,
        "base_period": result.base_period.code if result.base_period else None,
        "base_party": result.base_party.code if result.base_party else None,
        "rows": [row_data(row) for row in result.rows],
        "statistics": {
            "count": figures.count,
            "members": figures.members,
            "mean": number_text(figures.mean),
            "median": number_text(figures.median),
            "best": number_text(figures.best),
        },
        "notes": [str(note) for note in result.notes],
    }

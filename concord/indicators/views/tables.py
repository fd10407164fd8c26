"""The figures of an indicator as a table: one row per subject (and breakdown), one column per
period, missing figures left missing, and each caution a numbered note.

A caution (a value's ``flag``) becomes one note however many figures carry it, numbered in the
order the figures are read; the table's cells point at it, and the note lists the figures it
concerns, so the page can say what was assumed and where.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, When
from django.db.models import Value as Constant
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from concord.indicators.models import Approval, Period, Value
from concord.indicators.views.describe import figure_text, places

MAX_PERIODS = 12


def subject_of(value: Value) -> Any:
    return value.party or value.group or value.body


def breakdown_text(breakdown: dict[str, str]) -> str:
    return ", ".join(f"{name}: {breakdown[name]}" for name in sorted(breakdown))


def figure_label(value: Value) -> str:
    """Name a figure: its subject, its period and its breakdown."""
    label = _("%(subject)s, %(period)s") % {
        "subject": subject_of(value).translated("name").text,
        "period": value.period.code,
    }
    if value.breakdown:
        label = f"{label} ({breakdown_text(value.breakdown)})"
    return label


@dataclass
class Note:
    """A caution shared by one or more figures."""

    number: int
    text: str
    figures: list[str] = field(default_factory=list)


@dataclass
class Cell:
    period: Period
    value: Value | None = None
    text: str = ""
    note: Note | None = None
    waiting: str = ""  # the approval state of a figure not yet public


@dataclass
class Row:
    kind: str  # party, group or body
    subject: Any
    breakdown: str
    cells: list[Cell]


@dataclass
class ValuesTable:
    periods: list[Period]
    rows: list[Row]
    notes: list[Note]
    all_periods: int

    @property
    def hidden_periods(self) -> int:
        return self.all_periods - len(self.periods)


def notes_of(flagged: list[Value]) -> dict[str, Note]:
    """Number the distinct cautions in the order of the figures that carry them."""
    notes: dict[str, Note] = {}
    for value in flagged:
        note = notes.setdefault(value.flag, Note(len(notes) + 1, value.flag))
        note.figures.append(figure_label(value))
    return notes


def with_subjects(queryset: QuerySet[Value]) -> QuerySet[Value]:
    return queryset.select_related("party", "group", "body", "period")


def shown_periods(visible: QuerySet[Value]) -> tuple[list[Period], int]:
    """The latest MAX_PERIODS periods that have a figure, oldest first, and how many have one."""
    periods = Period.objects.filter(pk__in=visible.values("period_id")).order_by(
        "-starts_on", "-ends_on"
    )
    return list(reversed(periods[:MAX_PERIODS])), periods.count()


def subject_keys(visible: QuerySet[Value], periods: list[Period]) -> QuerySet:
    """The table's rows, ``{"subject", "breakdown_key"}``: groups, parties, then bodies, by name."""
    return (
        visible.filter(period__in=periods)
        .annotate(
            rank=Case(
                When(group__isnull=False, then=Constant(0)),
                When(party__isnull=False, then=Constant(1)),
                default=Constant(2),
                output_field=IntegerField(),
            ),
            label=Coalesce("group__name", "party__name", "body__name"),
        )
        .values("subject", "breakdown_key", "rank", "label")
        .distinct()
        .order_by("rank", "label", "subject", "breakdown_key")
    )


def values_table(
    visible: QuerySet[Value],
    periods: list[Period],
    keys: list[dict],
    all_periods: int,
    notes: dict[str, Note],
) -> ValuesTable:
    """Lay out the figures of the rows ``keys`` (a page of ``subject_keys``) over ``periods``."""
    subjects = {key["subject"] for key in keys}
    found = {
        (v.subject, v.breakdown_key, v.period_id): v
        for v in with_subjects(visible.filter(period__in=periods, subject__in=subjects))
    }
    decimals = max((places(v.number) for v in found.values()), default=0)
    waiting = dict(Approval.choices)
    rows = []
    for key in keys:
        cells = []
        first = None
        for period in periods:
            value = found.get((key["subject"], key["breakdown_key"], period.pk))
            cell = Cell(period)
            if value is not None:
                first = first or value
                cell.value = value
                cell.text = figure_text(value.number, decimals)
                cell.note = notes.get(value.flag) if value.flag else None
                if value.approval != Approval.APPROVED:
                    cell.waiting = str(waiting[value.approval])
            cells.append(cell)
        if first is None:
            continue
        kind = "group" if first.group_id else "party" if first.party_id else "body"
        rows.append(Row(kind, subject_of(first), breakdown_text(first.breakdown), cells))
    return ValuesTable(periods, rows, list(notes.values()), all_periods)

"""Figures as CSV and XLSX, in the layouts ``importing`` reads back.

Tidy: a figure a row, with the indicator's code, the subject (a party's code, ``group:SLUG`` or
``body:CODE``), a column for each breakdown the indicators declare, the period, the value, the
unit, status, source, note and caution flag. Wide: a row per indicator, subject and breakdown,
then one column a period (blank where a figure is missing); status, source and notes are left out.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from concord.indicators.models import Indicator, Period, Value

CHUNK = 2000
SHEET_ROWS = 1_048_576
TIDY = ["period", "value", "unit", "status", "source", "note", "flag"]


def number_text(number: Decimal) -> str:
    """Write a figure without exponent or trailing zeros: ``Decimal("34.500000")`` -> ``34.5``."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def subject_label(value: Value) -> str:
    """Name a figure's subject as the importer reads it: a party by its code."""
    return value.subject.removeprefix("party:")


def _dimensions(values: QuerySet[Value]) -> list[str]:
    declared = Indicator.objects.filter(pk__in=values.values("indicator_id"))
    names: dict[str, None] = {}
    for dimensions in declared.order_by("code").values_list("dimensions", flat=True):
        names.update(dict.fromkeys(dimensions))
    return list(names)


def _ordered(values: QuerySet[Value], *order: str) -> Iterator[Value]:
    ordered = values.select_related("indicator", "period").order_by("indicator__code", *order)
    return ordered.iterator(chunk_size=CHUNK)


def export_rows(values: QuerySet[Value], *, wide: bool = False) -> Iterator[list[Any]]:
    """Yield the header, then a row a figure (tidy) or a row a series (``wide``)."""
    dimensions = _dimensions(values)
    if wide:
        yield from _wide_rows(values, dimensions)
        return
    yield ["indicator", "party", *dimensions, *TIDY]
    for value in _ordered(
        values, "period__starts_on", "period__ends_on", "subject", "breakdown_key"
    ):
        yield [
            value.indicator.code,
            subject_label(value),
            *[value.breakdown.get(name, "") for name in dimensions],
            value.period.code,
            value.number,
            value.indicator.unit,
            value.status,
            value.source,
            value.note,
            value.flag,
        ]


def _wide_rows(values: QuerySet[Value], dimensions: list[str]) -> Iterator[list[Any]]:
    periods = list(Period.objects.filter(pk__in=values.values("period_id")))
    column = {period.pk: index for index, period in enumerate(periods)}
    yield ["indicator", "party", *dimensions, "unit", *[period.code for period in periods]]
    row: list[Any] = []
    series = None
    for value in _ordered(values, "subject", "breakdown_key", "period__starts_on"):
        if (value.indicator_id, value.subject, value.breakdown_key) != series:
            if row:
                yield row
            series = (value.indicator_id, value.subject, value.breakdown_key)
            breakdown = [value.breakdown.get(name, "") for name in dimensions]
            head = [value.indicator.code, subject_label(value), *breakdown, value.indicator.unit]
            row = head + [None] * len(periods)
        row[len(row) - len(periods) + column[value.period_id]] = value.number
    if row:
        yield row


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """Yield rows as CSV, a line at a time (for a streaming response or a file), decimals as
    plain text and missing cells empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(
            [
                "" if cell is None else number_text(cell) if isinstance(cell, Decimal) else cell
                for cell in row
            ]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def export_csv(values: QuerySet[Value], *, wide: bool = False) -> Iterator[str]:
    """Yield the figures as CSV, a line at a time (for a streaming response or a file)."""
    return csv_lines(export_rows(values, wide=wide))


def xlsx_cell(cell: Any) -> Any:
    """A figure as a number where a spreadsheet keeps it exactly, else as its text."""
    if isinstance(cell, Decimal):
        as_float = float(cell)
        return as_float if Decimal(repr(as_float)) == cell else number_text(cell)
    return cell


def xlsx_bytes(rows: Iterable[list[Any]], *, title: str, too_many: str) -> bytes:
    """Return rows as a workbook of one sheet; refuse, saying ``too_many``, more than it holds."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for n, row in enumerate(rows, start=1):
        if n > SHEET_ROWS:
            raise ValueError(too_many)
        sheet.append([xlsx_cell(cell) for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_xlsx(values: QuerySet[Value], *, wide: bool = False, title: str = "values") -> bytes:
    """Return the figures as a workbook of one sheet; refuse more rows than a sheet holds."""
    return xlsx_bytes(
        export_rows(values, wide=wide),
        title=title,
        too_many=_("Too many figures for one sheet: export them as CSV."),
    )

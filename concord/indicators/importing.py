"""Importing figures from CSV and XLSX files, tidy or wide.

Tidy: one figure a row, ``indicator,party,period,value`` and, optionally, ``unit``, ``status``,
``source``, ``note``, ``flag`` and a column for each breakdown an indicator declares (``sex``).
Wide: ``indicator,party`` (the optional columns too), then one column a period (``2014``,
``2015-Q1``); a blank cell is a missing figure. Header names are case-insensitive. A party is
named as ingestion names it ("Lao PDR", "VNM"), a group as ``group:asean-6``, a body as
``body:CODE``. A period not yet recorded is recorded with the first figure given for it.

Every row is checked before anything is written, and a file with any error changes nothing
unless the caller asks to load the valid rows. A column left out keeps what is stored (a new
figure's status is final); a blank cell in a column given clears it. A figure equal to the
stored one is left alone. Figures are written through ``entry.value_put`` as the importing person
(permission, lock, approval, history), or, when that person is a secretariat of every indicator
in the file, in batches with ``bulk_create_with_history``, to the same result.
"""

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from concord.audit.context import Source, changes_from, current_source
from concord.indicators.entry import Figure, value_put
from concord.indicators.import_rows import (
    TEXTS,
    Checker,
    FileUnreadable,
    Item,
    RowError,
    Stored,
    layout_of,
    message_of,
    read_rows,
)
from concord.indicators.models import (
    Approval,
    Value,
    ValueStatus,
    breakdown_key,
)
from concord.indicators.periods import period_for

BATCH = 2000
UPDATE_BATCH = 500  # bulk_update's CASE expressions grow costly past a few hundred rows
PROGRESS_EVERY = 10_000
UPDATED = ["number", "status", *TEXTS, "approval", "comment", "entered_by", "updated_at"]
KEY = ("indicator", "subject", "period", "breakdown_key")
Progress = Callable[[str, int, int | None], None]


@dataclass
class ImportReport:
    """Rows read, figures created, updated or left unchanged, and every error found."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    bulk: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Writing ------------------------------------------------------------------------------------


def values_import(
    *,
    user: Any,
    data: bytes,
    sheet: str | None = None,
    valid_rows: bool = False,
    dry_run: bool = False,
    bulk: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row of a file, then write its figures as ``user`` in one transaction.

    With errors, nothing is written unless ``valid_rows``; ``dry_run`` writes nothing but
    counts what would be. ``bulk`` takes the fast path when ``user`` may import values of every
    indicator in the file. ``progress(stage, done, total)`` is called every few thousand rows.
    """
    report = ImportReport()
    checker = Checker(user)
    try:
        items = _check(checker, read_rows(data, sheet), report, progress)
    except FileUnreadable as error:
        report.errors.append(RowError(0, "", str(error)))
        return report
    if report.errors and not valid_rows:
        return report
    found = len(report.errors)
    with changes_from(Source.IMPORT), transaction.atomic():
        new = {id(item.period): item.period for item in items if item.period.pk is None}
        for period in new.values():
            period.pk = period_for(period.code).pk
        indicators = {item.indicator for item in items}
        report.bulk = bulk and all(user.has_perm("indicators.import_values", i) for i in indicators)
        write = _write_bulk if report.bulk else _write_each
        write(checker, items, _stored(items), report, progress)
        refused = len(report.errors) > found and not valid_rows
        report.written = not (dry_run or refused)
        if not report.written:
            transaction.set_rollback(True)
    if refused:
        report.created = report.updated = report.unchanged = 0
    return report


def _check(
    checker: Checker, rows: Iterator[list[str]], report: ImportReport, progress: Progress | None
) -> list[Item]:
    header = next(rows, None)
    if header is None:
        report.errors.append(RowError(0, "", _("The file is empty.")))
        return []
    layout = layout_of(header, checker.dimensions)
    if isinstance(layout, list):
        report.errors.extend(layout)
        return []
    items = []
    for n, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        report.rows += 1
        found, errors = checker.row(layout, n, cells)
        items.extend(found)
        report.errors.extend(errors)
        if progress and report.rows % PROGRESS_EVERY == 0:
            progress("checked", report.rows, None)
    return items


def _stored(items: list[Item]) -> dict[tuple[int, str, int | None, str], Stored]:
    """The figures already stored for the file's indicators and periods, in one query."""
    if not items:
        return {}
    rows = Value.objects.filter(
        indicator__in={item.indicator.pk for item in items},
        period__in={item.period.pk for item in items},
    ).values_list(*KEY, "pk", "number", "status", *TEXTS, "approval", "comment")
    return {
        row[:4]: Stored(*row[4:7], row[7:10], *row[10:]) for row in rows.iterator(chunk_size=BATCH)
    }


def _figure(item: Item, old: Stored | None) -> Figure:
    status = item.status or (old.status if old else ValueStatus.FINAL)
    texts = [
        given if given is not None else (old.texts[k] if old else "")
        for k, given in enumerate(item.texts)
    ]
    return Figure(item.number, status, *texts, breakdown=item.breakdown)


def _same(old: Stored | None, figure: Figure, approval: str) -> bool:
    """Say whether writing ``figure`` would change nothing stored."""
    texts = (figure.source, figure.note, figure.flag)
    return old is not None and old[1:] == (figure.number, figure.status, texts, approval, "")


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress and (done % PROGRESS_EVERY == 0 or done == total):
        progress("written", done, total)


def _write_each(checker: Checker, items: list[Item], stored: dict, report, progress) -> None:
    """Write each figure through ``value_put``: the path every other entry takes."""
    for n, item in enumerate(items, start=1):
        old = stored.get(item.key)
        figure = _figure(item, old)
        if _same(old, figure, checker.approval(item.indicator)):
            report.unchanged += 1
        else:
            try:
                value_put(
                    user=checker.user,
                    indicator=item.indicator,
                    period=item.period,
                    figure=figure,
                    **item.subject.of(),
                )
            except (ValidationError, PermissionDenied) as error:
                report.errors.append(RowError(item.row, item.column, message_of(error)))
            else:
                report.updated += old is not None
                report.created += old is None
        _tick(progress, n, len(items))


def _write_bulk(checker: Checker, items: list[Item], stored: dict, report, progress) -> None:
    """Write a secretariat's figures in batches, approved, with their history, as value_put does."""
    user, attrs = checker.user, {"history_source": current_source()}
    options = {"batch_size": BATCH, "default_user": user, "custom_historical_attrs": attrs}
    for start in range(0, len(items), BATCH):
        batch, new, changed, now = items[start : start + BATCH], [], [], timezone.now()
        for item in batch:
            old = stored.get(item.key)
            figure = _figure(item, old)
            if _same(old, figure, Approval.APPROVED):
                report.unchanged += 1
                continue
            (changed if old else new).append(
                Value(
                    pk=old.pk if old else None,
                    indicator=item.indicator,
                    period=item.period,
                    subject=item.subject.key,
                    **item.subject.of(),
                    **vars(figure),
                    breakdown_key=breakdown_key(figure.breakdown),
                    approval=Approval.APPROVED,
                    entered_by=user,
                    updated_at=now,
                )
            )
        bulk_create_with_history(new, Value, **options)
        bulk_update_with_history(changed, Value, UPDATED, **options | {"batch_size": UPDATE_BATCH})
        report.created += len(new)
        report.updated += len(changed)
        _tick(progress, start + len(batch), len(items))

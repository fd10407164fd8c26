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
in the file, in batches of rows written straight to the figures' table and its history table
(``_Tables``: COPY on PostgreSQL), to the same result.
"""

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.audit.context import Source, changes_from, current_source
from concord.indicators.entry import Figure, value_put
from concord.indicators.import_rows import (
    TEXTS,
    Checker,
    FileUnreadable,
    ImportReport,
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
PROGRESS_EVERY = 10_000
UPDATED = ["number", "status", *TEXTS, "approval", "comment", "entered_by_id", "updated_at"]
KEY = ("indicator", "subject", "period", "breakdown_key")
Progress = Callable[[str, int, int | None], None]
PLAIN = (int, str)  # what every database driver takes as it is


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
        report.conclude(found=found, valid_rows=valid_rows, dry_run=dry_run)
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
    user, tables = checker.user, _Tables(current_source())
    for start in range(0, len(items), BATCH):
        batch, new, changed, now = items[start : start + BATCH], [], [], timezone.now()
        for item in batch:
            old = stored.get(item.key)
            figure = _figure(item, old)
            if _same(old, figure, Approval.APPROVED):
                report.unchanged += 1
                continue
            subject = item.subject
            (changed if old else new).append(
                {
                    "id": old.pk if old else None,
                    "indicator_id": item.indicator.pk,
                    "party_id": subject.party.pk if subject.party else None,
                    "group_id": subject.group.pk if subject.group else None,
                    "body_id": subject.body.pk if subject.body else None,
                    "subject": subject.key,
                    "period_id": item.period.pk,
                    "breakdown": figure.breakdown,
                    "breakdown_key": breakdown_key(figure.breakdown),
                    "number": figure.number,
                    "status": figure.status,
                    "approval": Approval.APPROVED,
                    "comment": "",
                    "source": figure.source,
                    "note": figure.note,
                    "flag": figure.flag,
                    "entered_by_id": user.pk,
                    "updated_at": now,
                }
            )
        tables.insert(new)
        tables.update(changed)
        tables.history(new, "+", user, now)
        tables.history(changed, "~", user, now)
        report.created += len(new)
        report.updated += len(changed)
        _tick(progress, start + len(batch), len(items))


class _Tables:
    """Write figures and their history records from plain rows (dicts of column values).

    Building a model instance for each of a million figures, and Django's ``bulk_update`` (a
    CASE expression per column, compiled in Python), cost more than the database's own work.
    On PostgreSQL rows go through COPY: new figures take their ids from the table's sequence
    first; changed ones are copied into a temporary table, then updated from it in one
    statement. Elsewhere (SQLite) new figures go through ``bulk_create`` (for their ids), and
    changes and history records through ``executemany``.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.copies = connection.vendor == "postgresql"
        self.value = Value._meta.db_table
        self.fields = {f.attname: f for f in Value._meta.concrete_fields}
        history = Value.history.model
        self.record = history._meta.db_table
        self.record_fields = {
            f.attname: f for f in history._meta.concrete_fields if f.attname != "history_id"
        }
        self.changes_made = False

    @staticmethod
    def _prepared(fields: dict, row: dict) -> list:
        """The row's values as the database driver takes them (a date, a decimal, JSON adapted)."""
        return [
            value
            if value is None or type(value) in PLAIN
            else field.get_db_prep_save(value, connection)
            for name, field in fields.items()
            for value in (row[name],)
        ]

    def _copy(self, cursor, table: str, columns: list[str], rows) -> None:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def insert(self, rows: list[dict]) -> None:
        """Insert new figures, setting each row's ``id``."""
        if not rows:
            return
        if not self.copies:
            created = Value.objects.bulk_create(Value(**row) for row in rows)
            for row, value in zip(rows, created, strict=True):
                row["id"] = value.pk
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [self.value, len(rows)],
            )
            for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                row["id"] = pk
            columns = list(self.fields)
            self._copy(cursor, self.value, columns, (self._copied(row, columns) for row in rows))

    def update(self, rows: list[dict]) -> None:
        """Write the changed columns of stored figures, by ``id``."""
        if not rows:
            return
        columns, changes = ["id", *UPDATED], "import_changes"
        with connection.cursor() as cursor:
            if not self.copies:
                placeholders = ", ".join(f"{name} = %s" for name in UPDATED)
                fields = {name: self.fields[name] for name in [*UPDATED, "id"]}
                cursor.executemany(
                    f"UPDATE {self.value} SET {placeholders} WHERE id = %s",
                    [self._prepared(fields, row) for row in rows],
                )
                return
            if not self.changes_made:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE IF NOT EXISTS {changes} ON COMMIT DROP AS "
                    f"SELECT {', '.join(columns)} FROM {self.value} WITH NO DATA"
                )
                self.changes_made = True
            cursor.execute(f"DELETE FROM {changes}")
            self._copy(cursor, changes, columns, (self._copied(row, columns) for row in rows))
            # Statistics make the planner join by the primary key, not scan the whole table.
            cursor.execute(f"ANALYZE {changes}")
            sets = ", ".join(f"{name} = c.{name}" for name in UPDATED)
            cursor.execute(
                f"UPDATE {self.value} AS v SET {sets} FROM {changes} AS c WHERE v.id = c.id"
            )

    def history(self, rows: list[dict], kind: str, user: Any, when: Any) -> None:
        """Record each figure as written: ``+`` created, ``~`` changed (as simple-history does)."""
        if not rows:
            return
        extra = {
            "history_source": self.source,
            "history_date": when,
            "history_change_reason": None,
            "history_type": kind,
            "history_user_id": user.pk,
        }
        records = ({**row, **extra} for row in rows)
        with connection.cursor() as cursor:
            if self.copies:
                columns = list(self.record_fields)
                self._copy(
                    cursor, self.record, columns, (self._copied(r, columns) for r in records)
                )
                return
            columns = ", ".join(self.record_fields)
            marks = ", ".join(["%s"] * len(self.record_fields))
            cursor.executemany(
                f"INSERT INTO {self.record} ({columns}) VALUES ({marks})",
                [self._prepared(self.record_fields, record) for record in records],
            )

    @staticmethod
    def _copied(row: dict, columns: list[str]) -> tuple:
        """The row's values as COPY takes them: a breakdown as JSON text."""
        return tuple(
            json.dumps(row[name]) if name == "breakdown" else row[name] for name in columns
        )

"""Reading an import file and checking each row: everything before a figure is written.

``read_rows`` reads CSV (any encoding) or XLSX as text cells; ``layout_of`` tells tidy from wide
by the header; ``Checker`` turns each row into figures to write, or into errors naming the row
and the column (``RowError``). ``concord.indicators.importing`` writes what passes.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from charset_normalizer import from_bytes
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from concord.indicators.entry import as_number
from concord.indicators.models import (
    Approval,
    Indicator,
    Period,
    PeriodLock,
    Unit,
    Value,
    ValueStatus,
    breakdown_key,
)
from concord.indicators.periods import parse
from concord.ingestion.resolver import Resolver
from concord.registry.models import Body, Group, Party

TEXTS = ("source", "note", "flag")
COLUMNS = ("indicator", "party", "period", "value", "unit", "status", *TEXTS)
TEXT_LIMIT = {"source": 255, "flag": 255}


@dataclass(frozen=True)
class RowError:
    """What is wrong in a cell: row 1 is the header, row 0 the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        return _("Row %(row)d, column %(column)s: %(message)s") % asdict(self)


@dataclass
class ImportReport:
    """Rows read, records created, updated or left unchanged, and every error found (the
    indicators' and the contributions' imports alike); ``bulk`` says a fast path wrote them."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    bulk: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def conclude(self, *, found: int, valid_rows: bool, dry_run: bool) -> None:
        """Say whether the rows are written, inside the import's transaction: not on a dry run,
        nor when rows were refused without ``valid_rows`` (then nothing counts). ``found`` is
        the number of errors found before writing; the transaction is rolled back unless
        written."""
        refused = len(self.errors) > found and not valid_rows
        self.written = not (dry_run or refused)
        if refused:
            self.created = self.updated = self.unchanged = 0
        if not self.written:
            transaction.set_rollback(True)


class FileUnreadable(Exception):
    pass


# Reading ------------------------------------------------------------------------------------


def read_rows(data: bytes, sheet: str | None = None) -> Iterator[list[str]]:
    """Yield the rows of a CSV file (any encoding, `,` or `;`) or a workbook, as text cells."""
    if data[:4] == b"PK\x03\x04":
        yield from _sheet_rows(data, sheet)
        return
    text = _decode(data)
    if "\x00" in text:
        raise FileUnreadable(_("The file holds binary data: give a CSV file or a workbook."))
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield [cell.strip() for cell in cells]
    except csv.Error as error:
        message = _("Line %(line)d cannot be read: %(error)s.")
        raise FileUnreadable(message % {"line": reader.line_num, "error": error}) from None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise FileUnreadable(_("The file's text encoding could not be recognized."))
    return str(best)


def _sheet_rows(data: bytes, sheet: str | None) -> Iterator[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileUnreadable(
            _("The workbook cannot be read: %(error)s") % {"error": error}
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise FileUnreadable(
                _("The workbook has no sheet named %(name)s; it has %(names)s.")
                % {"name": sheet, "names": ", ".join(workbook.sheetnames)}
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        for cells in worksheet.iter_rows(values_only=True):
            yield [_text(cell) for cell in cells]
    finally:
        workbook.close()


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    return str(cell).strip()


# Checking -----------------------------------------------------------------------------------


class Layout(NamedTuple):
    """Where each column is: known columns and breakdowns by name, and a wide file's periods."""

    headers: list[str]
    columns: dict[str, int]
    dimensions: dict[str, int]
    periods: list[int]

    def header(self, name: str) -> str:
        index = self.columns.get(name, self.dimensions.get(name))
        return name if index is None else self.headers[index]


def layout_of(header: list[str], dimensions: dict[str, str]) -> Layout | list[RowError]:
    """Read the header: tidy when it names a value or a period column, else wide."""
    names = [name.strip().lower() for name in header]
    wide = "value" not in names and "period" not in names
    columns: dict[str, int] = {}
    found: dict[str, int] = {}
    periods: list[int] = []
    errors = []
    for index, name in enumerate(names):
        if not name:
            continue
        if name in COLUMNS or name in dimensions:
            if name in columns or dimensions.get(name) in found:
                errors.append(RowError(1, header[index], _("This column is given twice.")))
            elif name in COLUMNS:
                columns[name] = index
            else:
                found[dimensions[name]] = index
        elif wide and _is_period(name):
            periods.append(index)
        else:
            message = _(
                "This column is unknown: write indicator, party, period, value, unit, status, "
                "source, note, flag, a period (in a wide file) or a breakdown of an indicator."
            )
            errors.append(RowError(1, header[index], message))
    needed = ["indicator", "party"] + ([] if wide else ["period", "value"])
    for name in needed:
        if name not in columns:
            errors.append(
                RowError(1, name, _("The header names no %(name)s column.") % {"name": name})
            )
    if wide and not periods and not errors:
        errors.append(RowError(1, "", _("The header names no value column and no period.")))
    return errors or Layout(header, columns, found, periods)


def _is_period(code: str) -> bool:
    try:
        parse(code)
    except ValidationError:
        return False
    return True


def message_of(error: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(error, "messages", [_("You may not enter this figure.")]))


class Subject(NamedTuple):
    key: str
    party: Party | None = None
    group: Group | None = None
    body: Body | None = None

    def of(self) -> dict[str, Any]:
        return {"party": self.party, "group": self.group, "body": self.body}


class Item(NamedTuple):
    """A figure that passed every check, with its row and column for later errors."""

    row: int
    column: str
    indicator: Indicator
    subject: Subject
    period: Period
    breakdown: dict[str, str]
    number: Decimal
    status: str | None
    texts: tuple[str | None, ...]

    @property
    def key(self) -> tuple[int, str, int | None, str]:
        return (self.indicator.pk, self.subject.key, self.period.pk, breakdown_key(self.breakdown))


class Stored(NamedTuple):
    pk: int
    number: Decimal
    status: str
    texts: tuple[str, ...]
    approval: str
    comment: str


class Checker:
    """What every row is checked against, loaded once; each name and period resolved once."""

    def __init__(self, user: Any) -> None:
        self.user = user
        indicators = list(Indicator.objects.select_related("instrument__body"))
        self.indicators = {indicator.code.lower(): indicator for indicator in indicators}
        self.dimensions = {name.lower(): name for i in indicators for name in i.dimensions}
        self.periods: dict[str, Period | str] = {p.code: p for p in Period.objects.all()}
        self.locks = set(PeriodLock.objects.values_list("indicator_id", "period_id"))
        self.units = _choices(Unit)
        self.statuses = _choices(ValueStatus)
        self.subjects: dict[str, Subject | None] = {}
        self.may_enter: dict[tuple[int, str], bool] = {}
        self.approves: dict[int, bool] = {}
        self.seen: dict[tuple[int, str, str, str], int] = {}
        self._resolver: Resolver | None = None
        self._codes: dict[str, Party] = {}

    def row(self, layout: Layout, n: int, cells: list[str]) -> tuple[list[Item], list[RowError]]:
        """Check one row; return its figures, or its errors."""
        errors: list[RowError] = []

        def cell(index: int) -> str:
            return cells[index] if index < len(cells) else ""

        def get(name: str) -> str | None:
            return cell(layout.columns[name]) if name in layout.columns else None

        def fail(name: str, message: str) -> None:
            errors.append(RowError(n, layout.header(name), message))

        code, label = get("indicator") or "", get("party") or ""
        indicator = self.indicators.get(code.lower())
        if indicator is None:
            message = _("No indicator has the code %(code)s.") % {"code": code}
            fail("indicator", message if code else _("This cell is empty."))
        subject = self.subject(label)
        if subject is None:
            message = _("No party, group or body is known as %(name)s.") % {"name": label}
            fail("party", message if label else _("This cell is empty."))
        unit = get("unit")
        if unit and indicator and self.units.get(unit.lower()) != indicator.unit:
            given = {"code": indicator.code, "unit": indicator.get_unit_display(), "given": unit}
            fail("unit", _("%(code)s is measured in %(unit)s, not %(given)s.") % given)
        status = get("status")
        if status is not None:
            status = self.statuses.get(status.lower()) if status else ValueStatus.FINAL
            if status is None:
                fail("status", _("The status is provisional, final or estimate."))
        texts = tuple(get(name) for name in TEXTS)
        for name, text in zip(TEXTS, texts, strict=True):
            if text and len(text) > TEXT_LIMIT.get(name, len(text)):
                fail(name, _("At most %(limit)d characters.") % {"limit": TEXT_LIMIT[name]})
        breakdown = {name: cell(i) for name, i in layout.dimensions.items() if cell(i)}
        for name in sorted(set(breakdown) - set(indicator.dimensions if indicator else breakdown)):
            message = _("%(code)s is not broken down by %(name)s.")
            fail(name, message % {"code": indicator.code if indicator else "", "name": name})
        if layout.periods:
            given = [(i, layout.headers[i], i, cell(i)) for i in layout.periods if cell(i)]
        else:
            period, value = layout.columns["period"], layout.columns["value"]
            given = [(period, cell(period), value, cell(value))]
        items = []
        for period_index, code, value_index, raw in given:
            found = self.period(code)
            if isinstance(found, str):
                errors.append(RowError(n, layout.headers[period_index], found))
            number = self.number(raw)
            if isinstance(number, str):
                errors.append(RowError(n, layout.headers[value_index], number))
            if errors or indicator is None or subject is None or isinstance(found, str):
                continue
            item = Item(
                n,
                layout.headers[value_index],
                indicator,
                subject,
                found,
                breakdown,
                number,
                status,
                texts,
            )
            if problem := self.refusal(item):
                errors.append(RowError(n, item.column, problem))
            items.append(item)
        return ([] if errors else items), errors

    def refusal(self, item: Item) -> str | None:
        """Say why a well-formed figure cannot be entered: given twice, locked, not permitted."""
        indicator, subject, period = item.indicator, item.subject, item.period
        seen = (indicator.pk, subject.key, period.code, breakdown_key(item.breakdown))
        if seen in self.seen:
            return _("The same figure is given in row %(row)d.") % {"row": self.seen[seen]}
        self.seen[seen] = item.row
        if (indicator.pk, period.pk) in self.locks:
            return _("%(period)s is locked: its figures are approved.") % {"period": period.code}
        if (indicator.pk, subject.key) not in self.may_enter:
            probe = Value(indicator=indicator, **subject.of())
            allowed = self.user.has_perm("indicators.enter_value", probe)
            self.may_enter[indicator.pk, subject.key] = allowed
        if not self.may_enter[indicator.pk, subject.key]:
            return _("You may not enter figures of %(code)s for %(subject)s.") % {
                "code": indicator.code,
                "subject": subject.key,
            }
        return None

    def subject(self, label: str) -> Subject | None:
        if label not in self.subjects:
            self.subjects[label] = self._resolve(label) if label else None
        return self.subjects[label]

    def _resolve(self, label: str) -> Subject | None:
        kind, colon, rest = label.partition(":")
        kind, rest = kind.strip().lower(), rest.strip()
        if colon and kind == "group":
            group = Group.objects.filter(slug__iexact=rest).first()
            return Subject(f"group:{group.slug}", group=group) if group else None
        if colon and kind == "body":
            body = Body.objects.filter(code__iexact=rest).first()
            return Subject(f"body:{body.code}", body=body) if body else None
        if colon and kind == "party":
            label = rest
        if self._resolver is None:
            self._resolver = Resolver()
            parties = {p.pk: p for p in self._resolver.parties.values() if p is not None}
            self._codes = {party.code.lower(): party for party in parties.values()}
        party = self._codes.get(label.lower()) or self._resolver.party(label)
        return Subject(f"party:{party.code}", party=party) if party else None

    def period(self, code: str) -> Period | str:
        """The period of a code (recorded on the first write if new), or why it is none."""
        if not code:
            return _("This cell is empty.")
        if code not in self.periods:
            try:
                span = parse(code)
            except ValidationError as error:
                self.periods[code] = message_of(error)
            else:
                new = Period(
                    code=span.code, kind=span.kind, starts_on=span.starts_on, ends_on=span.ends_on
                )
                self.periods[code] = self.periods.setdefault(span.code, new)
        return self.periods[code]

    @staticmethod
    def number(raw: str) -> Decimal | str:
        if not raw:
            return _("This cell is empty.")
        try:
            number = as_number(raw)
            Value._meta.get_field("number").run_validators(number)
        except ValidationError as error:
            return message_of(error)
        return number

    def approval(self, indicator: Indicator) -> str:
        """What ``value_put`` makes of this person's figures: approved for the secretariat."""
        if indicator.pk not in self.approves:
            probe = Value(indicator=indicator)
            self.approves[indicator.pk] = self.user.has_perm("indicators.approve_value", probe)
        return Approval.APPROVED if self.approves[indicator.pk] else Approval.PENDING


def _choices(choices: Any) -> dict[str, str]:
    found = {str(choice.label).lower(): choice.value for choice in choices}
    return found | {choice.value: choice.value for choice in choices}

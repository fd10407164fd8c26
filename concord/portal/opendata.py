"""The registry as open-data tables: what each table holds, and how it is written out.

Every download carries its licence and the moment it was produced: in JSON as a top-level
envelope, in XLSX as a README sheet, and in CSV (where a comment line would break parsers) in
the HTTP headers (``Link: <licence>; rel="license"``, ``Last-Modified``) and in the file name.
"""

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from concord.registry import selectors

CHUNK = 2000
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit, less the header row

LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
}

Value = str | int | bool | None


def licence() -> str:
    return settings.OPEN_DATA_LICENCE


def licence_url() -> str:
    return LICENCE_URLS.get(licence(), f"https://spdx.org/licenses/{licence()}.html")


@dataclass(frozen=True)
class Column:
    name: str
    description: Promise
    value: Callable[[Model], Value]


@dataclass(frozen=True)
class Table:
    name: str
    title: Promise
    description: Promise
    queryset: Callable[[], QuerySet]
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def rows(self) -> Iterator[list[Value]]:
        for record in self.queryset().iterator(chunk_size=CHUNK):
            yield [column.value(record) for column in self.columns]


def _edtf(value) -> str:
    return value.edtf if value else ""


def _refs(statement) -> str:
    return "; ".join(
        p.ref if p.instrument_id == statement.instrument_id else f"{p.instrument_id}:{p.ref}"
        for p in statement.provisions.all()
    )


def _addressees(provision) -> str:
    return "; ".join(a.label for a in provision.addressees.all())


def _aliases(party) -> str:
    return "; ".join(a.name for a in party.aliases.all())


def _parties() -> QuerySet:
    return selectors.party_list().prefetch_related("aliases").order_by("code")


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "parties",
            _("Parties"),
            _("States, territories and organizations, with the other names documents use."),
            _parties,
            (
                Column("code", _("ISO 3166-1 alpha-3 code, or a slug"), lambda p: p.code),
                Column("name", _("name"), lambda p: p.name),
                Column("official_name", _("official name"), lambda p: p.official_name),
                Column("kind", _("kind of party"), lambda p: p.kind),
                Column("aliases", _("other names, separated by “; ”"), _aliases),
            ),
        ),
        Table(
            "groups",
            _("Group memberships"),
            _("Which party belongs to which group, and since when."),
            selectors.memberships_all,
            (
                Column("group", _("group slug"), lambda m: m.group.slug),
                Column("group_name", _("group name"), lambda m: m.group.name),
                Column("party", _("party code"), lambda m: m.party.code),
                Column("party_name", _("party name"), lambda m: m.party.name),
                Column("since", _("member since (EDTF date)"), lambda m: _edtf(m.since)),
                Column("until", _("member until (EDTF date)"), lambda m: _edtf(m.until)),
            ),
        ),
        Table(
            "instruments",
            _("Instruments"),
            _("Published action plans, resolutions, decisions, strategies and others."),
            lambda: selectors.instrument_list().order_by("pk"),
            (
                Column("id", _("identifier in Concord"), lambda i: i.pk),
                Column("symbol", _("document symbol"), lambda i: i.symbol),
                Column("number", _("number given by the body"), lambda i: i.number),
                Column("kind", _("kind of instrument"), lambda i: i.kind),
                Column("title", _("title"), lambda i: i.title),
                Column(
                    "body", _("code of the adopting body"), lambda i: i.body.code if i.body else ""
                ),
                Column("adopted", _("date of adoption (EDTF date)"), lambda i: _edtf(i.adopted)),
                Column("legal_status", _("legal status"), lambda i: i.legal_status),
                Column(
                    "revision_of", _("id of the instrument it revises"), lambda i: i.revision_of_id
                ),
                Column("source_document", _("source document"), lambda i: i.source_document),
            ),
        ),
        Table(
            "provisions",
            _("Provisions"),
            _("The text of each published instrument, one row per provision, in document order."),
            selectors.provisions_visible,
            (
                Column("instrument", _("instrument id"), lambda p: p.instrument_id),
                Column("symbol", _("instrument symbol"), lambda p: p.instrument.symbol),
                Column("ref", _("reference, unique within the instrument"), lambda p: p.ref),
                Column(
                    "parent",
                    _("reference of the enclosing provision"),
                    lambda p: p.parent.ref if p.parent else "",
                ),
                Column("seq", _("order in the document"), lambda p: p.seq),
                Column("number", _("number as printed"), lambda p: p.number),
                Column("kind", _("kind of provision"), lambda p: p.kind),
                Column("verb", _("operative verb"), lambda p: p.verb),
                Column("heading", _("heading"), lambda p: p.heading),
                Column("text", _("text"), lambda p: p.text),
                Column("addressees", _("addressees, separated by “; ”"), _addressees),
                Column("bracketed", _("bracketed, not yet agreed"), lambda p: p.is_bracketed),
                Column("placeholder", _("holds a placeholder"), lambda p: p.has_placeholder),
            ),
        ),
        Table(
            "participation",
            _("Participation"),
            _("Which party endorsed, signed, ratified, acceded to or observes which instrument."),
            selectors.participation_visible,
            (
                Column("instrument", _("instrument id"), lambda p: p.instrument_id),
                Column("symbol", _("instrument symbol"), lambda p: p.instrument.symbol),
                Column("party", _("party code"), lambda p: p.party.code),
                Column("party_name", _("party name"), lambda p: p.party.name),
                Column("role", _("role"), lambda p: p.role),
                Column("start", _("from (EDTF date)"), lambda p: _edtf(p.start)),
                Column("end", _("until (EDTF date)"), lambda p: _edtf(p.end)),
                Column("note", _("note"), lambda p: p.note),
            ),
        ),
        Table(
            "statements",
            _("Statements"),
            _("Reservations, interpretative statements, declarations and objections."),
            selectors.statements_visible,
            (
                Column("id", _("identifier in Concord"), lambda s: s.pk),
                Column("instrument", _("instrument id"), lambda s: s.instrument_id),
                Column("symbol", _("instrument symbol"), lambda s: s.instrument.symbol),
                Column("party", _("party code"), lambda s: s.party.code),
                Column("kind", _("kind, as the record lists it"), lambda s: s.kind),
                Column(
                    "self_described_kind",
                    _("kind the statement gives itself"),
                    lambda s: s.self_described_kind,
                ),
                Column("label", _("label"), lambda s: s.label),
                Column("made", _("date made (EDTF date)"), lambda s: _edtf(s.made)),
                Column(
                    "provisions",
                    _(
                        "references of the provisions concerned, separated by “; ”; "
                        "one in another instrument is written “instrument id:reference”"
                    ),
                    _refs,
                ),
                Column("text", _("text"), lambda s: s.text),
            ),
        ),
    )
}

FORMATS = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(table: Table, fmt: str, produced: dt.datetime) -> str:
    return f"concord-{table.name}-{produced.date().isoformat()}.{fmt}"


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(table: Table) -> Iterator[str]:
    """Yield the table as CSV, a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.column_names)
    for n, row in enumerate(table.rows(), start=1):
        writer.writerow([_csv_cell(value) for value in row])
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_json(table: Table, produced: dt.datetime, source: str) -> Iterator[str]:
    """Yield the table as one JSON document: the licence envelope, then the items."""
    envelope = {
        "licence": licence(),
        "licence_url": licence_url(),
        "produced": produced.isoformat(),
        "source": source,
        "table": table.name,
        "columns": {column.name: str(column.description) for column in table.columns},
    }
    head = json.dumps(envelope, ensure_ascii=False)
    yield head[:-1] + ', "items": ['
    names = table.column_names
    batch: list[str] = []
    first = True
    for row in table.rows():
        item = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)
        batch.append(item if first else "," + item)
        first = False
        if len(batch) == 500:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "]}"


def write_xlsx(table: Table, produced: dt.datetime, source: str) -> bytes:
    """Return the table as a workbook: a README sheet with licence and date, then the data."""
    workbook = Workbook(write_only=True)
    readme = workbook.create_sheet("README")
    data = workbook.create_sheet(table.name)
    data.append(table.column_names)
    truncated = False
    for n, row in enumerate(table.rows(), start=1):
        if n > XLSX_MAX_ROWS:
            truncated = True
            break
        data.append(row)
    lines: Iterable[list[str]] = [
        [str(_("Concord open data")), str(table.title)],
        [str(_("Licence")), licence()],
        [str(_("Licence text")), licence_url()],
        [str(_("Produced")), produced.isoformat()],
        [str(_("Source")), source],
        [str(_("Description")), str(table.description)],
    ]
    for line in lines:
        readme.append(line)
    if truncated:
        readme.append(
            [str(_("Note")), str(_("The table is longer than a sheet can hold; use the CSV file."))]
        )
    readme.append([])
    readme.append([str(_("Column")), str(_("Meaning"))])
    for column in table.columns:
        readme.append([column.name, str(column.description)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()

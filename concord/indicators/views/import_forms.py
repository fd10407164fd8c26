"""The import page's form: a CSV or XLSX file of figures, checked before any row is read.

The form refuses what is not a file of figures at all (none, empty, too large, another type, a
file whose text or workbook cannot be opened); ``importing.values_import`` checks the rows.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from concord.forms import DescribedErrors
from concord.indicators.import_rows import FileUnreadable, read_rows
from concord.ingestion.uploads import check_size

WORKBOOK = b"PK\x03\x04"
TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
# What other files begin with, to name them rather than call them unreadable text.
OTHER_KINDS = {
    b"%PDF": "PDF",
    b"\xd0\xcf\x11\xe0": _("an old Excel or Word file (save it as XLSX)"),
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
}


# A worksheet's XML takes at least 20 bytes a cell (<c r="A1"><v>1</v></c>): past a few MB
# the cells are estimated from its size rather than counted.
SHEET_XML_COUNTED = 4 * 1024 * 1024
CELL_XML_BYTES = 20


@dataclass(frozen=True)
class ImportFile:
    """A file that opens, and about how many cells it holds: the work its import takes."""

    name: str
    data: bytes
    cells: int


def cells_in(data: bytes, columns: int) -> int:
    """Estimate the cells of a file cheaply, never below the truth.

    A CSV's lines times its header's columns (a quoted line break counts as a row); a
    workbook's cells are counted in its worksheets' XML, every sheet's.
    """
    if not data.startswith(WORKBOOK):
        lines = max(data.count(b"\n"), data.count(b"\r")) + (not data.endswith((b"\n", b"\r")))
        return lines * max(columns, 1)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [i for i in archive.infolist() if i.filename.startswith("xl/worksheets/")]
        size = sum(sheet.file_size for sheet in sheets)
        if size > SHEET_XML_COUNTED:
            return size // CELL_XML_BYTES
        return sum(archive.read(sheet).count(b"<c ") for sheet in sheets)


def check_import_file(name: str, data: bytes) -> ImportFile:
    """Return the file if it is a CSV or XLSX file that opens; else raise ValidationError."""
    check_size(name, len(data))
    if not data.strip():
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    suffix = Path(name).suffix.lower()
    workbook = data.startswith(WORKBOOK)
    kind = next((kind for magic, kind in OTHER_KINDS.items() if data.startswith(magic)), None)
    if kind is not None or suffix not in TEXT_SUFFIXES | WORKBOOK_SUFFIXES:
        message = _("%(name)s is not a CSV file or an XLSX workbook%(kind)s: give one of those.")
        raise ValidationError(
            message % {"name": name, "kind": f" ({kind})" if kind else ""}, code="type"
        )
    if workbook != (suffix in WORKBOOK_SUFFIXES):
        message = (
            _("%(name)s is named as a workbook but is not one: save it as XLSX, or name it .csv.")
            if suffix in WORKBOOK_SUFFIXES
            else _("%(name)s is named as a CSV file but is a zipped file: give the CSV itself.")
        )
        raise ValidationError(message % {"name": name}, code="type")
    try:
        header = next(read_rows(data), None) or []
    except FileUnreadable as error:
        raise ValidationError(
            _("%(name)s cannot be read: %(reason)s") % {"name": name, "reason": error},
            code="unreadable",
        ) from None
    return ImportFile(name, data, cells_in(data, len(header)))


class ImportForm(DescribedErrors, forms.Form):
    file = forms.FileField(
        label=_("File of figures"),
        error_messages={
            "required": _("Choose a CSV or XLSX file to import."),
            "empty": _("The file is empty."),
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.tsv,.txt,.xlsx,.xlsm,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "aria-describedby": "id_file-help",
            }
        ),
    )
    valid_rows = forms.BooleanField(
        label=_("Load the valid rows and skip the rows with errors"),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "id_valid_rows-help"}),
        help_text=_(
            "Off: a file with any error changes nothing, so that you can correct it and import "
            "it whole."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (any encoding, comma or semicolon) or XLSX (its first sheet), tidy "
            "(indicator, party, period, value) or wide (indicator, party, then a column a "
            "period), at most %(limit)s."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}

    def clean_file(self) -> ImportFile:
        upload = self.cleaned_data["file"]
        name = Path(upload.name or "").name or str(_("file"))
        check_size(name, upload.size or 0)
        return check_import_file(name, upload.read(settings.UPLOAD_MAX_BYTES + 1))

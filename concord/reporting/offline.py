"""A party's questionnaire as an XLSX workbook, to fill offline and import back.

The workbook has one sheet of questions, a row each from row 2: the key, the provision, the
question, its answer type and allowed values (locked), then the answer and the note (to fill).
A hidden sheet records the cycle, the party, the submission's version and the language of the
labels. An import checks every cell and writes nothing unless all of them fit; it saves through
``services.answers_save`` with the workbook's version, so a workbook exported before someone
else's save is refused as stale, like any other save.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from concord.ingestion.uploads import check_size
from concord.reporting import evidence, services
from concord.reporting.answers import SCALE_STATUSES, TEXT_MAX_LENGTH, AnswerType, check_answer
from concord.reporting.models import Question, Submission
from concord.reporting.selectors import submission_answers

META_SHEET = "concord"
KEY, PROVISION, QUESTION, TYPE, ALLOWED, ANSWER, NOTE = "ABCDEFG"
FIRST_ROW = 2
WIDTHS = {KEY: 10, PROVISION: 12, QUESTION: 70, TYPE: 22, ALLOWED: 34, ANSWER: 28, NOTE: 40}
# Where the hidden sheet keeps the lists that the status and yes/no cells choose from.
LIST_COLUMNS = {"implementation": "D", "recommendation": "E", AnswerType.YES_NO: "F"}


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str


class WorkbookInvalid(ValidationError):
    """Cells of an imported workbook that do not fit their questions, every one of them."""

    def __init__(self, cells: list[CellError]) -> None:
        self.cells = cells
        super().__init__(
            {
                "file": [
                    _("Row %(row)s, column %(column)s: %(message)s")
                    % {"row": cell.row, "column": cell.column, "message": cell.message}
                    for cell in cells
                ]
            }
        )


# Export -----------------------------------------------------------------------------------


def _choices(question: Question) -> list[tuple[Any, str]]:
    """Return the (stored value, label) pairs a status or yes/no answer chooses from."""
    if question.answer_type == AnswerType.STATUS:
        return [(c.value, str(c.label)) for c in SCALE_STATUSES[question.scale]]
    if question.answer_type == AnswerType.YES_NO:
        return [(True, _("Yes")), (False, _("No"))]
    return []


def _allowed(question: Question) -> str:
    if choices := _choices(question):
        return "; ".join(label for _value, label in choices)
    return {
        AnswerType.NUMBER: _("A number"),
        AnswerType.DATE: _("A date (YYYY-MM-DD)"),
        AnswerType.TEXT: _("Text"),
        AnswerType.EVIDENCE: _(
            "Text summing up the evidence; attach its files and links on the submission page"
        ),
    }[question.answer_type]


def _type_label(question: Question) -> str:
    label = str(AnswerType(question.answer_type).label)
    return f"{label} ({question.unit})" if question.unit else label


def _shown(question: Question, value: Any) -> Any:
    for stored, label in _choices(question):
        if stored == value:
            return label
    if question.answer_type == AnswerType.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _list_validation(sheet, column: str, count: int) -> DataValidation:
    validation = DataValidation(
        type="list",
        formula1=f"{META_SHEET}!${column}$1:${column}${count}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not on the list"),
        error=_("Choose one of the values on the list."),
    )
    sheet.add_data_validation(validation)
    return validation


def _meta_sheet(book: Workbook, submission: Submission) -> None:
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for row, (name, value) in enumerate(
        [
            ("cycle", submission.cycle_id),
            ("party", submission.party.code),
            ("version", submission.version),
            ("language", translation.get_language()),
        ],
        start=1,
    ):
        meta.cell(row, 1, name)
        meta.cell(row, 2, value)
    for scale, statuses in SCALE_STATUSES.items():
        for row, status in enumerate(statuses, start=1):
            meta[f"{LIST_COLUMNS[scale]}{row}"] = str(status.label)
    meta[f"{LIST_COLUMNS[AnswerType.YES_NO]}1"] = _("Yes")
    meta[f"{LIST_COLUMNS[AnswerType.YES_NO]}2"] = _("No")
    meta.protection.sheet = True


def workbook_export(*, submission: Submission, user: Any) -> bytes:
    """Return the party's questionnaire and current answers as an XLSX workbook.

    Only for the party's focal points (PermissionDenied otherwise); an unstarted submission is
    exported empty, at version 0, and is not started by it.
    """
    if not user.has_perm("reporting.change_submission", submission):
        raise PermissionDenied
    questions = list(submission.cycle.questions.select_related("provision"))
    answers = {a.question_id: a for a in submission_answers(submission)} if submission.pk else {}
    book = Workbook()
    sheet = book.active
    sheet.title = _("Questionnaire")[:31]
    book.properties.title = f"{submission.cycle.name} — {submission.party.name}"
    headers = {
        KEY: _("Key"),
        PROVISION: _("Provision"),
        QUESTION: _("Question"),
        TYPE: _("Answer type"),
        ALLOWED: _("Allowed values"),
        ANSWER: _("Answer"),
        NOTE: _("Note"),
    }
    for column, header in headers.items():
        sheet[f"{column}1"] = header
        sheet[f"{column}1"].font = Font(bold=True)
        sheet.column_dimensions[column].width = WIDTHS[column]
    validations = {
        kind: _list_validation(sheet, column, 2 if kind == AnswerType.YES_NO else 4)
        for kind, column in LIST_COLUMNS.items()
    }
    for row, question in enumerate(questions, start=FIRST_ROW):
        answer = answers.get(question.pk)
        provision = question.provision
        sheet[f"{KEY}{row}"] = question.key
        sheet[f"{PROVISION}{row}"] = provision.ref if provision else ""
        sheet[f"{QUESTION}{row}"] = question.text or (provision.text if provision else "")
        sheet[f"{QUESTION}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        sheet[f"{TYPE}{row}"] = _type_label(question)
        sheet[f"{ALLOWED}{row}"] = _allowed(question)
        sheet[f"{ANSWER}{row}"] = _shown(question, answer.value) if answer else None
        sheet[f"{NOTE}{row}"] = answer.note if answer else None
        if question.answer_type == AnswerType.DATE:
            sheet[f"{ANSWER}{row}"].number_format = "yyyy-mm-dd"
        for column in (ANSWER, NOTE):
            sheet[f"{column}{row}"].protection = Protection(locked=False)
        kind = question.scale or question.answer_type
        if kind in validations:
            validations[kind].add(f"{ANSWER}{row}")
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.protection.sheet = True
    _meta_sheet(book, submission)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def workbook_filename(submission: Submission) -> str:
    return f"questionnaire-{submission.cycle_id}-{submission.party.code}-v{submission.version}.xlsx"


# Import -----------------------------------------------------------------------------------


def _labels(question: Question, language: str) -> dict[str, Any]:
    """Map what a person may type for a choice (its label, in either language, or its code)."""
    known: dict[str, Any] = {}
    for lang in {language, translation.get_language()}:
        with translation.override(lang):
            known.update({label.casefold(): value for value, label in _choices(question)})
    if question.answer_type == AnswerType.STATUS:
        known.update({value: value for value, _label in _choices(question)})
    else:
        known.update({"yes": True, "no": False, "true": True, "false": False})
    return known


def _number(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return value
    return value


def read_cell(question: Question, value: Any, language: str) -> Any:
    """Return the answer a cell holds for ``question`` (None when blank); raise if unfit."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = question.answer_type
    if kind in (AnswerType.STATUS, AnswerType.YES_NO):
        if isinstance(value, bool) and kind == AnswerType.YES_NO:
            return value
        known = _labels(question, language)
        if isinstance(value, str) and value.strip().casefold() in known:
            return known[value.strip().casefold()]
        raise ValidationError(
            _("Choose one of: %(allowed)s.") % {"allowed": _allowed(question)}, code="choice"
        )
    if kind == AnswerType.NUMBER:
        return check_answer(kind, "", _number(value))
    if kind == AnswerType.DATE:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        return check_answer(kind, "", value.strip() if isinstance(value, str) else value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    return check_answer(kind, question.scale, value if isinstance(value, str) else str(value))


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]}, code="workbook")


def _open(data: bytes):
    try:
        names = evidence.check_zip(data) if data.startswith(b"PK\x03\x04") else set()
    except evidence.UnacceptedFile as refused:
        raise _refuse(_("This file is %(reason)s.") % {"reason": refused.reason}) from None
    if "xl/workbook.xml" not in names:
        raise _refuse(_("This is not an Excel workbook (XLSX); export one and fill it in."))
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise _refuse(_("This workbook is damaged and cannot be read.")) from None


def _meta(book, submission: Submission) -> tuple[int, str]:
    """Return the workbook's version and language, once sure it is this submission's."""
    if META_SHEET not in book.sheetnames:
        raise _refuse(_("This workbook was not exported by Concord; export one and fill it in."))
    meta = {
        str(name): value
        for name, value, *_rest in book[META_SHEET].iter_rows(max_col=2, values_only=True)
        if name
    }
    cycle, party = meta.get("cycle"), meta.get("party")
    if cycle != submission.cycle_id:
        raise _refuse(
            _("This workbook is for another reporting cycle (%(found)s), not %(cycle)s.")
            % {"found": cycle, "cycle": submission.cycle_id}
        )
    if party != submission.party.code:
        raise _refuse(
            _("This workbook is for another party (%(found)s), not %(party)s.")
            % {"found": party, "party": submission.party.code}
        )
    version = meta.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _refuse(_("This workbook's version is damaged; export a new one."))
    language = str(meta.get("language") or "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return version, language


def read_answers(
    rows: Iterable[tuple[Any, ...]], questions: dict[str, Question], language: str
) -> dict[str, dict[str, Any]]:
    """Return the answers of the rows (from row 2), keyed by question; raise WorkbookInvalid.

    Every cell is checked, and every error is listed with its row and column.
    """
    answers: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    errors: list[CellError] = []
    for row, cells in enumerate(rows, start=FIRST_ROW):
        cells = (*cells, *([None] * 7))[:7]
        key, answer, note = cells[0], cells[5], cells[6]
        key = str(key).strip() if key is not None else ""
        if not key:
            if answer is not None or note is not None:
                errors.append(CellError(row, KEY, _("An answer without a question key.")))
            continue
        question = questions.get(key)
        if question is None:
            errors.append(CellError(row, KEY, _("No question with this key in the questionnaire.")))
            continue
        if key in seen:
            errors.append(
                CellError(row, KEY, _("This question is on row %(row)s too.") % {"row": seen[key]})
            )
            continue
        seen[key] = row
        note = "" if note is None else str(note)
        try:
            value = read_cell(question, answer, language)
        except ValidationError as error:
            errors.append(CellError(row, ANSWER, " ".join(error.messages)))
        else:
            if value is None and note.strip():
                errors.append(
                    CellError(row, NOTE, _("A note goes with an answer: fill in the answer."))
                )
        if len(note) > TEXT_MAX_LENGTH:
            errors.append(
                CellError(
                    row,
                    NOTE,
                    _("A note has at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH},
                )
            )
        if not errors:
            answers[key] = {"value": value, "note": note}
    if errors:
        raise WorkbookInvalid(errors)
    return answers


@transaction.atomic
def workbook_import(*, submission: Submission, file: UploadedFile, user: Any) -> Submission:
    """Save the answers of a filled workbook, all of them or, at the first unfit cell, none.

    Raises PermissionDenied (not a focal point of the party), ValidationError on ``file`` (too
    big, not an XLSX, another cycle's or party's), WorkbookInvalid listing every unfit cell, or
    ``services.StaleVersion`` when someone saved since the workbook was exported.
    """
    if not user.has_perm("reporting.change_submission", submission):
        raise PermissionDenied
    name = file.name or "workbook.xlsx"
    try:
        check_size(name, file.size or 0)
        data = file.read(settings.UPLOAD_MAX_BYTES + 1)
        check_size(name, len(data))
    except ValidationError as error:
        raise _refuse(" ".join(error.messages)) from None
    book = _open(data)
    try:
        version, language = _meta(book, submission)
        questions = {q.key: q for q in submission.cycle.questions.select_related("provision")}
        rows = book.worksheets[0].iter_rows(min_row=FIRST_ROW, max_col=7, values_only=True)
        answers = read_answers(rows, questions, language)
    finally:
        book.close()
    if submission.pk is None:
        submission = services.submission_get_or_start(
            cycle=submission.cycle, party=submission.party, user=user
        )
    return services.answers_save(
        submission=submission, answers=answers, expected_version=version, user=user
    )

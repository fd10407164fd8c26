"""The questionnaire as XLSX: export, fill offline, import back, all or nothing."""

# ruff: noqa: F811  (the fixtures imported from offline_fixtures are test arguments)

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from concord.reporting import offline, services
from concord.reporting.models import Answer, Question, Submission, SubmissionStatus
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.offline_fixtures import (
    A_DATE,
    PDF_BYTES,
    docx_bytes,
    draft,  # noqa: F401  (a fixture)
    questionnaire,  # noqa: F401  (a fixture)
    saved,
    uploaded,
    workbook,
)


def export(submission, user) -> bytes:
    return offline.workbook_export(submission=submission, user=user)


def rows_by_key(book) -> dict[str, int]:
    sheet = book.worksheets[0]
    return {sheet[f"A{row}"].value: row for row in range(2, sheet.max_row + 1)}


def fill(data: bytes, answers: dict[str, tuple]) -> bytes:
    """Type answers (and notes) into the rows of their keys, as a person would offline."""
    book = workbook(data)
    sheet = book.worksheets[0]
    rows = rows_by_key(book)
    for key, (answer, *note) in answers.items():
        sheet[f"F{rows[key]}"] = answer
        if note:
            sheet[f"G{rows[key]}"] = note[0]
    return saved(book)


def import_(submission, user, data: bytes):
    return offline.workbook_import(
        submission=submission, file=uploaded("answers.xlsx", data), user=user
    )


def stored(submission) -> dict[str, tuple]:
    return {
        a.question.key: (a.value, a.note)
        for a in Answer.objects.filter(submission=submission).select_related("question__provision")
    }


def test_the_workbook_lists_every_question_with_what_it_accepts(draft, focal_point, questionnaire):
    book = workbook(export(draft, focal_point))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == [
        "Key",
        "Provision",
        "Question",
        "Answer type",
        "Allowed values",
        "Answer",
        "Note",
    ]
    rows = rows_by_key(book)
    assert list(rows) == list(questionnaire.values())
    first = rows["1"]
    assert sheet[f"B{first}"].value == "1"
    assert sheet[f"C{first}"].value == "Adopts laws."
    assert sheet[f"F{first}"].value == "Partially implemented"
    assert sheet[f"G{first}"].value == "Draft law"
    assert "Fully implemented" in sheet[f"E{first}"].value
    assert sheet[f"D{rows[questionnaire['staff']]}"].value == "Number (people)"
    # Only the answer and the note may be typed in; status and yes/no cells choose from lists.
    assert sheet.protection.sheet
    assert sheet[f"C{first}"].protection.locked
    assert not sheet[f"F{first}"].protection.locked and not sheet[f"G{first}"].protection.locked
    lists = {
        cell: validation.formula1
        for validation in sheet.data_validations.dataValidation
        for cell in str(validation.sqref).split()
    }
    assert lists[f"F{first}"].startswith("concord!$D$1")
    assert lists[f"F{rows[questionnaire['strategy']]}"].startswith("concord!$F$1")
    meta = book["concord"]
    assert meta.sheet_state == "hidden"
    assert [meta[f"B{row}"].value for row in range(1, 4)] == [draft.cycle_id, "FRA", 1]


def test_round_trip_stores_every_answer(draft, focal_point, questionnaire):
    q = questionnaire
    data = fill(
        export(draft, focal_point),
        {
            "1": ("Fully implemented", "Law 12/2024 in force"),
            "2": ("largely",),
            q["staff"]: (14,),
            q["strategy"]: ("No",),
            q["adopted"]: (A_DATE,),
            q["authority"]: ("AGRASC",),
            q["law"]: ("Articles 3 to 5",),
        },
    )
    result = import_(draft, focal_point, data)
    assert result.version == 2
    assert stored(draft) == {
        "1": ("fully", "Law 12/2024 in force"),
        "2": ("largely", ""),
        q["staff"]: (14, ""),
        q["strategy"]: (False, ""),
        q["adopted"]: ("2026-02-01", ""),
        q["authority"]: ("AGRASC", ""),
        q["law"]: ("Articles 3 to 5", ""),
    }
    record = Submission.objects.get(pk=draft.pk).history.latest("history_date")
    assert record.history_user == focal_point
    # What was imported is what the next export shows.
    again = workbook(export(Submission.objects.get(pk=draft.pk), focal_point)).worksheets[0]
    assert again[f"F{rows_by_key(workbook(data))[q['adopted']]}"].value == A_DATE


def test_a_bad_workbook_lists_every_bad_cell_and_changes_nothing(draft, focal_point, questionnaire):
    q = questionnaire
    data = fill(
        export(draft, focal_point),
        {
            "1": ("Done, mostly",),
            "2": ("fully",),
            q["staff"]: ("a dozen",),
            q["strategy"]: ("maybe",),
            q["adopted"]: ("1st of May",),
        },
    )
    book = workbook(data)
    book.worksheets[0]["A20"] = "III.9"
    book.worksheets[0]["F20"] = "fully"
    rows = rows_by_key(book)
    with pytest.raises(offline.WorkbookInvalid) as invalid:
        import_(draft, focal_point, saved(book))
    found = [(cell.row, cell.column) for cell in invalid.value.cells]
    assert found == [
        (rows["1"], "F"),
        (rows[q["staff"]], "F"),
        (rows[q["strategy"]], "F"),
        (rows[q["adopted"]], "F"),
        (20, "A"),
    ]
    messages = {(cell.row, cell.column): cell.message for cell in invalid.value.cells}
    assert "Not started; Partially implemented" in messages[(rows["1"], "F")]
    assert messages[(rows[q["staff"]], "F")] == "Expected a number."
    assert invalid.value.message_dict["file"][0].startswith(f"Row {rows['1']}, column F:")
    refreshed = Submission.objects.get(pk=draft.pk)
    assert refreshed.version == 1
    assert stored(draft) == {"1": ("partially", "Draft law")}


def test_a_blank_answer_clears_it_and_a_lone_note_is_refused(draft, focal_point):
    data = fill(export(draft, focal_point), {"1": (None, None)})
    import_(draft, focal_point, data)
    assert stored(draft) == {}
    data = fill(export(Submission.objects.get(pk=draft.pk), focal_point), {"2": (None, "why")})
    with pytest.raises(offline.WorkbookInvalid) as invalid:
        import_(draft, focal_point, data)
    assert [cell.column for cell in invalid.value.cells] == ["G"]


def test_a_stale_workbook_is_refused_and_changes_nothing(draft, focal_point):
    data = fill(export(draft, focal_point), {"1": ("fully",)})
    services.answers_save(
        submission=draft, answers={"2": "largely"}, expected_version=1, user=focal_point
    )
    with pytest.raises(services.StaleVersion) as stale:
        import_(draft, focal_point, data)
    assert stale.value.current == 2
    assert stored(draft) == {"1": ("partially", "Draft law"), "2": ("largely", "")}


def test_another_partys_workbook_is_refused(draft, focal_point, other_focal_point, cycle, party_b):
    data = export(draft, focal_point)
    ukraine = Submission(cycle=cycle, party=party_b)
    with pytest.raises(ValidationError) as refused:
        import_(ukraine, other_focal_point, data)
    assert "another party (FRA)" in refused.value.message_dict["file"][0]
    assert not Submission.objects.filter(party=party_b).exists()


def test_another_cycles_workbook_is_refused(draft, focal_point, instrument, secretariat, party_a):
    later = open_cycle(instrument, secretariat, [party_a])
    data = export(draft, focal_point)
    with pytest.raises(ValidationError) as refused:
        import_(Submission(cycle=later, party=party_a), focal_point, data)
    assert "another reporting cycle" in refused.value.message_dict["file"][0]


@pytest.mark.parametrize(
    "data", [PDF_BYTES, docx_bytes(), b"key,answer\n1,fully\n"], ids=["pdf", "docx", "csv"]
)
def test_a_file_that_is_not_an_xlsx_is_refused(data, draft, focal_point):
    with pytest.raises(ValidationError) as refused:
        import_(draft, focal_point, data)
    assert "not an Excel workbook" in refused.value.message_dict["file"][0]


def test_a_workbook_not_from_concord_is_refused(draft, focal_point):
    book = workbook(export(draft, focal_point))
    del book["concord"]
    with pytest.raises(ValidationError) as refused:
        import_(draft, focal_point, saved(book))
    assert "not exported by Concord" in refused.value.message_dict["file"][0]


def test_a_workbook_over_the_size_limit_is_refused(draft, focal_point, settings):
    data = export(draft, focal_point)
    settings.UPLOAD_MAX_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as refused:
        import_(draft, focal_point, data)
    assert "largest file accepted" in refused.value.message_dict["file"][0]


@pytest.mark.parametrize("persona", ["other_focal_point", "reviewer", "secretariat"])
def test_only_the_partys_focal_points_export_and_import(persona, draft, focal_point, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        export(draft, user)
    with pytest.raises(PermissionDenied):
        import_(draft, user, export(draft, focal_point))


def test_an_unstarted_submission_exports_empty_and_an_import_starts_it(cycle, party_a, focal_point):
    unstarted = Submission(cycle=cycle, party=party_a)
    data = export(unstarted, focal_point)
    assert not Submission.objects.exists()
    assert workbook(data)["concord"]["B3"].value == 0
    result = import_(unstarted, focal_point, fill(data, {"1": ("Not started",)}))
    assert (result.status, result.version) == (SubmissionStatus.DRAFT, 1)
    assert stored(result) == {"1": ("not_started", "")}


def test_a_submitted_submission_cannot_be_imported_into(draft, focal_point):
    data = fill(export(draft, focal_point), {"1": ("fully",)})
    services.submission_transition(
        submission=draft, target=SubmissionStatus.SUBMITTED, user=focal_point
    )
    with pytest.raises(ValidationError) as refused:
        import_(draft, focal_point, data)
    assert "status" in refused.value.message_dict


def test_a_french_workbook_is_read_in_french(draft, focal_point, questionnaire):
    with translation.override("fr"):
        data = export(draft, focal_point)
        yes = str(workbook(data)["concord"]["F1"].value)
    data = fill(data, {questionnaire["strategy"]: (yes,)})
    import_(draft, focal_point, data)
    assert stored(draft)[questionnaire["strategy"]] == (True, "")


@pytest.mark.parametrize(
    ("answer_type", "value", "expected"),
    [
        ("yes_no", True, True),
        ("yes_no", " yes ", True),
        ("yes_no", "FALSE", False),
        ("number", "1 234,5", 1234.5),
        ("number", 12, 12),
        ("date", dt.datetime(2026, 3, 31, 0, 0), "2026-03-31"),
        ("date", " 2026-03-31", "2026-03-31"),
        ("text", 2024, "2024"),
        ("text", 2024.0, "2024"),
        ("evidence", "See the law", "See the law"),
        ("text", "   ", None),
    ],
)
def test_cells_are_read_as_people_type_them(answer_type, value, expected):
    question = Question(answer_type=answer_type, scale="")
    assert offline.read_cell(question, value, "en") == expected

import io
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from concord.audit.context import Source
from concord.indicators.entry import Figure, period_lock, value_put, value_review
from concord.indicators.import_rows import RowError, layout_of
from concord.indicators.importing import values_import
from concord.indicators.models import Approval, Indicator, Period, Unit, Value
from concord.indicators.periods import period_for
from concord.registry.models import Party, PartyAlias
from concord.registry.names import normalize_name

pytestmark = pytest.mark.django_db

HEAD = "indicator,party,period,value\n"
SBD = "start-business-days"


def lines(*rows: str) -> str:
    return "".join(f"{row}\n" for row in rows)


def load(user, text: str, encoding: str = "utf-8", **options):
    return values_import(user=user, data=text.encode(encoding), **options)


def workbook(*sheets: tuple[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def stored() -> list[tuple]:
    """Every figure and history record, without ids and times."""
    figures = Value.objects.order_by("indicator__code", "subject", "period__code", "breakdown_key")
    history = Value.history.all()
    return [
        *figures.values_list(
            "indicator__code", "subject", "period__code", "breakdown_key", "number", "status",
            "source", "note", "flag", "approval", "comment", "entered_by__username",
        ),
        *sorted(history.values_list(
            "subject", "period__code", "breakdown_key", "number", "status", "source", "approval",
            "history_type", "history_user__username", "history_source",
        ), key=repr),
    ]  # fmt: skip


def number(days, code: str, period: str, **breakdown) -> Decimal | None:
    key = ";".join(f"{k}={v}" for k, v in sorted(breakdown.items()))
    value = Value.objects.filter(
        indicator=days, subject=f"party:{code}", period__code=period, breakdown_key=key
    ).first()
    return value.number if value else None


def test_a_tidy_file_creates_the_secretariats_figures_approved(days, viet_nam, secretariat):
    report = load(
        secretariat,
        HEAD + "start-business-days,VNM,2014,34\n" + "START-BUSINESS-DAYS,Viet Nam,2015,20.5\n",
    )
    assert (report.rows, report.created, report.updated, report.errors) == (2, 2, 0, [])
    assert report.written and report.bulk
    values = Value.objects.filter(indicator=days).order_by("period__code")
    assert [(v.number, v.approval, v.entered_by) for v in values] == [
        (Decimal(34), Approval.APPROVED, secretariat),
        (Decimal("20.5"), Approval.APPROVED, secretariat),
    ]
    record = Value.history.filter(period__code="2015").get()
    assert (record.history_user, record.history_source, record.history_type) == (
        secretariat,
        Source.IMPORT,
        "+",
    )


def test_headers_are_read_in_any_case_with_semicolons_in_any_encoding(days, viet_nam, secretariat):
    source = "Banque mondiale, Doing Business (édition régionale)"
    text = lines(
        "Indicator;PARTY;Period;Value;Source;Status", f"{SBD};Viet Nam;2014;34;{source};estimate"
    )
    report = load(secretariat, text, encoding="cp1252")
    assert report.errors == [] and report.created == 1
    value = Value.objects.get()
    assert value.source == "Banque mondiale, Doing Business (édition régionale)"
    assert value.status == "estimate"


def test_parties_are_named_as_ingestion_names_them_and_a_group_is_a_subject(
    days, viet_nam, asean_6, secretariat
):
    lao = Party.objects.create(code="LAO", name="Lao People's Democratic Republic")
    PartyAlias.objects.create(party=lao, name="Lao PDR", normalized=normalize_name("Lao PDR"))
    text = (
        HEAD
        + "start-business-days,Lao PDR,2014,92\n"
        + "start-business-days,group:asean-6,2014,36.5\n"
    )
    report = load(secretariat, text)
    assert report.errors == [] and report.created == 2
    subjects = set(Value.objects.values_list("subject", flat=True))
    assert subjects == {"party:LAO", "group:asean-6"}


ERRORS = [
    ('start-business-days,VNM,2014,"1,250.5"', "value", "is not a number"),
    ("start-business-days,VNM,2014,1.1234567", "value", "6 decimal places"),
    ("no-such-indicator,VNM,2014,3", "indicator", "No indicator has the code no-such-indicator"),
    ("start-business-days,Atlantis,2014,3", "party", "known as Atlantis"),
    ("start-business-days,,2014,3", "party", "This cell is empty."),
    ("start-business-days,VNM,,3", "period", "This cell is empty."),
    ("start-business-days,VNM,2014,", "value", "This cell is empty."),
    ("start-business-days,VNM,2014-Q5,3", "period", "2014-Q5 is not a period"),
    ("start-business-days,VNM,2015,3", "value", "The same figure is given in row 2"),
    ("start-business-days,VNM,2013,3", "value", "2013 is locked"),
]


@pytest.mark.parametrize(("row", "column", "message"), ERRORS)
def test_every_error_is_reported_by_row_and_column_and_changes_nothing(
    days, viet_nam, secretariat, row, column, message
):
    period = period_for("2013")
    value_put(user=secretariat, indicator=days, period=period, party=viet_nam, figure=Figure(40))
    period_lock(user=secretariat, indicator=days, period=period)
    before = stored()
    report = load(secretariat, HEAD + "start-business-days,VNM,2015,20\n" + row + "\n")
    assert [(error.row, error.column) for error in report.errors] == [(3, column)]
    assert message in report.errors[0].message
    assert message in str(report.errors[0]) and str(report.errors[0]).startswith("Row 3, column")
    assert not report.written and report.created == 0
    assert stored() == before


def test_a_figure_the_person_may_not_enter_is_refused_and_nothing_is_written(
    days, viet_nam, party_a, focal_point
):
    text = HEAD + "start-business-days,France,2015,20\nstart-business-days,VNM,2015,20\n"
    report = load(focal_point, text)
    assert [(error.row, error.column) for error in report.errors] == [(3, "value")]
    assert "You may not enter figures of start-business-days for party:VNM" in str(report.errors[0])
    assert not Value.objects.exists()


@pytest.mark.parametrize(
    ("header", "row", "column", "message"),
    [
        ("unit", f"{SBD},VNM,2014,3,hours per year", "unit", "measured in days"),
        ("status", f"{SBD},VNM,2014,3,approved", "status", "provisional, final or estimate"),
        ("age", f"{SBD},VNM,2014,3,15-24", "age", "not broken down by age"),
    ],
)  # fmt: skip
def test_unit_status_and_breakdown_are_checked_against_the_indicator(
    days, viet_nam, secretariat, header, row, column, message
):
    Indicator.objects.create(code="youth", name="Youth", unit=Unit.COUNT, dimensions=["age"])
    report = load(secretariat, lines(HEAD.strip() + "," + header, row))
    assert [(e.row, e.column) for e in report.errors] == [(2, column)]
    assert message in report.errors[0].message
    assert not Value.objects.exists()


def test_a_unit_given_by_its_code_or_label_is_accepted(days, viet_nam, secretariat):
    text = (
        HEAD.strip()
        + ",unit\nstart-business-days,VNM,2014,3,days\nstart-business-days,VNM,2015,3,Days\n"
    )
    assert load(secretariat, text).errors == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty."),
        ("indicator,party,period\n", "The header names no value column."),
        ("indicator,party,2014,colour\n", "This column is unknown"),
        ("indicator,party,period,value,Value\n", "This column is given twice."),
    ],
)
def test_a_header_that_cannot_be_read_is_refused(days, secretariat, text, message):
    report = load(secretariat, text)
    assert message in " ".join(error.message for error in report.errors)
    assert {error.row for error in report.errors} <= {0, 1}


def test_layout_is_tidy_with_a_value_column_and_wide_with_period_columns():
    tidy = layout_of(["Indicator", "Party", "Sex", "Period", "Value"], {"sex": "sex"})
    wide = layout_of(["indicator", "party", "2014", "2015-Q1", "unit"], {})
    assert (tidy.columns["value"], tidy.dimensions, tidy.periods) == (4, {"sex": 2}, [])
    assert (wide.periods, wide.columns["unit"]) == ([2, 3], 4)
    assert layout_of(["indicator", "party", "note"], {})[0].message.startswith("The header names")


def test_valid_rows_mode_writes_the_valid_rows_and_lists_the_others(days, viet_nam, secretariat):
    text = HEAD + lines(f"{SBD},VNM,2014,34", f"{SBD},VNM,2015,abc", f"{SBD},Atlantis,2015,3")
    report = load(secretariat, text, valid_rows=True)
    assert report.written and report.created == 1
    assert [(e.row, e.column) for e in report.errors] == [(3, "value"), (4, "party")]
    assert list(Value.objects.values_list("period__code", flat=True)) == ["2014"]


def test_a_wide_file_gives_a_figure_per_period_and_a_blank_is_missing(
    days, viet_nam, asean_6, secretariat
):
    text = lines("indicator,party,2014,2015,2016-Q1", f"{SBD},VNM,34,,7", f"{SBD},SGP,2.5,2.5,")
    report = load(secretariat, text)
    assert (report.rows, report.created, report.errors) == (2, 4, [])
    assert number(days, "VNM", "2015") is None
    assert number(days, "VNM", "2016-Q1") == 7
    assert Period.objects.get(code="2016-Q1").kind == "quarter"


def test_a_wide_file_reports_the_period_column_of_a_bad_cell(days, viet_nam, secretariat):
    report = load(secretariat, "indicator,party,2014,2015\nstart-business-days,VNM,34,n/a\n")
    assert [(e.row, e.column) for e in report.errors] == [(2, "2015")]
    assert not Value.objects.exists()


def test_a_workbook_is_read_from_its_first_sheet_or_the_sheet_named(days, viet_nam, secretariat):
    data = workbook(
        ("notes", [["indicator", "party", "period", "value"], [SBD, "VNM", 2014, 34]]),
        ("wide", [["indicator", "party", 2014, "2015"], [SBD, "VNM", 33.5, 20]]),
    )  # fmt: skip
    assert values_import(user=secretariat, data=data).created == 1
    report = values_import(user=secretariat, data=data, sheet="wide")
    assert (report.created, report.updated, report.errors) == (1, 1, [])
    assert number(days, "VNM", "2014") == Decimal("33.5")
    missing = values_import(user=secretariat, data=data, sheet="Sheet9")
    assert missing.errors[0].row == 0 and "no sheet named Sheet9" in str(missing.errors[0])


def test_a_total_and_its_parts_are_stored_apart_and_never_summed(days, viet_nam, secretariat):
    text = "indicator,party,sex,period,value\n" + "\n".join(
        f"start-business-days,VNM,{sex},2014,{n}"
        for sex, n in (("", 34), ("female", 40), ("male", 30))
    )
    report = load(secretariat, text)
    assert (report.created, report.errors) == (3, [])
    assert number(days, "VNM", "2014") == 34
    assert number(days, "VNM", "2014", sex="female") == 40
    assert Value.objects.filter(indicator=days, breakdown={}).get().number == 34


def test_a_figure_given_again_is_unchanged_and_a_correction_keeps_the_old_one(figures, secretariat):
    before = Value.history.count()
    text = HEAD + "start-business-days,VNM,2014,34\nstart-business-days,VNM,2015,19\n"
    report = load(secretariat, text)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Value.history.count() == before + 1
    value = Value.objects.get(subject="party:VNM", period__code="2015")
    assert value.number == 19
    assert [h.number for h in value.history.order_by("history_id")] == [20, 19]


def test_a_column_left_out_keeps_what_is_stored_and_a_blank_cell_clears_it(
    days, viet_nam, secretariat
):
    load(
        secretariat, HEAD.strip() + ",source,status\nstart-business-days,VNM,2014,34,WB,estimate\n"
    )
    load(secretariat, HEAD + "start-business-days,VNM,2014,35\n")
    assert Value.objects.values_list("number", "source", "status").get() == (35, "WB", "estimate")
    load(secretariat, HEAD.strip() + ",source,status\nstart-business-days,VNM,2014,35,,\n")
    assert Value.objects.values_list("source", "status").get() == ("", "final")


def test_a_focal_points_figures_go_through_value_put_and_wait_for_approval(
    days, party_a, focal_point
):
    report = load(focal_point, HEAD + "start-business-days,France,2014,9\n")
    assert (report.created, report.bulk, report.errors) == (1, False, [])
    assert Value.objects.get().approval == Approval.PENDING


def test_a_dry_run_counts_and_writes_nothing(days, viet_nam, secretariat):
    report = load(secretariat, HEAD + "start-business-days,VNM,2031,34\n", dry_run=True)
    assert (report.created, report.written) == (1, False)
    assert not Value.objects.exists() and not Period.objects.filter(code="2031").exists()


def test_progress_is_told_while_checking_and_writing(days, viet_nam, secretariat, monkeypatch):
    monkeypatch.setattr("concord.indicators.importing.PROGRESS_EVERY", 2)
    calls = []
    rows = "".join(f"start-business-days,VNM,{year},1\n" for year in range(2001, 2006))
    load(secretariat, HEAD + rows, bulk=False, progress=lambda *args: calls.append(args))
    assert calls == [
        ("checked", 2, None), ("checked", 4, None),
        ("written", 2, 5), ("written", 4, 5), ("written", 5, 5),
    ]  # fmt: skip


def test_the_bulk_path_and_value_put_leave_the_same_database(figures, secretariat, monkeypatch):
    monkeypatch.setattr("concord.indicators.importing.BATCH", 3)
    rows = [
        "start-business-days,VNM,2014,34,,final,WB",  # unchanged
        "start-business-days,VNM,2015,19,,provisional,WB",  # corrected
        "start-business-days,VNM,2015,9,female,estimate,",
        "start-business-days,SGP,2016,2.5,,final,note",
        "start-business-days,group:asean-6,2016,15.25,,final,",
        "start-business-days,THA,2014,27.5,,final,",
    ]
    text = "indicator,party,period,value,sex,status,source\n" + "\n".join(rows) + "\n"

    def run(bulk: bool):
        savepoint = transaction.savepoint()
        report = load(secretariat, text, bulk=bulk)
        after = stored()
        transaction.savepoint_rollback(savepoint)
        return report, after

    (slow, by_value_put), (fast, by_bulk) = run(False), run(True)
    assert (slow.bulk, fast.bulk) == (False, True)
    assert (
        (fast.created, fast.updated, fast.unchanged)
        == (slow.created, slow.updated, slow.unchanged)
        == (3, 2, 1)
    )
    assert by_bulk == by_value_put


def test_a_row_error_reads_as_a_sentence():
    assert (
        str(RowError(4, "value", "x is not a number.")) == "Row 4, column value: x is not a number."
    )
    assert str(RowError(0, "", "The file is empty.")) == "The file is empty."


def test_a_file_that_is_not_text_is_refused_as_a_whole(days, secretariat):
    report = values_import(user=secretariat, data=b"indicator,party,period,value\n\x00a,b\x00\n")
    assert [error.row for error in report.errors] == [0]
    assert "binary data" in str(report.errors[0])
    huge = values_import(user=secretariat, data=HEAD.encode() + b'"' + b"x" * 200_000 + b'"\n')
    assert "Line 2 cannot be read: field larger than field limit" in str(huge.errors[0])
    damaged = values_import(user=secretariat, data=b"PK\x03\x04 not really a workbook")
    assert "The workbook cannot be read" in str(damaged.errors[0])


def test_a_body_is_a_subject_too(days, scope_body, secretariat):
    report = load(secretariat, HEAD + f"{SBD},body:OSR-CTHB,2014,3\n")
    assert (report.created, report.errors) == (1, [])
    assert Value.objects.get().body == scope_body


@pytest.mark.parametrize("bad", [f"{SBD},Atlantis,2001,1", None])
def test_checking_and_bulk_writing_take_as_many_queries_for_a_long_file_as_a_short_one(
    days, asean_6, viet_nam, secretariat, bad
):
    """With a bad row only the checks run; without, the figures are written in one batch."""

    def queries(years: range) -> int:
        rows = [f"{SBD},{code},{year},1" for code in ("SGP", "MYS", "VNM") for year in years]
        with CaptureQueriesContext(connection) as captured:
            report = load(secretariat, HEAD + lines(*rows, *[bad] if bad else []), dry_run=True)
        assert report.created == (0 if bad else len(rows))
        return len(captured)

    for year in range(2001, 2011):
        period_for(str(year))
    queries(range(2001, 2002))  # loads the person's roles, once
    assert queries(range(2001, 2003)) == queries(range(2001, 2011))


@pytest.mark.parametrize("valid_rows", [False, True])
def test_a_figure_refused_while_writing_undoes_the_file_unless_valid_rows_are_asked(
    days, viet_nam, secretariat, monkeypatch, valid_rows
):
    """The period is locked after the checks (by someone else meanwhile): value_put refuses."""
    monkeypatch.setattr("concord.indicators.importing.PROGRESS_EVERY", 1)
    period = period_for("2013")

    def lock_meanwhile(stage, done, total):
        if stage == "checked" and done == 2:
            period_lock(user=secretariat, indicator=days, period=period)

    text = HEAD + lines(f"{SBD},VNM,2014,1", f"{SBD},VNM,2013,1")
    report = load(secretariat, text, bulk=False, valid_rows=valid_rows, progress=lock_meanwhile)
    assert [(e.row, e.column) for e in report.errors] == [(3, "value")]
    assert "2013 is locked" in report.errors[0].message
    assert (report.written, report.created) == (valid_rows, int(valid_rows))
    assert Value.objects.count() == int(valid_rows)


def test_a_reload_corrects_every_figure_in_batches_and_keeps_the_old_ones_in_the_history(
    days, viet_nam, secretariat, monkeypatch
):
    monkeypatch.setattr("concord.indicators.importing.BATCH", 2)
    years = range(2001, 2006)
    load(secretariat, HEAD + lines(*(f"{SBD},VNM,{year},{year - 2000}" for year in years)))
    before = dict(Value.objects.values_list("period__code", "updated_at"))
    text = "indicator,party,period,value,status,source\n" + lines(
        *(f"{SBD},VNM,{year},{year - 1990}.5,estimate,WB" for year in years)
    )
    report = load(secretariat, text)
    assert (report.created, report.updated, report.unchanged, report.bulk) == (0, 5, 0, True)
    for value in Value.objects.filter(indicator=days).select_related("period"):
        year = int(value.period.code)
        assert (value.number, value.status, value.source) == (
            Decimal(f"{year - 1990}.5"),
            "estimate",
            "WB",
        )
        assert value.updated_at > before[value.period.code]
        records = value.history.order_by("history_id")
        assert [(r.history_type, r.number, r.status) for r in records] == [
            ("+", year - 2000, "final"),
            ("~", Decimal(f"{year - 1990}.5"), "estimate"),
        ]
        assert {(r.history_user, r.history_source) for r in records} == {
            (secretariat, Source.IMPORT)
        }


def test_the_secretariats_import_approves_a_returned_figure_and_clears_the_comment(
    days, party_a, focal_point, secretariat
):
    value = value_put(
        user=focal_point, indicator=days, period=period_for("2014"), party=party_a, figure=Figure(9)
    )
    value_review(user=secretariat, value=value, approve=False, comment="Check the source.")
    report = load(secretariat, HEAD + f"{SBD},France,2014,8\n")
    assert (report.updated, report.bulk) == (1, True)
    value.refresh_from_db()
    assert (value.number, value.approval, value.comment, value.entered_by) == (
        8,
        Approval.APPROVED,
        "",
        secretariat,
    )
    assert value.history.order_by("-history_id").first().comment == ""


def test_a_breakdown_is_stored_as_given_in_the_figure_and_its_history(days, viet_nam, secretariat):
    load(secretariat, "indicator,party,sex,period,value\n" + f"{SBD},VNM,female,2014,40\n")
    value = Value.objects.get()
    assert (value.breakdown, value.breakdown_key) == ({"sex": "female"}, "sex=female")
    assert value.history.get().breakdown == {"sex": "female"}


def test_a_figure_entered_after_an_import_takes_a_new_id(days, viet_nam, secretariat):
    load(secretariat, HEAD + lines(f"{SBD},VNM,2014,1", f"{SBD},VNM,2015,2"))
    later = value_put(
        user=secretariat,
        indicator=days,
        period=period_for("2016"),
        party=viet_nam,
        figure=Figure(3),
    )
    assert Value.objects.count() == 3
    assert later.pk > max(Value.objects.exclude(pk=later.pk).values_list("pk", flat=True))
    assert [h.history_type for h in later.history.all()] == ["+"]


def test_bulk_corrections_take_as_many_queries_for_a_long_file_as_a_short_one(
    days, asean_6, viet_nam, secretariat
):
    def rows(years: range, number: int) -> str:
        codes = ("SGP", "MYS", "VNM")
        return HEAD + lines(*(f"{SBD},{code},{year},{number}" for code in codes for year in years))

    load(secretariat, rows(range(2001, 2011), 1))

    def queries(years: range) -> int:
        with CaptureQueriesContext(connection) as captured:
            report = load(secretariat, rows(years, 2), dry_run=True)
        assert report.updated == 3 * len(years)
        return len(captured)

    queries(range(2001, 2002))
    assert queries(range(2001, 2003)) == queries(range(2001, 2011))

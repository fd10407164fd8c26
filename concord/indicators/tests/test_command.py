import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from concord.indicators.models import Approval, Value
from concord.indicators.tasks import import_file
from concord.ingestion.tests.uploading import run_worker

pytestmark = pytest.mark.django_db

GOOD = "indicator,party,period,value\nstart-business-days,VNM,2014,34\n"
GOOD += "start-business-days,VNM,2015,20\n"
BAD = GOOD + "start-business-days,Atlantis,2015,3\n"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("indicators", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(GOOD)
    return str(path)


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD)
    return str(path)


def test_import_prints_the_report_and_writes_as_the_person_named(days, viet_nam, secretariat, good):
    out, err = run("import", good, "--user", "secretariat")
    assert "2 rows read: 2 figures created, 0 updated, 0 unchanged; 0 errors." in out
    assert "Written 2 of 2 figures" in out and err == ""
    assert set(Value.objects.values_list("entered_by__username", "approval")) == {
        ("secretariat", Approval.APPROVED)
    }


def test_a_refused_file_exits_non_zero_listing_its_errors(days, viet_nam, secretariat, bad):
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 1 error") as refused:
        call_command("indicators", "import", bad, "--user", "secretariat", stderr=err)
    assert refused.value.returncode == 1
    assert "Row 4, column party: No party, group or body is known as Atlantis." in err.getvalue()
    assert not Value.objects.exists()


def test_valid_rows_are_written_and_the_others_listed(days, viet_nam, secretariat, bad):
    out, err = run("import", bad, "--user", "secretariat", "--valid-rows")
    assert "2 figures created" in out and "Row 4, column party" in err
    assert Value.objects.count() == 2


def test_a_dry_run_writes_nothing(days, viet_nam, secretariat, good):
    out, _err = run("import", good, "--user", "secretariat", "--dry-run")
    assert "2 figures created" in out and "Dry run: nothing was written." in out
    assert not Value.objects.exists()


def test_import_needs_a_known_person(days, good):
    with pytest.raises(CommandError, match="No person has the username nobody"):
        run("import", good, "--user", "nobody")
    with pytest.raises(CommandError, match="--user"):
        run("import", good)


def test_a_focal_points_import_of_another_partys_figures_is_refused(
    days, viet_nam, focal_point, good
):
    with pytest.raises(CommandError, match="Nothing was imported: 2 errors"):
        run("import", good, "--user", "focal-point")


def test_export_writes_the_approved_figures_as_csv_to_standard_output(figures):
    out, _err = run("export", "start-business-days")
    lines = out.splitlines()
    assert lines[0] == "indicator,party,sex,period,value,unit,status,source,note,flag"
    assert "start-business-days,SGP,,2014,2.5,days,final,,," in lines
    assert len(lines) == 14


def test_export_leaves_out_pending_figures_unless_a_person_may_see_them(
    days, party_a, focal_point, tmp_path
):
    path = tmp_path / "fr.csv"
    path.write_text("indicator,party,period,value\nstart-business-days,FRA,2014,9\n")
    run("import", str(path), "--user", "focal-point")
    assert len(run("export", "start-business-days")[0].splitlines()) == 1
    out, _err = run("export", "start-business-days", "--user", "focal-point")
    assert out.splitlines()[1].startswith("start-business-days,FRA,,2014,9,")


def test_export_writes_a_wide_workbook_to_a_file(figures, tmp_path):
    target = tmp_path / "days.xlsx"
    run("export", "start-business-days", "--format", "xlsx", "--wide", "-o", str(target))
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("indicator", "party", "sex", "unit", "2014", "2015")
    assert ("start-business-days", "IDN", None, "days", 52.5, None) in rows
    with pytest.raises(CommandError, match="-o FILE"):
        run("export", "start-business-days", "--format", "xlsx")


def test_export_of_an_unknown_indicator_is_refused(db):
    with pytest.raises(CommandError, match="No indicator has the code nothing"):
        run("export", "nothing")


def test_a_csv_export_to_a_file_imports_back_unchanged(figures, secretariat, tmp_path):
    target = tmp_path / "days.csv"
    run("export", "start-business-days", "-o", str(target))
    out, _err = run("import", str(target), "--user", "secretariat")
    assert "13 rows read: 0 figures created, 0 updated, 13 unchanged; 0 errors." in out


def test_the_import_task_run_by_the_worker_returns_the_report(days, viet_nam, secretariat, good):
    result = import_file.enqueue(good, "secretariat", False)
    run_worker()
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    result.refresh()
    report = result.return_value
    assert (report["rows"], report["created"], report["errors"], report["written"]) == (
        2,
        2,
        [],
        True,
    )
    assert Value.objects.count() == 2


def test_the_import_task_lists_the_errors_of_a_refused_file(days, viet_nam, secretariat, bad):
    result = import_file.enqueue(bad, "secretariat", False)
    run_worker()
    result.refresh()
    assert result.return_value["errors"] == [
        {"row": 4, "column": "party", "message": "No party, group or body is known as Atlantis."}
    ]
    assert not Value.objects.exists()

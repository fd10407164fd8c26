"""The import page: a small file imported at once with its report, a large one through the task
worker and its status page; errors by row and column leave the figures as they were."""

import io
import re

import pytest
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from concord.indicators.models import Approval, Period, Value
from concord.indicators.tasks import import_file, import_file_enqueue, imports_dir
from concord.indicators.views.imports import IN_REQUEST_CELLS
from concord.ingestion.tests.uploading import run_worker

pytestmark = pytest.mark.django_db

URL = reverse("indicators:import_new")
GOOD = "indicator,party,period,value\nstart-business-days,VNM,2014,34\n"
GOOD += "start-business-days,VNM,2015,20\n"
BAD = GOOD + "start-business-days,Atlantis,2015,3\nstart-business-days,VNM,2016,many\n"
VALUE_ERROR = "many is not a number."
MONTHS = [f"{year}-{month:02d}" for year in range(1900, 2020) for month in range(1, 13)]


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.UPLOADS_DIR = tmp_path / "uploads"
    return settings.UPLOADS_DIR


def csv_file(text: str, name: str = "figures.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "figures.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def large_csv(rows: int) -> str:
    """A tidy file of Viet Nam's monthly figures, over the size imported in the request."""
    lines = ["indicator,party,period,value"]
    lines += [f"start-business-days,VNM,{month},{n % 90 + 1}" for n, month in enumerate(MONTHS)]
    return "\n".join(lines[: rows + 1]) + "\n"


def facts(html: str) -> dict[str, str]:
    """The report's counts, by their label."""
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]*)</dd>", html))


def error_rows(html: str) -> list[tuple[str, str, str]]:
    """The rows of the table of errors: row, column, message."""
    table = html.split("Errors, by row and column", 1)[1].split("</table>", 1)[0]
    cells = re.findall(
        r'<tr>\s*<th scope="row">(.*?)</th>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>',
        table,
        re.S,
    )
    return [tuple(cell.strip() for cell in row) for row in cells]


def status_url(result_id) -> str:
    return reverse("indicators:import_status", kwargs={"result_id": result_id})


# Who may import ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client_as):
    client = client_as(None)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == redirect_to_login(URL)["Location"]
    assert client.post(URL, {"file": csv_file(GOOD)}).status_code == 302
    assert client.get(status_url("0" * 32)).status_code == 302


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "partner"])
def test_a_person_without_the_permission_is_refused(persona, request, client_as, days, viet_nam):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": csv_file(GOOD)}).status_code == 403
    result = import_file.enqueue(path="x.csv", username=persona.replace("_", "-"), name="x.csv")
    assert client.get(status_url(result.id)).status_code == 403
    assert not Value.objects.exists()


def test_the_service_refuses_to_store_a_file_for_a_person_without_the_permission(
    focal_point, uploads
):
    with pytest.raises(PermissionDenied):
        import_file_enqueue(user=focal_point, name="f.csv", data=GOOD.encode(), valid_rows=False)
    assert not uploads.exists() and not DBTaskResult.objects.exists()


def test_the_list_offers_the_import_to_those_who_may_import(client_as, secretariat, focal_point):
    link = f'href="{URL}"'
    assert link in client_as(secretariat).get(reverse("indicators:list")).content.decode()
    assert link not in client_as(focal_point).get(reverse("indicators:list")).content.decode()
    assert link not in client_as(None).get(reverse("indicators:list")).content.decode()


# A small file, imported in the request -------------------------------------------------------


def test_the_form_offers_the_file_and_the_choice_to_load_valid_rows_off(client_as, secretariat):
    html = client_as(secretariat).get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="file"' in html
    checkbox = re.search(r'<input type="checkbox" name="valid_rows"[^>]*>', html).group(0)
    assert "checked" not in checkbox
    assert "Load the valid rows and skip the rows with errors" in html


def test_a_small_file_is_imported_at_once_and_its_report_shown(
    client_as, days, viet_nam, secretariat
):
    response = client_as(secretariat).post(URL, {"file": csv_file(GOOD)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Report on figures.csv" in html and "The file is imported." in html
    assert facts(html) == {
        "Rows read": "2",
        "Figures created": "2",
        "Figures changed": "0",
        "Figures unchanged": "0",
        "Errors": "0",
    }
    assert "Errors, by row and column" not in html
    values = Value.objects.order_by("period__code")
    assert [(v.period.code, v.number, v.approval) for v in values] == [
        ("2014", 34, Approval.APPROVED),
        ("2015", 20, Approval.APPROVED),
    ]
    history = values[0].history.get()
    assert (history.history_user, history.history_source) == (secretariat, "import")
    assert not DBTaskResult.objects.exists()


def test_a_file_imported_again_reports_its_figures_unchanged_or_changed(
    client_as, days, viet_nam, secretariat
):
    client = client_as(secretariat)
    client.post(URL, {"file": csv_file(GOOD)})
    again = GOOD.replace("2015,20", "2015,21")
    html = client.post(URL, {"file": csv_file(again)}).content.decode()
    assert facts(html)["Figures changed"] == "1" and facts(html)["Figures unchanged"] == "1"
    assert Value.objects.get(period__code="2015").number == 21


def test_a_small_workbook_is_imported_at_once(client_as, days, viet_nam, secretariat):
    rows = [["indicator", "party", "2014", "2015"], ["start-business-days", "Viet Nam", 34, 20]]
    response = client_as(secretariat).post(URL, {"file": xlsx_file(rows)})
    assert response.status_code == 200
    assert facts(response.content.decode())["Figures created"] == "2"
    assert Value.objects.count() == 2


def test_errors_are_listed_by_row_and_column_and_nothing_is_written(
    client_as, days, viet_nam, secretariat
):
    response = client_as(secretariat).post(URL, {"file": csv_file(BAD)})
    html = response.content.decode()
    assert response.status_code == 422
    assert "<title>Nothing imported:" in html
    assert "Nothing was imported." in html and "The file has 2 errors" in html
    assert error_rows(html) == [
        ("4", "party", "No party, group or body is known as Atlantis."),
        ("5", "value", VALUE_ERROR),
    ]
    assert facts(html)["Figures created"] == "0"
    assert not Value.objects.exists()
    assert not Period.objects.exists()


def test_a_header_error_names_the_header_row(client_as, days, viet_nam, secretariat):
    text = "indicator,party,period,value,colour\nstart-business-days,VNM,2014,34,red\n"
    html = client_as(secretariat).post(URL, {"file": csv_file(text)}).content.decode()
    assert error_rows(html)[0][:2] == ("1 (the header)", "colour")
    assert not Value.objects.exists()


def test_the_valid_rows_are_loaded_when_asked(client_as, days, viet_nam, secretariat):
    response = client_as(secretariat).post(URL, {"file": csv_file(BAD), "valid_rows": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The valid rows are imported." in html
    assert facts(html)["Figures created"] == "2" and facts(html)["Errors"] == "2"
    assert [row[:2] for row in error_rows(html)] == [("4", "party"), ("5", "value")]
    assert Value.objects.count() == 2


# Bad input: a clear error on the form, 422, nothing stored or written ------------------------


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Choose a CSV or XLSX file to import."),
        (SimpleUploadedFile("figures.csv", b""), "The file is empty."),
        (SimpleUploadedFile("figures.csv", b"  \n\n"), "figures.csv is empty."),
        (pdf, "figures.csv is not a CSV file or an XLSX workbook (PDF): give one of those."),
        (
            lambda: csv_file(GOOD, "figures.pdf"),
            "figures.pdf is not a CSV file or an XLSX workbook: give one of those.",
        ),
        (
            lambda: csv_file(GOOD, "figures.xlsx"),
            "figures.xlsx is named as a workbook but is not one",
        ),
        (
            lambda: SimpleUploadedFile("figures.xlsx", b"PK\x03\x04 damaged zip"),
            "figures.xlsx cannot be read: The workbook cannot be read",
        ),
        (
            lambda: SimpleUploadedFile("figures.csv", b"indicator,party\x00\x01\x02\n"),
            "figures.csv cannot be read: The file holds binary data",
        ),
    ],
    ids=["none", "empty", "blank", "pdf", "suffix", "not-a-workbook", "damaged", "binary"],
)
def test_a_file_that_is_not_one_of_figures_is_refused_on_the_form(
    upload, message, client_as, days, viet_nam, secretariat, uploads
):
    data = {"file": upload() if callable(upload) else upload} if upload is not None else {}
    response = client_as(secretariat).post(URL, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert '<p class="error" id="id_file-error">' in html
    assert message in html
    assert 'aria-invalid="true"' in html and "id_file-error" in html.split('type="file"')[1]
    assert "Report on" not in html
    assert not Value.objects.exists() and not DBTaskResult.objects.exists()
    assert not uploads.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    client_as, days, viet_nam, secretariat, settings, uploads
):
    settings.UPLOAD_MAX_BYTES = 50
    response = client_as(secretariat).post(URL, {"file": csv_file(GOOD)})
    assert response.status_code == 422
    said = f"figures.csv is {len(GOOD)}\xa0bytes; the largest file accepted is 50\xa0bytes."
    assert said in response.content.decode()
    assert not Value.objects.exists() and not uploads.exists()


# A large file, through the worker ------------------------------------------------------------


def test_a_large_file_is_stored_for_the_worker_and_its_status_page_shows_the_report(
    client_as, days, viet_nam, secretariat, uploads
):
    rows = IN_REQUEST_CELLS // 4 + 10
    client = client_as(secretariat)
    response = client.post(URL, {"file": csv_file(large_csv(rows), "monthly.csv")})
    result = DBTaskResult.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(result.id)
    assert result.task_path == "concord.indicators.tasks.import_file"
    (stored,) = imports_dir().iterdir()
    assert stored.read_text() == large_csv(rows)
    assert result.args_kwargs["kwargs"] == {
        "path": str(stored),
        "username": "secretariat",
        "valid_rows": False,
        "name": "monthly.csv",
    }
    assert not Value.objects.exists()

    waiting = client.get(response["Location"]).content.decode()
    assert "monthly.csv is uploaded; its import is queued." in waiting
    assert "Import of monthly.csv" in waiting and ">Waiting</span>" in waiting
    assert 'hx-trigger="every 3s" hx-select="#import-outcome"' in waiting

    run_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert not stored.exists()
    done = client.get(response["Location"]).content.decode()
    assert ">Done</span>" in done and "hx-trigger" not in done
    assert facts(done).items() >= {"Rows read": str(rows), "Figures created": str(rows)}.items()
    assert "The file is imported." in done
    assert Value.objects.count() == rows


def test_a_large_file_with_errors_is_reported_and_writes_nothing(
    client_as, days, viet_nam, secretariat
):
    text = large_csv(IN_REQUEST_CELLS // 4 + 10) + "start-business-days,Atlantis,2015,3\n"
    client = client_as(secretariat)
    location = client.post(URL, {"file": csv_file(text)})["Location"]
    run_worker()
    done = client.get(location).content.decode()
    assert "Nothing was imported." in done
    assert error_rows(done) == [
        (str(IN_REQUEST_CELLS // 4 + 12), "party", "No party, group or body is known as Atlantis.")
    ]
    assert not Value.objects.exists()


def test_the_valid_rows_of_a_large_file_are_loaded_when_asked(
    client_as, days, viet_nam, secretariat
):
    rows = IN_REQUEST_CELLS // 4 + 10
    text = large_csv(rows) + "start-business-days,Atlantis,2015,3\n"
    client = client_as(secretariat)
    location = client.post(URL, {"file": csv_file(text), "valid_rows": "on"})["Location"]
    assert "skipped: the valid rows are loaded" in client.get(location).content.decode()
    run_worker()
    done = client.get(location).content.decode()
    assert "The valid rows are imported." in done
    assert Value.objects.count() == rows


def test_a_workbook_is_measured_by_its_cells(client_as, days, viet_nam, secretariat):
    """Four rows of a wide sheet, 1,442 columns each: 5,768 cells, for the worker."""
    header = ["indicator", "party", *MONTHS]
    rows = [header] + [["start-business-days", "VNM", *range(len(MONTHS))]] * 3
    response = client_as(secretariat).post(URL, {"file": xlsx_file(rows)})
    assert response.status_code == 302 and DBTaskResult.objects.count() == 1


def test_another_person_gets_404_on_the_status_page(
    client_as, days, viet_nam, secretariat, body_secretariat
):
    location = client_as(secretariat).post(URL, {"file": csv_file(large_csv(1300))})["Location"]
    assert client_as(body_secretariat).get(location).status_code == 404
    assert client_as(secretariat).get(location).status_code == 200


@pytest.mark.parametrize("result_id", ["not-an-id", "0" * 32])
def test_an_unknown_import_is_404(result_id, client_as, secretariat):
    assert client_as(secretariat).get(status_url(result_id)).status_code == 404


def test_another_tasks_result_is_not_an_import(client_as, secretariat):
    from concord.ingestion.tasks import ingest_upload

    result = ingest_upload.enqueue(0)
    assert client_as(secretariat).get(status_url(result.id)).status_code == 404


def test_an_import_that_fails_says_so_and_that_nothing_was_written(
    client_as, days, viet_nam, secretariat, uploads
):
    missing = imports_dir() / "gone.csv"
    result = import_file.enqueue(path=str(missing), username="secretariat", name="gone.csv")
    run_worker()
    html = client_as(secretariat).get(status_url(result.id)).content.decode()
    assert ">Failed</span>" in html and "hx-trigger" not in html
    assert "The import of gone.csv stopped on an unexpected error." in html
    assert "Nothing was written" in html


def test_a_file_named_on_the_command_line_is_not_deleted_by_the_task(
    days, viet_nam, secretariat, tmp_path
):
    path = tmp_path / "kept.csv"
    path.write_text(GOOD)
    import_file.enqueue(str(path), "secretariat", False)
    run_worker()
    assert path.read_text() == GOOD and Value.objects.count() == 2

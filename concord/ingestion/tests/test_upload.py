"""The upload page: who may use it, what it refuses, duplicates, the list and a failure's page."""

import io
import zipfile

import pytest
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from concord.ingestion.models import SourceDocument, UploadStatus
from concord.ingestion.tests.uploading import (
    SEED,
    ingested,
    run_worker,
    seed_file,
    upload_seed,
)

pytestmark = pytest.mark.django_db

URL = "/ingestion/uploads"


def post(client, upload, capture):
    with capture(execute=True):
        return client.post(URL, {"file": upload})


def test_anonymous_is_sent_to_sign_in(client_as):
    response = client_as(None).get(URL)
    assert response.status_code == 302
    assert response["Location"] == redirect_to_login(URL)["Location"]


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "partner"])
def test_people_without_a_secretariat_role_are_refused(persona, request, client_as):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": seed_file()}).status_code == 403
    assert SourceDocument.objects.count() == 0


def test_the_navigation_offers_uploads_to_the_secretariat_only(client_as, secretariat, focal_point):
    assert f'href="{URL}"' in client_as(secretariat).get("/").content.decode()
    assert f'href="{URL}"' not in client_as(focal_point).get("/").content.decode()


def test_an_upload_is_stored_privately_and_queued(
    client_as, secretariat, settings, django_capture_on_commit_callbacks
):
    client = client_as(secretariat)
    response = post(client, seed_file(), django_capture_on_commit_callbacks)
    document = SourceDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}/{document.pk}"
    assert document.status == UploadStatus.QUEUED
    assert document.original_name.startswith(SEED)
    assert document.media_type == "text/plain"
    assert document.uploaded_by == secretariat
    assert document.path.is_relative_to(settings.UPLOADS_DIR)
    assert document.path.name == document.original_name
    assert document.path.read_bytes() == seed_file().read()
    assert document.size == len(seed_file().read())
    assert DBTaskResult.objects.get().args_kwargs == {"args": [document.pk], "kwargs": {}}
    history = document.history.get()
    assert (history.history_user, history.history_source) == (secretariat, "page")
    page = client.get(response["Location"]).content.decode()
    assert "is uploaded; ingestion is queued" in page
    assert 'hx-trigger="every 3s" hx-select="#upload-outcome"' in page


def bad(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def zip_of(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (bad("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "binary data"),
        (bad("tables.docx", zip_of("xl/workbook.xml")), "a ZIP archive that is not a Word"),
        (bad("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64), "old binary Office"),
        (bad("blank.txt", b"  \n\n "), "the file is empty"),
    ],
    ids=["image", "spreadsheet", "old-word", "blank"],
)
def test_a_file_no_reader_handles_is_refused_by_its_content(
    client_as, secretariat, upload, message, django_capture_on_commit_callbacks
):
    response = post(client_as(secretariat), upload, django_capture_on_commit_callbacks)
    assert response.status_code == 422
    page = response.content.decode()
    assert f"{upload.name} cannot be ingested" in page
    assert message in page
    assert SourceDocument.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_a_text_file_named_like_a_pdf_is_read_as_text(
    client_as, secretariat, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("minutes.pdf", b"1. The Council decides to meet.\n")
    post(client_as(secretariat), upload, django_capture_on_commit_callbacks)
    assert SourceDocument.objects.get().media_type == "text/plain"


def test_a_file_over_the_limit_is_refused(
    client_as, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_MAX_BYTES = 1024
    response = post(client_as(secretariat), seed_file(), django_capture_on_commit_callbacks)
    assert response.status_code == 422
    assert "the largest file accepted is 1.0\xa0KB" in response.content.decode()
    assert SourceDocument.objects.count() == 0
    assert not any(settings.UPLOADS_DIR.rglob("*.txt"))


def test_the_same_bytes_again_point_to_the_earlier_upload(
    client_as, secretariat, django_capture_on_commit_callbacks
):
    first = upload_seed(secretariat, django_capture_on_commit_callbacks).document
    renamed = SimpleUploadedFile("copy.txt", seed_file().read())
    client = client_as(secretariat)
    response = post(client, renamed, django_capture_on_commit_callbacks)
    assert response["Location"] == f"{URL}/{first.pk}"
    assert SourceDocument.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "These bytes were uploaded before" in page


def test_the_list_shows_each_upload_with_its_status(
    client_as, secretariat, django_capture_on_commit_callbacks
):
    document = upload_seed(secretariat, django_capture_on_commit_callbacks).document
    page = client_as(secretariat).get(URL).content.decode()
    assert document.original_name in page
    assert 'class="upload-status status-queued">Queued<' in page
    assert (
        'id="uploads" aria-live="polite" hx-get="/ingestion/uploads" hx-trigger="every 3s"' in page
    )


def test_a_scoped_secretariat_sees_the_upload_but_not_instruments_outside_its_scope(
    client_as, secretariat, body_secretariat, django_capture_on_commit_callbacks
):
    document = ingested(secretariat, django_capture_on_commit_callbacks)
    client = client_as(body_secretariat)
    assert document.original_name in client.get(URL).content.decode()
    page = client.get(f"{URL}/{document.pk}").content.decode()
    count = document.instruments.count()
    assert f"{count} instrument" in page and "outside your scope" in page
    assert "/review" not in page


def test_a_failed_ingestion_names_the_file_and_the_reason(
    client_as, secretariat, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("damaged.pdf", b"%PDF-1.4\nnot really a PDF\n")
    post(client_as(secretariat), upload, django_capture_on_commit_callbacks)
    run_worker()
    document = SourceDocument.objects.get()
    page = client_as(secretariat).get(f"{URL}/{document.pk}").content.decode()
    assert "damaged.pdf could not be ingested." in page
    assert "Reason: the PDF is damaged or encrypted" in page
    assert "Nothing was written to the registry" in page
    assert "hx-trigger" not in page
    listing = client_as(secretariat).get(URL).content.decode()
    assert "the PDF is damaged or encrypted" in listing


def test_a_finished_upload_leads_to_the_review_of_each_instrument(
    client_as, secretariat, django_capture_on_commit_callbacks
):
    document = ingested(secretariat, django_capture_on_commit_callbacks)
    page = client_as(secretariat).get(f"{URL}/{document.pk}").content.decode()
    for instrument in document.instruments.all():
        assert f'href="/ingestion/instruments/{instrument.pk}/review"' in page
    assert "hx-trigger" not in page


def test_the_list_costs_the_same_queries_for_one_upload_or_many(
    client_as, secretariat, django_assert_max_num_queries
):
    client = client_as(secretariat)

    def add(n: int) -> None:
        SourceDocument.objects.create(
            original_name=f"doc{n}.txt",
            file=f"x/{n}/doc{n}.txt",
            media_type="text/plain",
            size=1,
            sha256=f"{n:064d}",
            uploaded_by=secretariat,
            status=UploadStatus.DONE,
            result={"instruments": [{"id": n}]},
        )

    add(1)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).status_code == 200
    for n in range(2, 6):
        add(n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(URL).content.decode()
    assert "doc5.txt" in page


def test_a_file_name_is_kept_only_as_a_safe_name_of_its_own(
    client_as, secretariat, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("../../etc/rés olution.txt", b"1. Decides to meet.\n")
    post(client_as(secretariat), upload, django_capture_on_commit_callbacks)
    document = SourceDocument.objects.get()
    assert document.original_name == "rés_olution.txt"
    stored = document.path.relative_to(document.file.storage.location)
    assert stored.parts == (document.sha256[:2], document.sha256, "rés_olution.txt")

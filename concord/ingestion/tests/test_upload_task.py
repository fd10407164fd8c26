"""The ingestion task, enqueued on the database backend and run by the real worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from concord.accounts.models import Role
from concord.ingestion.models import SourceDocument, UploadStatus
from concord.ingestion.tests.conftest import seed_source
from concord.ingestion.tests.uploading import (
    SEED,
    ingested,
    run_worker,
    seed_file,
    upload_seed,
)
from concord.ingestion.uploads import upload_create
from concord.registry.models import Instrument, Provision
from concord.registry.models.instruments import Publication

pytestmark = pytest.mark.django_db


def test_upload_enqueues_one_task_only_once_committed(
    secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload_create(file=seed_file(), by=secretariat)
        assert DBTaskResult.objects.count() == 0
    assert len(callbacks) == 1
    callbacks[0]()
    task = DBTaskResult.objects.get()
    assert task.task_path == "concord.ingestion.tasks.ingest_upload"
    assert task.status == TaskResultStatus.READY


def test_the_worker_ingests_the_upload_as_proposals_of_the_uploader(
    secretariat, django_capture_on_commit_callbacks
):
    document = ingested(secretariat, django_capture_on_commit_callbacks)
    assert document.status == UploadStatus.DONE
    assert document.error == ""
    assert document.started_at and document.finished_at
    instruments = list(document.instruments.order_by("pk"))
    assert instruments
    assert all(i.publication == Publication.PROPOSED for i in instruments)
    assert [s["id"] for s in document.result["instruments"]] == [i.pk for i in instruments]
    assert {s["outcome"] for s in document.result["instruments"]} == {"created"}
    recommendations = Provision.objects.filter(
        instrument__in=instruments, kind="recommendation"
    ).count()
    assert recommendations == 13
    assert document.text == seed_source(SEED).text
    first = Provision.objects.filter(instrument__in=instruments).order_by("pk").first()
    assert first.history.get().history_user == secretariat
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.SUCCESSFUL
    statuses = [h.status for h in document.history.order_by("history_id")]
    assert statuses == ["queued", "running", "done"]
    assert {h.history_source for h in document.history.exclude(status="queued")} == {"task"}


def test_a_damaged_document_fails_with_its_reason_and_writes_nothing(
    secretariat, django_capture_on_commit_callbacks
):
    data = SimpleUploadedFile("damaged.pdf", b"%PDF-1.4\nnot really a PDF\n", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        document = upload_create(file=data, by=secretariat).document
    run_worker()
    document.refresh_from_db()
    assert document.status == UploadStatus.FAILED
    assert document.error.startswith("the PDF is damaged or encrypted")
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert Instrument.objects.count() == 0
    assert document.instruments.count() == 0


def test_an_uploader_who_lost_the_role_gets_a_failure_and_no_instrument(
    secretariat, django_capture_on_commit_callbacks
):
    document = upload_seed(secretariat, django_capture_on_commit_callbacks).document
    Role.objects.filter(user=secretariat).delete()
    run_worker()
    document.refresh_from_db()
    assert document.status == UploadStatus.FAILED
    assert document.error == "secretariat may no longer add instruments"
    assert Instrument.objects.count() == 0


def test_a_second_upload_of_the_same_bytes_runs_no_second_ingestion(
    secretariat, django_capture_on_commit_callbacks
):
    first = ingested(secretariat, django_capture_on_commit_callbacks)
    again = upload_seed(secretariat, django_capture_on_commit_callbacks)
    assert again.duplicate and again.document == first
    assert SourceDocument.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    assert SEED in first.original_name

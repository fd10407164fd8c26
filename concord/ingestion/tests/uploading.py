"""What the upload and review tests share: a real seed to upload, and the worker."""

import signal
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from concord.ingestion.models import SourceDocument
from concord.ingestion.tests.conftest import seed_path
from concord.ingestion.uploads import Upload, upload_create

# The workshop recommendations: 13 recommendations, 8 to the Court and 5 to States.
SEED = "002"


def seed_file(prefix: str = SEED) -> SimpleUploadedFile:
    path = seed_path(prefix)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def upload_seed(person, django_capture_on_commit_callbacks, prefix: str = SEED) -> Upload:
    """Upload a seed as ``person``, enqueueing its ingestion as a committed request would."""
    with django_capture_on_commit_callbacks(execute=True):
        return upload_create(file=seed_file(prefix), by=person)


def run_worker() -> None:
    """Run the database task worker (``concord db_worker --batch``) here until the queue is empty.

    Between tasks the worker closes connections it finds in a transaction, as a long-running
    process should; the test's connection is in one (the test's own), and must stay open.
    """
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with mock.patch(f"{db_worker.__name__}.close_old_connections"):
            call_command(
                "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
            )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def ingested(person, django_capture_on_commit_callbacks, prefix: str = SEED) -> SourceDocument:
    """Upload a seed and run the worker: the upload, done, with the instruments it produced."""
    document = upload_seed(person, django_capture_on_commit_callbacks, prefix).document
    run_worker()
    document.refresh_from_db()
    return document

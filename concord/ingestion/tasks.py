"""Background tasks of ingestion, run by the task worker (``concord db_worker``)."""

from typing import Any

from django_tasks import task

from concord.ingestion.uploads import upload_ingest


@task()
def ingest_upload(document_id: int) -> dict[str, Any]:
    """Ingest an uploaded document into the registry as proposals for review."""
    return upload_ingest(document_id=document_id)

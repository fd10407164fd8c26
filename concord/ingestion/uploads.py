"""Uploading a source document and ingesting it in the background.

``upload_create`` checks and stores the file and enqueues ``ingest_upload`` once the upload is
committed; the task calls ``upload_ingest``, which runs the pipeline and ``proposal_save`` as
the uploader and records how it ended. A failure leaves the registry as it was and the upload
marked failed with the reason, for people.
"""

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from concord.audit.context import changes_from
from concord.ingestion.exceptions import IngestionError
from concord.ingestion.models import UPLOAD_GRAPH, SourceDocument, UploadStatus
from concord.ingestion.pipeline import IngestionJob, ingest
from concord.ingestion.readers import sniff
from concord.ingestion.services import SaveResult, proposal_save
from concord.ingestion.structure import ProposedDocument, ProposedProvision

UPLOAD_PERMISSION = "registry.add_instrument"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upload:
    document: SourceDocument
    duplicate: bool


def check_size(name: str, size: int) -> None:
    """Raise ValidationError when an upload is larger than ``settings.UPLOAD_MAX_BYTES``."""
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s; the largest file accepted is %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            },
            code="too_big",
        )


def check_type(name: str, data: bytes) -> str:
    """Return the media type read from the bytes, or raise ValidationError naming the reason."""
    try:
        return sniff(data, Path(name))
    except IngestionError as error:
        raise ValidationError(
            _("%(name)s cannot be ingested: %(reason)s.") % {"name": name, "reason": error.reason},
            code="unsupported",
        ) from error


def upload_create(*, file: UploadedFile, by: Any) -> Upload:
    """Store an uploaded file and enqueue its ingestion, unless the same bytes came before.

    Raises ``PermissionDenied`` (without ``registry.add_instrument``) or ``ValidationError`` (too
    big, or a type no reader handles) before anything is stored.
    """
    from concord.ingestion.tasks import ingest_upload  # the task module imports this one

    if not by.has_perm(UPLOAD_PERMISSION):
        raise PermissionDenied(_("You may not upload documents for ingestion."))
    name = _clean_name(file.name or "")
    check_size(name, file.size or 0)
    data = file.read(settings.UPLOAD_MAX_BYTES + 1)
    check_size(name, len(data))
    media_type = check_type(name, data)
    digest = hashlib.sha256(data).hexdigest()
    earlier = SourceDocument.objects.filter(sha256=digest).first()
    if earlier is not None:
        return Upload(earlier, duplicate=True)
    document = SourceDocument(
        original_name=name,
        media_type=media_type,
        size=len(data),
        sha256=digest,
        uploaded_by=by,
    )
    document._history_user = by
    try:
        with transaction.atomic():
            document.file.save(name, ContentFile(data), save=False)
            document.save()
            transaction.on_commit(lambda: ingest_upload.enqueue(document.pk))
    except IntegrityError:
        # The same bytes, uploaded at the same moment by someone else: theirs is the upload.
        document.file.delete(save=False)
        return Upload(SourceDocument.objects.get(sha256=digest), duplicate=True)
    except BaseException:
        document.file.delete(save=False)
        raise
    return Upload(document, duplicate=False)


def _clean_name(name: str) -> str:
    """Return the file's own name as safe to store (``"document"`` when nothing is left)."""
    try:
        return get_valid_filename(Path(name).name)[:200]
    except SuspiciousFileOperation:
        return "document"


def uploads_visible_to(user: Any) -> QuerySet[SourceDocument]:
    """Return the uploads a person sees: all of them for whoever may upload, none otherwise.

    Uploads are the secretariat's shared inbox: before ingestion a file has no scope. The
    instruments they produce keep theirs (``review.access_review``).
    """
    uploads = SourceDocument.objects.select_related("uploaded_by").defer("text")
    return uploads if user.has_perm(UPLOAD_PERMISSION) else uploads.none()


def _move(document: SourceDocument, target: str, **fields: Any) -> None:
    """Take the upload to ``target`` along its lifecycle, with its history naming the uploader."""
    with transaction.atomic():
        locked = SourceDocument.objects.select_for_update().get(pk=document.pk)
        UPLOAD_GRAPH.check(locked.status, target)
        document.status = target
        for name, value in fields.items():
            setattr(document, name, value)
        document._history_user = document.uploaded_by
        document.save(update_fields=["status", *fields])


def _flags(proposal: ProposedDocument, result: SaveResult) -> dict[str, dict[str, list[str]]]:
    """Map each produced instrument's id to the flags its provisions carry, by ref."""

    def walk(nodes: list[ProposedProvision], into: dict[str, list[str]]) -> dict[str, list[str]]:
        for node in nodes:
            if node.flags:
                into[node.ref] = list(node.flags)
            walk(node.children, into)
        return into

    return {
        str(saved.instrument_id): walk(proposed.provisions, {})
        for proposed, saved in zip(proposal.instruments, result.instruments, strict=True)
    }


def _summary(job: IngestionJob, result: SaveResult) -> dict[str, Any]:
    assert job.document is not None
    return {
        "instruments": [saved.to_json() for saved in result.instruments],
        "links": result.links,
        "warnings": [*job.warnings, *result.warnings],
        "flags": _flags(job.document, result),
    }


def source_keep(*, job: IngestionJob, result: SaveResult, by: Any = None) -> SourceDocument:
    """Keep the source of a file ingested outside the upload page (the command line, the demo).

    Its instruments are then reviewed beside their source as an upload's are. A file already
    kept (the same bytes) gains the instruments; call it in the transaction of the proposals.
    """
    assert job.source is not None
    data = job.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    document = SourceDocument.objects.filter(sha256=digest).first()
    if document is None:
        now = timezone.now()
        name = _clean_name(job.path.name)
        document = SourceDocument(
            original_name=name,
            media_type=job.source.media_type,
            size=len(data),
            sha256=digest,
            text=job.source.text,
            status=UploadStatus.DONE,
            uploaded_by=by,
            started_at=now,
            finished_at=now,
            result=_summary(job, result),
        )
        document._history_user = by
        document.file.save(name, ContentFile(data), save=False)
        try:
            document.save()
        except BaseException:
            document.file.delete(save=False)
            raise
    document.instruments.add(*[saved.instrument_id for saved in result.instruments])
    return document


def upload_ingest(*, document_id: int) -> dict[str, Any]:
    """Ingest a queued upload as its uploader and record the outcome; return the summary.

    The registry is written by ``proposal_save`` in one transaction: when any step fails the
    registry is left as it was, and the upload is marked failed with the reason.
    """
    document = SourceDocument.objects.select_related("uploaded_by").get(pk=document_id)
    with changes_from("task"):
        _move(document, UploadStatus.RUNNING, started_at=timezone.now())
        try:
            job = ingest(document.path)
            assert job.source is not None and job.document is not None
            with transaction.atomic():
                result = proposal_save(
                    proposal=job.document,
                    source_path=document.path,
                    by=document.uploaded_by,
                    source=job.source,
                )
                summary = _summary(job, result)
                _move(
                    document,
                    UploadStatus.DONE,
                    text=job.source.text,
                    media_type=job.source.media_type,
                    result=summary,
                    finished_at=timezone.now(),
                )
                document.instruments.set([saved.instrument_id for saved in result.instruments])
        except IngestionError as error:
            return _fail(document, error.reason)
        except PermissionDenied:
            return _fail(
                document,
                _("%(user)s may no longer add instruments")
                % {"user": document.uploaded_by.get_username()},
            )
        except Exception:
            logger.exception("Ingestion of upload %s failed unexpectedly", document.pk)
            _fail(document, _("an unexpected error stopped ingestion; it has been logged"))
            raise
    return summary


def _fail(document: SourceDocument, reason: str) -> dict[str, Any]:
    _move(document, UploadStatus.FAILED, error=reason, finished_at=timezone.now())
    return {"error": reason}

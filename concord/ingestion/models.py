"""An uploaded source document and the lifecycle of its ingestion (queued -> running -> done)."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.lifecycle import StateGraph


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


UPLOAD_GRAPH = StateGraph(
    UploadStatus,
    {
        UploadStatus.QUEUED: [UploadStatus.RUNNING, UploadStatus.FAILED],
        UploadStatus.RUNNING: [UploadStatus.DONE, UploadStatus.FAILED],
    },
)


class UploadStorage(FileSystemStorage):
    """Files under ``settings.UPLOADS_DIR`` (read when used), with no URL: never served."""

    @property
    def base_location(self) -> Path:
        return Path(settings.UPLOADS_DIR)

    @property
    def location(self) -> str:
        return str(self.base_location.resolve())

    @property
    def base_url(self) -> None:
        return None


def upload_storage() -> UploadStorage:
    return UploadStorage()


def stored_name(instance: "SourceDocument", filename: str) -> str:
    """File each upload in a folder named for its digest, under its own (cleaned) name.

    The file keeps its name because ingestion records it as the instruments' source document.
    """
    return f"{instance.sha256[:2]}/{instance.sha256}/{filename}"


class SourceDocument(models.Model):
    """A file ingested (uploaded, or from the command line), what became of it, what it produced.

    Its text is what the review screen shows beside the proposed provisions.
    """

    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(
        _("stored file"), upload_to=stored_name, storage=upload_storage, max_length=400
    )
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    text = models.TextField(_("extracted text"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    error = models.TextField(_("reason of the failure"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_documents",
        help_text=_("Empty for a file ingested from the command line or by the demo loader"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    instruments = models.ManyToManyField(
        "registry.Instrument",
        verbose_name=_("instruments produced"),
        related_name="source_documents",
        blank=True,
    )

    # The extracted text is written once, when ingestion ends; a copy in every history row of
    # each status change would only repeat it.
    history = history(excluded_fields=["text"])

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        indexes = [models.Index(fields=["uploaded_by", "uploaded_at"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def path(self) -> Path:
        return Path(self.file.path)

    @property
    def is_pending(self) -> bool:
        return self.status in (UploadStatus.QUEUED, UploadStatus.RUNNING)

    def flags_of(self, instrument_id: int) -> dict[str, list[str]]:
        """Return the flags ingestion raised per provision ref of one produced instrument."""
        return self.result.get("flags", {}).get(str(instrument_id), {})

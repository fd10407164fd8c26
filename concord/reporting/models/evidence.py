"""Evidence attached to an answer: an uploaded file, or a link to legislation or a document."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.ingestion.models import upload_storage


def evidence_name(instance: "Evidence", filename: str) -> str:
    """Store each file under its digest: the name its uploader gave it is kept in ``filename``."""
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}"


class Evidence(models.Model):
    """A file or a link supporting a submission's answer to one question.

    A file's type is the one read from its content (``content_type``), never the one its name
    or its uploader claims; it is kept under ``settings.UPLOADS_DIR`` (never served as a static
    file) and sent as a download. It is seen by whoever sees the submission.
    """

    submission = models.ForeignKey(
        "reporting.Submission", on_delete=models.CASCADE, related_name="evidence"
    )
    question = models.ForeignKey(
        "reporting.Question", on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("link"), max_length=2000, blank=True)
    file = models.FileField(
        _("file"), upload_to=evidence_name, storage=upload_storage, max_length=200, blank=True
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = history()

    class Meta:
        ordering = ["submission", "question__order", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if bool(self.url) == bool(self.file):
            raise ValidationError(_("Evidence is either a file or a link, not both or neither."))

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class Citation(models.Model):
    """Where a recorded fact comes from: a document, a place in it, and the lines it spans."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    document = models.CharField(_("document"), max_length=255)
    locator = models.CharField(_("place"), max_length=255, help_text=_("e.g. para 19, footnote 1"))
    line_start = models.PositiveIntegerField(_("first line"), null=True, blank=True)
    line_end = models.PositiveIntegerField(_("last line"), null=True, blank=True)

    history = history()

    class Meta:
        ordering = ["document", "line_start"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.document}, {self.locator}"

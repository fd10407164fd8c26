"""How an organization publishes to IATI: its organisation identifier and type."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class IatiPublisher(models.Model):
    """An organization (a body of the registry) as an IATI reporting organisation.

    Its organs publish under it: a contribution to an organ is reported with the identifier of
    the nearest body above it that has one.
    """

    body = models.OneToOneField(
        "registry.Body", on_delete=models.PROTECT, related_name="iati_publisher"
    )
    identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=64,
        unique=True,
        help_text=_(
            "As registered with IATI: the registration agency's prefix, a hyphen, the "
            "number (XM-DAC-41301)."
        ),
    )
    organisation_type = models.CharField(_("IATI organisation type"), max_length=4)

    history = history()

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("IATI publisher")
        verbose_name_plural = _("IATI publishers")

    def __str__(self) -> str:
        return f"{self.identifier} ({self.body})"

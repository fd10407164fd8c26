from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.context import Source


class AuditedChange(models.Model):
    """What every history record adds to simple-history's who/when/what: from where."""

    history_source = models.CharField(
        _("made from"), max_length=8, choices=Source.choices, blank=True
    )

    class Meta:
        abstract = True


def history(**options):
    """Return the history manager every audited model declares as ``history = history()``."""
    from simple_history.models import HistoricalRecords

    return HistoricalRecords(bases=[AuditedChange], **options)

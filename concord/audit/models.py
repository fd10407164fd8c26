from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concord.audit.context import Source


class AuditedChange(models.Model):
    """What every history record adds to simple-history's who/when/what: from where."""

    history_source = models.CharField(
        _("made from"), max_length=8, choices=Source.choices, blank=True
    )

    class Meta:
        abstract = True


class AuditedHistory(HistoricalRecords):
    """simple-history's records, indexed for the audit trail's reads.

    One object's history is read newest first (``id``, ``history_date``); the trail filtered by
    source likewise (``history_source``, ``history_date``). simple-history indexes the two
    columns only one by one.
    """

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["indexes"] = [
            *options.get("indexes", ()),
            models.Index(fields=["id", "history_date"]),
            models.Index(fields=["history_source", "history_date"]),
        ]
        return options


class UnlistedChange(AuditedChange):
    """A change kept out of the audit trail: its app shows it only to those who may see the record.

    Cooperation requests are secret even from the secretariat; their history is read on each
    request's own page (``concord.cooperation``).
    """

    class Meta:
        abstract = True


def history(*, listed: bool = True, **options) -> AuditedHistory:
    """Return the history manager every audited model declares as ``history = history()``.

    ``listed=False`` keeps the model's changes out of the audit trail (``UnlistedChange``).
    """
    return AuditedHistory(bases=[AuditedChange if listed else UnlistedChange], **options)

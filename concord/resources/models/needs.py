"""What countries and projects need from outside, and notes on progress against the results."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.resources.models.contributions import AMOUNT


class NeedKind(models.TextChoices):
    FINANCIAL = "financial", _("financial")
    TECHNICAL = "technical", _("technical assistance")
    IN_KIND = "in_kind", _("in kind")


class Need(models.Model):
    """A need for outside support: of a country (a country programming framework's gap) or of
    a reform project (its ``SupportNeed`` in reporting), with the results and SDG targets it
    serves."""

    title = models.CharField(_("title"), max_length=500)
    country = models.ForeignKey(
        "registry.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    support_need = models.OneToOneField(
        "reporting.SupportNeed",
        verbose_name=_("reform project's support need"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resource_need",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NeedKind.choices)
    description = models.TextField(_("description"), blank=True)
    amount = models.DecimalField(_("amount"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    nodes = models.ManyToManyField(
        "registry.ResultsNode", verbose_name=_("results it serves"), blank=True, related_name="+"
    )
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    starts_on = models.DateField(_("needed from"), null=True, blank=True)
    ends_on = models.DateField(_("needed until"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    illustrative = models.BooleanField(_("illustrative, not from a source"), default=False)
    source = models.CharField(_("source"), max_length=255, blank=True)

    history = history(m2m_fields=["nodes"])

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title


class ProgressNote(models.Model):
    """A dated note on what a results-framework node has achieved ("Highlights to date")."""

    node = models.ForeignKey(
        "registry.ResultsNode", on_delete=models.CASCADE, related_name="progress_notes"
    )
    on = models.DateField(_("as of"))
    text = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=255, blank=True)

    history = history()

    class Meta:
        ordering = ["node", "-on", "id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.node.code} {self.on}"

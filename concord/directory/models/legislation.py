"""A party's implementing legislation, and the provisions of instruments it implements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class LegislationKind(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution")
    ACT = "act", _("Act")
    DECREE = "decree", _("Decree")
    REGULATION = "regulation", _("Regulation")
    OTHER = "other", _("Other")


class Legislation(models.Model):
    """A law, decree or regulation of a party that implements provisions of instruments.

    Public. A provision no legislation of a party implements is that party's gap.
    """

    party = models.ForeignKey("registry.Party", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=LegislationKind.choices)
    summary = models.TextField(_("summary"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=2000, blank=True)
    language = models.CharField(_("language (ISO 639-1)"), max_length=8, blank=True)
    provisions = models.ManyToManyField(
        "registry.Provision",
        verbose_name=_("provisions implemented"),
        blank=True,
        related_name="implementing_legislation",
    )

    history = history()

    class Meta:
        ordering = ["party__name", "title", "id"]
        verbose_name = _("implementing legislation")
        verbose_name_plural = _("implementing legislation")
        indexes = [models.Index(fields=["party", "kind"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.adopted_on and self.repealed_on and self.adopted_on > self.repealed_on:
            raise ValidationError({"repealed_on": _("A law is repealed after its adoption.")})

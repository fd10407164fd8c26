"""How an organization takes voluntary money: its funding modalities and their sub-windows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class Earmarking(models.TextChoices):
    """How tightly a partner ties its money, from free to use to one project's."""

    UNEARMARKED = "unearmarked", _("unearmarked")
    LIGHTLY = "lightly", _("lightly earmarked")
    EARMARKED = "earmarked", _("earmarked")


class FundingModality(models.Model):
    """A way an organization receives voluntary contributions (FAO's GCP, UNJP, MDTF, FMM, SFERA,
    UTF), or a sub-window of one (SFERA's Agricultural Inputs Response Capacity)."""

    organization = models.ForeignKey(
        "registry.Body", on_delete=models.PROTECT, related_name="funding_modalities"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("window of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="windows",
    )
    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    earmarking = models.CharField(_("earmarking"), max_length=12, choices=Earmarking.choices)
    aid_type = models.CharField(_("IATI aid type"), max_length=8, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)

    history = history()

    class Meta:
        ordering = ["organization", "parent_id", "code"]
        verbose_name = _("funding modality")
        verbose_name_plural = _("funding modalities")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="funding_modality_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

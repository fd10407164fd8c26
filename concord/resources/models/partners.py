"""Resource partners: parties of the registry that fund, and what they prefer to fund."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class ResourcePartner(models.Model):
    """A party (a State, the European Union, a financial institution, a foundation, a company, a
    local authority) as a resource partner: its IATI organisation type and identifier."""

    party = models.OneToOneField(
        "registry.Party", on_delete=models.PROTECT, related_name="resource_partner"
    )
    organisation_type = models.CharField(_("IATI organisation type"), max_length=4)
    iati_identifier = models.CharField(_("IATI organisation identifier"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = history()

    class Meta:
        ordering = ["party__name"]
        verbose_name = _("resource partner")
        verbose_name_plural = _("resource partners")

    def __str__(self) -> str:
        return str(self.party)

    @property
    def code(self) -> str:
        return self.party.code


class Priority(models.Model):
    """What a partner prefers to fund, and when: a results-framework node, a provision, an SDG
    target, a country, through a modality; any of them, at least one."""

    partner = models.ForeignKey(
        ResourcePartner, on_delete=models.CASCADE, related_name="priorities"
    )
    node = models.ForeignKey(
        "registry.ResultsNode", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    provision = models.ForeignKey(
        "registry.Provision", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sdg_target = models.CharField(_("SDG target"), max_length=8, blank=True)
    country = models.ForeignKey(
        "registry.Party", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    modality = models.ForeignKey(
        "resources.FundingModality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    illustrative = models.BooleanField(_("illustrative, not from a source"), default=False)

    history = history()

    class Meta:
        ordering = ["partner", "id"]
        verbose_name = _("funding priority")
        verbose_name_plural = _("funding priorities")

    def __str__(self) -> str:
        return f"{self.partner} #{self.pk}"

    def clean(self) -> None:
        if not (self.node_id or self.provision_id or self.sdg_target or self.country_id):
            raise ValidationError(
                _("A priority names a result, a provision, an SDG target or a country.")
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A priority ends on or after it starts.")})

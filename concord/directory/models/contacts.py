"""National focal points and central authorities: whom to contact in a party, for what."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class ContactKind(models.TextChoices):
    FOCAL_POINT = "focal_point", _("National focal point")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority")


class Contact(models.Model):
    """A party's focal point or central authority, for an instrument or a body (or in general).

    Who and where are public; ``email`` and ``phone`` are shown to signed-in members only. Kept
    current by the party's focal points; ``valid_until`` ends an entry without deleting it.
    """

    party = models.ForeignKey("registry.Party", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(
        "registry.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255)
    function = models.CharField(_("function"), max_length=255, blank=True)
    organization = models.CharField(_("organization"), max_length=255)
    languages = models.JSONField(_("languages (ISO 639-1 codes)"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=64, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    history = history()

    class Meta:
        ordering = ["party__name", "kind", "name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["party", "kind"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})"

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValidationError({"valid_until": _("An entry must end on or after its start.")})

from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.models.fields import Translatable, partial_date_fields, partial_date_property


class StatementKind(models.TextChoices):
    RESERVATION = "reservation", _("Reservation")
    INTERPRETATIVE = "interpretative", _("Interpretative statement")
    DECLARATION = "declaration", _("Declaration")
    OBJECTION = "objection", _("Objection")


class Statement(Translatable):
    """A reservation, interpretative statement, declaration or objection by a party.

    ``kind`` is how the record lists it; ``self_described_kind`` is what the statement calls
    itself where that differs (an interpretative statement that "expresses its reservation").
    """

    translatable_fields = ("text",)

    party = models.ForeignKey("registry.Party", on_delete=models.PROTECT, related_name="statements")
    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.CASCADE, related_name="statements"
    )
    provisions = models.ManyToManyField("registry.Provision", blank=True, related_name="statements")
    kind = models.CharField(_("kind"), max_length=16, choices=StatementKind.choices)
    self_described_kind = models.CharField(
        _("kind it gives itself"), max_length=16, choices=StatementKind.choices, blank=True
    )
    label = models.CharField(
        _("label"), max_length=128, blank=True, help_text=_("e.g. Attachment 2")
    )
    made_earliest, made_latest, made_precision = partial_date_fields(_("made"))
    made = partial_date_property("made")
    text = models.TextField(_("text"))

    history = history(m2m_fields=["provisions"])

    class Meta:
        ordering = ["instrument", "label", "party__name"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [models.Index(fields=["instrument", "party"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.party}"

from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.models.fields import partial_date_fields, partial_date_property


class ParticipationRole(models.TextChoices):
    ENDORSED = "endorsed", _("Endorsed")
    SIGNED = "signed", _("Signed")
    RATIFIED = "ratified", _("Ratified")
    ACCEDED = "acceded", _("Acceded")
    OBSERVER = "observer", _("Observer")
    PARTICIPATING = "participating", _("Participating")
    WITHDREW = "withdrew", _("Withdrew")


class Participation(models.Model):
    """A party's part in an instrument (endorsed, ratified, observer ...) and when.

    Dates keep the precision the source gives; an observer status can end.
    """

    party = models.ForeignKey(
        "registry.Party", on_delete=models.CASCADE, related_name="participations"
    )
    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=16, choices=ParticipationRole.choices)
    start_earliest, start_latest, start_precision = partial_date_fields(_("from"))
    end_earliest, end_latest, end_precision = partial_date_fields(_("until"))
    start = partial_date_property("start")
    end = partial_date_property("end")
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = history()

    class Meta:
        ordering = ["instrument", "start_earliest", "party__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "instrument", "role"], name="participation_once"
            )
        ]
        indexes = [
            models.Index(fields=["instrument", "role"]),
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.get_role_display()} {self.instrument}"

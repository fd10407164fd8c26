"""Who read what, and which suggested name matches a person confirmed or rejected."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.cooperation.models.replies import Asset
from concord.cooperation.models.requests import CooperationRequest, PersonConcerned


class Reading(models.Model):
    """One read of a confidential record: who, when, what, and from where (page or API).

    Append-only; shown on the request's page to its requesting body's officers.
    """

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, null=True, related_name="readings"
    )
    person = models.ForeignKey(
        PersonConcerned, on_delete=models.CASCADE, null=True, related_name="readings"
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(_("what"), max_length=64)
    via = models.CharField(_("from"), max_length=8)
    read_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-read_at", "-id"]
        verbose_name = _("reading")
        verbose_name_plural = _("readings")

    def __str__(self) -> str:
        return f"{self.reader} {self.what} {self.read_at:%Y-%m-%d %H:%M}"


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Same entity")
    REJECTED = "rejected", _("Different entities")


class MatchDecision(models.Model):
    """An officer's verdict on a suggested match between the holders of two assets."""

    person = models.ForeignKey(
        PersonConcerned, on_delete=models.PROTECT, related_name="match_decisions"
    )
    first = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    history = history(listed=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_decision_per_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="pair_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}/{self.second_id}: {self.verdict}"

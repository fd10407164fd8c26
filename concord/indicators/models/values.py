"""The figures: one value of an indicator, for a party (or a group, or a body), in a period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class ValueStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("provisional")
    FINAL = "final", _("final")
    ESTIMATE = "estimate", _("estimate")


class Approval(models.TextChoices):
    DRAFT = "draft", _("draft")
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")


def breakdown_key(breakdown: dict[str, str]) -> str:
    """Return the canonical key of a breakdown (``""`` for the total)."""
    return ";".join(f"{name}={breakdown[name]}" for name in sorted(breakdown))


class Value(models.Model):
    """A figure, with its status, source and who entered it; public once approved.

    Its subject is a party, a group (a statistic the source gives for it, such as the ASEAN-6
    average) or a body (the organization itself). ``subject`` ("party:VNM", "group:asean-6",
    "body:fao") makes one figure per subject, period and breakdown. A correction changes the
    row; its history keeps the old figure. ``flag`` says what is doubtful about a printed figure.
    """

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="values"
    )
    party = models.ForeignKey(
        "registry.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        "registry.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(
        "registry.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=80, editable=False)
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    breakdown = models.JSONField(_("breakdown"), default=dict, blank=True)
    breakdown_key = models.CharField(max_length=255, default="", blank=True, editable=False)
    number = models.DecimalField(_("value"), max_digits=24, decimal_places=6)
    status = models.CharField(
        _("status"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.FINAL
    )
    approval = models.CharField(
        _("approval"), max_length=10, choices=Approval.choices, default=Approval.DRAFT
    )
    comment = models.TextField(_("reviewer's comment"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    flag = models.CharField(_("caution"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = history()

    class Meta:
        ordering = ["indicator", "period__starts_on", "subject", "breakdown_key"]
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "subject", "period", "breakdown_key"],
                name="one_value_per_subject_period_breakdown",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period", "approval"]),
            # approval and breakdown_key too: the capped count of a party's or a group's public
            # figures is then read from the index alone.
            models.Index(
                fields=["party", "indicator", "approval", "breakdown_key"],
                name="value_party_public_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.subject} {self.period.code}: {self.number}"

    def save(self, *args, **kwargs) -> None:
        self.set_keys()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        subjects = [s for s in (self.party_id, self.group_id, self.body_id) if s]
        if len(subjects) != 1:
            raise ValidationError(_("A value is of one party, one group or one body."))

    def set_keys(self) -> None:
        """Derive ``subject`` and ``breakdown_key``, which make a figure unique."""
        if self.party_id:
            self.subject = f"party:{self.party.code}"
        elif self.group_id:
            self.subject = f"group:{self.group.slug}"
        else:
            self.subject = f"body:{self.body.code}"
        self.breakdown_key = breakdown_key(self.breakdown or {})


class PeriodLock(models.Model):
    """An indicator's figures for a period, approved and closed to change."""

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="locks"
    )
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    locked_at = models.DateTimeField(default=timezone.now)

    history = history()

    class Meta:
        verbose_name = _("locked period")
        verbose_name_plural = _("locked periods")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_lock_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period.code}"

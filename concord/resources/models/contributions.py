"""Contributions: money a partner gives an organization through a modality, where it goes in the
results framework, how far along it is, and what has been spent of it.

Money is an exact decimal with its ISO 4217 currency. Amounts in different currencies are never
added without a dated exchange rate (``concord.resources.money``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history

AMOUNT = {"max_digits": 18, "decimal_places": 2}


class ContributionStatus(models.TextChoices):
    PIPELINE = "pipeline", _("pipeline")
    APPROVED = "approved", _("approved")
    SIGNED = "signed", _("signed")
    RECEIVED = "received", _("received")
    DELIVERED = "delivered", _("delivered")
    CLOSED = "closed", _("closed")


# A contribution moves forward through these, one or more steps at a time.
STATUS_ORDER = [choice.value for choice in ContributionStatus]
# From approval on, a contribution counts as allocated; from receipt on, as received.
ALLOCATED = STATUS_ORDER[STATUS_ORDER.index(ContributionStatus.APPROVED) :]
RECEIVED = STATUS_ORDER[STATUS_ORDER.index(ContributionStatus.RECEIVED) :]


class Contribution(models.Model):
    """A partner's contribution (or pledge) to an organization.

    ``published`` contributions are public; the others are seen by the organization's secretariat
    and the partner itself only. ``illustrative`` marks a demo figure no source gives: every page
    showing it says so.
    """

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=500)
    partner = models.ForeignKey(
        "resources.ResourcePartner", on_delete=models.PROTECT, related_name="contributions"
    )
    organization = models.ForeignKey(
        "registry.Body", on_delete=models.PROTECT, related_name="contributions"
    )
    modality = models.ForeignKey(
        "resources.FundingModality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    country = models.ForeignKey(
        "registry.Party",
        verbose_name=_("beneficiary country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.CharField(_("beneficiary region (IATI region code)"), max_length=8, blank=True)
    need = models.ForeignKey(
        "resources.Need",
        verbose_name=_("need it funds"),
        help_text=_("The country's or project's need this contribution funds, if any."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    amount = models.DecimalField(_("amount"), null=True, blank=True, **AMOUNT)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.PIPELINE,
    )
    status_on = models.DateField(_("status since"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    illustrative = models.BooleanField(_("illustrative figure, not from a source"), default=False)
    source = models.CharField(_("source"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = history()

    class Meta:
        ordering = ["-status_on", "reference"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["partner", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title[:60]}"

    @property
    def is_global(self) -> bool:
        return not self.country_id and not self.region


class StatusChange(models.Model):
    """The date a contribution reached a status (a pledge approved on ..., received on ...)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=10, choices=ContributionStatus.choices)
    on = models.DateField(_("on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = history()

    class Meta:
        ordering = ["contribution", "on", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.contribution_id} {self.status} {self.on}"


class Allocation(models.Model):
    """Part of a contribution meant for one node of a results framework: a share (percent) or an
    amount in the contribution's currency. A contribution's allocations add up to at most all
    of it."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="allocations"
    )
    node = models.ForeignKey(
        "registry.ResultsNode", on_delete=models.PROTECT, related_name="allocations"
    )
    share = models.DecimalField(_("share (percent)"), max_digits=7, decimal_places=4, null=True)
    amount = models.DecimalField(_("amount"), null=True, **AMOUNT)

    history = history()

    class Meta:
        ordering = ["contribution", "node__seq"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "node"], name="allocation_node_unique"),
            models.CheckConstraint(
                condition=models.Q(share__isnull=True) ^ models.Q(amount__isnull=True),
                name="allocation_share_or_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} → {self.node_id}"


class Expenditure(models.Model):
    """What was spent of a contribution in a period, in its currency: delivery."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="expenditures"
    )
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount spent"), **AMOUNT)

    history = history()

    class Meta:
        ordering = ["contribution", "period__starts_on"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "period"], name="expenditure_period_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} {self.period_id}: {self.amount}"


class ExchangeRate(models.Model):
    """How many units of ``base`` one unit of ``currency`` was worth on a day, and who says so."""

    currency = models.CharField(_("currency"), max_length=3)
    base = models.CharField(_("in"), max_length=3, default="USD")
    rate = models.DecimalField(_("rate"), max_digits=20, decimal_places=10)
    on = models.DateField(_("on"))
    source = models.CharField(_("source"), max_length=255)

    history = history()

    class Meta:
        ordering = ["currency", "base", "-on"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "base", "on"], name="exchange_rate_day_unique"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate_text} {self.base} ({self.on})"

    @property
    def rate_text(self) -> str:
        """The rate without trailing zeros or an exponent (1.2939, 100)."""
        return format(self.rate.normalize(), "f")

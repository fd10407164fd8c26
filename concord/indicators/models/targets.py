"""What an indicator should reach: a value by a date, a group's statistic, or a trend."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class Comparator(models.TextChoices):
    AT_MOST = "<=", _("at most")
    BELOW = "<", _("below")
    AT_LEAST = ">=", _("at least")
    ABOVE = ">", _("above")
    EQUAL = "=", _("equal to")


class Statistic(models.TextChoices):
    MEAN = "mean", _("the group's average")
    MEDIAN = "median", _("the group's median")
    BEST = "best", _("the group's best performer")


class Trend(models.TextChoices):
    STABLE_OR_RISING = "stable_or_rising", _("stable or rising")
    RISING = "rising", _("rising")
    STABLE_OR_FALLING = "stable_or_falling", _("stable or falling")
    FALLING = "falling", _("falling")


class Target(models.Model):
    """A target of an indicator, for one party or (``party`` empty) for every party.

    One of three forms: ``value`` (e.g. <= 6 days, by ``deadline``); ``group`` and ``statistic``
    (e.g. <= the ASEAN-6 average in ``reference_period``, or in the period compared when none is
    given; ``value`` may then hold the figure the source printed for it); or ``trend``.
    """

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="targets"
    )
    party = models.ForeignKey(
        "registry.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comparator = models.CharField(
        _("comparator"), max_length=2, choices=Comparator.choices, blank=True
    )
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6, null=True, blank=True)
    deadline = models.DateField(_("by"), null=True, blank=True)
    group = models.ForeignKey(
        "registry.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    statistic = models.CharField(
        _("statistic"), max_length=8, choices=Statistic.choices, blank=True
    )
    reference_period = models.ForeignKey(
        "indicators.Period", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    trend = models.CharField(_("trend"), max_length=20, choices=Trend.choices, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = history()

    class Meta:
        ordering = ["indicator", "party", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.describe()}"

    @property
    def form(self) -> str:
        if self.trend:
            return "trend"
        if self.group_id:
            return "relative"
        return "fixed"

    def describe(self) -> str:
        if self.trend:
            return str(self.get_trend_display())
        if self.group_id:
            return f"{self.comparator} {self.get_statistic_display()} ({self.group})"
        value = format(self.value.normalize(), "f") if self.value is not None else ""
        return f"{self.comparator} {value}"

    def clean(self) -> None:
        if self.trend:
            if self.comparator or self.group_id or self.statistic:
                raise ValidationError({"trend": _("A trend target has no comparator or group.")})
            return
        if not self.comparator:
            raise ValidationError({"comparator": _("Say how the value compares to the target.")})
        if bool(self.group_id) != bool(self.statistic):
            raise ValidationError(
                {"statistic": _("A target relative to a group names the group and the statistic.")}
            )
        if not self.group_id and self.value is None:
            raise ValidationError({"value": _("A target needs its value, a group or a trend.")})

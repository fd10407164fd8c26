"""The spans values are given for: a year, a half, a quarter, a month, a biennium, any span."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "year", _("year")
    HALF = "half", _("half-year")
    QUARTER = "quarter", _("quarter")
    MONTH = "month", _("month")
    BIENNIUM = "biennium", _("biennium")
    SPAN = "span", _("span of years")


class Period(models.Model):
    """A period, named by its code (``2014``, ``2014-H1``, ``2014-Q2``, ``2014-03``, ``2012-2013``).

    Ordered by first day, then last day. ``concord.indicators.periods`` reads codes and says when
    two periods have different lengths, so that values are never compared across them silently.
    """

    code = models.CharField(_("code"), max_length=16, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on", "ends_on"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A period ends on or after its first day.")})

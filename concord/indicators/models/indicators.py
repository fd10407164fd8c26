"""What is measured: an indicator, its unit and direction, and what it measures."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class Unit(models.TextChoices):
    DAYS = "days", _("days")
    HOURS_PER_YEAR = "hours_per_year", _("hours per year")
    USD = "usd", _("US dollars")
    USD_MILLION = "usd_million", _("millions of US dollars")
    PERCENT = "percent", _("percent")
    RATIO = "ratio", _("ratio")
    COUNT = "count", _("count")
    INDEX = "index", _("index")


class Direction(models.TextChoices):
    LOWER = "lower", _("lower is better")
    HIGHER = "higher", _("higher is better")
    NONE = "none", _("neither")


class Indicator(models.Model):
    """A measure of progress, e.g. the days it takes to start a business.

    ``dimensions`` declares how its values may be broken down (``sex``, ``age_group``, ``area``
    or any other name); a value with no breakdown is the total, and totals are never summed
    with their parts.
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.NONE
    )
    dimensions = models.JSONField(_("breakdowns"), default=list, blank=True)
    instrument = models.ForeignKey(
        "registry.Instrument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("instrument"),
    )
    provisions = models.ManyToManyField(
        "registry.Provision", blank=True, related_name="indicators", verbose_name=_("provisions")
    )
    results = models.ManyToManyField(
        "registry.ResultsNode",
        blank=True,
        related_name="indicators",
        verbose_name=_("results-framework nodes"),
    )
    responsible_body = models.ForeignKey(
        "registry.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    source = models.CharField(_("usual source"), max_length=255, blank=True)

    history = history()

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def better(self, a, b) -> bool:
        """Say whether ``a`` is strictly better than ``b`` (False when direction is none)."""
        if self.direction == Direction.LOWER:
            return a < b
        if self.direction == Direction.HIGHER:
            return a > b
        return False

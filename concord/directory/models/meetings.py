"""Meetings of bodies (consultations, workshops, seminars, plenaries), and best practices."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.dates import DatePrecision, PartialDate

# A meeting is dated to the day, the month or the year: never to a range, which a first day
# could not stand for.
MEETING_PRECISIONS = [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]


class MeetingKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    PLENARY = "plenary", _("Plenary meeting")
    OTHER = "other", _("Other meeting")


class Meeting(models.Model):
    """A meeting of a body: when, where, who took part, what it discussed and decided.

    ``precision`` says how far its dates are known: to the month or the year, ``starts_on``
    and ``ends_on`` hold the first day of that month or year, so that lists still sort and
    filter by year on one date column, and the pages say only "May 2002" or "2003".
    """

    body = models.ForeignKey("registry.Body", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=500)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    precision = models.CharField(
        _("dates known to the day, month or year"),
        max_length=5,
        choices=[(p.value, p.label) for p in MEETING_PRECISIONS],
        default=DatePrecision.DAY,
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    participants = models.ManyToManyField(
        "registry.Party", verbose_name=_("participants"), blank=True, related_name="+"
    )
    documents = models.ManyToManyField(
        "registry.Instrument", verbose_name=_("documents"), blank=True, related_name="+"
    )
    decisions = models.ManyToManyField(
        "registry.Instrument",
        verbose_name=_("decisions taken"),
        blank=True,
        related_name="taken_at",
    )

    history = history()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "starts_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def starts(self) -> PartialDate | None:
        """The first day, month or year, as precise as it is known."""
        return self._partial(self.starts_on)

    @property
    def ends(self) -> PartialDate | None:
        """The last day, month or year, or None when it is not recorded."""
        return self._partial(self.ends_on)

    def _partial(self, day) -> PartialDate | None:
        if day is None:
            return None
        if self.precision == DatePrecision.MONTH:
            return PartialDate.month(day.year, day.month)
        if self.precision == DatePrecision.YEAR:
            return PartialDate.year(day.year)
        return PartialDate.day(day.year, day.month, day.day)

    def clean(self) -> None:
        errors = {}
        for name in ("starts_on", "ends_on"):
            day = getattr(self, name)
            if not isinstance(day, dt.date):  # absent, or refused by its field already
                continue
            if self.precision == DatePrecision.MONTH and day.day != 1:
                errors[name] = _("A meeting known to the month is dated to its first day.")
            elif self.precision == DatePrecision.YEAR and (day.month, day.day) != (1, 1):
                errors[name] = _("A meeting known to the year is dated to 1 January.")
        if errors:
            raise ValidationError(errors)
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            raise ValidationError({"ends_on": _("A meeting ends on or after its first day.")})


class BestPractice(models.Model):
    """A practice worth sharing: where it comes from, what it serves, and its source."""

    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"))
    parties = models.ManyToManyField(
        "registry.Party", verbose_name=_("from the parties"), blank=True, related_name="+"
    )
    provisions = models.ManyToManyField(
        "registry.Provision", verbose_name=_("provisions served"), blank=True, related_name="+"
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    source_url = models.URLField(_("source address"), max_length=2000, blank=True)

    history = history()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")

    def __str__(self) -> str:
        return self.title

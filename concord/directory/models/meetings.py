"""Meetings of bodies (consultations, workshops, seminars, plenaries), and best practices."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history


class MeetingKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    PLENARY = "plenary", _("Plenary meeting")
    OTHER = "other", _("Other meeting")


class Meeting(models.Model):
    """A meeting of a body: when, where, who took part, what it discussed and decided."""

    body = models.ForeignKey("registry.Body", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=500)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
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

    def clean(self) -> None:
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

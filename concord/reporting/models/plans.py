"""What parties plan to do: actions answering recommendations and provisions, reform projects."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.reporting.answers import ImplementationStatus


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class PartyDraft(models.Model):
    """A party's own record under an instrument: its draft until the party publishes it."""

    party = models.ForeignKey("registry.Party", on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class PlanAction(PartyDraft):
    """An action of a party's implementation plan.

    One action may answer several recommendations and provisions, and one recommendation may
    need several actions, as in the recommendation-tracking tools states use.
    """

    title = models.CharField(_("action"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    lead_institution = models.CharField(_("lead institution"), max_length=255)
    partners = models.TextField(_("partners"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    indicators = models.TextField(_("indicators that will show it"), blank=True)
    recommendations = models.ManyToManyField(
        "reporting.Recommendation",
        verbose_name=_("recommendations answered"),
        blank=True,
        related_name="actions",
    )
    provisions = models.ManyToManyField(
        "registry.Provision", verbose_name=_("provisions answered"), blank=True, related_name="+"
    )

    history = history()

    class Meta:
        ordering = ["party__name", "due_date", "id"]
        verbose_name = _("planned action")
        verbose_name_plural = _("planned actions")
        indexes = [models.Index(fields=["party", "instrument"])]

    def __str__(self) -> str:
        return self.title


class ReformProject(PartyDraft):
    """A party's reform project under an instrument, and what outside support it needs."""

    title = models.CharField(_("title"), max_length=500)
    priority_area = models.CharField(_("priority area"), max_length=255)
    objectives = models.TextField(_("objectives"))
    means = models.TextField(_("means"), blank=True)
    outcomes = models.TextField(_("measurable outcomes"), blank=True)
    impacts = models.TextField(_("impacts"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    responsible_agency = models.CharField(_("responsible agency"), max_length=255)
    provisions = models.ManyToManyField(
        "registry.Provision", verbose_name=_("provisions served"), blank=True, related_name="+"
    )

    history = history()

    class Meta:
        ordering = ["party__name", "starts_on", "id"]
        verbose_name = _("reform project")
        verbose_name_plural = _("reform projects")
        indexes = [models.Index(fields=["party", "instrument"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            raise ValidationError({"ends_on": _("A project must end on or after its start.")})


class SupportKind(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    TECHNICAL = "technical", _("Technical assistance")
    TRAINING = "training", _("Training")
    EQUIPMENT = "equipment", _("Equipment")
    OTHER = "other", _("Other")


class SupportNeed(models.Model):
    """Outside support a reform project needs: its kind, and an amount when it is money."""

    project = models.ForeignKey(
        ReformProject, on_delete=models.CASCADE, related_name="support_needs"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SupportKind.choices)
    description = models.TextField(_("description"), blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)

    history = history()

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("support need")
        verbose_name_plural = _("support needs")

    def __str__(self) -> str:
        return f"{self.project} — {self.get_kind_display()}"

    def clean(self) -> None:
        if self.amount is not None and not self.currency:
            raise ValidationError({"currency": _("An amount needs its currency.")})


class ProjectStage(models.TextChoices):
    MIDTERM = "midterm", _("Midterm review")
    FINAL = "final", _("Final review")


class ProjectReview(models.Model):
    """The steering group's midterm or final review of a reform project (one of each)."""

    project = models.ForeignKey(ReformProject, on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField(_("stage"), max_length=8, choices=ProjectStage.choices)
    rating = models.CharField(
        _("progress"), max_length=16, choices=ImplementationStatus.choices, blank=True
    )
    assessment = models.TextField(_("assessment"))
    reviewed_on = models.DateField(_("reviewed on"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = history()

    class Meta:
        ordering = ["project", "reviewed_on", "id"]
        verbose_name = _("project review")
        verbose_name_plural = _("project reviews")
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="project_review_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.get_stage_display()}"

    @property
    def instrument(self):
        return self.project.instrument

    @property
    def instrument_id(self) -> int:
        return self.project.instrument_id

    @property
    def party(self):
        return self.project.party

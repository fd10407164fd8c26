"""Reporting cycles, their questionnaires, and the parties' submissions with their answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.registry.lifecycle import StateGraph
from concord.reporting.answers import AnswerType, Scale


class Phase(models.TextChoices):
    STOCKTAKING = "stocktaking", _("Stocktaking")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    THEMATIC_REVIEW = "thematic_review", _("Thematic review")
    MIDTERM_REVIEW = "midterm_review", _("Midterm review")
    FINAL_REVIEW = "final_review", _("Final review")
    PERIODIC_REPORT = "periodic_report", _("Periodic report")


class ReportingCycle(models.Model):
    """One round of reporting on an instrument: who must report, on which provisions, by when.

    A cycle is public exactly when its instrument is published.
    """

    instrument = models.ForeignKey(
        "registry.Instrument", on_delete=models.PROTECT, related_name="reporting_cycles"
    )
    name = models.CharField(_("name"), max_length=200)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    period_start = models.DateField(_("period covered from"))
    period_end = models.DateField(_("period covered to"))
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    parties = models.ManyToManyField(
        "registry.Party", verbose_name=_("parties that must report"), related_name="+"
    )
    provisions = models.ManyToManyField(
        "registry.Provision", verbose_name=_("provisions in scope"), related_name="+"
    )
    # The indicator period (a quarter, a year ...) whose figures the cycle collects: its period
    # covered is then that period's, and its indicator questions' answers become the parties'
    # figures for it (``concord/reporting/figures.py``).
    indicator_period = models.ForeignKey(
        "indicators.Period",
        verbose_name=_("figures for the period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = history()

    class Meta:
        ordering = ["id"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        indexes = [models.Index(fields=["instrument", "id"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_end"] = _("The period covered must end on or after its start.")
        if self.opens_on and self.deadline and self.opens_on > self.deadline:
            errors["deadline"] = _("The deadline must fall on or after the opening date.")
        period = self.indicator_period
        if period is not None and (self.period_start, self.period_end) != (
            period.starts_on,
            period.ends_on,
        ):
            errors["period_start"] = _(
                "The period covered is that of %(period)s: %(start)s to %(end)s."
            ) % {"period": period.code, "start": period.starts_on, "end": period.ends_on}
        if errors:
            raise ValidationError(errors)


class Question(models.Model):
    """A question of a cycle's questionnaire: on one provision in scope, an indicator, or free.

    Answers name it by its key: the provision's reference, or ``q<id>`` for any other question.
    A question on an indicator asks for the party's figure for the cycle's indicator period (a
    number in the indicator's unit); the indicator's responsible body answers it.
    """

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(_("order"))
    provision = models.ForeignKey(
        "registry.Provision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("question"), blank=True)
    answer_type = models.CharField(_("answer type"), max_length=8, choices=AnswerType.choices)
    scale = models.CharField(_("scale"), max_length=16, choices=Scale.choices, blank=True)
    unit = models.CharField(_("unit"), max_length=64, blank=True)

    history = history()

    class Meta:
        ordering = ["cycle", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "provision"],
                condition=models.Q(provision__isnull=False),
                name="question_provision_unique",
            ),
            models.UniqueConstraint(
                fields=["cycle", "indicator"],
                condition=models.Q(indicator__isnull=False),
                name="question_indicator_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return self.provision.ref if self.provision_id else f"q{self.pk}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")


SUBMISSION_GRAPH = StateGraph(
    SubmissionStatus,
    {
        SubmissionStatus.DRAFT: [SubmissionStatus.SUBMITTED],
        SubmissionStatus.SUBMITTED: [SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED],
        SubmissionStatus.RETURNED: [SubmissionStatus.SUBMITTED],
        SubmissionStatus.ACCEPTED: [SubmissionStatus.PUBLISHED],
    },
)
EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class Submission(models.Model):
    """A party's answers to a cycle's questionnaire, moving along ``SUBMISSION_GRAPH``.

    ``version`` grows with every change, so that a save based on an older one is refused.
    """

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="submissions")
    party = models.ForeignKey("registry.Party", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried forward from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = history()

    class Meta:
        ordering = ["cycle", "party__name", "id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "party"], name="submission_unique"),
        ]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.party}"

    @property
    def is_published(self) -> bool:
        return self.status == SubmissionStatus.PUBLISHED


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(_("value"))
    note = models.TextField(_("note"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The figure an answer to an indicator question became when the submission was submitted.
    figure = models.ForeignKey(
        "indicators.Value",
        verbose_name=_("figure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = history()

    class Meta:
        ordering = ["submission", "question__order", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.submission} — {self.question}"

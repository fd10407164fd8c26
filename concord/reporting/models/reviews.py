"""Reviews of submissions, and the recommendations they issue with the parties' follow-up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concord.audit.models import history
from concord.reporting.answers import ImplementationStatus


class Review(models.Model):
    """A reviewer's (or the secretariat's) assessment of a submission, overall and per question.

    ``internal`` comments stay with the party's reviewers and the instrument's secretariat;
    the others become public with the submission.
    """

    submission = models.ForeignKey(
        "reporting.Submission", on_delete=models.CASCADE, related_name="reviews"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(
        _("overall rating"), max_length=16, choices=ImplementationStatus.choices, blank=True
    )
    comment = models.TextField(_("overall comment"), blank=True)
    internal = models.BooleanField(_("internal to the reviewers"), default=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    history = history()

    class Meta:
        ordering = ["submission", "created_at", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.submission} — {self.author}"


class ReviewItem(models.Model):
    """A review's comment and rating on one question (a provision, or a free question)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(
        "reporting.Question", on_delete=models.CASCADE, related_name="review_items"
    )
    rating = models.CharField(
        _("rating"), max_length=16, choices=ImplementationStatus.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    internal = models.BooleanField(_("internal to the reviewers"), default=False)

    history = history()

    class Meta:
        ordering = ["review", "question__order", "id"]
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        constraints = [
            models.UniqueConstraint(fields=["review", "question"], name="review_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.review} — {self.question}"


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class FollowUp(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    PARTIALLY = "partially", _("Partially implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")


class Recommendation(models.Model):
    """What a review asks a party to do, followed up across later cycles.

    Issued in a cycle to one party (``review`` names the review that issued it, when one did).
    ``status`` and ``response`` are the latest follow-up; ``RecommendationUpdate`` keeps each.
    Public once ``published_at`` is set; before that, only the party's focal points and
    reviewers and the instrument's secretariat see it.
    """

    cycle = models.ForeignKey(
        "reporting.ReportingCycle", on_delete=models.PROTECT, related_name="recommendations"
    )
    party = models.ForeignKey("registry.Party", on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"))
    provisions = models.ManyToManyField(
        "registry.Provision", verbose_name=_("provisions concerned"), blank=True, related_name="+"
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("follow-up status"),
        max_length=16,
        choices=FollowUp.choices,
        default=FollowUp.NOT_STARTED,
    )
    response = models.TextField(_("party's response"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    history = history()

    class Meta:
        ordering = ["cycle", "party__name", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [
            models.Index(fields=["party", "status"]),
            models.Index(fields=["cycle", "party"]),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def instrument_id(self) -> int:
        return self.cycle.instrument_id

    @property
    def instrument(self):
        return self.cycle.instrument

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class RecommendationUpdate(models.Model):
    """One follow-up of a recommendation: its status then, and the party's response.

    ``cycle`` is the later cycle the follow-up was reported in, when it was.
    """

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    cycle = models.ForeignKey(
        "reporting.ReportingCycle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("follow-up status"), max_length=16, choices=FollowUp.choices)
    response = models.TextField(_("party's response"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    history = history()

    class Meta:
        ordering = ["recommendation", "created_at", "id"]
        verbose_name = _("recommendation follow-up")
        verbose_name_plural = _("recommendation follow-ups")

    def __str__(self) -> str:
        return f"{self.recommendation} — {self.get_status_display()}"

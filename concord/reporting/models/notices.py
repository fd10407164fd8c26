"""E-mails Concord owes people: reminders before and after deadlines, and lifecycle notices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    DEADLINE_NEAR = "deadline_near", _("Deadline approaching")
    DEADLINE_PASSED = "deadline_passed", _("Deadline passed")
    RETURNED = "returned", _("Submission returned for revision")
    ACCEPTED = "accepted", _("Submission accepted")
    PUBLISHED = "published", _("Submission published")
    REQUEST_DUE = "request_due", _("Cooperation request due")
    REQUEST_LATE = "request_late", _("Cooperation request past its deadline")


class Notice(models.Model):
    """One e-mail to one person, recorded before it is sent so that it is sent exactly once.

    ``key`` names the event and the recipient (``returned:<submission>:<version>:<user>`` ...):
    a second worker run, or a retry, finds the notice already there and does not send it again.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    submission = models.ForeignKey(
        "reporting.Submission",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return self.subject

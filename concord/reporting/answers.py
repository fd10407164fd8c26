"""What an answer may hold for each kind of question: pure checks, no database.

An evidence question's files and links are ``Evidence`` records of the submission
(``concord/reporting/evidence.py``); its answer holds only an optional text summary of them
("Articles 3 to 5 of the attached law"), checked as text.
"""

import datetime as dt
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TEXT_MAX_LENGTH = 20_000


class AnswerType(models.TextChoices):
    STATUS = "status", gettext_lazy("Implementation status")
    YES_NO = "yes_no", gettext_lazy("Yes or no")
    NUMBER = "number", gettext_lazy("Number")
    TEXT = "text", gettext_lazy("Text")
    DATE = "date", gettext_lazy("Date")
    EVIDENCE = "evidence", gettext_lazy("Evidence (files or links)")


class Scale(models.TextChoices):
    IMPLEMENTATION = "implementation", gettext_lazy("Implementation")
    RECOMMENDATION = "recommendation", gettext_lazy("Response to a recommendation")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("Not started")
    PARTIALLY = "partially", gettext_lazy("Partially implemented")
    LARGELY = "largely", gettext_lazy("Largely implemented")
    FULLY = "fully", gettext_lazy("Fully implemented")


class RecommendationResponse(models.TextChoices):
    SUPPORTED = "supported", gettext_lazy("Supported")
    NOTED = "noted", gettext_lazy("Noted")


SCALE_STATUSES: dict[str, type[models.TextChoices]] = {
    Scale.IMPLEMENTATION: ImplementationStatus,
    Scale.RECOMMENDATION: RecommendationResponse,
}


def _finite(number: int | float) -> bool:
    """Whether a number is finite and fits a float (a 400-digit integer does not)."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def check_answer(answer_type: str, scale: str, value: Any) -> Any:
    """Return ``value`` as stored for a question of this type; raise ValidationError if unfit."""
    if answer_type == AnswerType.STATUS:
        allowed = SCALE_STATUSES[scale].values
        if not isinstance(value, str) or value not in allowed:
            raise ValidationError(
                _("Expected one of: %(allowed)s.") % {"allowed": ", ".join(allowed)},
                code="status",
            )
        return value
    if answer_type == AnswerType.YES_NO:
        if not isinstance(value, bool):
            raise ValidationError(_("Expected true or false."), code="yes_no")
        return value
    if answer_type == AnswerType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
            raise ValidationError(_("Expected a number."), code="number")
        return value
    if answer_type in (AnswerType.TEXT, AnswerType.EVIDENCE):
        if not isinstance(value, str) or "\x00" in value or len(value) > TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Expected text of at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH},
                code="text",
            )
        return value
    if answer_type == AnswerType.DATE:
        try:
            return dt.date.fromisoformat(value).isoformat()
        except (TypeError, ValueError):
            raise ValidationError(_("Expected a date as YYYY-MM-DD."), code="date") from None
    raise ValueError(f"Unknown answer type {answer_type!r}")

"""The answers form: one field per question of a cycle's questionnaire, by its answer type."""

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from concord.reporting.answers import SCALE_STATUSES, TEXT_MAX_LENGTH, AnswerType
from concord.reporting.models import Answer, Question

YES, NO = "yes", "no"
COMMENT_MAX_LENGTH = 100
LARGEST_EXACT_INTEGER = 2**53


def value_field(question: Question) -> forms.Field | None:
    """The input for a question's answer; None for evidence, which is added on its own page."""
    optional = {"required": False}
    kind = question.answer_type
    if kind == AnswerType.STATUS:
        choices = [("", _("Not answered")), *SCALE_STATUSES[question.scale].choices]
        return forms.ChoiceField(label=_("Status"), choices=choices, **optional)
    if kind == AnswerType.YES_NO:
        choices = [(YES, _("Yes")), (NO, _("No")), ("", _("Not answered"))]
        return forms.ChoiceField(
            label=_("Answer"), choices=choices, widget=forms.RadioSelect, **optional
        )
    if kind == AnswerType.NUMBER:
        label = _("Number (%(unit)s)") % {"unit": question.unit} if question.unit else _("Number")
        return forms.DecimalField(label=label, **optional)
    if kind == AnswerType.TEXT:
        return forms.CharField(
            label=_("Answer"),
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            strip=False,
            **optional,
        )
    if kind == AnswerType.DATE:
        return forms.DateField(
            label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), **optional
        )
    return None


def form_value(question: Question, stored: Any) -> Any:
    """The stored JSON value as the form shows it."""
    if stored is None:
        return ""
    if question.answer_type == AnswerType.YES_NO:
        return YES if stored else NO
    return stored


def answer_shown(question: Question, stored: Any) -> Any:
    """The stored JSON value as a reader sees it: a status's label, yes or no, a date."""
    if stored is None:
        return None
    kind = question.answer_type
    if kind == AnswerType.STATUS:
        return SCALE_STATUSES[question.scale](stored).label
    if kind == AnswerType.YES_NO:
        return _("Yes") if stored else _("No")
    if kind == AnswerType.NUMBER:
        number = number_format(stored, use_l10n=True)
        return f"{number} {question.unit}" if question.unit else number
    if kind == AnswerType.DATE:
        return dt.date.fromisoformat(stored)
    return stored


def stored_value(question: Question, cleaned: Any) -> Any:
    """The form's cleaned value as ``answers_save`` takes it (None clears the answer)."""
    if cleaned in (None, ""):
        return None
    if question.answer_type == AnswerType.YES_NO:
        return cleaned == YES
    if question.answer_type == AnswerType.NUMBER:
        number: Decimal = cleaned
        # Beyond this, an integer cannot be read as a float: send a float, which the check refuses.
        if number == number.to_integral_value() and abs(number) <= LARGEST_EXACT_INTEGER:
            return int(number)
        return float(number)
    if question.answer_type == AnswerType.DATE:
        date: dt.date = cleaned
        return date.isoformat()
    return cleaned


@dataclass
class QuestionFields:
    """A question with its bound value and note fields (value None for evidence)."""

    question: Question
    value: forms.BoundField | None
    note: forms.BoundField | None


class AnswersForm(forms.Form):
    """A submission's answers, a value and a note per question, and the version they were read at.

    Field names use the question's id (``value_12``, ``note_12``); ``answers()`` gives the
    changed answers keyed as ``answers_save`` wants them (provision reference or ``q<id>``).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        questions: Iterable[Question],
        answers: Iterable[Answer] = (),
        version: int = 0,
    ) -> None:
        self.questions = list(questions)
        stored = {answer.question_id: answer for answer in answers}
        initial: dict[str, Any] = {"version": version}
        super().__init__(data, initial=initial)
        for question in self.questions:
            answer = stored.get(question.pk)
            field = value_field(question)
            if field is None:
                continue
            self.fields[f"value_{question.pk}"] = field
            self.fields[f"note_{question.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if answer is not None:
                self.initial[f"value_{question.pk}"] = form_value(question, answer.value)
                self.initial[f"note_{question.pk}"] = answer.note

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for question in self.questions:
            note = cleaned.get(f"note_{question.pk}")
            value = cleaned.get(f"value_{question.pk}")
            if note and value in (None, "") and f"value_{question.pk}" in self.fields:
                self.add_error(
                    f"note_{question.pk}", _("A note needs an answer: give one, or clear the note.")
                )
        return cleaned

    def by_question(self) -> Iterator[QuestionFields]:
        for question in self.questions:
            name = f"value_{question.pk}"
            if name in self.fields:
                yield QuestionFields(question, self[name], self[f"note_{question.pk}"])
            else:
                yield QuestionFields(question, None, None)

    def answers(self) -> dict[str, dict[str, Any]]:
        """The answers whose value or note changed, keyed by question key."""
        changed = set(self.changed_data)
        result = {}
        for question in self.questions:
            value_name, note_name = f"value_{question.pk}", f"note_{question.pk}"
            if value_name not in self.fields or not {value_name, note_name} & changed:
                continue
            result[question.key] = {
                "value": stored_value(question, self.cleaned_data.get(value_name)),
                "note": self.cleaned_data.get(note_name) or "",
            }
        return result

    def add_service_errors(self, exc: ValidationError) -> None:
        """Tie the errors ``answers_save`` raised (``answers.<key>``) to their questions' fields."""
        names = {f"answers.{q.key}": f"value_{q.pk}" for q in self.questions}
        for key, messages in exc.message_dict.items():
            name = names.get(key)
            self.add_error(name if name in self.fields else None, messages)

    def describe_errors(self) -> None:
        """Point each field in error at its message, for screen readers (``aria-describedby``)."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class StepForm(forms.Form):
    """A move along the lifecycle, with an optional comment kept in the history."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Optional, at most 100 characters; kept with the history of the submission."),
    )

"""Reviewing a submission, and recommendations: the list, one with its follow-up, the response."""

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from concord.accounts.views import requires
from concord.registry.models import Instrument, Party, Provision
from concord.reporting import recommending, reviewing, selectors
from concord.reporting.answers import (
    SCALE_STATUSES,
    TEXT_MAX_LENGTH,
    AnswerType,
    ImplementationStatus,
)
from concord.reporting.models import FollowUp, Question, Recommendation, Submission

PAGE_SIZE = 25
NO_RATING = [("", gettext_lazy("No rating"))]


def _errors_onto(form: forms.Form, exc: ValidationError, field_of: Callable[[str], str | None]):
    for field, errors in exc.message_dict.items():
        form.add_error(field_of(field), errors)


# Reviewing a submission -------------------------------------------------------------------


def _comment_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    """The overall rating and comment, then a rating and a comment per question."""

    rating = forms.ChoiceField(
        label=gettext_lazy("Overall rating"),
        choices=NO_RATING + ImplementationStatus.choices,
        required=False,
    )
    comment = _comment_field(gettext_lazy("Overall comment"))
    internal = forms.BooleanField(
        label=gettext_lazy("Internal: only the party's reviewers and the secretariat read it"),
        required=False,
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            prefix = f"q{question.pk}"
            self.fields[f"{prefix}-rating"] = forms.ChoiceField(
                label=_("Rating"), choices=NO_RATING + ImplementationStatus.choices, required=False
            )
            self.fields[f"{prefix}-comment"] = _comment_field(_("Comment"))
            self.fields[f"{prefix}-internal"] = forms.BooleanField(
                label=_("Internal"), required=False
            )

    def overall(self) -> Iterator[forms.BoundField]:
        return (self[name] for name in ("rating", "comment", "internal"))

    def rows(self) -> Iterator[tuple[Question, list[forms.BoundField]]]:
        for question in self.questions:
            names = (f"q{question.pk}-{part}" for part in ("rating", "comment", "internal"))
            yield question, [self[name] for name in names]

    def items(self) -> dict[str, dict[str, Any]]:
        """Return the questions given a rating or a comment, keyed like answers."""
        data = self.cleaned_data
        items = {}
        for question in self.questions:
            rating, comment, internal = (
                data[f"q{question.pk}-{part}"] for part in ("rating", "comment", "internal")
            )
            if rating or comment.strip():
                items[question.key] = {"rating": rating, "comment": comment, "internal": internal}
        return items

    def field_of(self, error_field: str) -> str | None:
        if error_field in ("rating", "comment"):
            return error_field
        key = error_field.removeprefix("items.")
        for question in self.questions:
            if question.key == key:
                return f"q{question.pk}-comment"
        return None


def _submission_or_404(request: HttpRequest, cycle_id: int, party: str) -> Submission:
    cycle = selectors.cycles_visible(request.user).filter(pk=cycle_id).first()
    submission = (
        Submission.objects.filter(cycle=cycle, party__code=party)
        .select_related("party", "cycle__instrument")
        .first()
        if cycle
        else None
    )
    if submission is None or not selectors.submission_visible(request.user, submission):
        raise Http404
    return submission


def _answer_text(answer: Any) -> str:
    question = answer.question
    if question.answer_type == AnswerType.STATUS:
        return str(dict(SCALE_STATUSES[question.scale].choices).get(answer.value, answer.value))
    if question.answer_type == AnswerType.YES_NO:
        return _("Yes") if answer.value else _("No")
    return str(answer.value)


@requires("reporting.add_review", refused=Http404)
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, cycle_id: int, party: str) -> HttpResponse:
    submission = _submission_or_404(request, cycle_id, party)
    if not request.user.has_perm("reporting.add_review", submission):
        raise PermissionDenied
    questions = list(
        submission.cycle.questions.select_related("provision", "indicator__responsible_body")
    )
    form = ReviewForm(request.POST or None, questions=questions)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                reviewing.review_create(
                    submission=submission,
                    user=request.user,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    internal=form.cleaned_data["internal"],
                    items=form.items(),
                )
            except ValidationError as exc:
                _errors_onto(form, exc, form.field_of)
            else:
                messages.success(request, _("Your review is saved."))
                return redirect("reporting:submission", cycle_id=cycle_id, party=party)
    answers = {a.question_id: _answer_text(a) for a in selectors.submission_answers(submission)}
    return render(
        request,
        "reporting/reviews/review_form.html",
        {
            "section": "reporting",
            "submission": submission,
            "reviewable": submission.status in reviewing.REVIEWABLE,
            "form": form,
            "rows": [(q, fields, answers.get(q.pk)) for q, fields in form.rows()],
        },
        status=status,
    )


# Recommendations --------------------------------------------------------------------------


def recommendation_list(request: HttpRequest) -> HttpResponse:
    visible = recommending.recommendations_visible(request.user)
    parties = Party.objects.filter(pk__in=visible.values("party_id")).order_by("name")
    instruments = Instrument.objects.filter(pk__in=visible.values("cycle__instrument_id"))
    chosen = {
        "party": request.GET.get("party", "")[:128],
        "instrument": request.GET.get("instrument", ""),
        "status": request.GET.get("status", ""),
    }
    if chosen["party"]:
        visible = visible.filter(party__code=chosen["party"])
    if chosen["instrument"].isdigit():
        visible = visible.filter(cycle__instrument_id=int(chosen["instrument"]))
    else:
        chosen["instrument"] = ""
    if chosen["status"] in FollowUp.values:
        visible = visible.filter(status=chosen["status"])
    else:
        chosen["status"] = ""
    page = Paginator(visible.order_by("-issued_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reporting/reviews/recommendation_list.html",
        {
            "section": "reporting",
            "page": page,
            "parties": parties,
            "instruments": instruments.order_by("title"),
            "statuses": FollowUp.choices,
            "chosen": chosen,
            "query": urlencode({key: value for key, value in chosen.items() if value}),
        },
    )


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=FollowUp.choices)
    response = _comment_field(gettext_lazy("The party's response"))
    cycle = forms.ModelChoiceField(
        label=gettext_lazy("Reported in the cycle"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None"),
    )

    def __init__(self, *args: Any, recommendation: Recommendation, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = selectors.cycles_visible(user).filter(
            instrument_id=recommendation.cycle.instrument_id
        )
        self.fields["cycle"].label_from_instance = lambda cycle: cycle.name


def _recommendation_or_404(request: HttpRequest, recommendation_id: int) -> Recommendation:
    provisions = Provision.objects.order_by("seq")
    return get_object_or_404(
        recommending.recommendations_visible(request.user).prefetch_related(
            Prefetch("provisions", queryset=provisions)
        ),
        pk=recommendation_id,
    )


def _recommendation_page(
    request: HttpRequest,
    recommendation: Recommendation,
    form: FollowUpForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    if form is None and user.has_perm("reporting.respond_recommendation", recommendation):
        form = FollowUpForm(recommendation=recommendation, user=user)
    return render(
        request,
        "reporting/reviews/recommendation_detail.html",
        {
            "section": "reporting",
            "recommendation": recommendation,
            "instrument": recommendation.cycle.instrument,
            "follow_ups": recommendation.updates.select_related("cycle").order_by(
                "created_at", "id"
            ),
            "form": form,
        },
        status=status,
    )


def recommendation_detail(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _recommendation_page(request, _recommendation_or_404(request, recommendation_id))


@requires("reporting.respond_recommendation", refused=Http404)
@require_POST
def follow_up(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = _recommendation_or_404(request, recommendation_id)
    if not request.user.has_perm("reporting.respond_recommendation", recommendation):
        raise PermissionDenied
    form = FollowUpForm(request.POST, recommendation=recommendation, user=request.user)
    if form.is_valid():
        try:
            recommending.recommendation_follow_up(
                recommendation=recommendation, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors_onto(form, exc, lambda field: field if field in form.fields else None)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("reporting:recommendation", recommendation_id=recommendation.pk)
    return _recommendation_page(request, recommendation, form=form, status=422)

"""A party's submission: read it, edit its answers, and move it along its lifecycle."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concord.portal.views.pages import page
from concord.reporting import figures, selectors, services
from concord.reporting.evidence import evidence_list
from concord.reporting.forms import AnswersForm, StepForm, answer_shown
from concord.reporting.models import (
    EDITABLE,
    SUBMISSION_GRAPH,
    Answer,
    Question,
    Submission,
    SubmissionStatus,
)
from concord.reporting.reviewing import reviews_visible
from concord.reporting.views.cycles import SECTION, cycle_or_404

ACTIONS = {
    "submit": SubmissionStatus.SUBMITTED,
    "return": SubmissionStatus.RETURNED,
    "accept": SubmissionStatus.ACCEPTED,
    "publish": SubmissionStatus.PUBLISHED,
}
DONE = {
    "submit": gettext_lazy("Submitted."),
    "return": gettext_lazy("Returned to the party for revision."),
    "accept": gettext_lazy("Accepted."),
    "publish": gettext_lazy("Published: everyone can now read these answers."),
}


def submission_or_404(
    request: HttpRequest, cycle_id: int, party: str, *, answering: bool = False
) -> Submission:
    """Return the party's submission (unsaved when not started) if the caller may see it.

    ``answering``: also to whoever may answer some of its questions (a body responsible for an
    indicator it asks the figure of), who reads only those answers.
    """
    cycle = cycle_or_404(request, cycle_id)
    found = next((p for p in cycle.parties.all() if p.code == party), None)
    if found is not None:
        submission = Submission.objects.filter(cycle=cycle, party=found).first() or Submission(
            cycle=cycle, party=found
        )
        submission.cycle, submission.party = cycle, found
        if selectors.submission_visible(request.user, submission) or (
            answering and request.user.has_perm("reporting.answer_submission", submission)
        ):
            return submission
    raise Http404(
        _("No submission from %(party)s in reporting cycle %(id)s.")
        % {"party": party, "id": cycle_id}
    )


def steps_for(user, submission: Submission) -> list[str]:
    """The lifecycle moves the caller may make from the submission's status, by action name."""
    if submission.pk is None:
        return []
    allowed = SUBMISSION_GRAPH.allowed(submission.status)
    return [
        action
        for action, target in ACTIONS.items()
        if target in allowed and user.has_perm(services.TRANSITION_PERMISSIONS[target], submission)
    ]


def answer_row(question: Question, answer: Answer | None) -> dict:
    return {
        "question": question,
        "shown": answer_shown(question, answer.value) if answer else None,
        "note": answer.note if answer else "",
    }


def submission_url(submission: Submission) -> str:
    return reverse("reporting:submission", args=[submission.cycle_id, submission.party.code])


def submission_detail(request: HttpRequest, cycle_id: int, party: str) -> HttpResponse:
    submission = submission_or_404(request, cycle_id, party, answering=True)
    user = request.user
    stored = selectors.submission_answers(submission) if submission.pk else []
    answers = {a.question_id: a for a in stored}
    questions = list(
        submission.cycle.questions.select_related("provision", "indicator__responsible_body")
    )
    may_edit = user.has_perm("reporting.change_submission", submission)
    # A body responsible for some of the indicators reads and answers their figures only.
    partial = not selectors.submission_visible(user, submission)
    if partial:
        answerable = figures.answerable_questions(user, submission) or set()
        questions = [q for q in questions if q.pk in answerable]
    may_answer = (partial or may_edit) and bool(questions) and submission.status in EDITABLE
    return page(
        request,
        "reporting/submissions/detail.html",
        {
            "submission": submission,
            "cycle": submission.cycle,
            "party": submission.party,
            "rows": [answer_row(q, answers.get(q.pk)) for q in questions],
            "steps": steps_for(user, submission),
            "step_form": StepForm(),
            "may_edit": may_edit and submission.status in EDITABLE,
            "may_answer": may_answer,
            "partial": partial,
            "is_focal_point": may_edit,
            "may_review": submission.pk is not None
            and user.has_perm("reporting.add_review", submission),
            "evidence": [] if partial else evidence_list(submission),
            "reviews": reviews_visible(user, submission) if submission.pk else [],
        },
        section=SECTION,
    )


@transaction.atomic
def start_and_save(submission: Submission, form: AnswersForm, user) -> Submission:
    """Start the draft on its first save and save the answers: both or neither."""
    started = services.submission_get_or_start(
        cycle=submission.cycle, party=submission.party, user=user
    )
    return services.answers_save(
        submission=started,
        answers=form.answers(),
        expected_version=form.cleaned_data["version"],
        user=user,
    )


def submission_edit(request: HttpRequest, cycle_id: int, party: str) -> HttpResponse:
    """The answers form, for the party's focal points while the submission is theirs to edit.

    A body responsible for indicators the cycle asks the figures of gets the questions on those
    indicators only.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    submission = submission_or_404(request, cycle_id, party, answering=True)
    user = request.user
    if not user.has_perm("reporting.answer_submission", submission):
        raise Http404
    if submission.status not in EDITABLE:
        messages.error(
            request,
            _("A submission that is “%(status)s” cannot be edited.")
            % {"status": submission.get_status_display()},
        )
        return redirect(submission_url(submission))
    questions = list(
        submission.cycle.questions.select_related("provision", "indicator__responsible_body")
    )
    answerable = figures.answerable_questions(user, submission)
    if answerable is not None:
        questions = [q for q in questions if q.pk in answerable]

    def fresh_form(data=None) -> AnswersForm:
        stored = selectors.submission_answers(submission) if submission.pk else []
        return AnswersForm(data, questions=questions, answers=stored, version=submission.version)

    form = fresh_form(request.POST if request.method == "POST" else None)
    stale = False
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            start_and_save(submission, form, user)
        except services.StaleVersion:
            submission = Submission.objects.get(cycle=submission.cycle, party=submission.party)
            form, stale, status = fresh_form(), True, 409
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect(submission_url(submission))
    if form.errors:
        form.describe_errors()
        status = 422
    response = page(
        request,
        "reporting/submissions/edit.html",
        {
            "submission": submission,
            "cycle": submission.cycle,
            "party": submission.party,
            "form": form,
            "stale": stale,
        },
        section=SECTION,
    )
    response.status_code = status
    return response


def submission_step(request: HttpRequest, cycle_id: int, party: str, action: str) -> HttpResponse:
    """Move the submission along its lifecycle (submit, return, accept, publish); POST only.

    Whoever is not signed in is sent to sign in first, whatever the method, as on every page
    that needs a person.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("reporting:submission", args=[cycle_id, party]))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    target = ACTIONS.get(action)
    if target is None:
        raise Http404
    submission = submission_or_404(request, cycle_id, party, answering=True)
    if submission.pk is None:
        raise Http404(_("This submission has not been started."))
    form = StepForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("comment", []):
            messages.error(request, error)
        return redirect(submission_url(submission))
    try:
        services.submission_transition(
            submission=submission,
            target=target,
            user=request.user,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, DONE[action])
    return redirect(submission_url(submission))

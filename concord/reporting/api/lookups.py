"""What every reporting operation looks up first, and how it answers when it cannot.

A record the caller may not see answers 404 exactly as one that does not exist, so that no
draft leaks; Django's ValidationError becomes a 422 naming the field.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError

from concord.api_errors import unprocessable
from concord.reporting import schemas, selectors
from concord.reporting.models import ReportingCycle, Submission

NOT_FOUND = {404: schemas.DetailOut}
REFUSED = {401: schemas.DetailOut, 403: schemas.DetailOut, **NOT_FOUND}


def cycle_or_404(request: HttpRequest, cycle_id: int) -> ReportingCycle:
    cycle = selectors.cycles_visible(request.user).filter(pk=cycle_id).first()
    if cycle is None:
        raise HttpError(404, _("No reporting cycle with id %(id)s.") % {"id": cycle_id})
    return cycle


def submission_or_404(
    request: HttpRequest, cycle_id: int, party: str, *, answering: bool = False
) -> Submission:
    """Return the party's submission, unsaved when not started; 404 unless the caller sees it.

    ``answering``: also to whoever may answer some of its questions (a body responsible for an
    indicator it asks the figure of), who reads only those answers.
    """
    cycle = cycle_or_404(request, cycle_id)
    found = cycle.parties.filter(code=party).first()
    submission = None
    if found is not None:
        submission = Submission.objects.filter(cycle=cycle, party=found).select_related(
            "party"
        ).first() or Submission(cycle=cycle, party=found)
    if submission is None or not (
        selectors.submission_visible(request.user, submission)
        or (answering and request.user.has_perm("reporting.answer_submission", submission))
    ):
        raise HttpError(
            404,
            _("No submission from %(party)s in reporting cycle %(id)s.")
            % {"party": party, "id": cycle_id},
        )
    return submission


def answerable_or_404(request: HttpRequest, cycle_id: int, party: str) -> Submission:
    return submission_or_404(request, cycle_id, party, answering=True)


# Fields keyed by a question's key, which may hold dots itself (``answers.III.5``).
KEYED = ("answers.", "items.")


def as_422(exc: DjangoValidationError) -> ValidationError:
    """A 422 naming the field; an answer's or review item's by its key (answers, III.5)."""

    def location(field: str) -> list[str]:
        return ["body", *field.split(".", 1 if field.startswith(KEYED) else -1)]

    return unprocessable(exc, location=location, whole="status")

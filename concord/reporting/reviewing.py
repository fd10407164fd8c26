"""Reviews of submissions: writing one, and reading those the caller may see.

A review rates and comments a submission overall and per question. Its ``internal`` parts (a
whole review, or one item) stay with the party's reviewers and the instrument's secretariat;
the rest is seen by whoever sees the submission.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from concord.reporting.answers import TEXT_MAX_LENGTH, ImplementationStatus
from concord.reporting.models import Review, ReviewItem, Submission, SubmissionStatus
from concord.reporting.selectors import submission_visible

REVIEWABLE = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


def check_text(value: Any) -> str | None:
    """Return why ``value`` is not a storable comment, or None when it is."""
    if not isinstance(value, str) or "\x00" in value or len(value) > TEXT_MAX_LENGTH:
        return _("Expected text of at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH}
    return None


def check_rating(value: Any) -> str | None:
    """Return why ``value`` is not a rating (an implementation status, or blank), or None."""
    if value == "" or value in ImplementationStatus.values:
        return None
    return _("Expected one of: %(allowed)s, or nothing.") % {
        "allowed": ", ".join(ImplementationStatus.values)
    }


def _check_item(spec: Any) -> tuple[dict[str, Any], list[str]]:
    if not isinstance(spec, Mapping):
        return {}, [_("Expected an object with rating, comment and internal.")]
    unknown = set(spec) - {"rating", "comment", "internal"}
    item = {
        "rating": spec.get("rating") or "",
        "comment": spec.get("comment") or "",
        "internal": spec.get("internal", False),
    }
    problems = []
    if unknown:
        problems.append(_("Unknown field: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    for name, problem in (
        ("rating", check_rating(item["rating"])),
        ("comment", check_text(item["comment"])),
    ):
        if problem:
            problems.append(f"{name}: {problem}")
    if not isinstance(item["internal"], bool):
        problems.append(_("internal: Expected true or false."))
    if not problems and not (item["rating"] or item["comment"].strip()):
        problems.append(_("Give a rating or a comment, or leave the question out."))
    return item, problems


@transaction.atomic
def review_create(
    *,
    submission: Submission,
    user,
    rating: str = "",
    comment: str = "",
    internal: bool = False,
    items: Mapping[str, Mapping[str, Any]] | None = None,
) -> Review:
    """Review a submitted or accepted submission, overall and per question.

    ``items`` are keyed like answers (a provision's reference, or ``q<id>``), each with its
    ``rating``, ``comment`` and ``internal``. The party's reviewers and the instrument's
    secretariat only. All or nothing: a bad field raises ValidationError naming it
    (``items.<key>`` for an item) and nothing is written.
    """
    if not user.has_perm("reporting.add_review", submission):
        raise PermissionDenied
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status not in REVIEWABLE:
        raise ValidationError(
            {
                "status": _(
                    "Only a submitted or accepted submission is reviewed; this one is “%(status)s”."
                )
                % {"status": locked.get_status_display()}
            }
        )
    errors: dict[str, list[str]] = {}
    for name, problem in (("rating", check_rating(rating)), ("comment", check_text(comment))):
        if problem:
            errors[name] = [problem]
    questions = {q.key: q for q in locked.cycle.questions.select_related("provision")}
    checked = []
    for key, spec in (items or {}).items():
        question = questions.get(key)
        item, problems = _check_item(spec)
        if question is None:
            problems = [_("No question with this key in the questionnaire.")]
        if problems:
            errors[f"items.{key}"] = problems
        else:
            checked.append(ReviewItem(question=question, **item))
    if not errors and not (rating or comment.strip() or checked):
        errors["comment"] = [_("A review needs a rating, a comment, or a comment on a question.")]
    if errors:
        raise ValidationError(errors)
    review = Review(
        submission=locked, author=user, rating=rating, comment=comment, internal=internal
    )
    review._history_user = user
    review.save()
    for item in checked:
        item.review = review
        item._history_user = user
        item.save()
    return review


def reviews_visible(user: Any, submission: Submission) -> list[Review]:
    """Return the submission's reviews the caller may read, each with its ``shown_items``.

    Nothing unless the caller sees the submission; internal reviews and items only for those
    who may read them (``reporting.view_internal_review``).
    """
    if submission.pk is None or not submission_visible(user, submission):
        return []
    items = ReviewItem.objects.select_related("question__provision").order_by(
        "question__order", "id"
    )
    reviews = submission.reviews.select_related("author")
    if not user.has_perm("reporting.view_internal_review", submission):
        reviews = reviews.filter(internal=False)
        items = items.filter(internal=False)
    return list(reviews.prefetch_related(Prefetch("items", queryset=items, to_attr="shown_items")))

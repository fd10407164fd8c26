"""Writes to reform projects: their content, the support they need, publishing and reviews.

A project is its party's focal points' draft until they publish it; the steering group (the
instrument's secretariat and the party's reviewers) then reviews it once at midterm and once at
the end. Who sees which project: ``concord.reporting.planning.projects_visible``.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concord.registry.models import Instrument, Party, Provision
from concord.reporting.models import (
    ProjectReview,
    ProjectStage,
    ReformProject,
    SupportKind,
    SupportNeed,
)
from concord.reporting.planning import check_instrument_open, check_provisions


@dataclass(frozen=True)
class SupportNeedSpec:
    """Outside support a project needs, as a person writes it."""

    kind: str
    description: str = ""
    amount: Decimal | None = None
    currency: str = ""


@dataclass(frozen=True)
class ProjectContent:
    """What a reform project says; ``support_needs`` of None keeps the stored ones."""

    title: str
    priority_area: str
    objectives: str
    responsible_agency: str
    means: str = ""
    outcomes: str = ""
    impacts: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    provisions: Sequence[Provision] = ()
    support_needs: Sequence[SupportNeedSpec] | None = None


@dataclass(frozen=True)
class SupportTotal:
    kind: str
    label: str
    currency: str
    amount: Decimal | None
    needs: int


def is_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency code (upper case, three letters)."""
    return (
        len(code) == 3
        and code.isascii()
        and code.isalpha()
        and code.isupper()
        and pycountry.currencies.get(alpha_3=code) is not None
    )


def support_totals(needs: Iterable[SupportNeed]) -> list[SupportTotal]:
    """Sum the needs by kind and currency; needs without an amount are counted, not summed."""
    sums: dict[tuple[str, str], tuple[Decimal | None, int]] = {}
    for need in needs:
        amount, count = sums.get((need.kind, need.currency), (None, 0))
        if need.amount is not None:
            amount = (amount or Decimal(0)) + need.amount
        sums[(need.kind, need.currency)] = (amount, count + 1)
    order = {kind: index for index, kind in enumerate(SupportKind.values)}
    return [
        SupportTotal(kind, SupportKind(kind).label, currency, amount, count)
        for (kind, currency), (amount, count) in sorted(
            sums.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1])
        )
    ]


def review_data(review: ProjectReview) -> dict:
    return {
        "id": review.pk,
        "stage": review.stage,
        "rating": review.rating or None,
        "assessment": review.assessment,
        "reviewed_on": review.reviewed_on,
    }


def project_data(project: ReformProject) -> dict:
    """Return a project as the API shows it, with its support needs and reviews."""
    texts = ("title", "priority_area", "objectives", "means", "outcomes", "impacts")
    return {
        "id": project.pk,
        "party": project.party.code,
        "instrument": project.instrument_id,
        **{name: getattr(project, name) for name in texts},
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "responsible_agency": project.responsible_agency,
        "provisions": [p.ref for p in project.provisions.all()],
        "support_needs": [
            {
                "kind": n.kind,
                "description": n.description,
                "amount": n.amount,
                "currency": n.currency,
            }
            for n in project.support_needs.all()
        ],
        "reviews": [review_data(r) for r in project.reviews.all()],
        "published_at": project.published_at,
    }


def _support_need(spec: SupportNeedSpec, index: int) -> SupportNeed:
    prefix = f"support_needs.{index}"
    currency = spec.currency.strip().upper()
    errors: dict[str, list[str]] = {}
    if currency and not is_currency(currency):
        errors[f"{prefix}.currency"] = [
            _("“%(code)s” is not an ISO 4217 currency code.") % {"code": spec.currency}
        ]
    if spec.amount is not None:
        if spec.amount < 0:
            errors[f"{prefix}.amount"] = [_("An amount cannot be negative.")]
        if not currency:
            errors[f"{prefix}.currency"] = [_("An amount needs its currency.")]
    need = SupportNeed(
        kind=spec.kind,
        description=spec.description.strip(),
        amount=spec.amount,
        currency=currency,
    )
    try:
        need.full_clean(exclude=["project"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(f"{prefix}.{name}", messages)
    if errors:
        raise ValidationError(errors)
    return need


def _support_needs(specs: Sequence[SupportNeedSpec]) -> list[SupportNeed]:
    errors: dict[str, list[str]] = {}
    needs = []
    for index, spec in enumerate(specs):
        try:
            needs.append(_support_need(spec, index))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return needs


def _project_write(project: ReformProject, *, user: Any, content: ProjectContent) -> ReformProject:
    check_provisions(project.instrument_id, content.provisions)
    needs = None if content.support_needs is None else _support_needs(content.support_needs)
    for name in (
        "title",
        "priority_area",
        "objectives",
        "responsible_agency",
        "means",
        "outcomes",
        "impacts",
    ):
        setattr(project, name, getattr(content, name).strip())
    project.starts_on = content.starts_on
    project.ends_on = content.ends_on
    project.full_clean()
    project._history_user = user
    project.save()
    project.provisions.set(content.provisions)
    if needs is not None:
        for stored in project.support_needs.all():
            stored._history_user = user
            stored.delete()
        for need in needs:
            need.project = project
            need._history_user = user
            need.save()
    return project


@transaction.atomic
def project_create(
    *, user: Any, party: Party, instrument: Instrument, content: ProjectContent
) -> ReformProject:
    """Add a draft reform project of ``party`` under ``instrument`` (its focal points only)."""
    project = ReformProject(party=party, instrument=instrument, created_by=user)
    if not user.has_perm("reporting.add_reformproject", project):
        raise PermissionDenied
    check_instrument_open(user, instrument)
    return _project_write(project, user=user, content=content)


@transaction.atomic
def project_update(*, project: ReformProject, user: Any, content: ProjectContent) -> ReformProject:
    """Replace what a project says; support needs given as a list replace the stored ones."""
    if not user.has_perm("reporting.change_reformproject", project):
        raise PermissionDenied
    locked = ReformProject.objects.select_for_update().get(pk=project.pk)
    return _project_write(locked, user=user, content=content)


@transaction.atomic
def project_publish(*, project: ReformProject, user: Any) -> ReformProject:
    """Make a draft project public (its party's focal points only); publishing twice is refused."""
    if not user.has_perm("reporting.publish_reformproject", project):
        raise PermissionDenied
    locked = ReformProject.objects.select_for_update().get(pk=project.pk)
    if locked.is_published:
        raise ValidationError({"published_at": _("This project is already published.")})
    locked.published_at = timezone.now()
    locked._history_user = user
    locked.save(update_fields=["published_at"])
    return locked


@transaction.atomic
def project_review(
    *,
    project: ReformProject,
    user: Any,
    stage: str,
    assessment: str,
    reviewed_on: dt.date,
    rating: str = "",
) -> ProjectReview:
    """Record the steering group's midterm or final review of a published project (one each).

    The project's row is locked first, so that two reviews of one stage sent at once cannot
    both pass the check.
    """
    if not user.has_perm("reporting.review_reformproject", project):
        raise PermissionDenied
    locked = ReformProject.objects.select_for_update().get(pk=project.pk)
    if not locked.is_published:
        raise ValidationError({"project": _("Only a published project is reviewed.")})
    if stage in ProjectStage.values and locked.reviews.filter(stage=stage).exists():
        raise ValidationError(
            {
                "stage": _("This project already has its %(stage)s.")
                % {"stage": ProjectStage(stage).label.lower()}
            }
        )
    if locked.starts_on and reviewed_on < locked.starts_on:
        raise ValidationError(
            {
                "reviewed_on": _("A review cannot come before the project starts (%(date)s).")
                % {"date": locked.starts_on.isoformat()}
            }
        )
    review = ProjectReview(
        project=locked,
        stage=stage,
        rating=rating,
        assessment=assessment.strip(),
        reviewed_on=reviewed_on,
        author=user,
    )
    review.full_clean(validate_constraints=False)
    review._history_user = user
    review.save()
    return review

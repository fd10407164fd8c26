"""Recording contributions: by the organization's secretariat, or pledged by a partner itself.

Each write checks its permission on the record, runs in one transaction, leaves its history and
refuses bad input with a ``ValidationError`` naming the field, writing nothing. A partner
records only its own pledges (status ``pipeline``, unpublished); the secretariat takes them on.
A contribution's status only moves forward, each step dated; its allocations to the results
framework add up to at most all of it; what is spent of it never exceeds it.
"""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concord.indicators.entry import as_number
from concord.indicators.models import Period
from concord.registry.models import Body, Party, ResultsNode
from concord.resources.iati.codelists import check_code
from concord.resources.models import (
    STATUS_ORDER,
    Allocation,
    Contribution,
    ContributionStatus,
    Expenditure,
    FundingModality,
    ResourcePartner,
    StatusChange,
)

HUNDRED = Decimal(100)


@dataclass
class ContributionData:
    """What a person gives to record or change a contribution (the parts they give)."""

    title: str = ""
    modality: FundingModality | None = None
    country: Party | None = None
    region: str = ""
    amount: Any = None
    currency: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    source: str = ""
    note: str = ""
    illustrative: bool = False


def _checked(contribution: Contribution) -> None:
    errors: dict[str, list[str]] = {}
    if not contribution.title.strip():
        errors["title"] = [_("Give the contribution a title.")]
    if contribution.amount is not None:
        if contribution.amount < 0:
            errors["amount"] = [_("An amount is zero or more.")]
        if not contribution.currency:
            errors["currency"] = [_("An amount needs its currency.")]
    if contribution.currency:
        try:
            check_code("Currency", contribution.currency, "currency")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if contribution.region:
        try:
            check_code("Region", contribution.region, "region")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if contribution.country_id and contribution.region:
        errors["region"] = [_("Name a country or a region, not both.")]
    country = contribution.country
    if country is not None and pycountry.countries.get(alpha_3=country.code) is None:
        errors["country"] = [
            _("%(name)s is not a country with an ISO 3166 code.") % {"name": country.name}
        ]
    modality = contribution.modality
    if modality is not None and modality.organization_id != contribution.organization_id:
        errors["modality"] = [
            _("%(modality)s is not a funding modality of %(organization)s.")
            % {"modality": modality.name, "organization": contribution.organization.name}
        ]
    if (
        contribution.starts_on
        and contribution.ends_on
        and contribution.ends_on < contribution.starts_on
    ):
        errors["ends_on"] = [_("A contribution ends on or after it starts.")]
    if errors:
        raise ValidationError(errors)


def _stored(data: ContributionData) -> dict[str, Any]:
    """The values of ``data`` as a contribution stores them."""
    values = {}
    for item in fields(ContributionData):
        value = getattr(data, item.name)
        if item.name == "amount":
            value = None if value in (None, "") else as_number(value, "amount")
        elif item.name in ("currency", "region"):
            value = (value or "").strip().upper()
        values[item.name] = value
    return values


def _apply(contribution: Contribution, data: ContributionData) -> None:
    for name, value in _stored(data).items():
        setattr(contribution, name, value)


def contribution_differs(contribution: Contribution, data: ContributionData) -> list[str]:
    """The fields ``contribution_update`` with ``data`` would change (none: nothing to write)."""
    return [name for name, value in _stored(data).items() if getattr(contribution, name) != value]


def _status_change(contribution: Contribution, status: str, on: date, user: Any) -> None:
    change = StatusChange(contribution=contribution, status=status, on=on, recorded_by=user)
    change._history_user = user
    change.save()


def contribution_create(
    *,
    user: Any,
    partner: ResourcePartner,
    organization: Body,
    data: ContributionData,
    reference: str,
    status: str = ContributionStatus.PIPELINE,
    on: date,
) -> Contribution:
    """Record a contribution (or a partner's pledge) at ``status`` since ``on``."""
    contribution = Contribution(
        partner=partner,
        organization=organization,
        reference=reference.strip(),
        status=status,
        status_on=on,
        recorded_by=user,
    )
    if not user.has_perm("resources.add_contribution", contribution):
        raise PermissionDenied
    secretariat = user.has_perm("resources.publish_contribution", contribution)
    if not secretariat and status != ContributionStatus.PIPELINE:
        raise ValidationError(
            {"status": _("A partner records its pledges; the secretariat takes them on.")}
        )
    if status not in STATUS_ORDER:
        raise ValidationError({"status": _("%(status)s is not a status.") % {"status": status}})
    if not contribution.reference:
        raise ValidationError({"reference": _("Give the contribution a reference.")})
    if Contribution.objects.filter(reference=contribution.reference).exists():
        # Only the secretariat learns that it is taken: a partner must not learn of another's
        # unpublished contribution.
        message = (
            _("Another contribution has the reference %(ref)s.")
            if secretariat
            else _("The reference %(ref)s cannot be used: choose another.")
        )
        raise ValidationError({"reference": message % {"ref": reference}})
    _apply(contribution, data)
    _checked(contribution)
    contribution._history_user = user
    with transaction.atomic():
        contribution.save()
        _status_change(contribution, status, on, user)
    return contribution


def _check_currency_kept(contribution: Contribution, before: str) -> None:
    """Amounts allocated or spent are in the contribution's currency: it cannot change under
    them (they would be read in the new one)."""
    if contribution.currency == before or not before:
        return
    if (
        contribution.allocations.filter(amount__isnull=False).exists()
        or contribution.expenditures.exists()
    ):
        raise ValidationError(
            {
                "currency": _(
                    "Amounts are allocated or spent in %(currency)s: restate them before "
                    "changing the currency."
                )
                % {"currency": before}
            }
        )


def contribution_update(
    *, user: Any, contribution: Contribution, data: ContributionData
) -> Contribution:
    if not user.has_perm("resources.change_contribution", contribution):
        raise PermissionDenied
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        currency = locked.currency
        _apply(locked, data)
        _checked(locked)
        _check_currency_kept(locked, currency)
        _check_allocations(locked, list(locked.allocations.all()))
        _check_spending(locked, sum((e.amount for e in locked.expenditures.all()), Decimal(0)))
        locked._history_user = user
        locked.save()
    return locked


def status_advance(*, user: Any, contribution: Contribution, status: str, on: date) -> Contribution:
    """Move a contribution forward to ``status`` on ``on`` (a date not before its last step)."""
    if not user.has_perm("resources.publish_contribution", contribution):
        raise PermissionDenied
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if status not in STATUS_ORDER or STATUS_ORDER.index(status) <= STATUS_ORDER.index(
            locked.status
        ):
            raise ValidationError(
                {
                    "status": _("A contribution %(status)s moves only forward.")
                    % {"status": locked.get_status_display()}
                }
            )
        if on < locked.status_on:
            raise ValidationError(
                {
                    "on": _(
                        "It reached its last status on %(date)s: a later step cannot come before."
                    )
                    % {"date": locked.status_on}
                }
            )
        locked.status, locked.status_on = status, on
        locked._history_user = user
        locked.save(update_fields=["status", "status_on"])
        _status_change(locked, status, on, user)
    return locked


def contribution_publish(
    *, user: Any, contribution: Contribution, published: bool = True
) -> Contribution:
    if not user.has_perm("resources.publish_contribution", contribution):
        raise PermissionDenied
    with transaction.atomic():
        contribution.published = published
        contribution._history_user = user
        contribution.save(update_fields=["published"])
    return contribution


@dataclass(frozen=True)
class Share:
    """Part of a contribution for a node: a percentage or an amount, never both."""

    node: ResultsNode
    share: Any = None
    amount: Any = None


def _part(contribution: Contribution, allocation: Allocation) -> Decimal:
    """What an allocation is worth in the contribution's currency (None without an amount)."""
    if allocation.amount is not None:
        return allocation.amount
    if contribution.amount is None:
        return None
    return contribution.amount * allocation.share / HUNDRED


def _check_allocations(contribution: Contribution, allocations: list[Allocation]) -> None:
    shares = sum((a.share for a in allocations if a.share is not None), Decimal(0))
    amounts = sum((a.amount for a in allocations if a.amount is not None), Decimal(0))
    if contribution.amount is None:
        if amounts:
            raise ValidationError(
                {"allocations": _("Allocate a contribution without an amount by shares only.")}
            )
        if shares > HUNDRED:
            raise ValidationError(
                {
                    "allocations": _("The shares add up to %(total)s percent: more than all of it.")
                    % {"total": shares}
                }
            )
        return
    total = amounts + contribution.amount * shares / HUNDRED
    if total > contribution.amount:
        raise ValidationError(
            {
                "allocations": _(
                    "The allocations add up to %(total)s %(currency)s, more than the "
                    "%(amount)s %(currency)s contributed."
                )
                % {
                    "total": total.quantize(Decimal("0.01")),
                    "amount": contribution.amount,
                    "currency": contribution.currency,
                }
            }
        )


def allocations_set(
    *, user: Any, contribution: Contribution, shares: list[Share]
) -> list[Allocation]:
    """Replace a contribution's allocations to the results framework."""
    if not user.has_perm("resources.change_contribution", contribution):
        raise PermissionDenied
    allocations = []
    for index, item in enumerate(shares):
        share = None if item.share in (None, "") else as_number(item.share, "share")
        amount = None if item.amount in (None, "") else as_number(item.amount, "amount")
        if (share is None) == (amount is None):
            raise ValidationError(
                {
                    "allocations": _("Allocation %(n)d: give a share or an amount, not both.")
                    % {"n": index + 1}
                }
            )
        if (share is not None and not 0 < share <= HUNDRED) or (amount is not None and amount <= 0):
            raise ValidationError(
                {
                    "allocations": _(
                        "Allocation %(n)d: a share is above 0 and at most 100; an amount is "
                        "above 0."
                    )
                    % {"n": index + 1}
                }
            )
        allocations.append(
            Allocation(contribution=contribution, node=item.node, share=share, amount=amount)
        )
    nodes = [a.node_id for a in allocations]
    if len(set(nodes)) != len(nodes):
        raise ValidationError({"allocations": _("Allocate to each result once.")})
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        _check_allocations(locked, allocations)
        for old in locked.allocations.all():
            old._history_user = user
            old.delete()
        for allocation in allocations:
            allocation._history_user = user
            allocation.save()
    return allocations


def _check_spending(contribution: Contribution, spent: Decimal) -> None:
    if contribution.amount is not None and spent > contribution.amount:
        raise ValidationError(
            {
                "amount": _(
                    "%(spent)s %(currency)s spent would be more than the %(amount)s contributed."
                )
                % {"spent": spent, "amount": contribution.amount, "currency": contribution.currency}
            }
        )


def expenditure_put(
    *, user: Any, contribution: Contribution, period: Period, amount: Any
) -> Expenditure:
    """Record (or correct) what was spent of a contribution in a period."""
    if not user.has_perm("resources.publish_contribution", contribution):
        raise PermissionDenied
    spent = as_number(amount, "amount")
    if spent < 0:
        raise ValidationError({"amount": _("An amount spent is zero or more.")})
    if not contribution.currency:
        raise ValidationError(
            {"amount": _("Give the contribution its currency before recording what was spent.")}
        )
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        others = sum((e.amount for e in locked.expenditures.exclude(period=period)), Decimal(0))
        _check_spending(locked, others + spent)
        expenditure = Expenditure.objects.filter(contribution=locked, period=period).first()
        expenditure = expenditure or Expenditure(contribution=locked, period=period)
        expenditure.amount = spent
        expenditure._history_user = user
        expenditure.save()
    return expenditure

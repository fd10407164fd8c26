"""Recording an organization's funding modalities and their windows.

The secretariat covering the organization records and changes its modalities. A window is a
modality of the same organization whose ``parent`` is a top-level one: one level only, so a
window has no windows of its own. Once a contribution goes through a modality its code stays
(the IATI files and the contributions import name the modality by it), and so does its place:
a modality of its own stays one and a window stays in its modality, so that what was reported
for each modality, its windows included, does not move.

Each write checks its permission, runs in one transaction, leaves its history (none when
nothing changes) and refuses bad input with a ``ValidationError`` naming the field, writing
nothing.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concord.registry.models import Body
from concord.resources.iati.codelists import check_code
from concord.resources.models import Contribution, FundingModality


@dataclass
class ModalityData:
    """What a person gives to record or change a funding modality."""

    code: str = ""
    name: str = ""
    earmarking: str = ""
    parent: FundingModality | None = None
    description: str = ""
    aid_type: str = ""
    source: str = ""


def _apply(modality: FundingModality, data: ModalityData) -> None:
    modality.code = data.code.strip()
    modality.name = data.name.strip()
    modality.earmarking = data.earmarking
    modality.parent = data.parent
    modality.description = data.description.strip()
    modality.aid_type = data.aid_type.strip()
    modality.source = data.source.strip()


def _held(modality: FundingModality) -> tuple:
    return (
        modality.code,
        modality.name,
        modality.earmarking,
        modality.parent_id,
        modality.description,
        modality.aid_type,
        modality.source,
    )


def _check(
    modality: FundingModality,
    parent: FundingModality | None,
    errors: dict[str, list[str]] | None = None,
) -> None:
    """Refuse, all at once, every field of ``modality`` that breaks a rule (and ``errors``)."""
    errors = dict(errors or {})
    if parent is not None and "parent" not in errors:
        if parent.organization_id != modality.organization_id:
            errors["parent"] = [_("A window belongs to the same organization as its modality.")]
        elif modality.pk is not None and parent.pk == modality.pk:
            errors["parent"] = [_("A modality cannot be a window of itself.")]
        elif parent.parent_id is not None:
            errors["parent"] = [
                _("%(name)s is a window already: a window has no windows of its own.")
                % {"name": parent.name}
            ]
        elif modality.pk is not None and modality.windows.exists():
            errors["parent"] = [
                _("This modality has windows of its own, so it cannot become a window.")
            ]
    if modality.aid_type:
        try:
            check_code("AidType", modality.aid_type, "aid_type")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    taken = FundingModality.objects.filter(
        organization_id=modality.organization_id, code=modality.code
    ).exclude(pk=modality.pk)
    if modality.code and "code" not in errors and taken.exists():
        errors["code"] = [
            _("The organization has a modality with the code %(code)s already.")
            % {"code": modality.code}
        ]
    try:
        modality.full_clean(
            exclude=["organization", "parent"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _save(modality: FundingModality, user: Any) -> None:
    modality._history_user = user
    try:
        with transaction.atomic():
            modality.save()
    except IntegrityError:
        # Another person took the code between the check and the write.
        raise ValidationError(
            {
                "code": _("The organization has a modality with the code %(code)s already.")
                % {"code": modality.code}
            }
        ) from None


def modality_create(*, user: Any, organization: Body, data: ModalityData) -> FundingModality:
    """Record a funding modality of ``organization`` (a window of ``data.parent``, if given)."""
    modality = FundingModality(organization=organization)
    _apply(modality, data)
    if not user.has_perm("resources.add_fundingmodality", modality):
        raise PermissionDenied(_("Only the organization's secretariat records its modalities."))
    _check(modality, data.parent)
    _save(modality, user)
    return modality


def _kept_once_money_goes_through(
    modality: FundingModality, data: ModalityData
) -> dict[str, list[str]]:
    """The errors of changing the code or the place of a modality contributions go through."""
    parent_id = data.parent.pk if data.parent is not None else None
    moves = {"code": data.code.strip() != modality.code, "parent": parent_id != modality.parent_id}
    if not any(moves.values()) or not Contribution.objects.filter(modality=modality).exists():
        return {}
    errors = {}
    if moves["code"]:
        errors["code"] = [
            _(
                "Contributions go through this modality: its code stays %(code)s, as the "
                "IATI files and imports name it."
            )
            % {"code": modality.code}
        ]
    if moves["parent"] and modality.parent is not None:
        errors["parent"] = [
            _(
                "Contributions go through this modality: it stays a window of %(name)s, so "
                "that what was reported for each modality does not move."
            )
            % {"name": modality.parent.name}
        ]
    elif moves["parent"]:
        errors["parent"] = [
            _(
                "Contributions go through this modality: it stays a modality of its own, so "
                "that what was reported for each modality does not move."
            )
        ]
    return errors


def modality_update(*, user: Any, modality: FundingModality, data: ModalityData) -> FundingModality:
    """Change a funding modality; its organization stays, and its code and place once money
    goes through it."""
    if not user.has_perm("resources.change_fundingmodality", modality):
        raise PermissionDenied(_("Only the organization's secretariat changes its modalities."))
    with transaction.atomic():
        locked = FundingModality.objects.select_for_update().get(pk=modality.pk)
        held = _held(locked)
        errors = _kept_once_money_goes_through(locked, data)
        _apply(locked, data)
        _check(locked, data.parent, errors)
        if _held(locked) != held:
            _save(locked, user)
    return locked

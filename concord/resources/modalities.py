"""Recording an organization's funding modalities and their windows.

The secretariat covering the organization records and changes its modalities. A window is a
modality of the same organization whose ``parent`` is a top-level one: one level only, so a
window has no windows of its own. Once a contribution goes through a modality its code stays:
the IATI files and the contributions import name the modality by it.

Each write checks its permission, runs in one transaction, leaves its history and refuses bad
input with a ``ValidationError`` naming the field, writing nothing.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concord.registry.models import Body
from concord.resources.iati.codelists import check_code
from concord.resources.models import Contribution, FundingModality


def _check(
    modality: FundingModality,
    parent: FundingModality | None,
    errors: dict[str, list[str]] | None = None,
) -> None:
    """Refuse, all at once, every field of ``modality`` that breaks a rule (and ``errors``)."""
    errors = dict(errors or {})
    if parent is not None:
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


def modality_create(
    *,
    user: Any,
    organization: Body,
    code: str,
    name: str,
    earmarking: str,
    parent: FundingModality | None = None,
    description: str = "",
    aid_type: str = "",
    source: str = "",
) -> FundingModality:
    """Record a funding modality of ``organization`` (a window of ``parent``, if given)."""
    modality = FundingModality(
        organization=organization,
        parent=parent,
        code=code.strip(),
        name=name.strip(),
        earmarking=earmarking,
        description=description.strip(),
        aid_type=aid_type.strip(),
        source=source.strip(),
    )
    if not user.has_perm("resources.add_fundingmodality", modality):
        raise PermissionDenied(_("Only the organization's secretariat records its modalities."))
    _check(modality, parent)
    _save(modality, user)
    return modality


def modality_update(
    *,
    user: Any,
    modality: FundingModality,
    code: str,
    name: str,
    earmarking: str,
    parent: FundingModality | None = None,
    description: str = "",
    aid_type: str = "",
    source: str = "",
) -> FundingModality:
    """Change a funding modality; its organization stays, and its code once money goes through."""
    if not user.has_perm("resources.change_fundingmodality", modality):
        raise PermissionDenied(_("Only the organization's secretariat changes its modalities."))
    with transaction.atomic():
        locked = FundingModality.objects.select_for_update().get(pk=modality.pk)
        code, errors = code.strip(), {}
        if code != locked.code and Contribution.objects.filter(modality=locked).exists():
            errors["code"] = [
                _(
                    "Contributions go through this modality: its code stays %(code)s, as the "
                    "IATI files and imports name it."
                )
                % {"code": locked.code}
            ]
        locked.code = code
        locked.name = name.strip()
        locked.earmarking = earmarking
        locked.parent = parent
        locked.description = description.strip()
        locked.aid_type = aid_type.strip()
        locked.source = source.strip()
        _check(locked, parent, errors)
        _save(locked, user)
    return locked

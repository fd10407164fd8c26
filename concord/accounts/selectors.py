"""Reads of people, roles and tokens, filtered in the query to what the caller may see."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from concord.accounts.models import ApiToken, Invitation, Role, RoleKind
from concord.accounts.rules import is_secretariat, roles_of
from concord.registry.models import Party


def roles_visible_to(user: Any) -> QuerySet[Role]:
    """Return the roles ``user`` may see: all for the secretariat, their own for anyone else."""
    qs = Role.objects.select_related("user", "party", "body", "instrument", "granted_by")
    if not user.is_authenticated:
        return qs.none()
    if is_secretariat(user):
        return qs
    return qs.filter(user_id=user.pk)


def role_list(
    user: Any,
    *,
    username: str | None = None,
    kind: str | None = None,
    party: str | None = None,
    active: bool | None = None,
) -> QuerySet[Role]:
    qs = roles_visible_to(user)
    if username:
        qs = qs.filter(user__username=username)
    if kind:
        qs = qs.filter(kind=kind)
    if party:
        qs = qs.filter(party__code=party)
    if active is not None:
        today = timezone.localdate()
        in_force = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        qs = qs.filter(in_force) if active else qs.exclude(in_force)
    return qs


def parties_in_scope(user: Any, kind: str = RoleKind.FOCAL_POINT) -> QuerySet[Party]:
    """Return the parties ``user`` holds a role of ``kind`` for today.

    An unscoped secretariat has every party in scope, whatever ``kind`` is asked for: later apps
    filter a focal point's work with ``.filter(party__in=parties_in_scope(user))``.
    """
    if not user.is_authenticated:
        return Party.objects.none()
    roles = roles_of(user)
    if any(
        role.kind == RoleKind.SECRETARIAT and role.body_id is None and role.instrument_id is None
        for role in roles
    ):
        return Party.objects.all()
    ids = {role.party_id for role in roles if role.kind == kind and role.party_id}
    return Party.objects.filter(pk__in=ids)


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk)


def invitations_visible_to(user: Any) -> QuerySet[Invitation]:
    qs = Invitation.objects.select_related("party", "body", "instrument", "invited_by")
    return qs if is_secretariat(user) else qs.none()


def people_list() -> QuerySet:
    return get_user_model().objects.filter(is_active=True).order_by("username")


def person_data(person: Any) -> dict[str, Any]:
    """Return everything Concord holds about ``person``, as they may download it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    roles = Role.objects.filter(user=person).select_related("party", "body", "instrument")
    history_model = Role.history.model
    return {
        "account": {
            "username": person.username,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "date_joined": person.date_joined.isoformat(),
            "last_login": person.last_login.isoformat() if person.last_login else None,
        },
        "roles": [role_data(role) for role in roles],
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "expires_at": token.expires_at.isoformat(),
                "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
                "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            }
            for token in ApiToken.objects.filter(user=person)
        ],
        "two_factor_devices": [
            {"name": device.name, "confirmed": device.confirmed}
            for device in TOTPDevice.objects.filter(user=person)
        ],
        "invitations_accepted": [
            {"email": i.email, "role": i.kind, "accepted_at": i.accepted_at.isoformat()}
            for i in Invitation.objects.filter(accepted_by=person)
        ],
        "changes_made": history_model.objects.filter(history_user=person).count(),
        "login_failures": _login_failures(person),
    }


def _login_failures(person: Any) -> list[dict[str, Any]]:
    from axes.models import AccessAttempt

    return [
        {"ip_address": a.ip_address, "attempt_time": a.attempt_time.isoformat()}
        for a in AccessAttempt.objects.filter(username=person.username)
    ]


def role_data(role: Role) -> dict[str, Any]:
    """Return a role as the API and the personal download show it."""
    return {
        "id": role.pk,
        "user": role.user.username if role.user_id else None,
        "kind": role.kind,
        "party": role.party.code if role.party_id else None,
        "body": role.body.code if role.body_id else None,
        "instrument": role.instrument_id,
        "starts_on": role.starts_on.isoformat(),
        "ends_on": role.ends_on.isoformat() if role.ends_on else None,
        "note": role.note,
    }

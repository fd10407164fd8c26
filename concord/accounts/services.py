"""Writes about people: roles, API tokens, invitations, second factors, deactivation.

Each checks its permission with the rules (``concord.accounts.rules``), validates with errors
that name the field, runs in a transaction, and sets the person the history records as the
author of the change. ``None`` as the acting person means the operator at the command line,
who already holds the database.
"""

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.models import (
    TOKEN_PREFIX,
    ApiToken,
    Invitation,
    PersonStatus,
    Role,
    RoleKind,
    hash_secret,
)
from concord.accounts.rules import forget_roles
from concord.accounts.twofactor import needs_second_factor

TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365
INVITATION_DAYS = 7


def _require(user: Any, permission: str, obj: Any = None) -> None:
    if user is not None and not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this."))


def _authored(record: Any, user: Any) -> Any:
    # simple-history reads the author from here before falling back to the request's user.
    record._history_user = user
    return record


# Roles ------------------------------------------------------------------------------------


@transaction.atomic
def role_grant(
    *,
    granted_by: Any,
    user: Any,
    kind: str,
    party: Any = None,
    body: Any = None,
    instrument: Any = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    note: str = "",
) -> Role:
    """Give ``user`` a role within a scope; refuse a scope that does not fit the kind.

    Nobody grants a role to themselves. A role that requires two-factor authentication revokes
    the person's API tokens: they were made without the second factor.
    """
    _require(granted_by, "accounts.grant_role")
    if granted_by is not None and granted_by.pk == user.pk:
        raise PermissionDenied(_("Nobody grants a role to themselves."))
    if kind not in RoleKind.values:
        raise ValidationError({"kind": _("%(kind)s is not a kind of role.") % {"kind": kind}})
    role = Role(
        user=user,
        kind=kind,
        party=party,
        body=body,
        instrument=instrument,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        granted_by=granted_by,
        note=note,
    )
    role.full_clean()
    _require(granted_by, "accounts.grant_role", role)
    _authored(role, granted_by).save()
    forget_roles(user)
    if kind in settings.CONCORD_2FA_REQUIRED_ROLES:
        for token in ApiToken.objects.usable().filter(user=user):
            token_revoke(revoked_by=granted_by or user, token=token)
    return role


@transaction.atomic
def role_end(*, ended_by: Any, role: Role, on: dt.date | None = None) -> Role:
    """End a role today (or on ``on``); the role is kept, with the day it ended."""
    _require(ended_by, "accounts.end_role", role)
    locked = Role.objects.select_for_update().get(pk=role.pk)
    on = on or timezone.localdate()
    if locked.ends_on is not None and locked.ends_on <= on:
        raise ValidationError(
            {"ends_on": _("This role already ended on %(day)s.") % {"day": locked.ends_on}}
        )
    # A role that has not started yet ends before it ever applies.
    locked.ends_on = max(on, locked.starts_on)
    _authored(locked, ended_by).save(update_fields=["ends_on"])
    forget_roles(locked.user)
    return locked


# API tokens -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the whole ``concord_<prefix>_<secret>``; shown once, never stored


def token_create(
    *,
    user: Any,
    name: str,
    days: int = TOKEN_DEFAULT_DAYS,
    created_by: Any = None,
    second_factor_verified: bool = False,
) -> NewToken:
    """Create a personal API token for ``user``, valid for ``days`` (at most a year).

    A person whose roles require two-factor authentication gets a token only from a session
    verified with their code (``second_factor_verified``): a token is as good as a session, so
    it must not be a way around the second factor (nor made for them at the command line).
    """
    if created_by is not None and created_by.pk != user.pk:
        raise PermissionDenied(_("A person creates their own tokens."))
    if needs_second_factor(user) and not second_factor_verified:
        raise ValidationError(
            {
                "user": _(
                    "%(user)s holds a role that requires two-factor authentication: they "
                    "create their own token on their account page (/accounts/me), once "
                    "signed in with their code."
                )
                % {"user": user.get_username()}
            }
        )
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Give the token a name, to recognize it later.")
    elif len(name) > 100:
        errors["name"] = _("A token's name has at most 100 characters.")
    if not 1 <= days <= TOKEN_MAX_DAYS:
        errors["days"] = _("A token is valid for 1 to %(max)d days.") % {"max": TOKEN_MAX_DAYS}
    if not user.is_active:
        errors["user"] = _("This account is deactivated.")
    if errors:
        raise ValidationError(errors)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        while True:
            prefix = secrets.token_hex(4)
            if not ApiToken.objects.filter(prefix=prefix).exists():
                break
        token = ApiToken(
            user=user,
            name=name,
            prefix=prefix,
            secret_hash=hash_secret(secret),
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        _authored(token, created_by or user).save()
    return NewToken(token, f"{TOKEN_PREFIX}_{prefix}_{secret}")


@transaction.atomic
def token_revoke(*, revoked_by: Any, token: ApiToken) -> ApiToken:
    """Revoke a token now; it stays listed, marked revoked."""
    _require(revoked_by, "accounts.revoke_apitoken", token)
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("This token was already revoked."))
    locked.revoked_at = timezone.now()
    _authored(locked, revoked_by or locked.user).save(update_fields=["revoked_at"])
    return locked


def token_user(raw: str) -> Any:
    """Return the person a presented token belongs to, or None if it is not usable."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(prefix=parts[1], user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(parts[2])):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        # A plain update: noting the use is not a change anyone audits.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# People -----------------------------------------------------------------------------------


def _status_change(*, by: Any, person: Any, active: bool, reason: str) -> PersonStatus:
    _require(by, "accounts.manage_people", person)
    if by is not None and by.pk == person.pk:
        raise ValidationError(_("You cannot change whether your own account is active."))
    reason = (reason or "").strip()
    if len(reason) > 255:
        raise ValidationError({"reason": _("A reason has at most 255 characters.")})
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=person.pk)
    if locked.is_active == active:
        message = (
            _("%(user)s is already active.") if active else _("%(user)s is already deactivated.")
        )
        raise ValidationError(message % {"user": locked.get_username()})
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    status = PersonStatus.objects.select_for_update().filter(user=locked).first()
    status = status or PersonStatus(user=locked)
    status.active = active
    status.reason = reason
    _authored(status, by).save()
    person.is_active = active
    return status


@transaction.atomic
def person_deactivate(*, by: Any, person: Any, reason: str = "") -> PersonStatus:
    """Stop a person from signing in and revoke their API tokens; their roles are kept.

    Nothing else ends: roles stay as they are (reactivating the person brings them back), and
    an open session stops working at its next request, since Django signs in active people only.
    """
    status = _status_change(by=by, person=person, active=False, reason=reason)
    now = timezone.now()
    for token in ApiToken.objects.select_for_update().filter(user=person, revoked_at__isnull=True):
        token.revoked_at = now
        _authored(token, by).save(update_fields=["revoked_at"])
    return status


@transaction.atomic
def person_activate(*, by: Any, person: Any, reason: str = "") -> PersonStatus:
    """Let a deactivated person sign in again; their revoked tokens stay revoked."""
    return _status_change(by=by, person=person, active=True, reason=reason)


# Invitations ------------------------------------------------------------------------------


class InvitationUnusable(Exception):
    """An invitation link that is unknown, expired or already used."""

    def __init__(self, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    secret: str


@transaction.atomic
def invitation_create(
    *,
    invited_by: Any,
    email: str,
    kind: str,
    party: Any = None,
    body: Any = None,
    instrument: Any = None,
    days: int = INVITATION_DAYS,
    link: Any = None,
) -> NewInvitation:
    """Invite a person by e-mail to a role; ``link(secret)`` gives the address to send them."""
    _require(invited_by, "accounts.invite")
    # The same scope rules as the role the invitation will become.
    Role(kind=kind, party=party, body=body, instrument=instrument).clean()
    if not 1 <= days <= 30:
        raise ValidationError({"days": _("An invitation is valid for 1 to 30 days.")})
    secret = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        kind=kind,
        party=party,
        body=body,
        instrument=instrument,
        token_hash=hash_secret(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
        invited_by=invited_by,
    )
    invitation.full_clean(exclude=["token_hash"])
    _authored(invitation, invited_by).save()
    if link is not None:
        address = link(secret)
        transaction.on_commit(
            lambda: send_mail(
                _("You are invited to Concord"),
                _(
                    "%(who)s invites you to Concord as %(role)s.\n\n"
                    "Choose your username and password here (the link works once, until "
                    "%(expires)s):\n%(link)s\n"
                )
                % {
                    "who": invited_by.get_full_name() or invited_by.username,
                    "role": invitation.get_kind_display(),
                    "expires": invitation.expires_at.strftime("%Y-%m-%d %H:%M UTC"),
                    "link": address,
                },
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
        )
    return NewInvitation(invitation, secret)


def invitation_check(secret: str) -> Invitation:
    """Return the invitation a link names, or raise InvitationUnusable saying why not."""
    invitation = (
        Invitation.objects.select_related("party", "body", "instrument", "invited_by")
        .filter(token_hash=hash_secret(secret or ""))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used", invitation)
    if invitation.is_expired:
        raise InvitationUnusable("expired", invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, secret: str, username: str, password: str) -> Any:
    """Create the invited person's account and give them the role; the link then stops working.

    Holding the link is the permission: it was sent to the invited address only.
    """
    invitation = invitation_check(secret)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used", invitation)
    User = get_user_model()
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": _("Choose a username.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken; choose another.")})
    user = User(username=username, email=invitation.email)
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as exc:
        raise ValidationError({"username": exc.messages}) from None
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.save()
    role = Role(
        user=user,
        kind=invitation.kind,
        party=invitation.party,
        body=invitation.body,
        instrument=invitation.instrument,
        granted_by=invitation.invited_by,
        note=_("Accepted invitation sent to %(email)s") % {"email": invitation.email},
    )
    role.full_clean()
    _authored(role, invitation.invited_by).save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    _authored(invitation, user).save(update_fields=["accepted_at", "accepted_by"])
    return user


# Second factor ----------------------------------------------------------------------------


@transaction.atomic
def totp_device_start(*, user: Any) -> TOTPDevice:
    """Return the person's unconfirmed authenticator, creating it (with a new key) if needed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(name="default").delete()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: Any, device: TOTPDevice, code: str) -> TOTPDevice:
    """Confirm an authenticator with a code it shows; the person's older ones are removed."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token((code or "").strip()):
        raise ValidationError({"code": _("This code is not the one your app shows; try again.")})
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def totp_device_remove(*, user: Any) -> None:
    TOTPDevice.objects.filter(user=user).delete()

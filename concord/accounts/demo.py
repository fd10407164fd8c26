"""Demo accounts, all with the password ``demo``; refused when DEBUG is off.

Called by ``concord demo load`` after the seeds' facts are loaded: the ``ministry`` account is a
responsible body of Viet Nam (its Ministry of Planning and Investment, which the loader creates),
and there is a ``focal-XXX`` account for each party taking part in a demo instrument or making
a statement on one. ``officer`` is a cooperation officer of the International Criminal Court and
``central-XXX`` the central authorities of the States its fictitious requests go to; their roles
require two-factor authentication, so each has an authenticator set up with the demo's own key
(``concord demo code USERNAME`` prints the current code).
"""

from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.models import Role, RoleKind
from concord.registry.models import Body, Participation, Party, Statement

PASSWORD = "demo"
MINISTRY_BODY = "vnm-mpi"
# Rows of the synthetic registry (``concord demo scale``) are never demo parties.
SYNTHETIC_PARTY_PREFIX = "syn-"
SYNTHETIC_SYMBOL_PREFIX = "SYN/"
DONOR = "eu"
COURT = "icc"
CENTRAL_AUTHORITIES = ("CHE", "KEN", "NOR")
# The demo's authenticator key (hex, 20 bytes): public, like the demo's password.
DEMO_TOTP_KEY = "636f6e636f72642d64656d6f2d746f74702d6b6579"


class DemoRefused(ImproperlyConfigured):
    pass


@transaction.atomic
def create_demo_accounts(*, stdout: IO[str] | Any) -> list[str]:
    """Create (or bring back) the demo accounts and print them; return their usernames."""
    if not settings.DEBUG:
        raise DemoRefused(_("Demo accounts are refused in production (DEBUG is off)."))
    accounts: list[tuple[str, str, dict]] = [
        ("secretariat", RoleKind.SECRETARIAT, {}),
        ("reviewer", RoleKind.REVIEWER, {"party": _party("VNM")}),
        ("partner", RoleKind.RESOURCE_PARTNER, {"party": _donor()}),
        (
            "ministry",
            RoleKind.RESPONSIBLE_BODY,
            {"body": Body.objects.filter(code=MINISTRY_BODY).first()},
        ),
    ]
    # The parties taking part in a demo instrument, and those whose statements it records.
    parties = (
        Party.objects.filter(
            Q(
                pk__in=Participation.objects.exclude(
                    instrument__symbol__startswith=SYNTHETIC_SYMBOL_PREFIX
                ).values("party_id")
            )
            | Q(pk__in=Statement.objects.values("party_id"))
        )
        .exclude(code__startswith=SYNTHETIC_PARTY_PREFIX)
        .order_by("code")
    )
    for party in parties:
        accounts.append((f"focal-{party.code}", RoleKind.FOCAL_POINT, {"party": party}))
    accounts.append(
        ("officer", RoleKind.COOPERATION_OFFICER, {"body": Body.objects.filter(code=COURT).first()})
    )
    for code in CENTRAL_AUTHORITIES:
        accounts.append((f"central-{code}", RoleKind.CENTRAL_AUTHORITY, {"party": _party(code)}))
    created = []
    stdout.write(_("Demo accounts (password “%(password)s”):") % {"password": PASSWORD})
    for username, kind, scope in accounts:
        if any(value is None for value in scope.values()):
            stdout.write(
                _("  %(user)s: skipped, its scope is not in the database (load the demo first).")
                % {"user": username}
            )
            continue
        user = _account(username)
        role = Role.objects.active().filter(user=user, kind=kind, **scope).first()
        if role is None:
            role = Role(user=user, kind=kind, note=_("Demo account"), **scope)
            role.full_clean()
            role.save()
        if kind in settings.CONCORD_2FA_REQUIRED_ROLES:
            _authenticator(user)
        created.append(username)
        stdout.write(
            f"  {username:<20} {role.get_kind_display()}"
            + (f" — {role.party or role.body}" if scope else "")
        )
    return created


def _account(username: str) -> Any:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=f"{username}@demo.invalid")
    user.is_active = True
    user.set_password(PASSWORD)
    user.save()
    return user


def _authenticator(user: Any) -> TOTPDevice:
    """Give a demo account whose role requires 2FA the demo's authenticator."""
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, name="demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )
    return device


def demo_code(username: str) -> str:
    """Return the current code of a demo account's authenticator (refused in production)."""
    if not settings.DEBUG:
        raise DemoRefused(_("Demo accounts are refused in production (DEBUG is off)."))
    device = TOTPDevice.objects.filter(
        user__username=username, name="demo", key=DEMO_TOTP_KEY
    ).first()
    if device is None:
        raise DemoRefused(_("%(user)s has no demo authenticator.") % {"user": username})
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def _party(code: str) -> Party | None:
    return Party.objects.filter(code=code).first()


def _donor() -> Party | None:
    return (
        Party.objects.filter(code=DONOR).first()
        or Party.objects.exclude(kind="state")
        .exclude(code__startswith=SYNTHETIC_PARTY_PREFIX)
        .order_by("code")
        .first()
    )

"""Two-factor authentication (TOTP): who must use it, and the pages they may see before they do.

``CONCORD_2FA_REQUIRED_ROLES`` lists the kinds of role that require it. A person holding one
must set up an authenticator before using any page but the set-up page and sign-out, and must
give a code at every sign-in; the admin and the session API refuse their unverified sessions.
"""

import base64
from io import BytesIO
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.rules import roles_of


def required_roles() -> set[str]:
    return set(settings.CONCORD_2FA_REQUIRED_ROLES)


def needs_second_factor(user: Any) -> bool:
    """Say whether ``user`` holds a role that requires two-factor authentication."""
    required = required_roles()
    return any(role.kind in required for role in roles_of(user))


def confirmed_device(user: Any) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def session_is_acceptable(request: HttpRequest) -> bool:
    """Say whether the signed-in session may be used: verified if the person's roles require it."""
    user = request.user
    if not user.is_authenticated or not needs_second_factor(user):
        return True
    return is_verified(request)


def qr_code_data_uri(text: str) -> str:
    """Return ``text`` as a QR code in an SVG ``data:`` URI (the CSP allows data: images)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


class SecondFactorRequiredMiddleware:
    """Send a person whose roles require 2FA to set it up (or to give their code) first."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not self._exempt(request.path)
            and not session_is_acceptable(request)
        ):
            if confirmed_device(request.user) is None:
                return redirect("accounts:two_factor")
            return redirect(f"{reverse('accounts:login_code')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        # The API answers 401 itself; static files and the set-up pages must stay reachable.
        exempt = [
            "/api/",
            settings.STATIC_URL,
            reverse("accounts:two_factor"),
            reverse("accounts:logout"),
            reverse("accounts:login"),
            reverse("accounts:login_code"),
            reverse("accounts:privacy"),
        ]
        return any(path.startswith(prefix) for prefix in exempt)

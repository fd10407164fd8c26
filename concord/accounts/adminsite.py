"""The admin site, entered through the rules rather than the staff flag."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concord.accounts.twofactor import session_is_acceptable


class ConcordAdminSite(admin.AdminSite):
    site_header = _("Concord administration")
    site_title = _("Concord")
    index_title = _("Registry and accounts")

    def has_permission(self, request: HttpRequest) -> bool:
        """Let in a person the rules allow; one whose role requires 2FA only once verified."""
        user = request.user
        return (
            user.is_active
            and user.has_perm("accounts.use_admin")
            and session_is_acceptable(request)
        )

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # One sign-in page for the whole site: it knows about the second factor and lockouts.
        target = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(target, reverse("accounts:login"))

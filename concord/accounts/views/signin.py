"""Signing in (password, then a code when the person has an authenticator) and out."""

from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from concord.accounts.forms import CodeForm
from concord.accounts.twofactor import confirmed_device, is_verified

PENDING = "concord_2fa_pending"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = False

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        if confirmed_device(user) is None:
            return super().form_valid(form)
        # The password was right; the session is opened only once the code is right too.
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
        }
        return redirect("accounts:login_code")


def login_code(request: HttpRequest) -> HttpResponse:
    """Ask for the authenticator's code after the password (or for a session not yet verified)."""
    pending = request.session.get(PENDING)
    if pending:
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    else:
        user = request.user if request.user.is_authenticated else None
    device = confirmed_device(user) if user is not None else None
    if device is None or (not pending and is_verified(request)):
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            if pending:
                del request.session[PENDING]
                auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return HttpResponseRedirect(_next(request, pending))
        form.add_error("code", _("This code is not the one your app shows; try again."))
    return render(request, "accounts/login_code.html", {"form": form})


def _next(request: HttpRequest, pending: dict | None) -> str:
    target = (pending or {}).get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("accounts:me")


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html", {"section": "privacy"})

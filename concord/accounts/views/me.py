"""A person's own page: their roles, their API tokens, their authenticator, their data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concord.accounts import selectors, services
from concord.accounts.forms import CodeForm, TokenForm
from concord.accounts.models import Role
from concord.accounts.twofactor import (
    confirmed_device,
    is_verified,
    needs_second_factor,
    qr_code_data_uri,
)
from concord.accounts.views import requires


def _me_page(request: HttpRequest, *, status: int = 200, **context) -> HttpResponse:
    user = request.user
    roles = Role.objects.filter(user=user).select_related("party", "body", "instrument")
    today = timezone.localdate()
    return render(
        request,
        "accounts/me.html",
        {
            "section": "me",
            "roles": roles,
            "today": today,
            "tokens": selectors.tokens_of(user),
            "token_form": context.pop("token_form", None) or TokenForm(),
            "device": confirmed_device(user),
            "needs_second_factor": needs_second_factor(user),
            "now": timezone.now(),
            **context,
        },
        status=status,
    )


@requires()
def me(request: HttpRequest) -> HttpResponse:
    return _me_page(request)


@requires()
def me_data(request: HttpRequest) -> HttpResponse:
    """Download, as JSON, everything Concord holds about the signed-in person."""
    if not request.user.has_perm("accounts.view_person_data", request.user):
        return HttpResponse(status=403)
    response = StreamingHttpResponse(
        selectors.person_data_json(request.user), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="concord-{request.user.username}.json"'
    return response


@requires()
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            new = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                created_by=request.user,
                second_factor_verified=is_verified(request),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            # Shown on this answer only: the secret is not stored and cannot be shown again.
            return _me_page(request, new_token=new)
    return _me_page(request, token_form=form, status=422)


@requires()
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(selectors.tokens_of(request.user), pk=token_id)
    try:
        services.token_revoke(revoked_by=request.user, token=token)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:me")


@requires()
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code, then confirm with the code it shows."""
    device = confirmed_device(request.user)
    if device is not None:
        return render(
            request,
            "accounts/two_factor.html",
            {"device": device, "needs_second_factor": needs_second_factor(request.user)},
        )
    pending = services.totp_device_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_device_confirm(
                user=request.user, device=pending, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_error("code", exc.message_dict["code"])
        else:
            from django_otp import login as otp_login

            otp_login(request, pending)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:me")
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "qr_code": qr_code_data_uri(pending.config_url),
            "secret": _grouped(pending.bin_key),
            "needs_second_factor": needs_second_factor(request.user),
        },
        status=422 if form.errors else 200,
    )


@requires()
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    if needs_second_factor(request.user):
        messages.error(request, _("Your role requires two-factor authentication; it stays on."))
    else:
        services.totp_device_remove(user=request.user)
        messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:me")


def _grouped(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))

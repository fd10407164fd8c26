"""The secretariat grants and ends roles, and invites people to them."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from concord.accounts import selectors, services
from concord.accounts.forms import AcceptForm, GrantForm, InvitationForm
from concord.accounts.models import RoleKind
from concord.accounts.views import requires

PAGE_SIZE = 50


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@requires("accounts.grant_role")
def role_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    active = {"yes": True, "no": False}.get(request.GET.get("active", ""))
    roles = selectors.role_list(
        request.user,
        username=request.GET.get("user") or None,
        kind=kind if kind in RoleKind.values else None,
        active=active,
    )
    page = Paginator(roles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/roles/list.html",
        {
            "section": "roles",
            "page": page,
            "kinds": RoleKind.choices,
            "chosen": {
                "user": request.GET.get("user", ""),
                "kind": kind or "",
                "active": request.GET.get("active", ""),
            },
        },
    )


@requires("accounts.grant_role")
def role_grant(request: HttpRequest) -> HttpResponse:
    form = GrantForm(request.POST or None, initial={"user": request.GET.get("user")})
    if request.method == "POST" and form.is_valid():
        try:
            role = services.role_grant(granted_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Granted: %(role)s.") % {"role": role})
            return redirect("accounts:role_list")
    return render(
        request,
        "accounts/roles/grant.html",
        {"section": "roles", "form": form},
        status=422 if form.errors else 200,
    )


@requires("accounts.end_role")
def role_end(request: HttpRequest, role_id: int) -> HttpResponse:
    role = get_object_or_404(selectors.roles_visible_to(request.user), pk=role_id)
    error = ""
    if request.method == "POST":
        try:
            services.role_end(ended_by=request.user, role=role)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Ended: %(role)s.") % {"role": role})
            return redirect("accounts:role_list")
    return render(
        request,
        "accounts/roles/end.html",
        {"section": "roles", "role": role, "error": error},
        status=422 if error else 200,
    )


@requires("accounts.invite")
def invitation_list(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.invitation_create(
                invited_by=request.user,
                link=lambda secret: request.build_absolute_uri(
                    reverse("accounts:invitation_accept", args=[secret])
                ),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            form = InvitationForm()
    invitations = Paginator(selectors.invitations_visible_to(request.user), PAGE_SIZE)
    return render(
        request,
        "accounts/invitations/list.html",
        {
            "section": "roles",
            "form": form,
            "created": created,
            "created_link": request.build_absolute_uri(
                reverse("accounts:invitation_accept", args=[created.secret])
            )
            if created
            else "",
            "page": invitations.get_page(request.GET.get("page")),
        },
        status=422 if form.errors else 200,
    )


def invitation_accept(request: HttpRequest, secret: str) -> HttpResponse:
    """Let an invited person choose a username and password; they then hold the role."""
    try:
        invitation = services.invitation_check(secret)
    except services.InvitationUnusable as exc:
        return render(
            request,
            "accounts/invitations/unusable.html",
            {"reason": exc.reason, "invitation": exc.invitation},
            status=404 if exc.reason == "unknown" else 410,
        )
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                secret=secret,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except services.InvitationUnusable as exc:
            return render(
                request,
                "accounts/invitations/unusable.html",
                {"reason": exc.reason, "invitation": exc.invitation},
                status=410,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            auth_login(request, user, backend="concord.accounts.backends.PasswordBackend")
            messages.success(request, _("Welcome to Concord."))
            return redirect("accounts:me")
    return render(
        request,
        "accounts/invitations/accept.html",
        {"invitation": invitation, "form": form},
        status=422 if form.errors else 200,
    )

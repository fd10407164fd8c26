"""The secretariat's pages on people: who holds which role, and who may sign in."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concord.accounts import selectors, services
from concord.accounts.forms import StatusForm
from concord.accounts.models import PersonStatus, Role, RoleKind
from concord.accounts.views import requires

PAGE_SIZE = 50
STATES = {"active": True, "deactivated": False}


@requires("accounts.view_people")
def person_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:150]
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "")
    people = selectors.people_visible_to(
        request.user,
        q=q or None,
        kind=kind if kind in RoleKind.values else None,
        active=STATES.get(state),
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = {
        "q": q,
        "kind": kind if kind in RoleKind.values else "",
        "state": state if state in STATES else "",
    }
    return render(
        request,
        "accounts/people/list.html",
        {
            "section": "people",
            "page": page,
            "kinds": RoleKind.choices,
            "chosen": chosen,
            "query": urlencode({key: value for key, value in chosen.items() if value}),
        },
    )


def _person_page(
    request: HttpRequest, person, *, form: StatusForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "accounts/people/detail.html",
        {
            "section": "people",
            "person": person,
            "person_status": PersonStatus.objects.filter(user=person).first(),
            "roles": Role.objects.filter(user=person).select_related(
                "party", "body", "instrument", "granted_by"
            ),
            "tokens": selectors.tokens_of(person),
            "today": timezone.localdate(),
            "now": timezone.now(),
            "form": form or StatusForm(),
            "is_self": person.pk == request.user.pk,
        },
        status=status,
    )


@requires("accounts.view_people")
def person_detail(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(selectors.people_visible_to(request.user), username=username)
    return _person_page(request, person)


def _change_status(request: HttpRequest, username: str, *, active: bool) -> HttpResponse:
    person = get_object_or_404(get_user_model().objects, username=username)
    form = StatusForm(request.POST)
    if form.is_valid():
        change = services.person_activate if active else services.person_deactivate
        try:
            change(by=request.user, person=person, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            if active:
                done = _("%(user)s may sign in again.")
            else:
                done = _("%(user)s is deactivated: they cannot sign in; their tokens are revoked.")
            messages.success(request, done % {"user": person.get_username()})
            return redirect("accounts:person", username=person.get_username())
    return _person_page(request, person, form=form, status=422)


@requires("accounts.manage_people")
@require_POST
def person_deactivate(request: HttpRequest, username: str) -> HttpResponse:
    return _change_status(request, username, active=False)


@requires("accounts.manage_people")
@require_POST
def person_activate(request: HttpRequest, username: str) -> HttpResponse:
    return _change_status(request, username, active=True)

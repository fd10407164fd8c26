"""Registering a partner, recording a partner's priority, the exchange rates, and a need (or
changing one).

The services check the permission and refuse what breaks a rule; a refused form comes back with
422, its fields marked, and nothing written.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concord.accounts.views import requires
from concord.portal.views.pages import page, paginate
from concord.registry.models import Party
from concord.resources.models import ExchangeRate, ResourcePartner
from concord.resources.needs import need_create, need_data, need_update, needs_visible_to
from concord.resources.partnering import partner_register, priority_add, rate_put
from concord.resources.views.pages import SECTION, frameworks_open_to
from concord.resources.views.partner_forms import (
    NeedForm,
    PartnerForm,
    PriorityForm,
    RateForm,
    need_initial,
)


def form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    form = context["form"]
    if form.errors:
        form.describe_errors()
    response = page(request, template, context, section=SECTION)
    response.status_code = 422 if form.errors else 200
    return response


@requires("resources.add_resourcepartner")
@require_http_methods(["GET", "POST"])
def partner_new(request: HttpRequest) -> HttpResponse:
    form = PartnerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form.service_refusals():
            partner = partner_register(
                user=request.user,
                party=Party.objects.get(code=data["party"]),
                organisation_type=data["organisation_type"],
                iati_identifier=data["iati_identifier"],
                note=data["note"],
            )
            messages.success(request, _("The resource partner is registered."))
            return redirect("resources:partner", code=partner.party.code)
    return form_page(request, "resources/partner_form.html", {"form": form})


@requires("resources.add_priority")
@require_http_methods(["GET", "POST"])
def priority_new(request: HttpRequest, code: str) -> HttpResponse:
    partner = (
        ResourcePartner.objects.select_related("party").filter(party__code__iexact=code).first()
    )
    if partner is None or not request.user.has_perm("resources.add_priority", partner):
        raise Http404(_("No resource partner with the code %(code)s.") % {"code": code})
    form = PriorityForm(
        request.POST if request.method == "POST" else None,
        frameworks=frameworks_open_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with form.service_refusals():
            priority_add(user=request.user, partner=partner, **form.service_arguments())
            messages.success(request, _("The priority is recorded."))
            return redirect("resources:partner", code=partner.party.code)
    return form_page(request, "resources/priority_form.html", {"form": form, "partner": partner})


def rate_list(request: HttpRequest) -> HttpResponse:
    rates = paginate(request, ExchangeRate.objects.order_by("currency", "base", "-on"))
    return page(request, "resources/rates.html", {"page": rates}, section=SECTION)


@requires("resources.add_exchangerate")
@require_http_methods(["GET", "POST"])
def rate_new(request: HttpRequest) -> HttpResponse:
    form = RateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with form.service_refusals():
            rate_put(user=request.user, **form.cleaned_data)
            messages.success(request, _("The exchange rate is recorded."))
            return redirect("resources:rates")
    return form_page(request, "resources/rate_form.html", {"form": form})


@requires("resources.add_need")
@require_http_methods(["GET", "POST"])
def need_new(request: HttpRequest) -> HttpResponse:
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        frameworks=frameworks_open_to(request.user),
        may_publish=request.user.has_perm("resources.publish_need"),
    )
    if request.method == "POST" and form.is_valid():
        refused = ("country", _("You may record the needs of your own country only."))
        with form.service_refusals(refused):
            need = need_create(user=request.user, data=form.need_data())
            messages.success(request, _("The need is recorded."))
            return redirect("resources:need", need_id=need.pk)
    return form_page(request, "resources/need_form.html", {"form": form})


@requires("resources.change_need", refused=Http404)
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, need_id: int) -> HttpResponse:
    need = (
        needs_visible_to(request.user)
        .select_related("country", "support_need__project")
        .filter(pk=need_id)
        .first()
    )
    if need is None or not request.user.has_perm("resources.change_need", need):
        raise Http404(_("No need with the id %(id)s.") % {"id": need_id})
    current = need_data(need)
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        initial=need_initial(current),
        frameworks=frameworks_open_to(request.user),
        may_publish=request.user.has_perm("resources.publish_need", need),
        from_project=need.support_need_id is not None,
    )
    if request.method == "POST" and form.is_valid():
        refused = ("country", _("You may record the needs of your own country only."))
        with form.service_refusals(refused):
            need_update(user=request.user, need=need, data=form.need_data(current))
            messages.success(request, _("The need is changed."))
            return redirect("resources:need", need_id=need.pk)
    context = {
        "form": form,
        "need": need,
        "project": need.support_need.project if need.support_need_id else None,
    }
    return form_page(request, "resources/need_form.html", context)

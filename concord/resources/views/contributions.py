"""Recording a contribution by form, reading one, and the secretariat's steps on it.

The receiving organization's secretariat records contributions at any status; a partner records
its own pledges. The services check the permission on the record itself and refuse what breaks a
rule; a refused form comes back with 422, its fields marked, and nothing written.
"""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concord.accounts.views import requires
from concord.indicators.periods import period_for
from concord.portal.views.pages import page
from concord.registry.models import Body, Instrument
from concord.resources.contributing import (
    allocations_set,
    contribution_create,
    contribution_publish,
    expenditure_put,
    status_advance,
)
from concord.resources.models import Contribution, FundingModality, ResourcePartner
from concord.resources.views.contribution_forms import ContributionForm, SpendingForm, StatusForm
from concord.resources.views.pages import SECTION, frameworks_open_to
from concord.resources.visibility import (
    contributions_visible_to,
    partner_party_ids,
    secretariat_body_ids,
)


def _choices(user: Any) -> tuple[list, list, bool]:
    """The partners and organizations the person may record for, and whether pledges only."""
    receiving = Body.objects.filter(
        Q(pk__in=FundingModality.objects.values("organization_id"))
        | Q(pk__in=Instrument.objects.filter(results_nodes__isnull=False).values("body_id"))
    ).order_by("name")
    bodies = secretariat_body_ids(user)
    partners = ResourcePartner.objects.select_related("party").order_by("party__name")
    if bodies is None or bodies:
        scoped = receiving if bodies is None else receiving.filter(pk__in=bodies)
        return list(partners), list(scoped), False
    own = partners.filter(party_id__in=partner_party_ids(user))
    return list(own), list(receiving), True


def _record(request: HttpRequest, form: ContributionForm) -> Contribution | None:
    if not form.is_valid():
        return None
    partner, organization = form.partner_and_organization()
    data = form.cleaned_data
    refused = (None, _("You may not record this contribution."))
    with form.service_refusals(refused), transaction.atomic():
        shares = form.shares()
        contribution = contribution_create(
            user=request.user,
            partner=partner,
            organization=organization,
            reference=data["reference"],
            status=data["status"],
            on=data["on"],
            data=form.contribution_data(),
        )
        if shares:
            allocations_set(user=request.user, contribution=contribution, shares=shares)
        return contribution
    return None


@requires("resources.add_contribution")
@require_http_methods(["GET", "POST"])
def contribution_new(request: HttpRequest) -> HttpResponse:
    partners, organizations, pledge_only = _choices(request.user)
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        partners=partners,
        organizations=organizations,
        frameworks=frameworks_open_to(request.user),
        pledge_only=pledge_only,
    )
    if request.method == "POST":
        contribution = _record(request, form)
        if contribution is not None:
            messages.success(request, _("The contribution is recorded."))
            return redirect("resources:contribution", contribution_id=contribution.pk)
    if form.errors:
        form.describe_errors()
    context = {"form": form, "pledge_only": pledge_only}
    response = page(request, "resources/contribution_form.html", context, section=SECTION)
    response.status_code = 422 if form.errors else 200
    return response


def _acted_on(request: HttpRequest, contribution_id: int) -> Contribution:
    """The contribution, if the person may act on it as its secretariat; else 404."""
    contribution = _visible(request, contribution_id)
    if not request.user.has_perm("resources.publish_contribution", contribution):
        raise Http404(_("No contribution with the id %(id)s.") % {"id": contribution_id})
    return contribution


def _visible(request: HttpRequest, contribution_id: int) -> Contribution:
    contribution = (
        contributions_visible_to(request.user)
        .select_related("partner__party", "organization", "modality", "country")
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None:
        raise Http404(_("No contribution with the id %(id)s.") % {"id": contribution_id})
    return contribution


def contribution_detail(
    request: HttpRequest, contribution_id: int, status_form=None, spending_form=None
) -> HttpResponse:
    contribution = _visible(request, contribution_id)
    may_act = request.user.has_perm("resources.publish_contribution", contribution)
    context = {
        "contribution": contribution,
        "changes": list(contribution.status_changes.all()),
        "allocations": list(
            contribution.allocations.select_related("node__framework").filter(
                node__framework__in=frameworks_open_to(request.user)
            )
        ),
        "expenditures": list(contribution.expenditures.select_related("period")),
        "illustrative": contribution.illustrative,
        "may_act": may_act,
        "status_form": status_form or StatusForm(),
        "spending_form": spending_form or SpendingForm(),
    }
    response = page(request, "resources/contribution.html", context, section=SECTION)
    if (status_form and status_form.errors) or (spending_form and spending_form.errors):
        response.status_code = 422
    return response


def _acted(request: HttpRequest, contribution: Contribution, form, act) -> HttpResponse | None:
    if form.is_valid():
        with form.service_refusals(), transaction.atomic():
            act(form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("resources:contribution", contribution_id=contribution.pk)
    form.describe_errors()
    return None


@requires("resources.publish_contribution", refused=Http404)
@require_POST
def contribution_status(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _acted_on(request, contribution_id)
    form = StatusForm(request.POST)
    done = _acted(
        request,
        contribution,
        form,
        lambda data: status_advance(
            user=request.user, contribution=contribution, status=data["status"], on=data["on"]
        ),
    )
    return done or contribution_detail(request, contribution_id, status_form=form)


@requires("resources.publish_contribution", refused=Http404)
@require_POST
def contribution_spending(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _acted_on(request, contribution_id)
    form = SpendingForm(request.POST)
    done = _acted(
        request,
        contribution,
        form,
        lambda data: expenditure_put(
            user=request.user,
            contribution=contribution,
            period=period_for(data["period"]),
            amount=data["amount"],
        ),
    )
    return done or contribution_detail(request, contribution_id, spending_form=form)


@requires("resources.publish_contribution", refused=Http404)
@require_POST
def contribution_publication(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _acted_on(request, contribution_id)
    published = request.POST.get("published") == "1"
    contribution_publish(user=request.user, contribution=contribution, published=published)
    messages.success(
        request,
        _("The contribution is public.")
        if published
        else _("The contribution is no longer public."),
    )
    return redirect("resources:contribution", contribution_id=contribution.pk)

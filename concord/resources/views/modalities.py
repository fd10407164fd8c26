"""Recording and changing an organization's funding modalities, and its IATI publisher.

The secretariat covering an organization does both; someone else's modality or publisher is not
found. The services check the permission and the rules; a refused form comes back with 422, its
fields marked, and nothing written.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concord.accounts.views import requires
from concord.portal.views.pages import page, paginate
from concord.registry.models import Body
from concord.resources.iati.codelists import codelist
from concord.resources.modalities import modality_create, modality_update
from concord.resources.models import FundingModality, IatiPublisher
from concord.resources.publishing import publisher_put
from concord.resources.views.modality_forms import ModalityForm, PublisherForm, modality_initial
from concord.resources.views.pages import SECTION
from concord.resources.views.partnering import form_page
from concord.resources.visibility import secretariat_body_ids


def _organizations(user: Any) -> list[Body]:
    """The bodies ``user`` serves as their secretariat."""
    bodies = secretariat_body_ids(user)
    found = Body.objects.order_by("name")
    return list(found if bodies is None else found.filter(pk__in=bodies))


@requires("resources.add_fundingmodality")
@require_http_methods(["GET", "POST"])
def modality_new(request: HttpRequest) -> HttpResponse:
    organizations = _organizations(request.user)
    initial = {}
    chosen = request.GET.get("parent", "")
    parent = (
        FundingModality.objects.filter(
            pk=chosen, parent__isnull=True, organization__in=organizations
        )
        .select_related("organization")
        .first()
        if chosen.isdigit()
        else None
    )
    if parent is not None:
        initial = {"organization": parent.organization.code, "parent": str(parent.pk)}
    form = ModalityForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organizations=organizations,
    )
    if request.method == "POST" and form.is_valid():
        refused = ("organization", _("You may record the modalities of your organizations only."))
        with form.service_refusals(refused):
            modality = modality_create(
                user=request.user,
                organization=Body.objects.get(code=form.cleaned_data["organization"]),
                data=form.modality_data(),
            )
            messages.success(request, _("The funding modality is recorded."))
            return redirect(
                "resources:modality", organization=modality.organization.code, code=modality.code
            )
    return form_page(request, "resources/modality_form.html", {"form": form, "modality": None})


@requires("resources.change_fundingmodality")
@require_http_methods(["GET", "POST"])
def modality_edit(request: HttpRequest, organization: str, code: str) -> HttpResponse:
    modality = (
        FundingModality.objects.select_related("organization__parent", "parent")
        .filter(organization__code=organization, code=code)
        .first()
    )
    if modality is None or not request.user.has_perm("resources.change_fundingmodality", modality):
        raise Http404(_("No funding modality %(code)s.") % {"code": code})
    form = ModalityForm(
        request.POST if request.method == "POST" else None,
        initial=modality_initial(modality),
        organizations=None,
        modality=modality,
    )
    if request.method == "POST" and form.is_valid():
        with form.service_refusals():
            changed = modality_update(
                user=request.user, modality=modality, data=form.modality_data()
            )
            messages.success(request, _("The funding modality is changed."))
            return redirect(
                "resources:modality", organization=modality.organization.code, code=changed.code
            )
    return form_page(request, "resources/modality_form.html", {"form": form, "modality": modality})


def publisher_list(request: HttpRequest) -> HttpResponse:
    listed = paginate(
        request, IatiPublisher.objects.select_related("body__parent").order_by("identifier")
    )
    types = codelist("OrganisationType")
    # What "resources.change_iatipublisher" answers, for every row at once.
    covered = secretariat_body_ids(request.user)
    for publisher in listed:
        publisher.type_name = types.get(publisher.organisation_type, "")
        publisher.may_change = covered is None or publisher.body_id in covered
    context = {
        "page": listed,
        "any_change": any(publisher.may_change for publisher in listed),
    }
    return page(request, "resources/publishers.html", context, section=SECTION)


@requires("resources.add_iatipublisher")
@require_http_methods(["GET", "POST"])
def publisher_new(request: HttpRequest) -> HttpResponse:
    registered = set(IatiPublisher.objects.values_list("body_id", flat=True))
    bodies = [body for body in _organizations(request.user) if body.pk not in registered]
    form = PublisherForm(request.POST if request.method == "POST" else None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        refused = ("body", _("You may register your organizations only."))
        with form.service_refusals(refused):
            publisher_put(
                user=request.user,
                body=Body.objects.get(code=data["body"]),
                identifier=data["identifier"],
                organisation_type=data["organisation_type"],
            )
            messages.success(request, _("The organization is registered as an IATI publisher."))
            return redirect("resources:publishers")
    return form_page(request, "resources/publisher_form.html", {"form": form, "publisher": None})


@requires("resources.change_iatipublisher")
@require_http_methods(["GET", "POST"])
def publisher_edit(request: HttpRequest, organization: str) -> HttpResponse:
    publisher = (
        IatiPublisher.objects.select_related("body__parent").filter(body__code=organization).first()
    )
    if publisher is None or not request.user.has_perm("resources.change_iatipublisher", publisher):
        raise Http404(
            _("No IATI publisher for the organization %(code)s.") % {"code": organization}
        )
    initial = {
        "identifier": publisher.identifier,
        "organisation_type": publisher.organisation_type,
    }
    form = PublisherForm(
        request.POST if request.method == "POST" else None, bodies=None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        with form.service_refusals():
            publisher_put(user=request.user, body=publisher.body, **form.cleaned_data)
            messages.success(request, _("The IATI publisher is changed."))
            return redirect("resources:publishers")
    context = {"form": form, "publisher": publisher}
    return form_page(request, "resources/publisher_form.html", context)

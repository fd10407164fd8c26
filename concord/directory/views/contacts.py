"""Focal points and central authorities: the public list, and the forms that keep it current.

Who and where are public; e-mail and telephone are shown to signed-in members only. Whoever is
not signed in is sent to sign in to write; a person without the role gets 403; a form with
errors comes back with 422, its fields marked, and nothing written.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concord.accounts.views import requires
from concord.directory import contacts
from concord.directory.forms import ContactFilterForm, ContactForm
from concord.directory.models import Contact
from concord.directory.views import SECTION, form_page, save_form
from concord.portal.views.pages import page, paginate


def contact_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = ContactFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    party = chosen.get("party")
    instrument = chosen.get("instrument")
    entries = contacts.contacts_current(
        party=party.code if party else None,
        instrument=instrument.pk if instrument else None,
        kind=chosen.get("kind") or None,
    )
    if filters.errors:
        entries = entries.none()
    shown = paginate(request, entries)
    editable = {entry.pk for entry in shown if user.has_perm("directory.change_contact", entry)}
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "entries": shown,
        "details": user.has_perm("directory.view_contact_details"),
        "editable": editable,
        "may_add": user.is_authenticated and user.has_perm("directory.add_contact"),
        "query": query.urlencode(),
    }
    return page(request, "directory/contacts/list.html", context, section=SECTION)


def _save(request: HttpRequest, form: ContactForm, write: Any) -> Contact | None:
    return save_form(
        request,
        form,
        write,
        refused=(
            None,
            _(
                "You may not keep this entry: name an instrument or a body your role covers, "
                "or ask the party's focal points."
            ),
        ),
    )


def _form_page(request: HttpRequest, form: ContactForm, context: dict) -> HttpResponse:
    return form_page(request, "directory/contacts/form.html", form, context)


def _list_url(code: str) -> str:
    return f"{reverse('directory:contact_list')}?party={code}"


@requires("directory.add_contact")
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    parties = contacts.parties_to_keep(request.user)
    chosen = parties.filter(code=request.GET.get("party", "")).first()
    data = request.POST if request.method == "POST" else None
    form = ContactForm(data, parties=parties, party=chosen)
    if request.method == "POST":

        def create(**kwargs: Any) -> Contact:
            return contacts.contact_create(party=form.cleaned_data["party"], **kwargs)

        contact = _save(request, form, create)
        if contact is not None:
            messages.success(request, _("The entry is saved."))
            return redirect(_list_url(contact.party.code))
    return _form_page(request, form, {"contact": None})


@requires("directory.change_contact")
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = get_object_or_404(
        Contact.objects.select_related("party", "instrument", "body"), pk=contact_id
    )
    if not request.user.has_perm("directory.change_contact", contact):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ContactForm(data, parties=contacts.parties_to_keep(request.user), contact=contact)
    if request.method == "POST":

        def update(**kwargs: Any) -> Contact:
            return contacts.contact_update(contact=contact, **kwargs)

        if _save(request, form, update) is not None:
            messages.success(request, _("The entry is saved."))
            return redirect(_list_url(contact.party.code))
    return _form_page(request, form, {"contact": contact})

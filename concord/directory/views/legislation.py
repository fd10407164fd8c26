"""Implementing legislation: the list and search, one law, the gaps, and the forms.

Everything here is public but the forms: whoever is not signed in is sent to sign in, a person
without the role gets 403. The provisions a law implements are chosen one instrument at a time
(``?instrument=``, picked with a plain GET form so that no script is needed). A form with errors
comes back with 422, its fields marked, and nothing written.
"""

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concord.accounts.views import requires
from concord.directory import legislation
from concord.directory.contacts import parties_to_keep
from concord.directory.forms import (
    GapsForm,
    InstrumentPickForm,
    LegislationFilterForm,
    LegislationForm,
)
from concord.directory.models import Legislation
from concord.directory.views import SECTION, form_page, save_form
from concord.portal.views.pages import page, paginate
from concord.registry.models import Instrument, Party, Provision, Publication


def legislation_list(request: HttpRequest) -> HttpResponse:
    filters = LegislationFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    party, instrument = chosen.get("party"), chosen.get("instrument")
    laws = legislation.legislation_search(
        party=party.code if party else None,
        instrument=instrument.pk if instrument else None,
        kind=chosen.get("kind") or None,
        in_force_on=timezone.localdate() if chosen.get("in_force") else None,
        q=chosen.get("q") or None,
    )
    if filters.errors:
        laws = laws.none()
    context = {
        "filters": filters,
        "laws": paginate(request, laws),
        "may_add": request.user.is_authenticated
        and request.user.has_perm("directory.add_legislation"),
    }
    return page(request, "directory/legislation/list.html", context, section=SECTION)


def _law_or_404(legislation_id: int) -> Legislation:
    law = legislation.legislation_search().filter(pk=legislation_id).first()
    if law is None:
        raise Http404(_("No legislation with id %(id)s.") % {"id": legislation_id})
    return law


def legislation_detail(request: HttpRequest, legislation_id: int) -> HttpResponse:
    law = _law_or_404(legislation_id)
    shown = [p for p in law.provisions.all() if p.instrument.publication == Publication.PUBLISHED]
    context = {
        "law": law,
        "by_instrument": [
            (instrument, list(provisions))
            for instrument, provisions in groupby(shown, key=lambda p: p.instrument)
        ],
        "in_force": legislation.is_in_force(law, timezone.localdate()),
        "may_edit": request.user.is_authenticated
        and request.user.has_perm("directory.change_legislation", law),
    }
    return page(request, "directory/legislation/detail.html", context, section=SECTION)


def gaps(request: HttpRequest) -> HttpResponse:
    form = GapsForm(request.GET if request.GET else None)
    context: dict[str, Any] = {"form": form, "gaps": None}
    if form.is_valid():
        party, instrument = form.cleaned_data["party"], form.cleaned_data["instrument"]
        context.update(
            party=party,
            instrument=instrument,
            gaps=list(legislation.gaps(party, instrument)),
            may_add=request.user.is_authenticated
            and request.user.has_perm("directory.add_legislation", Legislation(party=party)),
        )
    invalid = form.is_bound and not form.is_valid()
    if invalid:
        form.describe_errors()
    response = page(request, "directory/legislation/gaps.html", context, section=SECTION)
    response.status_code = 422 if invalid else 200
    return response


# Forms --------------------------------------------------------------------------------------


def _number(text: str) -> int | None:
    """A whole number typed in a URL's query, if it is one the database can hold."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _picked(request: HttpRequest) -> tuple[Instrument | None, InstrumentPickForm]:
    """The instrument named by ``?instrument=`` (404 if none published has it), and the picker."""
    chosen = request.GET.get("instrument", "")
    picker = InstrumentPickForm(initial={"instrument": _number(chosen)})
    if not chosen:
        return None, picker
    number = _number(chosen)
    instrument = Instrument.objects.published().filter(pk=number).first() if number else None
    if instrument is None:
        raise Http404(_("No published instrument with id %(id)s.") % {"id": chosen[:20]})
    return instrument, picker


def _save(request: HttpRequest, form: LegislationForm, write: Any) -> Legislation | None:
    return save_form(
        request,
        form,
        write,
        refused=("party" if "party" in form.fields else None, _("You may not do this.")),
    )


def _form_page(request: HttpRequest, form: LegislationForm, context: dict) -> HttpResponse:
    return form_page(request, "directory/legislation/form.html", form, context)


@requires("directory.add_legislation")
@require_http_methods(["GET", "POST"])
def legislation_new(request: HttpRequest) -> HttpResponse:
    parties = parties_to_keep(request.user)
    instrument, picker = _picked(request)
    party = parties.filter(code=request.GET.get("party", "")).first()
    provision = None
    if instrument is not None:
        number = _number(request.GET.get("provision", ""))
        provision = Provision.objects.filter(instrument=instrument, pk=number).first()
    data = request.POST if request.method == "POST" else None
    form = LegislationForm(
        data, parties=parties, instrument=instrument, party=party, provision=provision
    )
    if request.method == "POST":

        def create(**kwargs: Any) -> Legislation:
            return legislation.legislation_create(party=form.cleaned_data["party"], **kwargs)

        law = _save(request, form, create)
        if law is not None:
            messages.success(request, _("The legislation is recorded."))
            return redirect("directory:legislation", legislation_id=law.pk)
    context = {"law": None, "instrument": instrument, "picker": picker, "party": party}
    return _form_page(request, form, context)


@requires("directory.change_legislation")
@require_http_methods(["GET", "POST"])
def legislation_edit(request: HttpRequest, legislation_id: int) -> HttpResponse:
    law = _law_or_404(legislation_id)
    if not request.user.has_perm("directory.change_legislation", law):
        raise PermissionDenied
    instrument, picker = _picked(request)
    if instrument is None and "instrument" not in request.GET:
        first = next(iter(law.provisions.all()), None)
        instrument = first.instrument if first is not None else None
        picker = InstrumentPickForm(initial={"instrument": instrument.pk if instrument else None})
    data = request.POST if request.method == "POST" else None
    form = LegislationForm(
        data, parties=Party.objects.none(), instrument=instrument, legislation=law
    )
    if request.method == "POST":

        def update(**kwargs: Any) -> Legislation:
            return legislation.legislation_update(legislation=law, **kwargs)

        if _save(request, form, update) is not None:
            messages.success(request, _("The legislation is saved."))
            return redirect("directory:legislation", legislation_id=law.pk)
    context = {"law": law, "instrument": instrument, "picker": picker, "party": law.party}
    return _form_page(request, form, context)

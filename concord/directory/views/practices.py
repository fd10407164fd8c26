"""Best practices: the list, one practice, and the forms that record them.

A practice shows only the provisions of published instruments, to everyone: the portal's
provision pages, which it links to, show only those. The forms are the secretariat's: whoever
is not signed in is sent to sign in, a person without the role gets 403. The provisions a
practice serves are chosen one instrument at a time (``?instrument=``, picked with a plain GET
form so that no script is needed), as for legislation. A form with errors comes back with 422,
its fields marked, and nothing written.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from concord.accounts.selectors import instruments_open_to
from concord.accounts.views import requires
from concord.directory import practices
from concord.directory.forms import OpenInstrumentPickForm, PracticeForm
from concord.directory.models import BestPractice
from concord.directory.views import SECTION, form_page, save_form
from concord.directory.views.meetings import described_errors
from concord.portal.views.pages import page, paginate
from concord.registry.models import Instrument, Party


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Words"), required=False, max_length=200)
    party = forms.ChoiceField(label=gettext_lazy("From the party"), required=False)

    def __init__(self, *args, parties: list[Party], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", _("Any party"))] + [
            (party.code, party.translated("name").text) for party in parties
        ]


def practice_list(request: HttpRequest) -> HttpResponse:
    through = BestPractice.parties.through.objects.values("party_id")
    parties = Party.objects.filter(pk__in=through).order_by("name")
    form = PracticeFilterForm(request.GET, parties=list(parties))
    form.is_valid()
    described_errors(form)
    filters = {name: value for name, value in form.cleaned_data.items() if value}
    listed = paginate(
        request,
        practices.practice_list(practices.practices_with_links(), **filters).order_by(
            "title", "id"
        ),
    )
    context = {
        "form": form,
        "filtered": bool(filters),
        "page": listed,
        "may_add": request.user.is_authenticated
        and request.user.has_perm("directory.add_bestpractice"),
    }
    return page(request, "directory/practices/list.html", context, section=SECTION)


def practice_detail(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = practices.practices_with_links().filter(pk=practice_id).first()
    if practice is None:
        raise Http404(_("No best practice with id %(id)s.") % {"id": practice_id})
    return page(
        request,
        "directory/practices/detail.html",
        {
            "practice": practice,
            "parties": list(practice.parties.all()),
            "provisions": list(practice.provisions.all()),
            "may_edit": request.user.is_authenticated
            and request.user.has_perm("directory.change_bestpractice", practice),
        },
        section=SECTION,
    )


# Forms --------------------------------------------------------------------------------------


def _number(text: str) -> int | None:
    """A whole number typed in a URL's query, if it is one the database can hold."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _picked(request: HttpRequest) -> tuple[Instrument | None, OpenInstrumentPickForm]:
    """The instrument named by ``?instrument=`` (404 unless the person may see it), and the
    picker offering those they may see."""
    open_to = instruments_open_to(request.user)
    chosen = request.GET.get("instrument", "")
    number = _number(chosen)
    picker = OpenInstrumentPickForm(instruments=open_to, initial={"instrument": number})
    if not chosen:
        return None, picker
    instrument = open_to.filter(pk=number).first() if number else None
    if instrument is None:
        raise Http404(_("No instrument with id %(id)s is open to you.") % {"id": chosen[:20]})
    return instrument, picker


def _save(request: HttpRequest, form: PracticeForm, write: Any) -> BestPractice | None:
    return save_form(
        request, form, write, refused=(None, _("Only the secretariat records best practices."))
    )


def _form_page(request: HttpRequest, form: PracticeForm, context: dict) -> HttpResponse:
    return form_page(request, "directory/practices/form.html", form, context)


@requires("directory.add_bestpractice")
@require_http_methods(["GET", "POST"])
def practice_new(request: HttpRequest) -> HttpResponse:
    instrument, picker = _picked(request)
    data = request.POST if request.method == "POST" else None
    form = PracticeForm(data, instrument=instrument)
    if request.method == "POST":
        practice = _save(request, form, practices.practice_create)
        if practice is not None:
            messages.success(request, _("The best practice is recorded."))
            return redirect("directory:practice", practice_id=practice.pk)
    context = {"practice": None, "instrument": instrument, "picker": picker}
    return _form_page(request, form, context)


@requires("directory.change_bestpractice")
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = practices.practices_with_links(request.user).filter(pk=practice_id).first()
    if practice is None:
        raise Http404(_("No best practice with id %(id)s.") % {"id": practice_id})
    if not request.user.has_perm("directory.change_bestpractice", practice):
        raise PermissionDenied
    instrument, picker = _picked(request)
    if instrument is None and "instrument" not in request.GET:
        first = next(iter(practice.provisions.all()), None)
        instrument = first.instrument if first is not None else None
        picker.initial = {"instrument": instrument.pk if instrument else None}
    data = request.POST if request.method == "POST" else None
    form = PracticeForm(data, instrument=instrument, practice=practice)
    if request.method == "POST":

        def update(**kwargs: Any) -> BestPractice:
            return practices.practice_update(practice=practice, **kwargs)

        if _save(request, form, update) is not None:
            messages.success(request, _("The best practice is saved."))
            return redirect("directory:practice", practice_id=practice.pk)
    context = {"practice": practice, "instrument": instrument, "picker": picker}
    return _form_page(request, form, context)

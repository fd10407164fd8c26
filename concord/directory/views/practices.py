"""Best practices: the list and one practice (read-only; writes go through the API).

A practice shows only the provisions of published instruments, to everyone: the portal's
provision pages, which it links to, show only those.
"""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concord.directory import practices
from concord.directory.models import BestPractice
from concord.directory.views.meetings import described_errors
from concord.portal.views.pages import page, paginate
from concord.registry.models import Party

SECTION = "directory"


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
    return page(
        request,
        "directory/practices/list.html",
        {"form": form, "filtered": bool(filters), "page": listed},
        section=SECTION,
    )


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
        },
        section=SECTION,
    )

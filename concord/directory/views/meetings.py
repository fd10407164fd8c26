"""Meetings of bodies: the list by body and year, and one meeting (read-only; writes go
through the API).

A meeting shows only the published instruments it discussed or adopted, to everyone: the
portal's instrument pages, which it links to, show only published ones.
"""

from itertools import groupby

from django import forms
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concord.directory import meetings
from concord.directory.models import Meeting
from concord.portal.views.pages import page, paginate
from concord.registry.models import Body

SECTION = "directory"
PAGE_SIZE = 50


def described_errors(form: forms.Form) -> None:
    """Point each field in error at its message, for screen readers (``aria-describedby``)."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["aria-describedby"] = f"{form[name].auto_id}-error"


class MeetingFilterForm(forms.Form):
    body = forms.ChoiceField(label=gettext_lazy("Body"), required=False)
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), required=False, coerce=int)

    def __init__(self, *args, bodies: list[Body], years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("Any body"))] + [
            (body.code, body.translated("name").text) for body in bodies
        ]
        self.fields["year"].choices = [("", _("Any year"))] + [(y, str(y)) for y in years]


def meeting_list(request: HttpRequest) -> HttpResponse:
    # The bodies that met, and those whose organs met: choosing one lists its organs' too.
    bodies = (
        Body.objects.filter(Q(meetings__isnull=False) | Q(organs__meetings__isnull=False))
        .distinct()
        .order_by("name")
    )
    years = [d.year for d in Meeting.objects.dates("starts_on", "year", order="DESC")]
    form = MeetingFilterForm(request.GET, bodies=list(bodies), years=years)
    form.is_valid()
    described_errors(form)
    filters = {name: value for name, value in form.cleaned_data.items() if value}
    listed = paginate(
        request, meetings.meeting_list(**filters).order_by("-starts_on", "-id"), PAGE_SIZE
    )
    by_year = [
        (year, list(group)) for year, group in groupby(listed, key=lambda m: m.starts_on.year)
    ]
    return page(
        request,
        "directory/meetings/list.html",
        {"form": form, "filtered": bool(filters), "page": listed, "by_year": by_year},
        section=SECTION,
    )


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meetings.meetings_with_links().filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("No meeting with id %(id)s.") % {"id": meeting_id})
    return page(
        request,
        "directory/meetings/detail.html",
        {
            "meeting": meeting,
            "participants": list(meeting.participants.all()),
            "documents": list(meeting.documents.all()),
            "decisions": list(meeting.decisions.all()),
        },
        section=SECTION,
    )

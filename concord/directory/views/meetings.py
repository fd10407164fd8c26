"""Meetings of bodies: the list by body and year, one meeting, and the forms that record them.

A meeting shows only the published instruments it discussed or adopted, to everyone: the
portal's instrument pages, which it links to, show only published ones. The forms are for the
secretariat of the meeting's body (or of a body it is part of, or of everything): whoever is
not signed in is sent to sign in, a person without the role gets 403, and a form with errors
comes back with 422, its fields marked, and nothing written.
"""

from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from concord.accounts.models import RoleKind
from concord.accounts.rules import roles_of
from concord.accounts.selectors import bodies_under, instruments_open_to
from concord.accounts.views import requires
from concord.directory import meetings
from concord.directory.forms import MeetingForm
from concord.directory.models import Meeting
from concord.directory.views import SECTION, form_page, save_form
from concord.portal.views.pages import page, paginate
from concord.registry.models import Body

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
    context = {
        "form": form,
        "filtered": bool(filters),
        "page": listed,
        "by_year": by_year,
        "may_add": request.user.is_authenticated and request.user.has_perm("directory.add_meeting"),
        "chosen_body": filters.get("body", ""),
    }
    return page(request, "directory/meetings/list.html", context, section=SECTION)


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
            "may_edit": request.user.is_authenticated
            and request.user.has_perm("directory.change_meeting", meeting),
        },
        section=SECTION,
    )


# Forms --------------------------------------------------------------------------------------


def bodies_to_record(user: Any) -> QuerySet[Body]:
    """Return the bodies whose meetings ``user`` may record and change.

    Every body for a secretariat of everything; for a secretariat of a body, that body and its
    organs, however deep: the scopes ``directory.add_meeting`` and ``change_meeting`` grant
    (``is_secretariat_of_its_body``), asked of the database in one query rather than per body.
    """
    bodies = Body.objects.order_by("name")
    if not user.is_authenticated:
        return bodies.none()
    if user.is_active and user.is_superuser:
        return bodies
    roles = [role for role in roles_of(user) if role.kind == RoleKind.SECRETARIAT]
    if any(role.body_id is None and role.instrument_id is None for role in roles):
        return bodies
    return bodies.filter(pk__in=bodies_under(role.body_id for role in roles if role.body_id))


def _save(request: HttpRequest, form: MeetingForm, write: Any) -> Meeting | None:
    return save_form(
        request, form, write, refused=("body", _("You may not record the meetings of this body."))
    )


def _form_page(request: HttpRequest, form: MeetingForm, context: dict) -> HttpResponse:
    return form_page(request, "directory/meetings/form.html", form, context)


@requires("directory.add_meeting")
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    bodies = bodies_to_record(request.user)
    chosen = bodies.filter(code=request.GET.get("body", "")).first()
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(
        data, bodies=bodies, instruments=instruments_open_to(request.user), body=chosen
    )
    if request.method == "POST":
        meeting = _save(request, form, meetings.meeting_create)
        if meeting is not None:
            messages.success(request, _("The meeting is recorded."))
            return redirect("directory:meeting", meeting_id=meeting.pk)
    return _form_page(request, form, {"meeting": None, "bodies": bodies.exists()})


@requires("directory.change_meeting")
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meetings.meetings_with_links(request.user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("No meeting with id %(id)s.") % {"id": meeting_id})
    if not request.user.has_perm("directory.change_meeting", meeting):
        raise PermissionDenied
    bodies = bodies_to_record(request.user)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(
        data, bodies=bodies, instruments=instruments_open_to(request.user), meeting=meeting
    )
    if request.method == "POST":

        def update(**kwargs: Any) -> Meeting:
            return meetings.meeting_update(meeting=meeting, **kwargs)

        if _save(request, form, update) is not None:
            messages.success(request, _("The meeting is saved."))
            return redirect("directory:meeting", meeting_id=meeting.pk)
    return _form_page(request, form, {"meeting": meeting, "bodies": True})

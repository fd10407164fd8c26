"""Meetings of bodies, as JSON.

Reads are public; a meeting names only the instruments the caller may see (published ones, and
those in the caller's secretariat scope). Writes need a person (401 otherwise) holding the
secretariat of the meeting's body or of everything (403 otherwise); bad input is a 422 naming
the field, and nothing is written.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.api_errors import refusals, unprocessable
from concord.directory import meetings
from concord.directory.models import Meeting, MeetingKind
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.schemas import Code, NulFree, Out, Text

router = Router(tags=["directory"])


class DetailOut(Out):
    detail: str


NOT_FOUND = {404: DetailOut}
REFUSED = {401: DetailOut, 403: DetailOut, **NOT_FOUND}
Long = Annotated[str, Field(max_length=20_000), NulFree]
Precision = Annotated[
    Literal["day", "month", "year"],
    Field(
        description="How far the dates are known; to the month or year, starts_on and ends_on "
        "are the first day of that month or year."
    ),
]


class MeetingChangeIn(Schema):
    body: Code | None = Field(None, description="The code of the body that met.")
    kind: MeetingKind | None = None
    title: Text | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    precision: Precision | None = None
    place: Annotated[str, Field(max_length=255), NulFree] | None = None
    agenda: Long | None = None
    participants: list[Code] | None = Field(None, description="Parties' codes.")
    documents: list[int] | None = Field(None, description="Ids of instruments it discussed.")
    decisions: list[int] | None = Field(None, description="Ids of instruments it adopted.")


class MeetingIn(Schema):
    body: Code = Field(description="The code of the body that met.")
    kind: MeetingKind
    title: Text
    starts_on: dt.date
    ends_on: dt.date | None = None
    precision: Precision = "day"
    place: Annotated[str, Field(max_length=255), NulFree] = ""
    agenda: Long = ""
    participants: list[Code] = Field(default_factory=list, description="Parties' codes.")
    documents: list[int] = Field(
        default_factory=list, description="Ids of instruments it discussed."
    )
    decisions: list[int] = Field(default_factory=list, description="Ids of instruments it adopted.")


class MeetingOut(Out):
    id: int
    body: str
    kind: MeetingKind
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    precision: Precision
    place: str
    agenda: str
    participants: list[str]
    documents: list[int] = Field(description="Those the caller may see.")
    decisions: list[int] = Field(description="Those the caller may see.")


class MeetingFilters(Schema):
    body: Code | None = Field(None, description="A body's code; its organs' meetings included.")
    year: int | None = Field(None, ge=1900, le=2200, description="The year it started.")
    kind: MeetingKind | None = None
    party: Code | None = Field(None, description="A participating party's code.")


ONLY_BODY_SECRETARIAT = gettext_lazy("Only the secretariat of the body records its meetings.")


def _meeting_or_404(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = meetings.meetings_with_links(request.user).filter(pk=meeting_id).first()
    if meeting is None:
        raise HttpError(404, _("No meeting with id %(id)s.") % {"id": meeting_id})
    return meeting


@router.get(
    "/meetings",
    response=Paged[MeetingOut],
    summary="List meetings",
    description="Meetings of bodies, newest first.",
)
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters], page: Query[PageQuery]):
    qs = meetings.meeting_list(
        meetings.meetings_with_links(request.user), **filters.model_dump(exclude_none=True)
    )
    return paginate_query(qs, page, key=("-starts_on", "-id")).as_dict(meetings.meeting_data)


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingOut, **NOT_FOUND},
    summary="Show a meeting",
)
def meeting_detail(request: HttpRequest, meeting_id: int) -> dict:
    return meetings.meeting_data(_meeting_or_404(request, meeting_id))


@router.post(
    "/meetings",
    response={201: MeetingOut, **REFUSED},
    auth=signed_in,
    summary="Record a meeting",
    description="Record a meeting of a body: its participants (parties' codes), and the "
    "instruments it discussed and adopted (ids of published instruments, or of ones in the "
    "caller's scope). The secretariat of the body, or of everything.",
)
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Any:
    with refusals(ONLY_BODY_SECRETARIAT):
        content = meetings.MeetingContent(**payload.model_dump())
        meeting = meetings.meeting_create(user=request.user, content=content)
    return Status(201, meetings.meeting_data(_meeting_or_404(request, meeting.pk)))


@router.patch(
    "/meetings/{meeting_id}",
    response={200: MeetingOut, **REFUSED},
    auth=signed_in,
    summary="Change a meeting",
    description="Change the fields given; a list given replaces the stored one. The secretariat "
    "of the body (of both bodies, to move it to another), or of everything.",
)
def meeting_update(request: HttpRequest, meeting_id: int, payload: MeetingChangeIn) -> dict:
    meeting = _meeting_or_404(request, meeting_id)
    changes = payload.model_dump(exclude_unset=True)
    nulls = [name for name, value in changes.items() if value is None and name != "ends_on"]
    if nulls:
        raise unprocessable(
            DjangoValidationError({name: _("This field cannot be null.") for name in nulls}),
            location=lambda name: ["body", name],
        )
    with refusals(ONLY_BODY_SECRETARIAT):
        if not request.user.has_perm("directory.change_meeting", meeting):
            raise PermissionDenied
        content = meetings.content_changed(meetings.meeting_content(meeting), changes)
        meetings.meeting_update(meeting=meeting, user=request.user, content=content)
    return meetings.meeting_data(_meeting_or_404(request, meeting.pk))

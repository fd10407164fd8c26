"""Deadlines: who is late in a cycle, for the secretariat of its instrument."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.registry.schemas import Out
from concord.reporting.api.lookups import REFUSED, cycle_or_404
from concord.reporting.deadlines import cycle_zone, deadline_ends, is_past
from concord.reporting.models import SubmissionStatus
from concord.reporting.notices import late_submissions

router = Router(tags=["reporting"])


class LatePartyOut(Out):
    code: str
    name: str
    status: SubmissionStatus = Field(
        description="The submission's status: draft (also when not started) or returned."
    )
    started: bool = Field(description="Whether the party has saved any answer yet.")
    version: int
    days_late: int = Field(description="Days since the deadline, in the body's time zone.")


class LateOut(Out):
    cycle: int
    deadline: dt.date
    time_zone: str = Field(description="The IANA time zone the deadline falls in.")
    deadline_ends: dt.datetime = Field(description="The first instant after the deadline.")
    past: bool = Field(description="Whether the deadline has passed.")
    parties: list[LatePartyOut]


@router.get(
    "/cycles/{cycle_id}/late",
    response={200: LateOut, **REFUSED},
    auth=signed_in,
    summary="List the parties late with their report",
    description="Once a cycle's deadline has passed (at the end of its day in the time zone of "
    "the body that adopted the instrument), the parties that must report and have not handed "
    "in, with their submission's status and the days they are late. Empty before the deadline. "
    "The instrument's secretariat only.",
)
def cycle_late(request: HttpRequest, cycle_id: int) -> Any:
    cycle = cycle_or_404(request, cycle_id)
    if not request.user.has_perm("reporting.change_reportingcycle", cycle):
        refusal = _("Only the secretariat of the instrument sees who is late.")
        return Status(403, {"detail": refusal})
    now = timezone.now()
    return {
        "cycle": cycle.pk,
        "deadline": cycle.deadline,
        "time_zone": str(cycle_zone(cycle)),
        "deadline_ends": deadline_ends(cycle),
        "past": is_past(cycle, now),
        "parties": [
            {
                "code": late.party.code,
                "name": late.party.name,
                "status": late.submission.status if late.submission else SubmissionStatus.DRAFT,
                "started": late.submission is not None,
                "version": late.submission.version if late.submission else 0,
                "days_late": late.days_late,
            }
            for late in late_submissions(cycle, now)
        ],
    }

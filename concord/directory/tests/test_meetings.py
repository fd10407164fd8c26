"""The meeting services and selectors, called as every page, API and command calls them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.directory import meetings
from concord.directory.models import Meeting
from concord.directory.tests.meetings_fixtures import *  # noqa: F403
from concord.directory.tests.meetings_fixtures import make_meeting, meeting_content
from concord.registry.dates import PartialDate
from concord.registry.tests.factories import BodyFactory


def test_a_bodys_meetings_include_those_of_its_organs_however_deep(secretariat, organ):
    task_force = BodyFactory(code="task-force", parent=organ)
    deep = make_meeting(secretariat, body=task_force.code)
    own = make_meeting(secretariat)
    assert set(meetings.meeting_list(body="osr-cthb")) == {deep, own}
    assert list(meetings.meeting_list(body="osr-alliance")) == [deep]
    assert list(meetings.meeting_list(body="task-force")) == [deep]


def test_meetings_filter_by_year_kind_and_party(secretariat, scope_body, party_a, party_b):
    workshop = make_meeting(secretariat, starts_on="2024-05-01", ends_on=None, participants=["FRA"])
    plenary = make_meeting(secretariat, kind="plenary", participants=["FRA", "UKR"])
    assert list(meetings.meeting_list(year=2024)) == [workshop]
    assert list(meetings.meeting_list(kind="plenary")) == [plenary]
    assert list(meetings.meeting_list(party="UKR")) == [plenary]
    assert set(meetings.meeting_list(party="FRA")) == {workshop, plenary}


def test_the_secretariat_of_a_body_records_its_organs_meetings(body_secretariat, organ):
    meeting = make_meeting(body_secretariat, body=organ.code)
    assert meeting.history.get().history_user == body_secretariat


@pytest.mark.parametrize(
    "persona", ["focal_point", "other_focal_point", "reviewer", "partner", "anonymous"]
)
def test_only_the_secretariat_records_meetings(persona, request, scope_body):
    with pytest.raises(PermissionDenied):
        make_meeting(request.getfixturevalue(persona))
    assert not Meeting.objects.exists()


def test_a_bad_meeting_is_refused_whole(secretariat, scope_body, published_decision):
    content = meeting_content(ends_on="2025-03-01", decisions=[published_decision.pk])
    with pytest.raises(ValidationError) as refused:
        meetings.meeting_create(user=secretariat, content=content)
    assert set(refused.value.message_dict) == {"ends_on"}
    assert not Meeting.objects.exists()


def test_an_update_keeps_what_the_writer_cannot_see(
    secretariat, body_secretariat, draft_decision, scoped_draft
):
    meeting = make_meeting(secretariat, documents=[draft_decision.pk])
    content = meetings.content_changed(
        meetings.meeting_content(meeting), {"documents": [scoped_draft.pk], "place": "Kyiv"}
    )
    meetings.meeting_update(meeting=meeting, user=body_secretariat, content=content)
    meeting.refresh_from_db()
    assert set(meeting.documents.all()) == {draft_decision, scoped_draft}
    assert (meeting.place, meeting.history.first().history_user) == ("Kyiv", body_secretariat)


def test_a_meeting_dated_to_the_month_or_year_holds_its_first_day(secretariat, scope_body):
    may = make_meeting(secretariat, starts_on="2002-05-01", ends_on=None, precision="month")
    year = make_meeting(secretariat, starts_on="2003-01-01", ends_on=None, precision="year")
    assert (may.starts, may.ends) == (PartialDate.month(2002, 5), None)
    assert year.starts == PartialDate.year(2003)
    assert list(meetings.meeting_list(year=2002)) == [may]
    assert make_meeting(secretariat).starts == PartialDate.day(2025, 3, 10)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"precision": "month", "starts_on": "2002-05-15", "ends_on": None}, "starts_on"),
        ({"precision": "month", "starts_on": "2002-05-01", "ends_on": "2002-06-30"}, "ends_on"),
        ({"precision": "year", "starts_on": "2003-12-01", "ends_on": None}, "starts_on"),
        ({"precision": "range", "starts_on": "2003-01-01", "ends_on": None}, "precision"),
    ],
)
def test_a_coarse_date_must_be_the_first_day_of_its_month_or_year(
    changes, field, secretariat, scope_body
):
    with pytest.raises(ValidationError) as refused:
        make_meeting(secretariat, **changes)
    assert field in refused.value.message_dict
    assert not Meeting.objects.exists()

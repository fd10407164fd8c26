"""Meetings through the HTTP API: filters, each persona's rights, bad input, hidden drafts."""

import pytest

from concord.directory.models import Meeting
from concord.directory.tests.meetings_fixtures import *  # noqa: F403
from concord.directory.tests.meetings_fixtures import make_meeting

URL = "/api/directory/meetings"


def person(request, persona):
    return request.getfixturevalue(persona) if persona else None


def meeting_body(**changes) -> dict:
    return {
        "body": "osr-cthb",
        "kind": "consultation",
        "title": "Consultation on national referral mechanisms",
        "starts_on": "2025-05-06",
        "ends_on": "2025-05-07",
        "place": "Vienna",
        "participants": ["FRA", "UKR"],
        **changes,
    }


def create(client, body):
    return client.post(URL, body, content_type="application/json")


def patch(client, meeting, body):
    return client.patch(f"{URL}/{meeting.pk}", body, content_type="application/json")


def test_the_secretariat_of_a_body_records_its_meeting(
    client_as, body_secretariat, party_a, party_b, scoped_draft, published_decision
):
    body = meeting_body(documents=[scoped_draft.pk], decisions=[published_decision.pk])
    response = create(client_as(body_secretariat), body)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["body"], data["participants"]) == ("osr-cthb", ["FRA", "UKR"])
    assert (data["documents"], data["decisions"]) == ([scoped_draft.pk], [published_decision.pk])
    assert Meeting.objects.get().history.get().history_user == body_secretariat


def test_the_secretariat_of_a_body_records_meetings_of_its_organs(
    client_as, body_secretariat, organ
):
    response = create(client_as(body_secretariat), meeting_body(body=organ.code, participants=[]))
    assert response.status_code == 201, response.json()


def test_the_secretariat_of_a_body_may_not_record_another_bodys_meetings(
    client_as, body_secretariat, assembly
):
    response = create(client_as(body_secretariat), meeting_body(body="asp", participants=[]))
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_the_secretariat_of_everything_records_any_bodys_meeting(client_as, secretariat, assembly):
    response = create(client_as(secretariat), meeting_body(body="asp", participants=[]))
    assert response.status_code == 201, response.json()


def test_recording_a_meeting_needs_credentials(client_as, scope_body):
    assert create(client_as(None), meeting_body(participants=[])).status_code == 401
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("persona", ["focal_point", "other_focal_point", "reviewer", "partner"])
def test_party_people_may_not_record_meetings(persona, request, client_as, scope_body):
    body = meeting_body(body="nowhere", participants=[])
    assert create(client_as(person(request, persona)), body).status_code == 403
    assert create(client_as(person(request, persona)), meeting_body()).status_code == 403
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": "nowhere"}, "body"),
        ({"participants": ["FRA", "ZZZ"]}, "participants"),
        ({"documents": [0]}, "documents"),
        ({"decisions": [0]}, "decisions"),
        ({"kind": "party"}, "kind"),
        ({"title": ""}, "title"),
        ({"starts_on": "soon"}, "starts_on"),
        ({"ends_on": "2025-05-01"}, "ends_on"),
        ({"place": "x" * 300}, "place"),
        ({"precision": "range"}, "precision"),
        ({"precision": "month", "starts_on": "2025-05-06", "ends_on": None}, "starts_on"),
        ({"precision": "year", "starts_on": "2025-01-01", "ends_on": "2025-05-01"}, "ends_on"),
    ],
)
def test_bad_input_gets_422_naming_the_field_and_writes_nothing(
    changes, field, client_as, secretariat, scope_body, party_a, party_b
):
    response = create(client_as(secretariat), meeting_body(**changes))
    assert response.status_code == 422, response.json()
    assert field in response.json()["detail"][0]["loc"]
    assert not Meeting.objects.exists()


def test_an_unpublished_instrument_outside_ones_scope_is_unknown(
    client_as, body_secretariat, draft_decision
):
    body = meeting_body(participants=[], decisions=[draft_decision.pk])
    response = create(client_as(body_secretariat), body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "decisions"]
    assert "Confidential" not in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_shows_the_public_only_published_instruments(
    client_as, secretariat, body_secretariat, published_decision, draft_decision, scoped_draft
):
    meeting = make_meeting(
        secretariat,
        documents=[draft_decision.pk, scoped_draft.pk],
        decisions=[published_decision.pk, draft_decision.pk],
    )
    public = client_as(None).get(f"{URL}/{meeting.pk}").json()
    assert (public["documents"], public["decisions"]) == ([], [published_decision.pk])
    listed = client_as(None).get(URL).json()["items"][0]
    assert (listed["documents"], listed["decisions"]) == ([], [published_decision.pk])
    scoped = client_as(body_secretariat).get(f"{URL}/{meeting.pk}").json()
    assert scoped["documents"] == [scoped_draft.pk]
    everything = client_as(secretariat).get(f"{URL}/{meeting.pk}").json()
    assert sorted(everything["documents"]) == sorted([draft_decision.pk, scoped_draft.pk])


def test_the_list_is_newest_first_and_filters(
    client_as, secretariat, organ, assembly, party_a, party_b
):
    old = make_meeting(secretariat, starts_on="2023-01-10", ends_on=None, participants=["FRA"])
    organs = make_meeting(secretariat, body=organ.code, starts_on="2025-09-01", ends_on=None)
    other = make_meeting(
        secretariat, body="asp", kind="plenary", starts_on="2024-12-02", ends_on=None
    )
    client = client_as(None)

    def ids(query=""):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["items"]]

    assert ids() == [organs.pk, other.pk, old.pk]
    assert ids("body=osr-cthb") == [organs.pk, old.pk]
    assert ids("body=osr-alliance") == [organs.pk]
    assert ids("body=nowhere") == []
    assert ids("year=2024") == [other.pk]
    assert ids("kind=plenary") == [other.pk]
    assert ids("party=FRA") == [old.pk]
    assert ids("body=osr-cthb&year=2023") == [old.pk]
    assert ids("limit=1") == [organs.pk]


def test_an_unknown_meeting_is_404(client_as, db):
    assert client_as(None).get(f"{URL}/999").status_code == 404


def test_a_patch_changes_only_what_it_gives(client_as, body_secretariat, party_a, party_b):
    meeting = make_meeting(body_secretariat, participants=["FRA", "UKR"])
    response = patch(client_as(body_secretariat), meeting, {"place": "Kyiv", "participants": []})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["place"], data["participants"], data["title"]) == ("Kyiv", [], meeting.title)
    latest = Meeting.objects.get().history.first()
    assert (latest.place, latest.history_user) == ("Kyiv", body_secretariat)


def test_a_patch_keeps_the_links_the_caller_cannot_see(
    client_as, secretariat, body_secretariat, scope_body, draft_decision, published_decision
):
    meeting = make_meeting(secretariat, decisions=[draft_decision.pk])
    response = patch(client_as(body_secretariat), meeting, {"title": "Renamed"})
    assert response.status_code == 200, response.json()
    assert response.json()["decisions"] == []
    assert list(Meeting.objects.get().decisions.all()) == [draft_decision]
    body = {"decisions": [published_decision.pk]}
    assert patch(client_as(body_secretariat), meeting, body).status_code == 200
    kept = set(Meeting.objects.get().decisions.all())
    assert kept == {published_decision, draft_decision}
    assert patch(client_as(secretariat), meeting, {"decisions": []}).status_code == 200
    assert not Meeting.objects.get().decisions.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": None}, "title"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"participants": ["ZZZ"]}, "participants"),
        ({"body": "nowhere"}, "body"),
        ({"precision": None}, "precision"),
        ({"precision": "month"}, "starts_on"),
    ],
)
def test_a_bad_patch_gets_422_and_changes_nothing(
    changes, field, client_as, secretariat, scope_body
):
    meeting = make_meeting(secretariat)
    response = patch(client_as(secretariat), meeting, {"place": "Geneva", **changes})
    assert response.status_code == 422, response.json()
    assert field in response.json()["detail"][0]["loc"]
    assert Meeting.objects.get().place == "Vienna"
    assert Meeting.objects.get().history.count() == 1


def test_the_secretariat_of_a_body_may_not_move_a_meeting_out_of_its_scope(
    client_as, body_secretariat, assembly
):
    meeting = make_meeting(body_secretariat)
    assert patch(client_as(body_secretariat), meeting, {"body": "asp"}).status_code == 403
    assert Meeting.objects.get().body.code == "osr-cthb"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (None, 401),
        ("focal_point", 403),
        ("other_focal_point", 403),
        ("reviewer", 403),
        ("partner", 403),
        ("body_secretariat", 403),
        ("secretariat", 200),
    ],
)
def test_who_may_change_another_bodys_meeting(
    persona, status, request, client_as, secretariat, assembly
):
    meeting = make_meeting(secretariat, body="asp")
    response = patch(client_as(person(request, persona)), meeting, {"place": "The Hague"})
    assert response.status_code == status
    assert Meeting.objects.get().place == ("The Hague" if status == 200 else "Vienna")


def test_the_list_issues_a_constant_number_of_queries(
    client_as,
    secretariat,
    body_secretariat,
    party_a,
    published_decision,
    scoped_draft,
    django_assert_max_num_queries,
):
    for day in range(1, 21):
        make_meeting(
            secretariat,
            starts_on=f"2024-02-{day:02}",
            ends_on=None,
            participants=["FRA"],
            documents=[published_decision.pk, scoped_draft.pk],
        )
    client = client_as(body_secretariat)
    # The session, the person, their roles and scope, the body and its organs, the count, the
    # page, and one query for each of participants, documents and decisions.
    with django_assert_max_num_queries(11):
        response = client.get(URL, {"body": "osr-cthb", "year": 2024})
    assert response.status_code == 200
    assert len(response.json()["items"]) == 20


def test_a_meeting_dated_to_the_month_is_recorded_and_reread(client_as, secretariat, scope_body):
    body = meeting_body(starts_on="2002-05-01", ends_on=None, precision="month", participants=[])
    response = create(client_as(secretariat), body)
    assert response.status_code == 201, response.json()
    data = client_as(None).get(f"{URL}/{response.json()['id']}").json()
    assert (data["starts_on"], data["precision"]) == ("2002-05-01", "month")


def test_a_meeting_is_dated_to_the_day_unless_told_and_patched_to_the_year(
    client_as, secretariat, scope_body
):
    meeting = make_meeting(secretariat)
    assert client_as(None).get(f"{URL}/{meeting.pk}").json()["precision"] == "day"
    changes = {"precision": "year", "starts_on": "2025-01-01", "ends_on": None}
    response = patch(client_as(secretariat), meeting, changes)
    assert response.status_code == 200, response.json()
    assert (response.json()["precision"], response.json()["starts_on"]) == ("year", "2025-01-01")

"""The meeting pages: grouped by year, filtered by body and year, never naming a draft, and the
secretariat's forms that record and change meetings."""

import datetime as dt

import pytest
from django.urls import reverse

from concord.directory.models import Meeting
from concord.directory.tests.meetings_fixtures import *  # noqa: F403
from concord.directory.tests.meetings_fixtures import make_meeting
from concord.registry.models import Body
from concord.registry.tests.factories import BodyFactory, PartyFactory

LIST = reverse("directory:meeting_list")


def detail(meeting) -> str:
    return reverse("directory:meeting", kwargs={"meeting_id": meeting.pk})


@pytest.fixture
def held(secretariat, organ, assembly):
    """Three meetings: of the scoped body in 2023, of its organ in 2025, of the Assembly in 2024."""
    return {
        "office": make_meeting(secretariat, title="Office consultation", starts_on="2023-01-10"),
        "organ": make_meeting(
            secretariat,
            body=organ.code,
            title="Alliance conference",
            starts_on="2025-09-01",
            ends_on="2025-09-02",
        ),
        "assembly": make_meeting(
            secretariat,
            body="asp",
            kind="plenary",
            title="Assembly plenary",
            starts_on="2024-12-02",
            ends_on=None,
        ),
    }


def test_the_list_groups_meetings_by_year_newest_first(client_as, held):
    response = client_as(None).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'id="year-{year}"') for year in (2025, 2024, 2023)]
    assert positions == sorted(positions)
    assert html.index("Alliance conference") < html.index("Assembly plenary")
    assert f'<th scope="row"><a href="{detail(held["organ"])}">' in html
    assert "1 meeting in 2024" in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"body": "osr-cthb"}, {"office", "organ"}),
        ({"body": "osr-alliance"}, {"organ"}),
        ({"year": "2024"}, {"assembly"}),
        ({"body": "osr-cthb", "year": "2025"}, {"organ"}),
        ({}, {"office", "organ", "assembly"}),
    ],
)
def test_the_list_filters_by_body_with_its_organs_and_by_year(query, shown, client_as, held):
    html = client_as(None).get(LIST, query).content.decode()
    assert {name for name, meeting in held.items() if detail(meeting) in html} == shown


def test_a_bad_filter_is_reported_beside_its_field(client_as, held):
    html = client_as(None).get(LIST, {"year": "1066"}).content.decode()
    assert 'id="id_year-error"' in html
    assert 'aria-describedby="id_year-error"' in html
    assert detail(held["assembly"]) in html


def test_the_list_issues_a_constant_number_of_queries(
    client_as, secretariat, organ, django_assert_max_num_queries
):
    for day in range(1, 31):
        body = organ.code if day % 2 else "osr-cthb"
        make_meeting(secretariat, body=body, title=f"Meeting {day}", starts_on=f"2024-01-{day:02}")
    client = client_as(None)
    # Bodies and years for the form, the body and its organs (a query a level), count, rows.
    with django_assert_max_num_queries(7):
        assert client.get(LIST, {"body": "osr-cthb"}).status_code == 200


def test_a_meeting_shows_its_facts_and_links(
    client_as, secretariat, scope_body, published_decision
):
    PartyFactory(code="FRA", name="France")
    meeting = make_meeting(secretariat, participants=["FRA"], decisions=[published_decision.pk])
    html = client_as(None).get(detail(meeting)).content.decode()
    assert reverse("portal:body", args=[scope_body.code]) in html
    assert reverse("portal:party", args=["FRA"]) in html
    assert reverse("portal:instrument", args=[published_decision.pk]) in html
    assert 'datetime="2025-03-10"' in html and "Vienna" in html
    assert "National referral mechanisms" in html


@pytest.mark.parametrize("persona", [None, "secretariat", "body_secretariat"])
def test_a_meeting_never_names_an_unpublished_instrument(
    persona, request, client_as, secretariat, scoped_draft, draft_decision
):
    meeting = make_meeting(secretariat, documents=[scoped_draft.pk], decisions=[draft_decision.pk])
    viewer = request.getfixturevalue(persona) if persona else None
    html = client_as(viewer).get(detail(meeting)).content.decode()
    for draft in (scoped_draft, draft_decision):
        assert draft.title not in html
        assert reverse("portal:instrument", args=[draft.pk]) not in html
    assert "No published decision is recorded." in html


def test_an_unknown_meeting_is_404(client_as, db):
    assert (
        client_as(None).get(reverse("directory:meeting", kwargs={"meeting_id": 9})).status_code
        == 404
    )


def test_a_meeting_dated_to_the_month_or_year_says_no_more(client_as, secretariat, scope_body):
    may = make_meeting(secretariat, starts_on="2002-05-01", ends_on="2002-06-01", precision="month")
    make_meeting(
        secretariat, title="Stocktaking", starts_on="2003-01-01", ends_on=None, precision="year"
    )
    html = client_as(None).get(detail(may)).content.decode()
    may_to_june = '<time datetime="2002-05">May 2002</time> \N{EN DASH} <time datetime="2002-06">'
    assert may_to_june + "June 2002</time>" in html
    listed = client_as(None).get(LIST).content.decode()
    assert '<time datetime="2003">2003</time>' in listed
    assert '<time datetime="2002-05">May 2002</time>' in listed
    assert "2002-05-01" not in listed and "1 May" not in listed


# Recording and changing a meeting -----------------------------------------------------------

NEW = reverse("directory:meeting_new")


def edit_url(meeting) -> str:
    return reverse("directory:meeting_edit", kwargs={"meeting_id": meeting.pk})


def form_data(**changes) -> dict:
    return {
        "body": "osr-cthb",
        "kind": "workshop",
        "title": "Workshop on referral",
        "precision": "day",
        "starts_on": "2025-03-10",
        "ends_on": "2025-03-11",
        "place": "Vienna",
        "agenda": "1. Opening",
        **changes,
    }


def test_the_secretariat_records_a_meeting_with_its_links(
    client_as, secretariat, scope_body, party_a, party_b, published_decision, scoped_draft
):
    client = client_as(secretariat)
    form = client.get(NEW)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'value="osr-cthb"' in html and 'value="asp"' in html
    assert f'value="{scoped_draft.pk}"' in html
    data = form_data(
        participants=["FRA", "UKR"],
        documents=[scoped_draft.pk, published_decision.pk],
        decisions=[published_decision.pk],
    )
    response = client.post(NEW, data, follow=True)
    meeting = Meeting.objects.get()
    assert response.redirect_chain == [(detail(meeting), 302)]
    assert "The meeting is recorded." in response.content.decode()
    assert (meeting.body, meeting.title, meeting.place) == (
        scope_body,
        "Workshop on referral",
        "Vienna",
    )
    assert (meeting.starts_on, meeting.ends_on) == (dt.date(2025, 3, 10), dt.date(2025, 3, 11))
    assert {p.code for p in meeting.participants.all()} == {"FRA", "UKR"}
    assert {i.pk for i in meeting.documents.all()} == {scoped_draft.pk, published_decision.pk}
    assert [i.pk for i in meeting.decisions.all()] == [published_decision.pk]
    assert meeting.history.get().history_user == secretariat


@pytest.mark.parametrize(
    ("precision", "typed", "kept"),
    [("month", "2002-05-17", dt.date(2002, 5, 1)), ("year", "2003-08-09", dt.date(2003, 1, 1))],
)
def test_a_meeting_known_to_the_month_or_year_keeps_its_first_day(
    precision, typed, kept, client_as, secretariat, scope_body
):
    data = form_data(precision=precision, starts_on=typed, ends_on="")
    assert client_as(secretariat).post(NEW, data).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.precision, meeting.starts_on, meeting.ends_on) == (precision, kept, None)


def test_the_body_can_be_chosen_beforehand(client_as, secretariat, scope_body):
    html = client_as(secretariat).get(NEW, {"body": "osr-cthb"}).content.decode()
    assert '<option value="osr-cthb" selected>' in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"starts_on": "10 March"}, "starts_on"),
        ({"ends_on": "2025-03-01"}, "ends_on"),
        ({"participants": ["ZZZ"]}, "participants"),
        ({"documents": ["999999"]}, "documents"),
    ],
)
def test_a_bad_meeting_is_422_with_the_field_marked_and_nothing_written(
    changes, field, client_as, secretariat, scope_body, party_a, published_decision
):
    response = client_as(secretariat).post(NEW, form_data(**changes))
    html = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_{field}-error"' in html
    assert "aria-invalid" in html and "<title>Error:" in html
    assert "Nothing was saved." in html
    assert not Meeting.objects.exists()


def test_a_draft_out_of_sight_cannot_be_linked(client_as, body_secretariat, draft_decision):
    client = client_as(body_secretariat)
    assert f'value="{draft_decision.pk}"' not in client.get(NEW).content.decode()
    response = client.post(NEW, form_data(decisions=[draft_decision.pk]))
    assert response.status_code == 422
    assert not Meeting.objects.exists()


def test_a_body_secretariat_records_only_for_its_body_and_organs(
    client_as, body_secretariat, organ, assembly
):
    client = client_as(body_secretariat)
    html = client.get(NEW).content.decode()
    assert 'value="osr-cthb"' in html and 'value="osr-alliance"' in html
    assert 'value="asp"' not in html
    assert client.post(NEW, form_data(body="osr-alliance")).status_code == 302
    response = client.post(NEW, form_data(body="asp", title="Elsewhere"))
    assert response.status_code == 422
    assert 'id="id_body-error"' in response.content.decode()
    assert [m.body.code for m in Meeting.objects.all()] == ["osr-alliance"]


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "partner"])
def test_people_without_the_role_cannot_record_or_change_meetings(
    persona, request, client_as, secretariat, scope_body
):
    meeting = make_meeting(secretariat)
    client = client_as(request.getfixturevalue(persona))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert client.get(edit_url(meeting)).status_code == 403
    assert client.post(edit_url(meeting), form_data(title="Taken over")).status_code == 403
    assert Meeting.objects.get().title == meeting.title


def test_the_public_is_sent_to_sign_in(client_as, secretariat, scope_body):
    meeting = make_meeting(secretariat)
    client = client_as(None)
    for url in (NEW, edit_url(meeting)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login" in response["Location"]
    assert client.post(NEW, form_data()).status_code == 302
    assert Meeting.objects.count() == 1


def test_the_secretariat_changes_a_meeting(
    client_as, secretariat, scope_body, organ, party_a, party_b, published_decision
):
    meeting = make_meeting(secretariat, participants=["FRA"], decisions=[published_decision.pk])
    client = client_as(secretariat)
    html = client.get(edit_url(meeting)).content.decode()
    assert 'value="Workshop on victim identification"' in html
    assert 'value="FRA" id="id_participants_0" checked' in html
    data = form_data(
        body=organ.code,
        title="Renamed workshop",
        precision="month",
        starts_on="2025-04-15",
        ends_on="",
        participants=["UKR"],
    )
    response = client.post(edit_url(meeting), data, follow=True)
    assert response.redirect_chain == [(detail(meeting), 302)]
    assert "The meeting is saved." in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.body, meeting.title, meeting.starts_on) == (
        organ,
        "Renamed workshop",
        dt.date(2025, 4, 1),
    )
    assert [p.code for p in meeting.participants.all()] == ["UKR"]
    assert not meeting.decisions.exists()
    latest = meeting.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == secretariat and latest.history_type == "~"


def test_a_bad_change_is_422_and_changes_nothing(client_as, secretariat, scope_body, party_a):
    meeting = make_meeting(secretariat, participants=["FRA"])
    data = form_data(title="Half written", ends_on="2020-01-01", participants=[])
    response = client_as(secretariat).post(edit_url(meeting), data)
    assert response.status_code == 422
    assert 'id="id_ends_on-error"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Workshop on victim identification"
    assert [p.code for p in meeting.participants.all()] == ["FRA"]
    assert meeting.history.count() == 1


def test_a_change_keeps_the_drafts_the_writer_cannot_see(
    client_as, secretariat, body_secretariat, scope_body, draft_decision, scoped_draft
):
    meeting = make_meeting(secretariat, decisions=[draft_decision.pk, scoped_draft.pk])
    client = client_as(body_secretariat)
    html = client.get(edit_url(meeting)).content.decode()
    assert draft_decision.title not in html
    assert client.post(edit_url(meeting), form_data(decisions=[])).status_code == 302
    assert [i.pk for i in meeting.decisions.all()] == [draft_decision.pk]


def test_a_body_secretariat_cannot_change_a_meeting_of_another_body(
    client_as, secretariat, body_secretariat, assembly
):
    meeting = make_meeting(secretariat, body="asp")
    assert client_as(body_secretariat).get(edit_url(meeting)).status_code == 403


def test_changing_an_unknown_meeting_is_404(client_as, secretariat):
    url = reverse("directory:meeting_edit", kwargs={"meeting_id": 9})
    assert client_as(secretariat).get(url).status_code == 404


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        (None, False),
        ("focal_point", False),
        ("secretariat", True),
        ("body_secretariat", True),
    ],
)
def test_the_links_to_the_forms_are_shown_to_the_secretariat_only(
    persona, shown, request, client_as, secretariat, scope_body
):
    meeting = make_meeting(secretariat)
    client = client_as(request.getfixturevalue(persona) if persona else None)
    assert (f'href="{NEW}"' in client.get(LIST).content.decode()) is shown
    assert (f'href="{edit_url(meeting)}"' in client.get(detail(meeting)).content.decode()) is shown


def test_the_edit_link_needs_the_secretariat_of_the_meetings_body(
    client_as, secretariat, body_secretariat, assembly
):
    meeting = make_meeting(secretariat, body="asp")
    html = client_as(body_secretariat).get(detail(meeting)).content.decode()
    assert edit_url(meeting) not in html


def test_the_record_link_keeps_the_body_filtered(client_as, secretariat, scope_body):
    make_meeting(secretariat)
    html = client_as(secretariat).get(LIST, {"body": "osr-cthb"}).content.decode()
    assert f'href="{NEW}?body=osr-cthb"' in html


@pytest.mark.parametrize("persona", ["secretariat", "body_secretariat", "focal_point"])
def test_the_bodies_offered_are_those_the_rules_let_the_person_record(
    persona, request, organ, assembly
):
    from concord.directory.views.meetings import bodies_to_record

    BodyFactory(code="osr-alliance-wg", name="Working group of the Alliance", parent=organ)
    person = request.getfixturevalue(persona)
    offered = set(bodies_to_record(person))
    for body in Body.objects.all():
        assert (body in offered) is person.has_perm("directory.add_meeting", Meeting(body=body))

"""The meeting pages: grouped by year, filtered by body and year, and never naming a draft."""

import pytest
from django.urls import reverse

from concord.directory.tests.meetings_fixtures import *  # noqa: F403
from concord.directory.tests.meetings_fixtures import make_meeting
from concord.registry.tests.factories import PartyFactory

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

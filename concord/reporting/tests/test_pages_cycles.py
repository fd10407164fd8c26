"""The reporting cycle pages: the public list and page, and the secretariat's status table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.tests.factories import BodyFactory, InstrumentFactory, PartyFactory
from concord.reporting.models import Review, Submission, SubmissionStatus
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.pages_fixtures import move, open_today, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def current_cycle(instrument, secretariat, party_a, party_b):
    return open_today(instrument, secretariat, [party_a, party_b])


@pytest.fixture
def hidden_cycle(secretariat, party_a):
    """A cycle on an instrument still in review, of a body outside the scoped secretariat's."""
    instrument = InstrumentFactory(publication="in_review", title="Confidential plan")
    return open_cycle(instrument, secretariat, [party_a])


def test_the_public_lists_cycles_of_published_instruments_only(client_as, cycle, hidden_cycle):
    response = client_as(None).get("/reporting/cycles")
    assert response.status_code == 200
    assert cycle.name.encode() in response.content
    assert b"Confidential plan" not in response.content
    assert b"1 reporting cycle" in response.content


def test_the_secretariat_also_lists_cycles_it_runs_unpublished(
    client_as, secretariat, hidden_cycle
):
    response = client_as(secretariat).get("/reporting/cycles")
    assert b"Confidential plan" in response.content


def test_the_list_is_paginated_in_a_constant_number_of_queries(
    client_as, instrument, secretariat, party_a
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_as(None).get("/reporting/cycles").status_code == 200
        return len(captured)

    open_cycle(instrument, secretariat, [party_a])
    one = queries()
    for _ in range(4):
        open_cycle(instrument, secretariat, [party_a])
    assert queries() == one
    for _ in range(25):
        open_cycle(instrument, secretariat, [party_a])
    second = client_as(None).get("/reporting/cycles?page=2")
    assert b"Page 2 of 2" in second.content


def test_a_cycle_page_reads_a_constant_number_of_queries_whatever_its_parties(
    client_as, cycle, focal_point
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_as(focal_point).get(f"/reporting/cycles/{cycle.pk}").status_code == 200
        return len(captured)

    def add_parties(count: int) -> None:
        for _ in range(count):
            party = PartyFactory()
            cycle.parties.add(party)
            Submission.objects.create(cycle=cycle, party=party, status=SubmissionStatus.SUBMITTED)

    add_parties(1)
    few = queries()
    add_parties(10)
    assert queries() == few


def test_a_cycle_shows_its_instrument_deadline_zone_questionnaire_and_parties(
    client_as, cycle, scope_body
):
    scope_body.time_zone = "Europe/Vienna"
    scope_body.save()
    response = client_as(None).get(f"/reporting/cycles/{cycle.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/instruments/{cycle.instrument.pk}"' in html
    assert "Europe/Vienna" in html
    assert "Staff in the asset recovery office" in html
    assert "France" in html and "Ukraine" in html
    assert "Stocktaking" in html


def test_the_public_sees_no_link_to_a_draft_on_the_cycle_page(
    client_as, cycle, focal_point, party_a
):
    save(cycle, party_a, focal_point, {"1": "partially"})
    html = client_as(None).get(f"/reporting/cycles/{cycle.pk}").content.decode()
    assert f"/reporting/cycles/{cycle.pk}/parties/FRA" not in html
    assert "Draft" not in html
    assert "Not published yet" in html


def test_a_focal_point_sees_the_link_to_its_own_draft_only(client_as, cycle, focal_point, party_a):
    save(cycle, party_a, focal_point, {"1": "partially"})
    html = client_as(focal_point).get(f"/reporting/cycles/{cycle.pk}").content.decode()
    assert f"/reporting/cycles/{cycle.pk}/parties/FRA" in html
    assert "Draft: the submission of France" in html
    assert f"/reporting/cycles/{cycle.pk}/parties/UKR" not in html


def test_a_published_submission_is_linked_for_everyone(
    client_as, cycle, focal_point, secretariat, party_a
):
    submission = save(cycle, party_a, focal_point, {"1": "partially"})
    for target in ("submitted", "accepted", "published"):
        submission = move(submission, target, focal_point if target == "submitted" else secretariat)
    html = client_as(None).get(f"/reporting/cycles/{cycle.pk}").content.decode()
    assert "Published: the submission of France" in html


def test_a_cycle_of_an_unpublished_instrument_is_not_found(client_as, hidden_cycle, focal_point):
    for person in (None, focal_point):
        assert client_as(person).get(f"/reporting/cycles/{hidden_cycle.pk}").status_code == 404
    assert client_as(None).get("/reporting/cycles/999999").status_code == 404


# The status of every submission ----------------------------------------------------------


def test_the_status_page_sends_the_anonymous_to_sign_in(client_as, cycle):
    response = client_as(None).get(f"/reporting/cycles/{cycle.pk}/status")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login")


@pytest.mark.parametrize("persona", ["focal_point", "other_focal_point", "reviewer", "partner"])
def test_the_status_page_is_refused_to_all_but_the_secretariat(client_as, cycle, persona, request):
    person = request.getfixturevalue(persona)
    assert client_as(person).get(f"/reporting/cycles/{cycle.pk}/status").status_code == 403


def test_the_status_page_is_refused_to_another_body_secretariat(
    client_as, body_secretariat, secretariat, party_a
):
    elsewhere = InstrumentFactory(body=BodyFactory(code="other-body", name="Other body"))
    other = open_cycle(elsewhere, secretariat, [party_a])
    assert (
        client_as(body_secretariat).get(f"/reporting/cycles/{other.pk}/status").status_code == 403
    )


def test_the_status_page_of_an_invisible_cycle_is_not_found(
    client_as, body_secretariat, hidden_cycle
):
    assert (
        client_as(body_secretariat).get(f"/reporting/cycles/{hidden_cycle.pk}/status").status_code
        == 404
    )


def test_the_status_page_shows_status_dates_lateness_and_reviews(
    client_as, cycle, body_secretariat, focal_point, reviewer, party_a
):
    submission = save(cycle, party_a, focal_point, {"1": "partially"})
    submission = move(submission, SubmissionStatus.SUBMITTED, focal_point)
    Review.objects.create(submission=submission, author=reviewer, comment="Good start")
    Review.objects.create(submission=submission, author=reviewer, comment="More please")
    response = client_as(body_secretariat).get(f"/reporting/cycles/{cycle.pk}/status")
    assert response.status_code == 200
    html = response.content.decode()
    france = html[html.index("France") : html.index("</tr>", html.index("France"))]
    assert "Submitted" in france
    assert '<td data-label="Reviews">2</td>' in france
    assert '<strong class="late">' not in france
    ukraine = html[html.index("Ukraine") : html.index("</tr>", html.index("Ukraine"))]
    assert "Not started" in ukraine
    assert '<strong class="late">Late</strong>' in ukraine
    assert "1 party is late." in html


def test_no_party_is_late_before_the_deadline(client_as, current_cycle, secretariat):
    html = (
        client_as(secretariat).get(f"/reporting/cycles/{current_cycle.pk}/status").content.decode()
    )
    assert "no party is late yet" in html
    assert '<strong class="late">' not in html

"""Each person's reporting dashboard, and the selectors behind it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concord.registry.tests.factories import InstrumentFactory
from concord.reporting import dashboards
from concord.reporting.models import FollowUp, Recommendation, SubmissionStatus
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.pages_fixtures import move, open_today, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def current_cycle(instrument, secretariat, party_a, party_b):
    return open_today(instrument, secretariat, [party_a, party_b])


def recommend(
    cycle, party, author, text: str, status: str = FollowUp.NOT_STARTED
) -> Recommendation:
    return Recommendation.objects.create(
        cycle=cycle, party=party, text=text, issued_by=author, status=status
    )


def test_the_dashboard_sends_the_anonymous_to_sign_in(client_as):
    response = client_as(None).get("/reporting/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login")


def test_a_person_without_a_reporting_role_is_told_so(client_as, partner):
    response = client_as(partner).get("/reporting/")
    assert response.status_code == 200
    assert b"You hold no reporting role" in response.content


def test_the_focal_point_sees_open_cycles_with_days_left(client_as, current_cycle, focal_point):
    html = client_as(focal_point).get("/reporting/").content.decode()
    assert "As focal point" in html
    assert "Self-assessment" in html
    assert "20 days" in html
    assert "Not started" in html
    assert "Ukraine" not in html
    assert "As reviewer" not in html and "As secretariat" not in html


def test_the_focal_point_sees_its_drafts_returned_items_and_recommendations(
    client_as, current_cycle, cycle, focal_point, other_focal_point, reviewer, party_a, party_b
):
    save(current_cycle, party_a, focal_point, {"1": "partially"})
    returned = save(cycle, party_a, focal_point, {"1": "largely"})
    move(returned, SubmissionStatus.SUBMITTED, focal_point)
    move(returned, SubmissionStatus.RETURNED, reviewer)
    save(current_cycle, party_b, other_focal_point, {"1": "fully"})
    recommend(cycle, party_a, reviewer, "Adopt a law on asset freezing")
    recommend(cycle, party_a, reviewer, "Train prosecutors", FollowUp.IMPLEMENTED)
    recommend(cycle, party_b, reviewer, "Ukraine's own recommendation")
    html = client_as(focal_point).get("/reporting/").content.decode()
    drafts = html[html.index('id="drafts"') : html.index('id="recommendations"')]
    assert "Draft" in drafts and "<strong>Returned for revision</strong>" in drafts
    assert "Stocktaking 2026" in drafts
    assert "Ukraine" not in drafts
    recommendations = html[html.index('id="recommendations"') :]
    assert "Adopt a law on asset freezing" in recommendations
    assert "Train prosecutors" not in recommendations
    assert "Ukraine&#x27;s own recommendation" not in html


def test_empty_states_are_said_in_words(client_as, focal_point, reviewer, body_secretariat):
    html = client_as(focal_point).get("/reporting/").content.decode()
    assert "No cycle is open for your parties now." in html
    assert "You have no draft and nothing returned to you." in html
    assert "No recommendation waits for your answer." in html
    assert b"No submission waits for your review." in client_as(reviewer).get("/reporting/").content
    assert b"No cycle has been opened" in client_as(body_secretariat).get("/reporting/").content


def test_the_reviewer_sees_submitted_work_of_its_parties_only(
    client_as, current_cycle, focal_point, other_focal_point, reviewer, party_a, party_b
):
    france = save(current_cycle, party_a, focal_point, {"1": "partially"})
    ukraine = save(current_cycle, party_b, other_focal_point, {"1": "fully"})
    html = client_as(reviewer).get("/reporting/").content.decode()
    assert "No submission waits for your review." in html
    move(france, SubmissionStatus.SUBMITTED, focal_point)
    move(ukraine, SubmissionStatus.SUBMITTED, other_focal_point)
    html = client_as(reviewer).get("/reporting/").content.decode()
    assert f"/reporting/cycles/{current_cycle.pk}/parties/FRA" in html
    assert "/parties/UKR" not in html


def test_the_secretariat_sees_counts_by_status_and_late_parties(
    client_as, cycle, current_cycle, body_secretariat, focal_point, party_a
):
    submission = save(cycle, party_a, focal_point, {"1": "partially"})
    move(submission, SubmissionStatus.SUBMITTED, focal_point)
    html = client_as(body_secretariat).get("/reporting/").content.decode()
    assert "As secretariat" in html
    assert f'href="/reporting/cycles/{cycle.pk}/status"' in html
    assert f'href="/reporting/cycles/{current_cycle.pk}/status"' in html
    past = html[html.index(f"/reporting/cycles/{cycle.pk}/status") :]
    past = past[: past.index("</tr>")]
    assert '<td data-label="Submitted">1</td>' in past
    assert '<td data-label="Not started">1</td>' in past
    assert "Ukraine" in past and "France" not in past


def test_the_secretariat_sees_only_cycles_of_instruments_it_runs(
    client_as, secretariat, body_secretariat, party_a
):
    elsewhere = open_cycle(InstrumentFactory(title="Elsewhere"), secretariat, [party_a])
    assert (
        f"/reporting/cycles/{elsewhere.pk}/status".encode()
        not in client_as(body_secretariat).get("/reporting/").content
    )
    assert (
        f"/reporting/cycles/{elsewhere.pk}/status".encode()
        in client_as(secretariat).get("/reporting/").content
    )


# The selectors ----------------------------------------------------------------------------


def test_open_cycles_leave_out_those_not_yet_open_and_those_past(
    instrument, secretariat, focal_point, party_a
):
    open_now = open_today(instrument, secretariat, [party_a], days_left=0, name="Last day")
    open_cycle(instrument, secretariat, [party_a])  # deadline long past
    today = timezone.localdate()
    services_cycle = open_today(instrument, secretariat, [party_a], name="Future")
    services_cycle.opens_on = today + dt.timedelta(days=3)
    services_cycle.save()
    found = dashboards.open_cycles(focal_point, {party_a.pk})
    assert [(item.cycle, item.days_left) for item in found] == [(open_now, 0)]


def test_days_left_count_in_the_body_time_zone(
    instrument, scope_body, secretariat, focal_point, party_a
):
    scope_body.time_zone = "Pacific/Kiritimati"  # UTC+14
    scope_body.save()
    cycle = open_today(instrument, secretariat, [party_a], days_left=5)
    # At 11:00 UTC it is already the next day in Kiritimati: one day fewer is left there.
    now = timezone.now().replace(hour=11, minute=0)
    cycle.deadline = now.date() + dt.timedelta(days=5)
    cycle.save()
    [item] = dashboards.open_cycles(focal_point, {party_a.pk}, now)
    assert item.days_left == 4


def test_the_dashboard_reads_in_a_constant_number_of_queries(
    client_as, instrument, secretariat, focal_point, party_a, party_b
):
    def queries() -> list[int]:
        counts = []
        for person in (secretariat, focal_point):
            with CaptureQueriesContext(connection) as captured:
                assert client_as(person).get("/reporting/").status_code == 200
            counts.append(len(captured))
        return counts

    first = open_today(instrument, secretariat, [party_a, party_b])
    save(first, party_a, focal_point, {"1": "partially"})
    few = queries()
    for n in range(4):
        more = open_today(instrument, secretariat, [party_a, party_b], name=f"Cycle {n}")
        save(more, party_a, focal_point, {"1": "partially"})
    assert queries() == few

"""Quarterly reports by responsible ministry on the pages: each ministry its own figures only."""

import datetime as dt

import pytest
from django.utils import timezone

from concord.indicators.models import Approval, Value
from concord.indicators.periods import period_for
from concord.reporting import services
from concord.reporting.models import Answer, Submission
from concord.reporting.tests.conftest import put
from concord.reporting.tests.quarterly_fixtures import *  # noqa: F403
from concord.reporting.tests.quarterly_fixtures import QUARTER

pytestmark = pytest.mark.django_db


def url(cycle, party: str = "FRA", suffix: str = "") -> str:
    return f"/reporting/cycles/{cycle.pk}/parties/{party}{suffix}"


def question_of(cycle, code: str):
    return cycle.questions.get(indicator__code=code)


@pytest.fixture
def filled(quarter, client_as, focal_point):
    """The focal point has answered the provision and the free question."""
    free = quarter.questions.get(indicator__isnull=True, provision__isnull=True)
    api = f"/api/cycles/{quarter.pk}/submissions/FRA"
    saved = put(client_as(focal_point), api, 0, {"1": "largely", free.key: "A new portal."})
    assert saved.status_code == 200
    return quarter


def test_a_ministry_is_asked_its_own_figures_only(filled, client_as, economy):
    response = client_as(economy).get(url(filled, suffix="/edit"))
    assert response.status_code == 200
    html = response.content.decode()
    start = question_of(filled, "days-to-start")
    taxes = question_of(filled, "hours-to-pay-taxes")
    assert f'name="value_{start.pk}"' in html
    assert "reported by Ministry for Enterprise" in html
    assert f'name="value_{taxes.pk}"' not in html
    assert "A new portal." not in html and "Largely implemented" not in html


def test_a_ministry_saves_its_figure_and_nothing_else(filled, client_as, economy):
    start = question_of(filled, "days-to-start")
    taxes = question_of(filled, "hours-to-pay-taxes")
    response = client_as(economy).post(
        url(filled, suffix="/edit"),
        {
            "version": "1",
            f"value_{start.pk}": "21",
            f"note_{start.pk}": "Survey",
            # Not its question: the form has no such field, so it is never read.
            f"value_{taxes.pk}": "99",
        },
    )
    assert response.status_code == 302
    answers = {a.question_id: (a.value, a.note) for a in Answer.objects.all()}
    assert answers[start.pk] == (21, "Survey")
    assert taxes.pk not in answers
    assert Answer.objects.get(question=start).answered_by == economy


def test_a_ministry_sees_its_figures_on_the_submission_and_nothing_else(filled, client_as, economy):
    response = client_as(economy).get(url(filled))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the figures your body reports" in html
    assert "Days to start a business" in html
    assert "Hours to pay taxes" not in html
    assert "A new portal." not in html and "Largely implemented" not in html
    assert 'id="evidence"' not in html
    assert "/step/submit" not in html


def test_another_partys_ministry_finds_nothing(filled, client_as, ukrainian_ministry):
    ministry = client_as(ukrainian_ministry)
    assert ministry.get(url(filled)).status_code == 404
    assert ministry.get(url(filled, suffix="/edit")).status_code == 404


def test_a_ministry_cannot_submit_from_the_page(filled, client_as, economy):
    start = question_of(filled, "days-to-start")
    client_as(economy).post(
        url(filled, suffix="/edit"), {"version": "1", f"value_{start.pk}": "21"}
    )
    response = client_as(economy).post(url(filled, suffix="/step/submit"), {"comment": ""})
    assert response.status_code == 403
    assert Submission.objects.get().status == "draft"


def test_the_focal_point_submits_and_the_secretariat_accepts_the_figures(
    filled, client_as, economy, focal_point, secretariat
):
    start = question_of(filled, "days-to-start")
    client_as(economy).post(
        url(filled, suffix="/edit"), {"version": "1", f"value_{start.pk}": "21"}
    )
    submitted = client_as(focal_point).post(url(filled, suffix="/step/submit"), {"comment": ""})
    assert submitted.status_code == 302
    figure = Value.objects.get(party__code="FRA", period__code=QUARTER)
    assert (figure.number, figure.approval, figure.entered_by) == (21, Approval.PENDING, economy)
    client_as(secretariat).post(url(filled, suffix="/step/accept"), {"comment": ""})
    figure.refresh_from_db()
    assert figure.approval == Approval.APPROVED


def test_a_ministrys_dashboard_lists_the_open_cycles_asking_its_figures(
    instrument, indicators, secretariat, party_a, party_b, client_as, economy, ukrainian_ministry
):
    today = timezone.localdate()
    cycle = services.cycle_open(
        user=secretariat,
        instrument=instrument,
        name="Quarterly report 2026-Q3",
        phase="periodic_report",
        indicator_period=period_for("2026-Q3"),
        opens_on=today,
        deadline=today + dt.timedelta(days=10),
        parties=[party_a, party_b],
        indicators=list(indicators.values()),
    )
    html = client_as(economy).get("/reporting/").content.decode()
    assert "Figures your body reports" in html
    assert url(cycle) in html and url(cycle, "UKR") not in html
    assert "10 days left" in html
    # Ukraine's ministry reports none of these indicators.
    other = client_as(ukrainian_ministry).get("/reporting/").content.decode()
    assert "No open cycle asks the figures your body reports now." in other

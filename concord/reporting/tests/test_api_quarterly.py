"""Quarterly reports by responsible ministry through the HTTP API.

Each ministry answers its own indicators' figures in its party's submission and nothing else;
the focal point submits; the figures then wait for approval, and follow the secretariat's
acceptance or return of the submission.
"""

import datetime as dt

import pytest
from django.utils import timezone

from concord.accounts.models import Role
from concord.indicators.models import Approval, Indicator, PeriodLock, Value
from concord.indicators.periods import period_for
from concord.reporting import reviewing
from concord.reporting.models import Answer, ReportingCycle, Submission, SubmissionStatus
from concord.reporting.tests.conftest import post, put
from concord.reporting.tests.quarterly_fixtures import *  # noqa: F403
from concord.reporting.tests.quarterly_fixtures import QUARTER, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(quarter) -> str:
    return f"/api/cycles/{quarter.pk}/submissions/FRA"


@pytest.fixture
def answered(quarter, url, client_as, economy, finance, focal_point):
    """Each ministry has given its figure, the focal point the rest; not yet submitted."""
    k = keys(quarter)
    assert (
        put(
            client_as(economy), url, 0, {k["days-to-start"]: {"value": 21, "note": "Survey"}}
        ).status_code
        == 200
    )
    assert put(client_as(finance), url, 1, {k["hours-to-pay-taxes"]: 168.5}).status_code == 200
    saved = put(client_as(focal_point), url, 2, {"1": "largely", k["free"]: "A new portal."})
    assert saved.status_code == 200, saved.json()
    return k


def figures() -> dict[str, Value]:
    return {
        v.indicator.code: v
        for v in Value.objects.filter(party__code="FRA", period__code=QUARTER).select_related(
            "indicator", "entered_by"
        )
    }


def test_opening_a_cycle_on_a_quarter_asks_for_the_indicators(
    client_as, secretariat, instrument, indicators, party_a
):
    created = client_as(secretariat).post(
        "/api/cycles",
        {
            "instrument": instrument.pk,
            "name": "Quarterly report 2026-Q4",
            "phase": "periodic_report",
            "indicator_period": "2026-q4",
            "indicators": ["days-to-start", "hours-to-pay-taxes"],
            "opens_on": "2027-01-01",
            "deadline": "2027-01-30",
            "parties": ["FRA"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["indicator_period"], body["period_start"], body["period_end"]) == (
        QUARTER,
        "2026-10-01",
        "2026-12-31",
    )
    questions = client_as(None).get(f"/api/cycles/{body['id']}/questionnaire").json()
    assert [(q["indicator"], q["responsible_body"], q["unit"]) for q in questions] == [
        ("days-to-start", "fra-economy", "days"),
        ("hours-to-pay-taxes", "fra-finance", "hours per year"),
    ]


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"indicator_period": "2026-Q5"}, "indicator_period", "is not a period"),
        ({"period_start": "2025-10-01"}, "period_start", "that of 2026-Q4"),
        ({"indicators": ["unknown"]}, "indicators", "Unknown: unknown"),
        ({"indicator_period": None}, "period_start", "Give the period covered"),
    ],
)
def test_a_bad_quarter_is_refused_naming_the_field_and_nothing_is_opened(
    client_as, secretariat, instrument, indicators, change, field, says
):
    payload = {
        "instrument": instrument.pk,
        "name": "Quarterly report",
        "phase": "periodic_report",
        "indicator_period": QUARTER,
        "indicators": ["days-to-start"],
        "opens_on": "2027-01-01",
        "deadline": "2027-01-30",
        **change,
    }
    refused = client_as(secretariat).post("/api/cycles", payload, content_type="application/json")
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert detail[0]["loc"] == ["body", field], detail
    assert says in detail[0]["msg"]
    assert not ReportingCycle.objects.exists()


def test_a_ministry_reads_and_answers_only_its_own_figures(
    answered, url, client_as, economy, finance
):
    seen = client_as(economy).get(url)
    assert seen.status_code == 200
    assert seen.json()["answers"] == {answered["days-to-start"]: {"value": 21, "note": "Survey"}}
    assert set(client_as(finance).get(url).json()["answers"]) == {answered["hours-to-pay-taxes"]}


@pytest.mark.parametrize("other", ["hours-to-pay-taxes", "free", "provision"])
def test_a_ministry_cannot_answer_anything_else_and_nothing_changes(
    answered, url, client_as, economy, other
):
    key = "1" if other == "provision" else answered[other]
    stored = list(Answer.objects.order_by("pk").values_list("value", flat=True))
    refused = put(client_as(economy), url, 3, {answered["days-to-start"]: 19, key: None})
    assert refused.status_code == 403
    assert key in refused.json()["detail"]
    assert list(Answer.objects.order_by("pk").values_list("value", flat=True)) == stored
    assert Submission.objects.get().version == 3


def test_a_ministry_does_not_answer_another_partys_figures(
    quarter, client_as, ukrainian_ministry, economy
):
    france = f"/api/cycles/{quarter.pk}/submissions/FRA"
    ukraine = f"/api/cycles/{quarter.pk}/submissions/UKR"
    # Ukraine's ministry reports none of the cycle's indicators: nothing of it is its to see.
    assert client_as(ukrainian_ministry).get(france).status_code == 404
    assert put(client_as(ukrainian_ministry), france, 0, {}).status_code == 404
    # France's Ministry for Enterprise is France's: Ukraine's figures are not its to give.
    assert client_as(economy).get(ukraine).status_code == 404


def test_a_ministry_neither_submits_nor_works_on_the_rest_of_the_submission(
    answered, url, client_as, economy, quarter
):
    ministry = client_as(economy)
    assert post(ministry, f"{url}/submit").status_code == 403
    assert ministry.get(f"{url}/xlsx").status_code in (403, 404)
    assert ministry.get(f"{url}/evidence").status_code == 404
    assert ministry.get(f"{url}/reviews").status_code == 404
    earlier = ReportingCycle.objects.create(
        instrument=quarter.instrument,
        name="Earlier",
        phase="periodic_report",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
        opens_on=dt.date(2026, 10, 1),
        deadline=dt.date(2026, 10, 30),
    )
    carried = ministry.post(
        f"{url}/carry-forward", {"from_cycle": earlier.pk}, content_type="application/json"
    )
    assert carried.status_code in (403, 404)
    assert Submission.objects.get().status == SubmissionStatus.DRAFT


def test_submitting_enters_each_figure_as_the_ministry_that_gave_it(
    answered, url, client_as, focal_point, quarter
):
    assert post(client_as(focal_point), f"{url}/submit").status_code == 200
    entered = figures()
    assert set(entered) == {"days-to-start", "hours-to-pay-taxes"}
    start, taxes = entered["days-to-start"], entered["hours-to-pay-taxes"]
    assert (start.number, start.approval, start.entered_by.username) == (21, "pending", "economy")
    assert (taxes.number, taxes.entered_by.username) == (168.5, "finance")
    assert start.note == "Survey"
    assert start.source == f"Quarterly report 2026-Q4, reporting cycle {quarter.pk}"
    assert start.history.first().history_user.username == "economy"
    answer = Answer.objects.get(question__indicator__code="days-to-start")
    assert answer.figure == start
    # Not public: only approved figures are.
    assert (
        client_as(None).get("/api/indicators/days-to-start/values?party=FRA").json()["count"] == 0
    )


def test_accepting_approves_the_figures_and_returning_returns_them(
    answered, url, client_as, focal_point, secretariat
):
    fp, sec = client_as(focal_point), client_as(secretariat)
    assert post(fp, f"{url}/submit").status_code == 200
    assert post(sec, f"{url}/return", "Check the survey date.").status_code == 200
    returned = figures()
    assert {v.approval for v in returned.values()} == {Approval.RETURNED}
    assert returned["days-to-start"].comment == "Check the survey date."

    assert post(fp, f"{url}/submit").status_code == 200
    assert {v.approval for v in figures().values()} == {Approval.PENDING}
    assert post(sec, f"{url}/accept").status_code == 200
    approved = figures()
    assert {v.approval for v in approved.values()} == {Approval.APPROVED}
    assert approved["days-to-start"].history.first().history_user == secretariat


def test_a_returned_figure_carries_the_reviews_comment_on_its_question(
    answered, url, client_as, focal_point, secretariat, quarter
):
    assert post(client_as(focal_point), f"{url}/submit").status_code == 200
    submission = Submission.objects.get()
    reviewing.review_create(
        submission=submission,
        user=secretariat,
        comment="Two figures to check.",
        items={answered["days-to-start"]: {"comment": "The survey is from 2025."}},
    )
    assert post(client_as(secretariat), f"{url}/return").status_code == 200
    returned = figures()
    assert returned["days-to-start"].comment == "The survey is from 2025."
    assert returned["hours-to-pay-taxes"].comment == "Two figures to check."


def test_a_reviewers_acceptance_leaves_the_figures_to_the_secretariat(
    answered, url, client_as, focal_point, reviewer
):
    assert post(client_as(focal_point), f"{url}/submit").status_code == 200
    assert post(client_as(reviewer), f"{url}/accept").status_code == 200
    assert {v.approval for v in figures().values()} == {Approval.PENDING}


def test_a_figure_that_cannot_be_entered_stops_the_submission_and_nothing_is_written(
    answered, url, client_as, focal_point, secretariat
):
    PeriodLock.objects.create(
        indicator=Indicator.objects.get(code="hours-to-pay-taxes"),
        period=period_for(QUARTER),
        locked_by=secretariat,
        locked_at=timezone.now(),
    )
    refused = post(client_as(focal_point), f"{url}/submit")
    assert refused.status_code == 422
    detail = refused.json()["detail"][0]
    assert detail["loc"] == ["body", "answers", answered["hours-to-pay-taxes"]]
    assert "locked" in detail["msg"]
    submission = Submission.objects.get()
    assert (submission.status, submission.version) == (SubmissionStatus.DRAFT, 3)
    assert not Value.objects.filter(period__code=QUARTER).exists()
    assert not Answer.objects.filter(figure__isnull=False).exists()


def test_a_figure_given_by_someone_who_may_no_longer_enter_it_is_named(
    answered, url, client_as, focal_point, economy
):
    today = timezone.localdate()
    Role.objects.filter(user=economy).update(
        starts_on=today - dt.timedelta(days=10), ends_on=today - dt.timedelta(days=1)
    )
    refused = post(client_as(focal_point), f"{url}/submit")
    assert refused.status_code == 422
    detail = refused.json()["detail"][0]
    assert detail["loc"] == ["body", "answers", answered["days-to-start"]]
    assert "economy" in detail["msg"]
    assert not Value.objects.filter(period__code=QUARTER).exists()


def test_a_figure_that_cannot_be_recorded_is_refused_when_saved(quarter, url, client_as, economy):
    key = keys(quarter)["days-to-start"]
    refused = put(client_as(economy), url, 0, {key: 1.1234567})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "answers", key]
    assert not Answer.objects.exists()

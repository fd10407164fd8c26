"""The worked example of reporting, on the real seeds, played by the demo accounts."""

from io import StringIO

import pytest
from django.test import Client

from concord.accounts.demo import create_demo_accounts
from concord.demo.reporting import OSCE_REPORT, SELF_ASSESSMENT, load_reporting_example
from concord.registry.models import ProvisionKind
from concord.reporting.models import (
    PlanAction,
    Recommendation,
    ReformProject,
    ReportingCycle,
    Submission,
    SubmissionStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(demo, settings):
    settings.DEBUG = True
    create_demo_accounts(stdout=StringIO())
    out = StringIO()
    assert load_reporting_example(stdout=out)
    return out.getvalue()


def test_the_example_opens_three_cycles_with_a_submission_at_each_step(example):
    cycles = {c.name: c for c in ReportingCycle.objects.all()}
    assert set(cycles) == {
        "Stocktaking 2003 (demo)",
        "Self-assessment 2026 (demo)",
        "Periodic report 2026 (demo)",
    }
    stocktaking = cycles["Stocktaking 2003 (demo)"]
    assert set(stocktaking.submissions.values_list("status", flat=True)) == {"published"}
    assert stocktaking.submissions.get(party__code="IDN").published_at.year == 2004
    for name, plans in [
        ("Self-assessment 2026 (demo)", SELF_ASSESSMENT),
        ("Periodic report 2026 (demo)", OSCE_REPORT),
    ]:
        got = dict(cycles[name].submissions.values_list("party__code", "status"))
        assert got == {plan.party: plan.status for plan in plans}
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert statuses == set(SubmissionStatus.values)


def test_the_osce_report_asks_about_every_recommended_action_of_the_addendum(example):
    report = ReportingCycle.objects.get(name="Periodic report 2026 (demo)")
    asked = report.questions.filter(provision__isnull=False)
    assert (
        asked.count()
        == report.instrument.provisions.filter(kind=ProvisionKind.RECOMMENDED_ACTION).count()
    )
    assert asked.count() >= 25
    assert report.instrument.body.zone().key == "Europe/Vienna"
    first = asked.select_related("provision").first()
    assert first.provision.ref == "II.s1.1.1"


def test_each_step_was_taken_by_the_demo_account_whose_role_takes_it(example):
    published = Submission.objects.get(cycle__name="Self-assessment 2026 (demo)", party__code="KGZ")
    steps = [
        (record.status, record.history_user.username)
        for record in published.history.order_by("history_id")
        if record.history_user
    ]
    assert ("submitted", "focal-KGZ") in steps
    assert ("accepted", "secretariat") in steps
    assert ("published", "secretariat") in steps
    returned = Submission.objects.get(cycle__name="Periodic report 2026 (demo)", party__code="AZE")
    assert returned.history.filter(status="returned").first().history_user.username == "reviewer"


def test_the_public_sees_published_submissions_only(example):
    client = Client()
    cycle = ReportingCycle.objects.get(name="Periodic report 2026 (demo)")
    published = client.get(f"/api/cycles/{cycle.pk}/submissions/VAT")
    assert published.status_code == 200
    assert published.json()["answers"]
    for plan in OSCE_REPORT:
        if plan.status != SubmissionStatus.PUBLISHED:
            assert client.get(f"/api/cycles/{cycle.pk}/submissions/{plan.party}").status_code == 404


def test_a_second_load_leaves_the_example_as_people_left_it(example):
    out = StringIO()
    assert not load_reporting_example(stdout=out)
    assert "already there" in out.getvalue()
    assert ReportingCycle.objects.count() == 3


def test_the_draft_is_carried_forward_from_the_stocktaking(example):
    draft = Submission.objects.get(cycle__name="Self-assessment 2026 (demo)", party__code="IDN")
    assert draft.status == SubmissionStatus.DRAFT
    assert draft.carried_from.cycle.name == "Stocktaking 2003 (demo)"
    assert draft.answers.count() == draft.carried_from.answers.count() > 0


def test_reviews_recommendations_and_their_follow_up(example):
    returned = Submission.objects.get(cycle__name="Self-assessment 2026 (demo)", party__code="PHL")
    review = returned.reviews.get()
    assert review.author.username == "reviewer"
    assert review.items.filter(internal=True).count() == 1
    philippines = Recommendation.objects.filter(party__code="PHL").order_by("cycle__opens_on")
    assert [r.is_published for r in philippines] == [True, False]
    assert philippines[0].status == "in_progress"
    assert philippines[0].updates.get().cycle.name == "Self-assessment 2026 (demo)"
    action = PlanAction.objects.get(party__code="PHL")
    assert set(action.recommendations.all()) == set(philippines)
    public = Client().get("/api/recommendations").json()
    assert [r["party"] for r in public["items"]] == ["PHL"]


def test_a_reform_project_needs_donor_support_and_has_its_midterm_review(example):
    project = ReformProject.objects.get(party__code="MNG")
    assert project.is_published
    assert project.support_needs.get(kind="financial").amount == 250_000
    assert project.reviews.get().stage == "midterm"
    assert Client().get(f"/reporting/reform-projects/{project.pk}").status_code == 200

"""Writing a party's plan in Chromium, with axe-core (WCAG 2.2 AA) on every form it passes.

A focal point plans an action answering a recommendation (after a mistake the page names),
publishes it, and the public reads it on the plan page; the focal point proposes a reform
project with its support needs, and a reviewer reviews it once published.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from concord.conftest import make_persona, persona_scope
from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting.models import PlanAction, ProjectReview, Recommendation, ReformProject
from concord.reporting.tests.pages_fixtures import open_today
from concord.reporting.tests.test_browser_reporting import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def recommendation():
    party_a, party_b = persona_scope("party_a"), persona_scope("party_b")
    instrument = InstrumentFactory(
        body=persona_scope("body"), title="Action plan on asset recovery"
    )
    ProvisionFactory(instrument=instrument, seq=1, ref="1", text="Adopts laws.")
    ProvisionFactory(instrument=instrument, seq=2, ref="2", text="Freezes assets.")
    secretariat = make_persona("secretariat")
    cycle = open_today(instrument, secretariat, [party_a, party_b])
    for name in ("focal_point", "reviewer"):
        make_persona(name)
    return Recommendation.objects.create(
        cycle=cycle,
        party=party_a,
        text="Staff the asset recovery office.",
        issued_by=secretariat,
        published_at=timezone.now(),
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_focal_point_plans_and_publishes_an_action_the_public_then_reads(
    browser,  # noqa: F811
    live_server,
    recommendation,
    width,
):
    base, plan = live_server.url, "/reporting/parties/FRA/plan"
    focal = open_page(browser, width)
    sign_in(focal, base, "focal-point", plan)
    expect(focal.locator("h1")).to_have_text("Implementation plan of France")
    check(focal, "plan page, focal point")
    focal.get_by_role("button", name="Plan an action").click()
    expect(focal.locator("h1")).to_have_text("Plan an action — France")
    check(focal, "new action form")

    focal.get_by_label("Lead institution").fill("Ministry of Justice")
    focal.get_by_label("Staff the asset recovery office.").check()
    focal.get_by_role("button", name="Save the action").click()
    expect(focal.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(focal.locator("#id_title-error")).to_contain_text("This field is required.")
    expect(focal.get_by_label("Action", exact=True)).to_have_attribute("aria-invalid", "true")
    check(focal, "new action form with errors")

    focal.get_by_label("Action", exact=True).fill("Recruit ten investigators")
    focal.get_by_label("Due date").fill("2027-06-30")
    focal.get_by_label("1 — Adopts laws.").check()
    focal.get_by_role("button", name="Save the action").click()
    expect(focal.get_by_role("status")).to_contain_text("saved as a draft")
    expect(focal.locator(".draft-label").first).to_have_text("Draft")
    check(focal, "plan page with a draft")
    focal.get_by_role("button", name="Publish — Recruit ten investigators").first.click()
    expect(focal.get_by_role("status")).to_contain_text("is published")
    action = PlanAction.objects.get()
    assert action.is_published and list(action.recommendations.all()) == [recommendation]
    focal.context.close()

    public = open_page(browser, width)
    public.goto(base + plan)
    section = public.locator("section.plan-group", has_text="Staff the asset recovery office.")
    expect(section).to_contain_text("Recruit ten investigators")
    expect(public.get_by_role("button", name="Plan an action")).to_have_count(0)
    expect(public.get_by_role("link", name="Edit")).to_have_count(0)
    check(public, "plan page, signed out")
    public.context.close()


def test_a_project_is_proposed_published_and_reviewed(browser, live_server, recommendation):  # noqa: F811
    base, plan = live_server.url, "/reporting/parties/FRA/plan"
    focal = open_page(browser, 360)
    sign_in(focal, base, "focal-point", plan)
    focal.get_by_role("button", name="Propose a reform project").click()
    check(focal, "new project form")
    focal.get_by_label("Title").fill("Asset recovery office")
    focal.get_by_label("Priority area").fill("Asset recovery")
    focal.get_by_label("Responsible agency").fill("Prosecutor General")
    focal.get_by_label("Objectives").fill("An office that traces and freezes assets.")
    need = focal.get_by_role("group", name="Need 1")
    need.get_by_label("Kind of support").select_option("financial")
    need.get_by_label("Amount").fill("250000")
    focal.get_by_role("button", name="Save the project").click()
    expect(focal.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(focal.locator("#id_needs-0-currency-error")).to_contain_text("needs its currency")
    check(focal, "new project form with errors")
    focal.get_by_role("group", name="Need 1").get_by_label("Currency (ISO 4217)").fill("EUR")
    focal.get_by_role("button", name="Save the project").click()
    expect(focal.get_by_role("status")).to_contain_text("saved as a draft")
    check(focal, "draft project page")
    focal.get_by_role("button", name="Publish — Asset recovery office").click()
    expect(focal.get_by_role("status")).to_contain_text("The project is published")
    focal.context.close()

    reviewer = open_page(browser, 1280)
    project = ReformProject.objects.get()
    sign_in(reviewer, base, "reviewer", f"/reporting/reform-projects/{project.pk}")
    reviewer.get_by_role("link", name="Review the project").click()
    check(reviewer, "project review form")
    reviewer.get_by_label("Progress").select_option("partially")
    reviewer.get_by_label("Assessment").fill("Office set up; staffing behind schedule.")
    reviewer.get_by_role("button", name="Record the review").click()
    expect(reviewer.get_by_role("status")).to_contain_text("The review is recorded.")
    expect(reviewer.get_by_role("heading", name="Midterm review")).to_be_visible()
    assert ProjectReview.objects.get().author.username == "reviewer"
    reviewer.context.close()

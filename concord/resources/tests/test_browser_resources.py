"""Funding by result in Chromium, with axe-core (WCAG 2.2 AA) on each page: a reader drills
down from the goal to an activity, then opens a partner and a modality; the secretariat records
contributions and a funding modality, changes its IATI publisher, and changes a need drawn from
a reform project."""

import pytest
from playwright.sync_api import expect

from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.reporting.tests.test_browser_reporting import check, sign_in
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
    contribution_publish,
)
from concord.resources.publishing import publisher_put
from concord.resources.tests.conftest import DAY
from concord.resources.tests.needs_fixtures import *  # noqa: F403  (its fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def funded(org_secretariat, netherlands, organization, framework, modalities):
    contribution = contribution_create(
        user=org_secretariat,
        partner=netherlands,
        organization=organization,
        reference="NL-FMM",
        status="approved",
        on=DAY,
        data=ContributionData(
            title="Multipartner support",
            amount="250000",
            currency="USD",
            modality=modalities["fmm"],
        ),
    )
    allocations_set(
        user=org_secretariat,
        contribution=contribution,
        shares=[Share(framework.nodes["A.1.1"], share="100")],
    )
    contribution_publish(user=org_secretariat, contribution=contribution)
    return framework


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_drills_down_the_funding_tree(browser, live_server, funded, width):  # noqa: F811
    base = live_server.url
    page = open_page(browser, width)
    page.goto(f"{base}/resources/")
    check(page, "resources overview")
    page.get_by_role("link", name=funded.title).click()
    expect(page.locator("h1")).to_have_text("Funding by result")
    expect(page.locator("#chosen")).to_contain_text("Goal")
    check(page, "funding, the goal")
    page.get_by_role("link", name="A", exact=True).click()
    expect(page.locator("#chosen")).to_contain_text("Outcome A")
    check(page, "funding, an outcome")
    page.get_by_role("link", name="A1", exact=True).first.click()
    expect(page.locator("#chosen")).to_contain_text("Output A1")
    table = page.get_by_role("table")
    expect(table).to_contain_text("250,000.00")
    nobody = page.get_by_role("region", name="Results nobody funds")
    expect(nobody).to_contain_text("A.1.2")
    page.get_by_role("link", name="A.1.1", exact=True).first.click()
    expect(page.locator("#chosen")).to_contain_text("Activity A.1.1")
    expect(page.locator(".facts")).to_contain_text("Netherlands")
    check(page, "funding, an activity")
    page.get_by_role("link", name="A", exact=True).first.click()
    expect(page.locator("#chosen")).to_contain_text("Outcome A")
    page.goto(f"{base}/resources/partners/NLD")
    expect(page.get_by_role("table")).to_contain_text("Multipartner support")
    check(page, "a partner")
    page.get_by_role("link", name="Multipartner", exact=True).click()
    expect(page.locator("h1")).to_have_text("Multipartner")
    check(page, "a modality")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_secretariat_records_and_a_partner_pledges(
    browser,  # noqa: F811
    live_server,
    funded,
    org_secretariat,
    dutch_partner,
    width,
):
    base = live_server.url
    page = open_page(browser, width)
    sign_in(page, base, "org-secretariat", "/resources/")
    page.get_by_role("link", name="Record a contribution").click()
    check(page, "contribution form")
    page.get_by_label("Reference").fill("NL-2")
    page.get_by_label("Title").fill("Second agreement")
    page.get_by_label("Amount").fill("1000")
    page.get_by_label("Currency").fill("USD")
    page.get_by_label("Status").select_option("approved")
    page.get_by_label("Since").fill("2012-06-30")
    page.get_by_label("Results framework").select_option(label=funded.title)
    page.get_by_label("Allocations").fill("A1 150%")
    page.get_by_role("button", name="Save the contribution").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    check(page, "contribution form with errors")
    page.get_by_label("Allocations").fill("A1 50%")
    page.get_by_role("button", name="Save the contribution").click()
    expect(page.locator("h1")).to_have_text("Second agreement")
    check(page, "a contribution, its secretariat")
    page.get_by_role("button", name="Publish it").click()
    expect(page.locator(".messages")).to_contain_text("public")
    page.goto(f"{base}/resources/rates/new")
    check(page, "exchange rate form")
    page.goto(f"{base}/resources/needs/new")
    check(page, "need form")
    page.context.close()

    partner = open_page(browser, width)
    sign_in(partner, base, "dutch-partner", "/resources/partners/NLD")
    partner.get_by_role("link", name="Record a priority").click()
    check(partner, "priority form")
    partner.get_by_label("SDG target").fill("16.5")
    partner.get_by_role("button", name="Record the priority").click()
    expect(partner.get_by_role("region", name="What it prefers to fund")).to_contain_text("16.5")
    partner.goto(f"{base}/resources/contributions/new")
    expect(partner.locator("h1")).to_have_text("Record a pledge")
    check(partner, "pledge form")
    partner.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_secretariat_records_a_funding_modality(
    browser,  # noqa: F811
    live_server,
    modalities,
    org_secretariat,
    organization,
    width,
):
    publisher_put(
        user=org_secretariat, body=organization, identifier="XM-DAC-41301", organisation_type="40"
    )
    base = live_server.url
    page = open_page(browser, width)
    sign_in(page, base, "org-secretariat", "/resources/")
    page.get_by_role("link", name="New funding modality").click()
    expect(page.locator("h1")).to_have_text("Record a funding modality")
    check(page, "modality form")
    page.get_by_label("Organization").select_option("org")
    page.get_by_label("Window of").select_option(label="Emergency (org)")
    page.get_by_label("Code", exact=True).fill("sfera-seeds")
    page.get_by_role("button", name="Record the modality").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    check(page, "modality form with errors")
    page.get_by_label("Name", exact=True).fill("Seeds window")
    page.get_by_label("Earmarking").select_option("earmarked")
    page.get_by_role("button", name="Record the modality").click()
    expect(page.locator("h1")).to_have_text("Seeds window")
    expect(page.get_by_role("link", name="Emergency", exact=True)).to_be_visible()
    check(page, "the new window")
    page.get_by_role("link", name="Change").click()
    expect(page.locator("h1")).to_have_text("Change the funding modality Seeds window")
    check(page, "modality change form")
    page.goto(f"{base}/resources/publishers")
    expect(page.get_by_role("table")).to_contain_text("XM-DAC-41301")
    check(page, "IATI publishers")
    page.get_by_role("table").get_by_role("link", name="Change").click()
    expect(page.locator("h1")).to_have_text("Change how The Organization publishes to IATI")
    check(page, "publisher form")
    page.get_by_label("IATI organisation identifier").fill("41301")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    check(page, "publisher form with errors")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_secretariat_changes_a_need_drawn_from_a_project(
    browser,  # noqa: F811
    live_server,
    project_needs,
    width,
):
    base = live_server.url
    need = project_needs["financial"]
    page = open_page(browser, width)
    sign_in(page, base, "secretariat", f"/resources/needs/{need.pk}")
    page.get_by_role("link", name="Change").click()
    expect(page.locator("h1")).to_have_text(f"Change the need “{need.title}”")
    facts = page.get_by_role("region", name="What the reform project says")
    expect(facts).to_contain_text("250,000.00 USD")
    expect(facts.get_by_role("link", name="Train investigators")).to_be_visible()
    check(page, "need change form, drawn from a project")
    page.get_by_label("SDG targets").fill("99.9")
    page.get_by_role("button", name="Change the need").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    check(page, "need change form with errors")
    page.get_by_label("SDG targets").fill("16.5")
    page.get_by_role("button", name="Change the need").click()
    expect(page.locator("h1")).to_have_text(need.title)
    page.context.close()

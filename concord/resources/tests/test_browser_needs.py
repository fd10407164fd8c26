"""Needs and matching in Chromium, with axe-core (WCAG 2.2 AA) on each page: a reader opens the
needs, then a need with its ranked matches, their reasons and the duplicate-funding warning."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.reporting.tests.test_browser_reporting import check
from concord.resources.contributing import (
    ContributionData,
    contribution_create,
    contribution_publish,
)
from concord.resources.needs import contribution_need_set
from concord.resources.tests.needs_fixtures import *  # noqa: F403  (its fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def funded_twice(project_needs, priorities, org_secretariat, sweden, organization):
    financial = project_needs["financial"]
    contribution = contribution_create(
        user=org_secretariat,
        partner=sweden,
        organization=organization,
        reference="SE-FR",
        status="approved",
        on=dt.date(2026, 2, 1),
        data=ContributionData(title="Swedish seminars", amount="100000", currency="USD"),
    )
    contribution_publish(user=org_secretariat, contribution=contribution)
    contribution_need_set(user=org_secretariat, contribution=contribution, need=financial)
    return financial


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_opens_a_need_and_its_ranked_matches(browser, live_server, funded_twice, width):  # noqa: F811
    page = open_page(browser, width)
    page.goto(f"{live_server.url}/resources/needs")
    expect(page.locator("h1")).to_have_text("Needs")
    check(page, "needs")
    page.get_by_role("link", name="Train investigators: Training seminars").first.click()
    expect(page.locator("h1")).to_have_text("Train investigators: Training seminars")
    matches = page.get_by_role("region", name="Partners' priorities that cover it, best first")
    expect(matches.get_by_role("listitem").first).to_contain_text("Netherlands")
    expect(matches).to_contain_text("Same country: France")
    expect(page.get_by_role("note").filter(has_text="could be funded twice")).to_be_visible()
    check(page, "a need and its matches")
    page.context.close()

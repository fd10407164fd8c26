"""The meeting and best practice forms in Chromium: the secretariat records a meeting after a
mistake the form names, changes it, and records a best practice; every form passes axe-core
(WCAG 2.2 AA), with and without errors, at every width, without JavaScript of their own."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from concord.conftest import make_persona, persona_scope
from concord.directory.models import BestPractice, Meeting
from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting.tests.test_browser_reporting import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan():
    persona_scope("party_a")
    persona_scope("party_b")
    plan = InstrumentFactory(body=persona_scope("body"), title="Action plan", symbol="PC.DEC/557")
    ProvisionFactory(instrument=plan, seq=1, ref="III.1", number="III.1", text="Sets up referral.")
    make_persona("secretariat")
    return plan


@pytest.mark.parametrize("width", WIDTHS)
def test_the_secretariat_records_a_meeting_and_a_practice(browser, live_server, plan, width):  # noqa: F811
    base = live_server.url
    page = open_page(browser, width)
    sign_in(page, base, "secretariat", "/directory/meetings")
    page.get_by_role("link", name="Record a meeting").click()
    expect(page.locator("h1")).to_have_text("Record a meeting")
    check(page, "new meeting form")

    page.get_by_label("Body that met").select_option(label="Office of the Special Representative")
    page.get_by_label("First day").fill("2025-03-10")
    page.get_by_label("Last day").fill("2025-03-01")
    page.get_by_label("France").check()
    page.get_by_role("group", name="Decisions taken").get_by_label("PC.DEC/557").check()
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.get_by_label("Title", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_ends_on-error")).to_contain_text("on or after")
    check(page, "new meeting form with errors")

    page.get_by_label("Title", exact=True).fill("Workshop on referral")
    page.get_by_label("Last day").fill("2025-03-11")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.locator("h1")).to_have_text("Workshop on referral")
    expect(page.locator(".messages")).to_contain_text("recorded")
    meeting = Meeting.objects.get()
    assert [i.pk for i in meeting.decisions.all()] == [plan.pk]

    page.get_by_role("link", name="Edit this meeting").click()
    check(page, "edit meeting form")
    page.get_by_label("Dates known to").select_option(label="the month only")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.locator(".messages")).to_contain_text("saved")
    expect(page.locator("time").first).to_have_text("March 2025")
    meeting.refresh_from_db()
    assert (meeting.precision, meeting.starts_on) == ("month", dt.date(2025, 3, 1))

    page.goto(f"{base}/directory/best-practices")
    page.get_by_role("link", name="Record a best practice").click()
    page.get_by_label("Instrument whose provisions it serves", exact=True).select_option(
        label="Action plan"
    )
    page.get_by_role("button", name="Show its provisions").click()
    check(page, "new practice form")
    page.get_by_label("III.1 — Sets up referral.").check()
    page.get_by_label("Link to the source").fill("not a link")
    page.get_by_role("button", name="Save the best practice").click()
    expect(page.locator("#id_source_url-error")).to_be_visible()
    check(page, "new practice form with errors")
    page.get_by_label("Title", exact=True).fill("Referral checklist")
    page.get_by_label("Description").fill("A checklist the police use to refer victims.")
    page.get_by_label("Link to the source").fill("https://example.org/report")
    page.get_by_role("button", name="Save the best practice").click()
    expect(page.locator("h1")).to_have_text("Referral checklist")
    assert [p.ref for p in BestPractice.objects.get().provisions.all()] == ["III.1"]
    page.get_by_role("link", name="Edit this best practice").click()
    check(page, "edit practice form")
    page.context.close()

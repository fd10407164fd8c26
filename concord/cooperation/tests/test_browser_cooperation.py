"""Two States answer about one person in Chromium; the officer pieces the answers together.

France's central authority reports an account held by a company (after a mistake the form
names); Ukraine's reports two assets, one held by the same company spelled slightly otherwise;
the Court's officer opens the person's page, sees the suggested match with its reasons,
confirms it, and both assets then stand under one holder. Every page passes axe-core (WCAG 2.2
AA). Cooperation roles require a second factor: each person gives their authenticator's code.
"""

from urllib.parse import quote

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from concord.cooperation.models import Asset, MatchDecision, Reply
from concord.cooperation.tests.conftest import make_request
from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.reporting.tests.test_browser_reporting import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_of(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(
        device.digits
    )


def sign_in(page: Page, base: str, user, next_path: str) -> None:
    """Sign in with the password, then the authenticator's code, as a person would."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(f"{base}/accounts/login?next={quote(next_path)}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Enter your two-factor code")
    page.get_by_label("Code from your authenticator app").fill(code_of(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).not_to_have_text("Enter your two-factor code")


def fill_asset(page: Page, row: int, holder: str, description: str, value: str) -> None:
    fieldset = page.locator(f"#asset-row-{row}")
    fieldset.get_by_label("Kind of asset").select_option(label="Bank account")
    fieldset.get_by_label("Description").fill(description)
    fieldset.get_by_label("Holder", exact=True).fill(holder)
    fieldset.get_by_label("Holder is").select_option(label="A company")
    fieldset.get_by_label("Estimated value").fill(value)


@pytest.fixture
def requests(officer, registry_body, party_a, party_b, person_concerned):
    return {
        "FRA": make_request(officer, registry_body, party_a, person=person_concerned),
        "UKR": make_request(officer, registry_body, party_b, person=person_concerned),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_two_states_answer_and_the_officer_pieces_the_assets_together(
    browser,  # noqa: F811
    live_server,
    officer,
    authority_a,
    authority_b,
    person_concerned,
    requests,
    width,
):
    base = live_server.url

    # France's central authority replies, after a currency the form refuses.
    france = open_page(browser, width)
    sign_in(france, base, authority_a, "/cooperation/")
    expect(france.locator("h1")).to_have_text("Cooperation requests")
    check(france, "request list, France's authority")
    france.get_by_role("link", name=requests["FRA"].reference).click()
    expect(france.locator("h1")).to_have_text(f"Request {requests['FRA'].reference}")
    check(france, "one request, France's authority")
    france.get_by_role("link", name="Write a reply").click()
    check(france, "reply form")
    france.get_by_label("Reply", exact=True).fill("One account found at a Paris bank.")
    fill_asset(france, 1, "Sahel Trading Ltd", "Current account in Paris", "120000")
    france.locator("#asset-row-1").get_by_label("Currency").fill("XYZ")
    france.get_by_role("button", name="Send the reply").click()
    expect(france.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(france.locator("#id_assets-0-currency")).to_have_attribute("aria-invalid", "true")
    check(france, "reply form with errors")
    assert not Reply.objects.exists()
    france.locator("#asset-row-1").get_by_label("Currency").fill("EUR")
    france.get_by_role("button", name="Send the reply").click()
    expect(france.locator(".messages")).to_contain_text("The reply is recorded.")
    expect(france.locator("#replies")).to_contain_text("Sahel Trading Ltd")
    check(france, "one request with its reply, France's authority")
    france.context.close()

    # Ukraine's replies with two assets, adding the second row without losing the first.
    ukraine = open_page(browser, width)
    sign_in(ukraine, base, authority_b, f"/cooperation/requests/{requests['UKR'].pk}/reply")
    ukraine.get_by_label("Reply", exact=True).fill("Two assets found.")
    fill_asset(ukraine, 1, "Sahel Trading Limited", "Deposit in Kyiv", "50000")
    ukraine.locator("#asset-row-1").get_by_label("Currency").fill("UAH")
    ukraine.get_by_role("button", name="Add another asset").click()
    expect(ukraine.locator("#asset-row-2")).to_be_visible()
    expect(ukraine.locator("#asset-row-1").get_by_label("Holder", exact=True)).to_have_value(
        "Sahel Trading Limited"
    )
    check(ukraine, "reply form with two rows")
    fill_asset(ukraine, 2, "Dnipro Shipping LLC", "Account in Odesa", "8000")
    ukraine.locator("#asset-row-2").get_by_label("Currency").fill("UAH")
    ukraine.get_by_role("button", name="Send the reply").click()
    expect(ukraine.locator(".messages")).to_contain_text("The reply is recorded.")
    assert Asset.objects.count() == 3
    ukraine.context.close()

    # The Court's officer pieces the replies together and confirms the match.
    court = open_page(browser, width)
    sign_in(court, base, officer, "/cooperation/")
    check(court, "request list, officer")
    court.get_by_role("link", name="Ivan Petrov").first.click()
    expect(court.locator("h1")).to_have_text("Ivan Petrov")
    suggestion = court.locator(".suggestion").filter(has_text="Sahel Trading Limited")
    expect(suggestion.get_by_role("heading")).to_have_text(
        "“Sahel Trading Ltd” (France) and “Sahel Trading Limited” (Ukraine)"
    )
    expect(suggestion.locator(".reasons li").first).to_be_visible()
    check(court, "person pieced together, a match suggested")
    suggestion.get_by_role("button", name="Confirm: the same entity").click()
    expect(court.locator(".messages")).to_contain_text("Recorded: Same entity.")
    holder = court.locator(".holder").filter(
        has=court.get_by_role("heading", name="Sahel Trading Ltd / Sahel Trading Limited")
    )
    expect(holder.locator("tbody tr")).to_have_count(2)
    expect(holder).to_contain_text("Current account in Paris")
    expect(holder).to_contain_text("Deposit in Kyiv")
    expect(court.locator(".suggestion")).to_have_count(0)
    check(court, "person with the match confirmed")
    assert MatchDecision.objects.get().verdict == "confirmed"

    court.goto(f"{base}/cooperation/requests/{requests['UKR'].pk}")
    expect(court.get_by_role("heading", name="Who has read this request")).to_be_visible()
    check(court, "one request, officer")
    court.goto(f"{base}/cooperation/requests/new")
    check(court, "new request form")
    court.goto(f"{base}/cooperation/persons/new")
    check(court, "new person form")
    court.context.close()

    public = open_page(browser, width)
    public.goto(f"{base}/cooperation/statistics")
    expect(public.locator("h1")).to_have_text("Statistics of cooperation requests")
    check(public, "statistics")
    public.context.close()

"""The portal in a real browser: navigation, search, accessibility (axe-core) and small screens.

Drives Debian's Chromium through Playwright's sync API against pytest-django's live server.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect, sync_playwright

from concord.portal.tests.conftest import Registry, build_registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (360, 1280)

PAGES = {
    "home": lambda r: "/",
    "instrument list": lambda r: "/instruments",
    "instrument list, filtered": lambda r: "/instruments?kind=decision&q=trafficking",
    "instrument": lambda r: f"/instruments/{r.instrument.pk}",
    "provision": lambda r: f"/instruments/{r.instrument.pk}/provisions/III.5",
    "party list": lambda r: "/parties",
    "party": lambda r: "/parties/FRA",
    "group list": lambda r: "/groups",
    "group": lambda r: f"/groups/{r.group.slug}",
    "body list": lambda r: "/bodies",
    "body": lambda r: f"/bodies/{r.body.code}",
    "search": lambda r: "/search?q=freeze",
    "open data": lambda r: "/data",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a
    # thread with a running loop unless told it is safe (the loop is Playwright's, not ours).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def registry() -> Registry:
    return build_registry()


def open_page(browser: Browser, width: int) -> Page:
    # Our CSP forbids inline scripts, which is how Playwright injects axe-core; bypass it for
    # the test only (the pages themselves are checked with the CSP in force by other tests).
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    return context.new_page()


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(results => results.violations)",
        AXE_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}")
            lines.append(f"       {node['failureSummary'].replace(chr(10), ' / ')}")
    return "\n".join(lines)


def test_home_leads_to_an_instrument_then_a_party_and_back(browser, live_server, registry):
    page = open_page(browser, 1280)
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_count(1)
    page.get_by_role("link", name="Decision on combating trafficking", exact=True).click()
    expect(page.locator("h1")).to_have_text("Decision on combating trafficking")
    page.get_by_role("table").get_by_role("link", name="France").click()
    expect(page.locator("h1")).to_have_text("France")
    page.get_by_role("table").get_by_role("link", name="Decision on combating trafficking").click()
    expect(page.locator("h1")).to_have_text("Decision on combating trafficking")
    assert page.url == f"{live_server.url}/instruments/{registry.instrument.pk}"
    page.context.close()


def test_search_from_the_home_page_finds_a_provision(browser, live_server, registry):
    page = open_page(browser, 1280)
    page.goto(live_server.url + "/")
    page.get_by_label("Search instruments, provisions and parties").fill("freeze")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("h2#results-provision")).to_be_visible()
    page.locator("#results-provision ~ ol a").first.click()
    expect(page.locator("h1")).to_have_text("Provision III.5")
    page.context.close()


def test_filters_work_without_javascript(browser, live_server, registry):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.goto(live_server.url + "/instruments")
    page.get_by_label("Kind").select_option("decision")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".result-count")).to_have_text("2 instruments")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_passes_axe_and_fits_the_screen(browser, live_server, registry, name, width):
    page = open_page(browser, width)
    response = page.goto(live_server.url + PAGES[name](registry))
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, f"{name} at {width} px:\n{describe(violations)}"
    if width == 360:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"{name} scrolls sideways at 360 px ({scroll_width} px wide)"
    page.context.close()


def test_instrument_page_screenshots(browser, live_server, registry):
    for width in WIDTHS:
        page = open_page(browser, width)
        page.goto(f"{live_server.url}/instruments/{registry.instrument.pk}")
        page.screenshot(path=f"/tmp/concord-instrument-{width}.png", full_page=True)
        page.context.close()


# The account pages (concord/accounts): public ones, and the person's own pages signed in.
ACCOUNT_PAGES = {
    "sign in": "/accounts/login",
    "password reset": "/accounts/password-reset",
    "privacy": "/accounts/privacy",
}
SIGNED_IN_PAGES = {
    "your account": "/accounts/me",
    "two-factor set-up": "/accounts/me/two-factor",
    "roles": "/accounts/roles",
    "grant a role": "/accounts/roles/grant",
    "invitations": "/accounts/invitations",
    "people": "/accounts/people",
    "people, filtered": "/accounts/people?q=coll&kind=focal_point&state=active",
    "a person": "/accounts/people/colleague",
}


def sign_in_as_secretariat(page: Page, base_url: str) -> None:
    from concord.conftest import make_persona

    make_persona("secretariat")
    page.goto(base_url + "/accounts/login")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Your account")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(ACCOUNT_PAGES))
def test_account_page_passes_axe_and_fits_the_screen(browser, live_server, name, width):
    page = open_page(browser, width)
    response = page.goto(live_server.url + ACCOUNT_PAGES[name])
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, f"{name} at {width} px:\n{describe(violations)}"
    if width == 360:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"{name} scrolls sideways at 360 px ({scroll_width} px wide)"
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_signed_in_account_pages_pass_axe_and_fit_the_screen(browser, live_server, width):
    from concord.accounts.models import RoleKind
    from concord.conftest import make_person
    from concord.registry.tests.factories import PartyFactory

    make_person("colleague", (RoleKind.FOCAL_POINT, PartyFactory(code="FRA", name="France")))
    page = open_page(browser, width)
    sign_in_as_secretariat(page, live_server.url)
    for name, path in SIGNED_IN_PAGES.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        expect(page.locator("h1")).to_have_count(1)
        violations = axe_violations(page)
        assert not violations, f"{name} at {width} px:\n{describe(violations)}"
        if width == 360:
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= 360, f"{name} scrolls sideways at 360 px ({scroll_width} px)"
    page.context.close()


def test_the_secretariat_deactivates_and_reactivates_a_person(browser, live_server):
    from concord.conftest import make_person

    colleague = make_person("colleague")
    page = open_page(browser, 1280)
    sign_in_as_secretariat(page, live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_role("link", name="colleague", exact=True).click()
    page.get_by_label("Reason").fill("left the ministry")
    page.get_by_role("button", name="Deactivate colleague").click()
    expect(page.get_by_role("status")).to_contain_text("colleague is deactivated")
    colleague.refresh_from_db()
    assert not colleague.is_active
    page.get_by_role("button", name="Reactivate colleague").click()
    expect(page.get_by_role("status")).to_contain_text("colleague may sign in again")
    colleague.refresh_from_db()
    assert colleague.is_active
    page.context.close()

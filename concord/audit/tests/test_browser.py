"""The audit pages in a real browser: accessibility (axe-core), small screens, no JavaScript."""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

from concord.accounts.models import Role, RoleKind
from concord.audit.context import changes_from
from concord.registry.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "trail": "/audit/",
    "trail, filtered": "/audit/?object_type=registry.party&source=cli&since=2020-01-01",
    "trail, a bad filter": "/audit/?since=someday&user=nobody",
    "one record": "/audit/registry.party/{party}",
    "one person": "/audit/people/officer",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def party():
    officer = get_user_model().objects.create_user("officer", "officer@example.org", "pw")
    Role.objects.create(user=officer, kind=RoleKind.SECRETARIAT)
    with changes_from("cli"):
        party = factories.PartyFactory(name="Mongolia")
        party.name = "Mongolie"
        party.translations = {"name": {"fr": "Mongolie"}}
        party.save()
        factories.ParticipationFactory(party=party)
    return party


def signed_in(browser: Browser, live_server, width: int, **options) -> BrowserContext:
    client = Client()
    client.force_login(get_user_model().objects.get(username="officer"))
    # Our CSP forbids inline scripts, which is how Playwright injects axe-core.
    context = browser.new_context(
        viewport={"width": width, "height": 800}, bypass_csp=True, **options
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {json.dumps([n['target'] for n in v['nodes']])}"
        for v in violations
    )


@pytest.mark.parametrize("width", (360, 1280))
@pytest.mark.parametrize("name", list(PAGES))
def test_audit_page_passes_axe_and_fits_the_screen(browser, live_server, party, name, width):
    context = signed_in(browser, live_server, width)
    page = context.new_page()
    response = page.goto(live_server.url + PAGES[name].format(party=party.pk))
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(results => results.violations)",
        AXE_TAGS,
    )
    assert not violations, f"{name} at {width} px:\n{describe(violations)}"
    if width == 360:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"{name} scrolls sideways at 360 px ({scroll_width} px wide)"
    context.close()


def test_the_trail_filters_without_javascript(browser, live_server, party):
    context = signed_in(browser, live_server, 1280, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/audit/")
    page.get_by_label("Type of record").select_option("registry.participation")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("tbody tr")).not_to_have_count(1)
    context.close()

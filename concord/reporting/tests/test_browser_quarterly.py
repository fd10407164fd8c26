"""A ministry gives its quarterly figures in Chromium, with axe-core on every page it passes."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from concord.accounts.models import RoleKind
from concord.conftest import make_person, make_persona, persona_scope
from concord.indicators.models import Direction, Indicator, Unit
from concord.indicators.periods import period_for
from concord.portal.tests.test_browser import (
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.registry.models import BodyKind
from concord.registry.tests.factories import BodyFactory, InstrumentFactory
from concord.reporting import services
from concord.reporting.models import Answer
from concord.reporting.tests.test_browser_reporting import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quarter():
    france = persona_scope("party_a")
    instrument = InstrumentFactory(body=persona_scope("body"), title="Resolution on business")
    ministry = BodyFactory(
        code="fra-economy", name="Ministry for Enterprise", kind=BodyKind.MINISTRY, party=france
    )
    indicator = Indicator.objects.create(
        code="days-to-start",
        name="Days to start a business",
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        instrument=instrument,
        responsible_body=ministry,
    )
    make_person("economy", (RoleKind.RESPONSIBLE_BODY, ministry))
    today = timezone.localdate()
    return services.cycle_open(
        user=make_persona("secretariat"),
        instrument=instrument,
        name="Quarterly report 2026-Q3",
        phase="periodic_report",
        indicator_period=period_for("2026-Q3"),
        opens_on=today,
        deadline=today + dt.timedelta(days=10),
        parties=[france],
        indicators=[indicator],
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_a_ministry_gives_its_figure(browser, live_server, quarter, width):  # noqa: F811
    page = open_page(browser, width)
    sign_in(page, live_server.url, "economy")
    check(page, "ministry's dashboard")
    page.get_by_role("link", name="Not started — France, Quarterly report 2026-Q3").click()
    check(page, "submission, as the ministry")
    page.get_by_role("link", name="Give the figures your body reports").click()
    check(page, "figures form")
    page.get_by_label("Number (days)").fill("21")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    check(page, "submission with the figure")
    assert Answer.objects.get().value == 21

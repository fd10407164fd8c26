"""The meeting and best practice pages in Chromium: axe-core (WCAG 2.2 AA), one h1, and no
sideways scrolling on a small screen, without JavaScript of their own."""

import pytest

from concord.conftest import make_persona, persona_scope
from concord.directory.tests.meetings_fixtures import make_meeting, make_practice
from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.registry.tests.factories import BodyFactory, InstrumentFactory, ProvisionFactory
from concord.reporting.tests.test_browser_reporting import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records():
    office = persona_scope("body")
    BodyFactory(code="osr-alliance", name="Alliance against Trafficking", parent=office)
    persona_scope("party_a")
    persona_scope("party_b")
    plan = InstrumentFactory(body=office, title="Action plan", symbol="PC.DEC/557")
    ProvisionFactory(instrument=plan, seq=1, ref="III.1", text="Sets up referral.")
    secretariat = make_persona("secretariat")
    meeting = make_meeting(
        secretariat, participants=["FRA", "UKR"], documents=[plan.pk], decisions=[plan.pk]
    )
    make_meeting(
        secretariat, body="osr-alliance", title="Alliance conference", starts_on="2024-04-02"
    )
    practice = make_practice(secretariat, parties=["FRA"], provisions=[(plan.pk, "III.1")])
    return {"meeting": meeting, "practice": practice}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pages_pass_axe_at_every_width(browser, live_server, records, width):  # noqa: F811
    paths = {
        "meeting list": "/directory/meetings",
        "meeting list, filtered": "/directory/meetings?body=osr-cthb&year=2025",
        "meeting list, a bad filter": "/directory/meetings?year=1066",
        "meeting": f"/directory/meetings/{records['meeting'].pk}",
        "practice list": "/directory/best-practices?q=referral",
        "practice": f"/directory/best-practices/{records['practice'].pk}",
    }
    page = open_page(browser, width)
    for name, path in paths.items():
        page.goto(live_server.url + path)
        check(page, name)

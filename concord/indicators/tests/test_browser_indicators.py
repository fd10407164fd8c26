"""An indicator's pages in Chromium, with axe-core (WCAG 2.2 AA) on each: the trend chart, the
table of figures and the world map, drawn from vendored scripts and geometry; the benchmark's
ranking; two indicators side by side."""

import pytest
from playwright.sync_api import expect

from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Comparator, Indicator, Target, Unit
from concord.indicators.periods import period_for
from concord.portal.tests.test_browser import (
    WIDTHS,
    browser,  # noqa: F401  (a fixture)
    open_page,
)
from concord.registry.models import Party
from concord.reporting.tests.test_browser_reporting import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def drawn(page, data_id: str):
    canvas = page.locator(f'canvas[data-chart="{data_id}"]')
    expect(canvas).to_have_attribute("data-drawn", "true")
    box = canvas.bounding_box()
    assert box["width"] > 200 and box["height"] > 100
    return canvas


@pytest.mark.parametrize("width", WIDTHS)
def test_an_indicator_page_shows_the_chart_the_table_and_the_map(
    browser,  # noqa: F811
    live_server,
    figures,
    width,
):
    Target.objects.create(indicator=figures, comparator=Comparator.AT_MOST, value=6)
    base = live_server.url
    page = open_page(browser, width)
    failures = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.goto(f"{base}/indicators/{figures.code}")
    trend = drawn(page, "trend-data")
    expect(trend).to_have_attribute("role", "img")
    summary = "Line chart of Time to start a business (days) from 2014 to 2015"
    assert trend.get_attribute("aria-label").startswith(summary)
    expect(page.get_by_role("table").filter(has_text="by party and period")).to_contain_text("52.5")
    drawn(page, "map-data")
    page.get_by_text("The map's figures as a table").click()
    expect(page.get_by_role("table").filter(has_text="in 2015, by party")).to_contain_text(
        "Viet Nam"
    )
    check(page, "indicator with charts")

    page.get_by_text("Choose the lines (7 available)").click()
    page.get_by_role("checkbox", name="SGP").uncheck()
    page.get_by_role("button", name="Draw").click()
    drawn(page, "trend-data")
    expect(page.get_by_role("checkbox", name="SGP")).not_to_be_checked()
    page.get_by_label("Period", exact=True).select_option("2014")
    page.get_by_role("button", name="Show").click()
    drawn(page, "map-data")
    expect(page.get_by_label("Period", exact=True)).to_have_value("2014")
    expect(
        page.get_by_role("checkbox", name="SGP")
    ).not_to_be_checked()  # the lines chosen are kept
    assert not failures, failures
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_ranking_and_two_indicators_side_by_side(
    browser,  # noqa: F811
    live_server,
    figures,
    asean_6,
    secretariat,
    width,
):
    hours = Indicator.objects.create(
        code="tax-hours", name="Time to pay taxes", unit=Unit.HOURS_PER_YEAR
    )
    for code, number in {"VNM": 770, "SGP": 64, "MYS": 133}.items():
        value_put(
            user=secretariat,
            indicator=hours,
            period=period_for("2015"),
            party=Party.objects.get(code=code),
            figure=Figure(number),
        )
    base = live_server.url
    page = open_page(browser, width)
    page.goto(f"{base}/indicators/{figures.code}/benchmark?period=2015&group=asean-6")
    drawn(page, "ranking-data")
    check(page, "benchmark with its ranking")

    page.goto(f"{base}/indicators/{figures.code}")
    page.get_by_role("link", name="Compare with another indicator").click()
    page.get_by_label("Second indicator").select_option(label="Time to pay taxes")
    page.get_by_role("button", name="Compare").click()
    drawn(page, "compare-1")
    drawn(page, "compare-2")
    expect(page.get_by_role("table")).to_contain_text("770")
    check(page, "two indicators side by side")
    page.context.close()

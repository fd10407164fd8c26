"""The charts and the map on the public pages: their data, their tables and their CSV links."""

import json
import re

import pytest
from django.urls import reverse

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Indicator, Unit
from concord.indicators.periods import period_for
from concord.registry.models import Party

pytestmark = pytest.mark.django_db

COMPARE = reverse("indicators:compare")


def detail(indicator, query: str = "") -> str:
    return reverse("indicators:detail", kwargs={"code": indicator.code}) + query


def chart_data(html: str, data_id: str) -> dict:
    found = re.search(rf'<script id="{data_id}" type="application/json">(.*?)</script>', html)
    assert found, f"no chart data {data_id}"
    return json.loads(found.group(1))


def download(client, url: str) -> str:
    return b"".join(client.get(url).streaming_content).decode()


def csv_link(html: str, text: str) -> str:
    found = re.search(rf'<a href="([^"]+)" download>{text}', html)
    assert found, f"no link {text}"
    return found.group(1).replace("&amp;", "&")


@pytest.fixture
def pending_khm(figures):
    cambodia = Party.objects.create(code="KHM", name="Cambodia", kind="state")
    focal = make_person("focal-khm", (RoleKind.FOCAL_POINT, cambodia))
    for year in ("2014", "2015"):
        value_put(
            user=focal,
            indicator=figures,
            period=period_for(year),
            party=cambodia,
            figure=Figure("77"),
        )


def test_an_indicator_page_draws_the_trend_and_the_map_beside_their_tables(client_as, figures):
    html = client_as(None).get(detail(figures)).content.decode()
    trend = chart_data(html, "trend-data")
    assert trend["kind"] == "trend" and trend["labels"] == ["2014", "2015"]
    assert f'aria-label="{trend["summary"]}"' in html.replace("&#x27;", "'")
    assert "The chart's figures as a table" in html
    world = chart_data(html, "map-data")
    assert world["kind"] == "map" and len(world["countries"]) == 6
    assert "The map's figures as a table" in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "vendor/chartjs-chart-geo/index.umd.min.js" in html


def test_the_charts_csv_links_give_their_figures(client_as, figures):
    client = client_as(None)
    html = client.get(detail(figures)).content.decode()
    trend_csv = download(client, csv_link(html, "Download the figures from 2014 to 2015"))
    assert trend_csv.count("\n") == 1 + 13
    map_csv = download(client, csv_link(html, "Download the figures of 2015"))
    assert map_csv.count("\n") == 1 + 6 and ",2015," in map_csv and ",2014," not in map_csv


def test_the_reader_chooses_the_lines_and_the_map_period(client_as, figures):
    html = client_as(None).get(detail(figures, "?line=party:VNM&map_period=2014")).content.decode()
    assert [d["label"] for d in chart_data(html, "trend-data")["datasets"]] == ["Viet Nam"]
    assert len(chart_data(html, "map-data")["countries"]) == 7
    assert '<input type="checkbox" name="line" value="party:VNM" checked>' in html
    assert '<option value="2014" selected>2014</option>' in html


def test_figures_not_yet_approved_stay_off_the_charts_even_for_the_secretariat(
    client_as, figures, pending_khm, secretariat
):
    html = client_as(secretariat).get(detail(figures)).content.decode()
    assert "Cambodia" in html  # in the table, marked as waiting
    assert "Cambodia" not in json.dumps(chart_data(html, "trend-data"))
    assert "116" not in [c["id"] for c in chart_data(html, "map-data")["countries"]]


def test_an_indicator_without_figures_says_there_is_nothing_to_draw(client_as, days):
    html = client_as(None).get(detail(days)).content.decode()
    assert "trend-data" not in html and "map-data" not in html
    assert "A trend needs approved figures in at least two periods" in html
    assert "there is nothing to map" in html
    assert "index.umd.min.js" not in html  # no map library without a map


def test_the_benchmark_page_draws_its_ranking(client_as, figures, asean_6):
    url = reverse("indicators:benchmark", kwargs={"code": figures.code})
    html = client_as(None).get(url + "?period=2015&group=asean-6").content.decode()
    ranking = chart_data(html, "ranking-data")
    assert ranking["labels"][0] == "SGP" and ranking["labels"][-1] == "Median of ASEAN-6"


@pytest.fixture
def hours(figures, secretariat):
    indicator = Indicator.objects.create(
        code="tax-hours", name="Time to pay taxes", unit=Unit.HOURS_PER_YEAR
    )
    for code, number in {"VNM": 770, "SGP": 64}.items():
        value_put(
            user=secretariat,
            indicator=indicator,
            period=period_for("2015"),
            party=Party.objects.get(code=code),
            figure=Figure(number),
        )
    return indicator


def test_two_indicators_side_by_side(client_as, figures, hours):
    client = client_as(None)
    assert (
        'value="start-business-days" selected'
        in client.get(COMPARE + "?first=start-business-days").content.decode()
    )
    response = client.get(COMPARE + "?first=start-business-days&second=tax-hours")
    html = response.content.decode()
    assert response.status_code == 200
    first, second = chart_data(html, "compare-1"), chart_data(html, "compare-2")
    assert first["labels"] == second["labels"] == ["BRN", "MYS", "PHL", "SGP", "THA", "Viet Nam"]
    assert second["datasets"][0]["data"] == [None, None, None, 64.0, None, 770.0]
    assert "In 2015" in html and "<caption>Both indicators in 2015, by party</caption>" in html
    tax_csv = download(client, csv_link(html, "Download its figures of 2015"))
    assert tax_csv.startswith("indicator,") and "start-business-days" in tax_csv


def test_a_comparison_refuses_the_same_indicator_twice_and_an_unknown_one(client_as, figures):
    client = client_as(None)
    same = client.get(COMPARE + "?first=start-business-days&second=start-business-days")
    assert same.status_code == 422
    assert "Choose another indicator than the first." in same.content.decode()
    unknown = client.get(COMPARE + "?first=start-business-days&second=nothing")
    assert unknown.status_code == 422
    assert 'aria-invalid="true"' in unknown.content.decode()


def test_indicators_without_a_period_in_common_say_so(client_as, figures, secretariat):
    other = Indicator.objects.create(code="other", name="Other", unit=Unit.COUNT)
    value_put(
        user=secretariat,
        indicator=other,
        period=period_for("1999"),
        party=Party.objects.get(code="VNM"),
        figure=Figure(1),
    )
    html = client_as(None).get(COMPARE + "?first=start-business-days&second=other").content
    assert b"no period in which a party has an approved figure of both" in html

"""Indicators through the HTTP API: the list, its filters and CSV, and one indicator in full."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from concord.indicators.entry import Figure, value_put
from concord.indicators.models import (
    Comparator,
    Direction,
    Indicator,
    Statistic,
    Target,
    Trend,
    Unit,
)
from concord.indicators.periods import period_for
from concord.registry.tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/indicators"


@pytest.fixture
def resolution(db):
    return factories.InstrumentFactory(symbol="GOV/RES/19", title="Resolution 19")


@pytest.fixture
def draft(db):
    return factories.InstrumentFactory(symbol="GOV/DRAFT/1", publication="in_review")


@pytest.fixture
def indicators(days, resolution, draft):
    ministry = factories.BodyFactory(code="mpi", name="Ministry of Planning and Investment")
    days.instrument = resolution
    days.responsible_body = ministry
    days.definition = "Calendar days to register a limited liability company."
    days.source = "World Bank, Doing Business"
    days.save()
    days.provisions.add(factories.ProvisionFactory(instrument=resolution, ref="1.a"))
    days.provisions.add(factories.ProvisionFactory(instrument=draft, ref="2"))
    Indicator.objects.create(
        code="tax-hours", name="Time to pay taxes", unit=Unit.HOURS_PER_YEAR, instrument=draft
    )
    Indicator.objects.create(
        code="fdi-capital",
        name="Registered foreign investment",
        unit=Unit.USD_MILLION,
        direction=Direction.HIGHER,
    )
    return days


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_everyone_lists_indicators_by_code(client_as, indicators):
    response = client_as(None).get(URL)
    assert codes(response) == ["fdi-capital", "start-business-days", "tax-hours"]
    days = response.json()["items"][1]
    assert (days["unit"], days["direction"]) == ("days", "lower")
    assert days["instrument"]["symbol"] == "GOV/RES/19"
    assert days["responsible_body"] == {
        "code": "mpi",
        "name": "Ministry of Planning and Investment",
    }


def test_an_unpublished_instrument_is_named_only_to_those_who_may_see_it(
    client_as, indicators, secretariat
):
    public = client_as(None).get(URL, {"q": "tax"}).json()["items"]
    assert public[0]["instrument"] is None
    seen = client_as(secretariat).get(URL, {"q": "tax"}).json()["items"]
    assert seen[0]["instrument"]["symbol"] == "GOV/DRAFT/1"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "TIME"}, ["start-business-days", "tax-hours"]),
        ({"q": "fdi"}, ["fdi-capital"]),
        ({"q": "time business"}, ["start-business-days"]),
        ({"q": "nothing"}, []),
    ],
)
def test_words_find_indicators_by_name_or_code(client_as, indicators, query, expected):
    assert codes(client_as(None).get(URL, query)) == expected


def test_indicators_of_an_instrument(client_as, indicators, resolution):
    assert codes(client_as(None).get(URL, {"instrument": resolution.pk})) == ["start-business-days"]


@pytest.mark.parametrize(
    ("query", "field"), [({"instrument": "GOV"}, "instrument"), ({"format": "pdf"}, "format")]
)
def test_a_bad_filter_is_a_422_naming_it(client_as, indicators, query, field):
    response = client_as(None).get(URL, query)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]


def test_the_list_is_paginated(client_as, indicators):
    first = client_as(None).get(URL, {"limit": 2}).json()
    assert [i["code"] for i in first["items"]] == ["fdi-capital", "start-business-days"]
    rest = client_as(None).get(URL, {"limit": 2, "after": first["next"]}).json()
    assert ([i["code"] for i in rest["items"]], rest["next"]) == (["tax-hours"], None)


def test_the_list_as_csv(client_as, indicators):
    response = client_as(None).get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="indicators.csv"'
    text = b"".join(response.streaming_content).decode()
    table = list(csv.DictReader(io.StringIO(text)))
    assert [row["code"] for row in table] == ["fdi-capital", "start-business-days", "tax-hours"]
    assert (table[1]["instrument"], table[1]["dimensions"], table[2]["instrument"]) == (
        "GOV/RES/19",
        "sex",
        "",
    )


def test_an_indicator_in_full(client_as, indicators, figures, asean_6, viet_nam):
    Target.objects.create(
        indicator=indicators,
        comparator=Comparator.AT_MOST,
        value=Decimal("6"),
        deadline=dt.date(2015, 12, 31),
    )
    Target.objects.create(
        indicator=indicators,
        party=viet_nam,
        comparator=Comparator.AT_MOST,
        group=asean_6,
        statistic=Statistic.MEAN,
        value=Decimal("50.3"),
        reference_period=period_for("2014"),
    )
    Target.objects.create(indicator=indicators, trend=Trend.FALLING)
    response = client_as(None).get(f"{URL}/start-business-days")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["name"], data["unit"], data["direction"]) == (
        "Time to start a business",
        "days",
        "lower",
    )
    assert data["definition"].startswith("Calendar days")
    assert (data["dimensions"], data["source"]) == (["sex"], "World Bank, Doing Business")
    assert data["instrument"]["symbol"] == "GOV/RES/19"
    assert data["provisions"] == [
        {"instrument": indicators.instrument_id, "symbol": "GOV/RES/19", "ref": "1.a"}
    ]
    assert data["responsible_body"]["code"] == "mpi"
    forms = {(t["form"], t["party"]): t for t in data["targets"]}
    fixed = forms[("fixed", None)]
    assert (fixed["comparator"], fixed["value"], fixed["deadline"]) == ("<=", "6", "2015-12-31")
    assert fixed["description"] == "<= 6"
    relative = forms[("relative", "VNM")]
    assert (relative["group"], relative["statistic"], relative["reference_period"]) == (
        "asean-6",
        "mean",
        "2014",
    )
    assert relative["value"] == "50.3"
    assert "average" in relative["description"]
    assert forms[("trend", None)]["trend"] == "falling"
    assert data["periods"] == ["2014", "2015"]


def test_the_periods_listed_are_those_one_may_see(client_as, indicators, focal_point, party_a):
    value_put(
        user=focal_point,
        indicator=indicators,
        period=period_for("2016-Q1"),
        party=party_a,
        figure=Figure("3"),
    )
    assert client_as(None).get(f"{URL}/start-business-days").json()["periods"] == []
    mine = client_as(focal_point).get(f"{URL}/start-business-days").json()
    assert mine["periods"] == ["2016-Q1"]


def test_an_unknown_indicator_is_a_404(client_as, indicators):
    response = client_as(None).get(f"{URL}/no-such-thing")
    assert response.status_code == 404
    assert "no-such-thing" in response.json()["detail"]


def test_provisions_of_an_unpublished_instrument_are_shown_only_to_the_secretariat(
    client_as, indicators, secretariat
):
    public = client_as(None).get(f"{URL}/start-business-days").json()
    assert [p["ref"] for p in public["provisions"]] == ["1.a"]
    seen = client_as(secretariat).get(f"{URL}/start-business-days").json()
    assert sorted(p["ref"] for p in seen["provisions"]) == ["1.a", "2"]


def test_a_page_of_indicators_costs_the_same_queries_however_long(
    client_as, indicators, django_assert_max_num_queries
):
    for n in range(10):
        Indicator.objects.create(code=f"extra-{n}", name=f"Extra {n}", unit=Unit.COUNT)
    client = client_as(None)
    with django_assert_max_num_queries(3):
        assert len(codes(client.get(URL, {"limit": 1}))) == 1
    with django_assert_max_num_queries(3):
        assert len(codes(client.get(URL, {"limit": 13}))) == 13

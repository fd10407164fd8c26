"""The benchmark endpoint on the known dataset of the indicators' conftest (``figures``)."""

import csv
import io
from decimal import Decimal

import pytest

from concord.indicators.entry import Figure, value_put
from concord.indicators.models import Comparator, Indicator, Target, Unit
from concord.indicators.periods import period_for

pytestmark = pytest.mark.django_db

URL = "/api/indicators/start-business-days/benchmark"


def answer(client, **query) -> dict:
    response = client.get(URL, query)
    assert response.status_code == 200, response.content
    return response.json()


def by_party(data: dict) -> dict[str, dict]:
    return {row["party"]: row for row in data["rows"]}


def test_the_asean_6_in_2015_with_a_member_missing(client_as, figures, asean_6):
    data = answer(client_as(None), period="2015", group="asean-6")
    assert (data["indicator"], data["period"], data["group"]) == (
        "start-business-days",
        "2015",
        "asean-6",
    )
    assert data["statistics"] == {
        "count": 5,
        "members": 6,
        "mean": "14.8",
        "median": "14",
        "best": "2.5",
    }
    rows = by_party(data)
    assert sorted(rows) == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert [rows[c]["rank"] for c in ("SGP", "MYS", "BRN", "THA", "PHL")] == [1, 2, 3, 4, 5]
    assert [rows[c]["value"] for c in ("SGP", "MYS", "BRN", "THA", "PHL")] == [
        "2.5",
        "4",
        "14",
        "25.5",
        "28",
    ]
    missing = rows["IDN"]
    assert (missing["value"], missing["rank"], missing["gap"], missing["meets_target"]) == (
        None,
        None,
        None,
        None,
    )


def test_a_partys_gap_to_a_fixed_target(client_as, figures, viet_nam):
    Target.objects.create(indicator=figures, comparator=Comparator.AT_MOST, value=Decimal(6))
    row = by_party(answer(client_as(None), period="2015", party="VNM"))["VNM"]
    assert (row["party_name"], row["value"], row["target"]) == ("Viet Nam", "20", "6")
    assert (row["gap"], row["gap_percent"], row["meets_target"]) == ("14", "233.3333", False)
    assert row["target_text"] == "<= 6"


def test_change_since_a_base_period_and_values_relative_to_a_base_party(client_as, figures):
    data = answer(client_as(None), period="2015", base_period="2014", base_party="VNM")
    assert (data["base_period"], data["base_party"], data["notes"]) == ("2014", "VNM", [])
    rows = by_party(data)
    assert (rows["VNM"]["change"], rows["VNM"]["relative"]) == ("-14", "1")
    assert (rows["BRN"]["change"], rows["SGP"]["relative"]) == ("-87.5", "0.125")
    assert rows["SGP"]["change"] == "0"


def test_a_base_period_of_another_length_is_said(client_as, figures):
    period_for("2014-H1")
    data = answer(client_as(None), period="2015", base_period="2014-H1")
    assert len(data["notes"]) == 1 and "2014-H1" in data["notes"][0]
    assert {row["change"] for row in data["rows"]} == {None}


def test_without_a_period_the_latest_with_approved_figures_is_compared(client_as, figures):
    data = answer(client_as(None))
    assert data["period"] == "2015"
    assert sorted(by_party(data)) == ["BRN", "MYS", "PHL", "SGP", "THA", "VNM"]


def test_unapproved_figures_never_count_even_for_their_focal_point(
    client_as, figures, focal_point, party_a
):
    value_put(
        user=focal_point,
        indicator=figures,
        period=period_for("2015"),
        party=party_a,
        figure=Figure("1"),
    )
    assert "FRA" not in by_party(answer(client_as(focal_point), period="2015"))


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"period": "2015-Q5"}, "period"),
        ({"group": "nowhere"}, "group"),
        ({"party": "VNM,ZZZ"}, "party"),
        ({"group": "asean-6", "party": "VNM"}, "party"),
        ({"base_period": "2030"}, "base_period"),
        ({"base_period": "someday"}, "base_period"),
        ({"base_party": "ZZZ"}, "base_party"),
        ({"format": "xml"}, "format"),
    ],
)
def test_a_bad_choice_is_a_422_naming_it(client_as, figures, asean_6, query, field):
    response = client_as(None).get(URL, query)
    assert response.status_code == 422, response.content
    assert field in response.json()["detail"][0]["loc"]
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_an_unknown_indicator_or_period_is_a_404(client_as, figures):
    assert client_as(None).get(URL, {"period": "2030"}).status_code == 404
    assert client_as(None).get("/api/indicators/nothing/benchmark").status_code == 404
    Indicator.objects.create(code="empty", name="No figures yet", unit=Unit.COUNT)
    response = client_as(None).get("/api/indicators/empty/benchmark")
    assert response.status_code == 404
    assert "empty" in response.json()["detail"]


def test_the_rows_as_csv_keep_missing_figures_empty(client_as, figures, asean_6):
    response = client_as(None).get(URL, {"period": "2015", "group": "asean-6", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "start-business-days-benchmark-2015.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0] == (
        "party,party_name,value,target,target_text,gap,gap_percent,meets_target,rank,change,"
        "relative,flag"
    )
    rows = {row["party"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["IDN"]["value"], rows["IDN"]["rank"]) == ("", "")
    assert (rows["SGP"]["value"], rows["SGP"]["rank"]) == ("2.5", "1")

"""Reading an indicator's values through the HTTP API: filters, who sees what, pages and CSV."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.accounts.services import token_create
from concord.indicators.api.schemas import number_text
from concord.indicators.api.tables import csv_cell
from concord.indicators.entry import Figure, value_put
from concord.indicators.periods import period_for

URL = "/api/indicators/start-business-days/values"


@given(st.decimals(min_value=-(10**17), max_value=10**17, places=6, allow_nan=False))
def test_a_number_is_written_exactly_without_exponent_or_trailing_zeros(number):
    text = number_text(number)
    assert Decimal(text) == number
    assert "E" not in text and "e" not in text
    assert "." not in text or not text.endswith("0")
    assert csv_cell(number) == text


def test_a_missing_number_stays_missing():
    assert number_text(None) is None
    assert csv_cell(None) == ""


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def by_subject(response) -> dict[str, dict]:
    return {(item["subject"], item["period"]): item for item in rows(response)}


@pytest.fixture
def france_pending(figures, focal_point, party_a):
    """A figure France's focal point entered for 2015, waiting for approval."""
    return value_put(
        user=focal_point,
        indicator=figures,
        period=period_for("2015"),
        party=party_a,
        figure=Figure("8.25", source="Ministry of Planning"),
    )


def test_everyone_reads_the_approved_totals_oldest_period_first(client_as, figures):
    items = rows(client_as(None).get(URL))
    assert len(items) == 13
    assert [item["period"] for item in items] == ["2014"] * 7 + ["2015"] * 6
    sgp = next(i for i in items if i["subject"] == "party:SGP" and i["period"] == "2014")
    assert (sgp["party"], sgp["party_name"], sgp["value"]) == ("SGP", "SGP", "2.5")
    assert (sgp["status"], sgp["breakdown"], sgp["group"], sgp["body"]) == ("final", {}, None, None)


def test_numbers_are_exact_decimal_strings(client_as, figures, secretariat, viet_nam):
    value_put(
        user=secretariat,
        indicator=figures,
        period=period_for("2016"),
        party=viet_nam,
        figure=Figure("100.000001"),
    )
    value_put(
        user=secretariat,
        indicator=figures,
        period=period_for("2017"),
        party=viet_nam,
        figure=Figure("-300"),
    )
    found = by_subject(client_as(None).get(URL, {"party": "VNM", "from": "2016"}))
    assert found[("party:VNM", "2016")]["value"] == "100.000001"
    assert found[("party:VNM", "2017")]["value"] == "-300"


def test_the_public_sees_no_approval_and_no_author(client_as, figures):
    item = rows(client_as(None).get(URL))[0]
    assert item["approval"] is None and item["entered_by"] is None and item["comment"] is None


def test_an_unapproved_value_is_hidden_from_the_public_and_other_parties(
    client_as, france_pending, other_focal_point, partner
):
    for person in (None, other_focal_point, partner):
        assert ("party:FRA", "2015") not in by_subject(client_as(person).get(URL))


def test_the_partys_focal_point_sees_its_unapproved_value_and_its_approval(
    client_as, france_pending, focal_point
):
    found = by_subject(client_as(focal_point).get(URL))
    france = found[("party:FRA", "2015")]
    assert (france["value"], france["approval"], france["source"]) == (
        "8.25",
        "pending",
        "Ministry of Planning",
    )
    assert france["entered_by"] is None
    # Another party's approved figure: no approval shown to a focal point of France.
    assert found[("party:VNM", "2015")]["approval"] is None


def test_a_token_reads_as_its_person(client_as, france_pending, focal_point):
    token = token_create(user=focal_point, name="script").secret
    response = client_as(None).get(URL, headers={"Authorization": f"Bearer {token}"})
    assert ("party:FRA", "2015") in by_subject(response)


def test_the_secretariat_sees_approval_and_who_entered_each_value(
    client_as, france_pending, secretariat
):
    found = by_subject(client_as(secretariat).get(URL))
    assert found[("party:FRA", "2015")]["approval"] == "pending"
    assert found[("party:FRA", "2015")]["entered_by"] == "focal-point"
    assert found[("party:SGP", "2014")]["entered_by"] == "secretariat"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"party": "VNM"}, {("party:VNM", "2014"), ("party:VNM", "2015")}),
        ({"party": "vnm,sgp", "period": "2015"}, {("party:VNM", "2015"), ("party:SGP", "2015")}),
        ({"party": ["VNM", "IDN"], "to": "2014"}, {("party:VNM", "2014"), ("party:IDN", "2014")}),
        (
            {"group": "asean-6", "from": "2015"},
            {(f"party:{c}", "2015") for c in ["SGP", "MYS", "THA", "BRN", "PHL"]},
        ),
        ({"party": "VNM", "from": "2014-Q3", "to": "2015-12"}, {("party:VNM", "2015")}),
        ({"party": "ZZZ"}, set()),
        ({"group": "nowhere"}, set()),
    ],
)
def test_filters(client_as, figures, query, expected):
    assert set(by_subject(client_as(None).get(URL, query))) == expected


def test_breakdowns_are_left_out_unless_asked_for(client_as, figures, secretariat, viet_nam):
    for sex, number in (("female", "22"), ("male", "18")):
        value_put(
            user=secretariat,
            indicator=figures,
            period=period_for("2015"),
            party=viet_nam,
            figure=Figure(number, breakdown={"sex": sex}),
        )
    totals = rows(client_as(None).get(URL, {"party": "VNM", "period": "2015"}))
    assert [(i["breakdown"], i["value"]) for i in totals] == [({}, "20")]
    women = rows(client_as(None).get(URL, {"party": "VNM", "breakdown": "sex:female"}))
    assert [(i["breakdown"], i["value"]) for i in women] == [({"sex": "female"}, "22")]
    every = rows(client_as(None).get(URL, {"party": "VNM", "period": "2015", "breakdown": "*"}))
    assert sorted(i["value"] for i in every) == ["18", "20", "22"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"period": "2015-Q5"}, "period"),
        ({"from": "last year"}, "from"),
        ({"to": "2015-13"}, "to"),
        ({"breakdown": "age:0-14"}, "breakdown"),
        ({"breakdown": "female"}, "breakdown"),
        ({"limit": 0}, "limit"),
    ],
)
def test_a_bad_filter_is_a_422_naming_it(client_as, figures, query, field):
    response = client_as(None).get(URL, query)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_an_unknown_indicator_is_a_404(client_as, figures):
    response = client_as(None).get("/api/indicators/no-such-thing/values")
    assert response.status_code == 404
    assert "no-such-thing" in response.json()["detail"]


def test_pages_follow_the_cursor_to_the_end(client_as, figures):
    client = client_as(None)
    page = client.get(URL, {"limit": 5}).json()
    seen = [(i["subject"], i["period"]) for i in page["items"]]
    while page["next"]:
        page = client.get(URL, {"limit": 5, "after": page["next"]}).json()
        seen += [(i["subject"], i["period"]) for i in page["items"]]
    assert len(seen) == len(set(seen)) == 13
    assert page["count"] == 13


def test_a_page_costs_the_same_queries_however_long(
    client_as, figures, django_assert_max_num_queries
):
    client = client_as(None)
    with django_assert_max_num_queries(4):
        assert len(rows(client.get(URL, {"limit": 2}))) == 2
    with django_assert_max_num_queries(4):
        assert len(rows(client.get(URL, {"limit": 13}))) == 13


def test_values_as_csv(client_as, figures, secretariat, viet_nam):
    value_put(
        user=secretariat,
        indicator=figures,
        period=period_for("2016"),
        party=viet_nam,
        figure=Figure("-1.50", note="=SUM(A1)"),
    )
    response = client_as(None).get(URL, {"format": "csv", "party": "VNM"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        (response["Content-Disposition"]) == 'attachment; filename="start-business-days-values.csv"'
    )
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["period"], r["value"]) for r in table] == [
        ("2014", "34"),
        ("2015", "20"),
        ("2016", "-1.5"),
    ]
    assert table[2]["note"] == "'=SUM(A1)"
    assert table[0]["approval"] == "" and table[0]["entered_by"] == ""


def test_csv_read_in_chunks_gives_the_same_rows_in_the_same_order(client_as, figures, monkeypatch):
    def download() -> str:
        return b"".join(client_as(None).get(URL, {"format": "csv"}).streaming_content).decode()

    whole = download()
    monkeypatch.setattr("concord.indicators.api.values.CSV_CHUNK", 2)
    assert download() == whole and whole.count("\n") == 1 + 13


def test_csv_shows_unapproved_values_only_to_those_who_may_see_them(
    client_as, france_pending, focal_point
):
    def france(person) -> list[dict]:
        response = client_as(person).get(URL, {"format": "csv", "party": "FRA"})
        text = b"".join(response.streaming_content).decode()
        return list(csv.DictReader(io.StringIO(text)))

    assert france(None) == []
    [row] = france(focal_point)
    assert (row["value"], row["approval"]) == ("8.25", "pending")

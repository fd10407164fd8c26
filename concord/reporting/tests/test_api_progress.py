"""The progress matrix and the scorecard through the HTTP API, as each persona."""

import pytest

from concord.registry.tests.factories import InstrumentFactory, ProvisionFactory
from concord.reporting.api.progress import MatrixOut, ScorecardOut
from concord.reporting.tests.conftest import open_cycle
from concord.reporting.tests.progress_fixtures import *  # noqa: F403
from concord.reporting.tests.progress_fixtures import report


def matrix_url(cycle, query: str = "") -> str:
    return f"/api/instruments/{cycle.instrument_id}/progress{query}"


def cells(body: dict) -> dict[str, dict[str, str]]:
    return {
        row["code"]: {ref: cell["status"] for ref, cell in row["cells"].items()}
        for row in body["parties"]
    }


@pytest.mark.parametrize(
    ("persona", "france"),
    [
        ("anonymous", {}),
        ("partner", {}),
        ("other_focal_point", {}),
        ("focal_point", {"1": "largely", "2": "not_started", "3": "fully"}),
        ("reviewer", {"1": "largely", "2": "not_started", "3": "fully"}),
        ("secretariat", {"1": "largely", "2": "not_started", "3": "fully"}),
        ("body_secretariat", {"1": "largely", "2": "not_started", "3": "fully"}),
    ],
)
def test_the_newest_cycle_shows_each_persona_what_it_may_see(
    persona, france, reported, client_as, request
):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_as(person).get(matrix_url(reported))
    assert response.status_code == 200
    body = MatrixOut.model_validate(response.json()).model_dump()
    assert body["cycle"]["id"] == reported.pk
    assert body["provisions"] == ["1", "2", "3"]
    assert cells(body) == {"FRA": france, "DEU": {}, "UKR": {"1": "largely", "2": "partially"}}
    submissions = {row["code"]: row["submission"] for row in body["parties"]}
    assert submissions["FRA"] == ("submitted" if france else None)
    assert submissions["DEU"] is None
    assert "fully" in {entry["status"] for entry in body["legend"]}


def test_filters_travel_as_query_parameters(reported, stocktaking, client_as, secretariat):
    sec = client_as(secretariat)
    only = sec.get(matrix_url(reported, "?party=UKR&party=FRA&provision=2")).json()
    assert cells(only) == {"FRA": {"2": "not_started"}, "UKR": {"2": "partially"}}
    assert list(cells(sec.get(matrix_url(reported, "?group=eu")).json())) == ["FRA", "DEU"]
    fully = sec.get(matrix_url(reported, "?status=fully")).json()
    assert cells(fully) == {"FRA": {"3": "fully"}}
    first = sec.get(matrix_url(reported, f"?cycle={stocktaking.pk}")).json()
    assert cells(first)["FRA"] == {"1": "partially", "2": "not_started"}


def test_comparing_gives_the_earlier_status_and_the_change(reported, stocktaking, client_as):
    body = client_as(None).get(matrix_url(reported, f"?compare={stocktaking.pk}")).json()
    assert body["compare"]["id"] == stocktaking.pk
    ukraine = next(row for row in body["parties"] if row["code"] == "UKR")
    assert ukraine["cells"] == {
        "1": {"status": "largely", "earlier": "largely", "change": "held"},
        "2": {"status": "partially", "earlier": "fully", "change": "worsened"},
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [("?cycle=999999", "cycle"), ("?compare=999999", "compare"), ("?status=mostly", "status")],
)
def test_a_bad_parameter_gets_422_naming_it(query, field, reported, client_as):
    response = client_as(None).get(matrix_url(reported, query))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_a_cycle_of_another_instrument_is_refused(reported, client_as, secretariat, party_a):
    other = InstrumentFactory()
    ProvisionFactory(instrument=other, ref="1", seq=1)
    ProvisionFactory(instrument=other, ref="2", seq=2)
    foreign = open_cycle(other, secretariat, [party_a])
    response = client_as(None).get(matrix_url(reported, f"?cycle={foreign.pk}"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "cycle"]


@pytest.fixture
def unpublished_cycle(scope_body, secretariat, party_a):
    hidden = InstrumentFactory(body=scope_body, publication="in_review")
    ProvisionFactory(instrument=hidden, ref="1", seq=1)
    ProvisionFactory(instrument=hidden, ref="2", seq=2)
    cycle = open_cycle(hidden, secretariat, [party_a])
    report(cycle, party_a, {"1": "fully"})
    return cycle


@pytest.mark.parametrize("persona", ["anonymous", "focal_point", "reviewer", "partner"])
def test_an_unpublished_instrument_is_not_found(persona, unpublished_cycle, client_as, request):
    person = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert client_as(person).get(matrix_url(unpublished_cycle)).status_code == 404


def test_an_unpublished_instrument_is_shown_to_its_secretariat(
    unpublished_cycle, client_as, body_secretariat
):
    response = client_as(body_secretariat).get(matrix_url(unpublished_cycle))
    assert response.status_code == 200
    assert cells(response.json()) == {"FRA": {"1": "fully"}}


def test_an_instrument_without_cycles_has_an_empty_matrix(client_as):
    instrument = InstrumentFactory()
    body = client_as(None).get(f"/api/instruments/{instrument.pk}/progress").json()
    assert (body["cycle"], body["parties"], body["provisions"]) == (None, [], [])


# Scorecards -------------------------------------------------------------------------------


def test_the_public_scorecard_counts_only_published_answers(reported, client_as):
    response = client_as(None).get("/api/parties/FRA/scorecard")
    assert response.status_code == 200
    body = ScorecardOut.model_validate(response.json()).model_dump()
    (instrument,) = body["instruments"]
    first, later = instrument["cycles"]
    assert (first["submission"], first["counts"]["partially"], first["advanced_share"]) == (
        "published",
        1,
        0.0,
    )
    assert later["submission"] is None
    assert sum(later["counts"].values()) == 0
    assert later["changes"] == {}


@pytest.mark.parametrize("persona", ["focal_point", "reviewer", "secretariat"])
def test_the_partys_people_see_its_submitted_answers_counted(persona, reported, client_as, request):
    body = client_as(request.getfixturevalue(persona)).get("/api/parties/FRA/scorecard").json()
    later = body["instruments"][0]["cycles"][1]
    assert later["submission"] == "submitted"
    assert later["counts"] == {"not_started": 1, "partially": 0, "largely": 1, "fully": 1}
    assert later["baseline"] == body["instruments"][0]["cycles"][0]["id"]
    assert later["changes"] == {"improved": 1, "held": 1, "worsened": 0, "new": 1}
    assert later["share_change"] == pytest.approx(2 / 3)


def test_the_scorecard_hides_unpublished_instruments_and_unknown_parties(
    unpublished_cycle, reported, client_as, body_secretariat, instrument
):
    public = client_as(None).get("/api/parties/FRA/scorecard").json()
    assert [i["instrument"] for i in public["instruments"]] == [instrument.pk]
    own = client_as(body_secretariat).get("/api/parties/FRA/scorecard").json()
    assert len(own["instruments"]) == 2
    assert client_as(None).get("/api/parties/XXX/scorecard").status_code == 404
    refused = client_as(None).get(
        f"/api/parties/FRA/scorecard?instrument={unpublished_cycle.instrument_id}"
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "instrument"]
    chosen = client_as(body_secretariat).get(
        f"/api/parties/FRA/scorecard?instrument={unpublished_cycle.instrument_id}"
    )
    assert [i["instrument"] for i in chosen.json()["instruments"]] == [
        unpublished_cycle.instrument_id
    ]

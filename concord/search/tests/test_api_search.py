import pytest

from concord.registry.tests import factories

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get("/api/search", params)


def test_search_answers_groups_of_each_kind_with_links(client):
    instrument = factories.InstrumentFactory(title="Plan on asset freezing", symbol="SYM/1")
    provision = factories.ProvisionFactory(
        instrument=instrument, ref="III.1.4", text="States shall freeze assets."
    )
    party = factories.PartyFactory(code="FRZ", name="Freeze Islands")

    response = get(client, q="freeze")

    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "freeze"
    assert set(body["groups"]) == {"instrument", "provision", "party"}
    (found_instrument,) = body["groups"]["instrument"]["items"]
    assert found_instrument["url"] == f"/instruments/{instrument.pk}"
    assert found_instrument["title"] == "Plan on asset freezing"
    (found_provision,) = body["groups"]["provision"]["items"]
    assert found_provision == {
        "kind": "provision",
        "id": provision.pk,
        "title": f"III.1.4, {instrument.title}",
        "snippet": found_provision["snippet"],
        "rank": found_provision["rank"],
        "url": f"/instruments/{instrument.pk}/provisions/III.1.4",
        "instrument_id": instrument.pk,
        "ref": "III.1.4",
        "party_code": None,
    }
    assert "freeze" in found_provision["snippet"]
    (found_party,) = body["groups"]["party"]["items"]
    assert found_party["url"] == "/parties/FRZ"
    assert found_party["party_code"] == party.code
    assert body["groups"]["provision"]["count"] == 1
    assert body["groups"]["provision"]["count_exact"] is True


def test_kind_restricts_the_answer_to_one_group(client):
    factories.ProvisionFactory(text="States shall freeze assets.")
    body = get(client, q="freeze", kind="provision").json()
    assert list(body["groups"]) == ["provision"]


def test_limit_bounds_the_items_and_count_still_counts_all(client):
    instrument = factories.InstrumentFactory()
    for n in range(4):
        factories.ProvisionFactory(instrument=instrument, text=f"Freeze assets {n}.")
    group = get(client, q="freeze", kind="provision", limit=2).json()["groups"]["provision"]
    assert len(group["items"]) == 2
    assert group["count"] == 4


def test_unpublished_instruments_are_not_in_the_answer(client, unpublished_instrument):
    factories.ProvisionFactory(instrument=unpublished_instrument, text="Confidential freeze.")
    body = get(client, q="confidential").json()
    assert all(group["items"] == [] for group in body["groups"].values())


@pytest.mark.parametrize("q", ["", "   "])
def test_empty_query_gives_422_naming_q(client, q):
    response = get(client, q=q)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "q"


def test_missing_query_gives_422_naming_q(client):
    response = client.get("/api/search")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "q"


def test_unknown_kind_gives_422_naming_kind(client):
    response = get(client, q="freeze", kind="statement")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "kind"


@pytest.mark.parametrize("limit", ["0", "101", "many"])
def test_bad_limit_gives_422_naming_limit(client, limit):
    response = get(client, q="freeze", limit=limit)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "limit"


@pytest.mark.parametrize(
    "q", ['"', "AND OR", "ICC-ASP/10/Res.2", "(", "*", "NEAR(", "freeze\x00", "x" * 500]
)
def test_hostile_queries_answer_200(client, q):
    factories.ProvisionFactory(text="Calls upon States Parties (and others) to freeze assets.")
    response = get(client, q=q)
    assert response.status_code == 200


def test_overlong_query_gives_422(client):
    response = get(client, q="x" * 501)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "q"


def test_search_is_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/search" in paths

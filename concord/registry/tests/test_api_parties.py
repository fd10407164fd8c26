from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.models import GroupMembership, PartyAlias
from concord.registry.tests.factories import GroupFactory, PartyFactory


def test_parties_are_listed_by_name_with_code_name_and_kind(client, db):
    PartyFactory(code="VNM", name="Viet Nam")
    PartyFactory(code="adb", name="Asian Development Bank", kind="organization")

    response = client.get("/api/parties")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["count_exact"] is True
    assert body["next"] is None
    assert body["items"] == [
        {"code": "adb", "name": "Asian Development Bank", "kind": "organization", "language": "en"},
        {"code": "VNM", "name": "Viet Nam", "kind": "state", "language": "en"},
    ]


def test_parties_can_be_filtered_by_group(client, db):
    asean = GroupFactory(slug="asean")
    viet_nam = PartyFactory(code="VNM", name="Viet Nam")
    PartyFactory(code="CHE", name="Switzerland")
    GroupMembership.objects.create(group=asean, party=viet_nam, since="1995-07-28")

    body = client.get("/api/parties?group=asean").json()

    assert [p["code"] for p in body["items"]] == ["VNM"]
    assert body["count"] == 1


def test_parties_can_be_filtered_by_kind(client, db):
    PartyFactory(code="VNM", name="Viet Nam")
    PartyFactory(code="fao", name="FAO", kind="organization")

    body = client.get("/api/parties?kind=organization").json()

    assert [p["code"] for p in body["items"]] == ["fao"]


def test_an_unknown_party_kind_gives_422_naming_the_field(client, db):
    response = client.get("/api/parties?kind=planet")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kind"]


def test_a_party_shows_its_aliases_and_dated_group_memberships(client, db):
    lao = PartyFactory(code="LAO", name="Lao People's Democratic Republic")
    PartyAlias.objects.create(party=lao, name="Lao PDR", normalized="lao pdr")
    clmv = GroupFactory(slug="clmv", name="CLMV")
    GroupMembership.objects.create(group=clmv, party=lao, since="1997")

    response = client.get("/api/parties/LAO")

    assert response.status_code == 200
    party = response.json()
    assert party["code"] == "LAO"
    assert party["aliases"] == ["Lao PDR"]
    assert party["groups"] == [
        {
            "group": "clmv",
            "group_name": "CLMV",
            "since": "1997",
            "since_precision": "year",
            "until": None,
            "until_precision": None,
        }
    ]


def test_a_party_code_is_found_in_any_case(client, db):
    PartyFactory(code="CHE", name="Switzerland")

    assert client.get("/api/parties/che").json()["code"] == "CHE"


def test_an_unknown_party_gives_404_naming_it(client, db):
    response = client.get("/api/parties/XYZ")

    assert response.status_code == 404
    assert "XYZ" in response.json()["detail"]


def test_a_party_code_with_a_nul_character_gives_422_not_a_server_error(client, db):
    response = client.get("/api/parties/A%00B")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "code"]


def test_a_party_name_comes_in_french_where_it_is_translated(client, db):
    party = PartyFactory(code="CHE", name="Switzerland")
    party.set_translation("fr", "name", "Suisse")
    party.save()
    PartyFactory(code="UKR", name="Ukraine")

    items = client.get("/api/parties", headers={"accept-language": "fr"}).json()["items"]

    assert {(p["name"], p["language"]) for p in items} == {("Suisse", "fr"), ("Ukraine", "en")}


def test_the_party_list_costs_the_same_queries_for_10_and_100_parties(
    client, db, django_assert_num_queries
):
    group = GroupFactory(slug="many")
    for _ in range(10):
        GroupMembership.objects.create(group=group, party=PartyFactory())
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get("/api/parties?group=many&limit=500").json()["items"]) == 10
    for _ in range(90):
        GroupMembership.objects.create(group=group, party=PartyFactory())

    with django_assert_num_queries(len(ten)):
        assert len(client.get("/api/parties?group=many&limit=500").json()["items"]) == 100


def test_a_party_costs_the_same_queries_with_10_and_100_memberships(
    client, db, django_assert_num_queries
):
    party = PartyFactory(code="CHE")

    def join(count: int) -> None:
        for _ in range(count):
            GroupMembership.objects.create(group=GroupFactory(), party=party, since="2001")
            alias = f"alias {PartyAlias.objects.count()}"
            PartyAlias.objects.create(party=party, name=alias, normalized=alias)

    join(10)
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get("/api/parties/CHE").json()["groups"]) == 10
    join(90)

    with django_assert_num_queries(len(ten)):
        assert len(client.get("/api/parties/CHE").json()["groups"]) == 100

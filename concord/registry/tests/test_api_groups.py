from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.models import GroupMembership
from concord.registry.tests.factories import GroupFactory, PartyFactory


def test_groups_are_listed_by_name_with_their_member_count(client, db):
    clmv = GroupFactory(slug="clmv", name="CLMV")
    GroupFactory(slug="asean", name="ASEAN")
    for code in ("KHM", "LAO", "MMR", "VNM"):
        GroupMembership.objects.create(group=clmv, party=PartyFactory(code=code))

    body = client.get("/api/groups").json()

    assert body["count"] == 2
    assert [(g["slug"], g["members_count"]) for g in body["items"]] == [("asean", 0), ("clmv", 4)]


def test_a_group_shows_its_members_with_their_membership_dates(client, db):
    asean = GroupFactory(slug="asean", name="ASEAN")
    viet_nam = PartyFactory(code="VNM", name="Viet Nam")
    GroupMembership.objects.create(group=asean, party=viet_nam, since="1995-07-28")

    response = client.get("/api/groups/asean")

    assert response.status_code == 200
    group = response.json()
    assert group["slug"] == "asean"
    assert group["members"] == [
        {
            "party": "VNM",
            "party_name": "Viet Nam",
            "kind": "state",
            "since": "1995-07-28",
            "since_precision": "day",
            "until": None,
            "until_precision": None,
        }
    ]


def test_a_former_member_keeps_the_end_of_its_membership(client, db):
    group = GroupFactory(slug="observers")
    GroupMembership.objects.create(
        group=group, party=PartyFactory(code="CHN"), since="2003", until="2005"
    )

    member = client.get("/api/groups/observers").json()["members"][0]

    assert (member["until"], member["until_precision"]) == ("2005", "year")


def test_an_unknown_group_gives_404_naming_it(client, db):
    response = client.get("/api/groups/nowhere")

    assert response.status_code == 404
    assert "nowhere" in response.json()["detail"]


def test_a_group_name_comes_in_french_where_it_is_translated(client, db):
    group = GroupFactory(slug="asean", name="Association of Southeast Asian Nations")
    group.set_translation("fr", "name", "Association des nations de l'Asie du Sud-Est")
    group.save()

    body = client.get("/api/groups/asean", headers={"accept-language": "fr"}).json()

    assert (body["name"], body["language"]) == (
        "Association des nations de l'Asie du Sud-Est",
        "fr",
    )


def test_the_group_list_costs_the_same_queries_for_10_and_100_groups(
    client, db, django_assert_num_queries
):
    GroupFactory.create_batch(10)
    with CaptureQueriesContext(connection) as ten:
        assert client.get("/api/groups?limit=500").json()["count"] == 10
    GroupFactory.create_batch(90)

    with django_assert_num_queries(len(ten)):
        assert client.get("/api/groups?limit=500").json()["count"] == 100


def test_a_group_costs_the_same_queries_with_10_and_100_members(
    client, db, django_assert_num_queries
):
    group = GroupFactory(slug="many")
    for _ in range(10):
        GroupMembership.objects.create(group=group, party=PartyFactory(), since="2001-11")
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get("/api/groups/many").json()["members"]) == 10
    for _ in range(90):
        GroupMembership.objects.create(group=group, party=PartyFactory(), since="2001-11")

    with django_assert_num_queries(len(ten)):
        assert len(client.get("/api/groups/many").json()["members"]) == 100

from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.tests.factories import BodyFactory, InstrumentFactory, PartyFactory


def test_bodies_are_listed_by_name_with_their_parent_and_party(client, db):
    osce = BodyFactory(code="osce", name="OSCE", kind="organization")
    BodyFactory(code="osce-pc", name="Permanent Council", parent=osce)
    BodyFactory(
        code="vn-mpi",
        name="Ministry of Planning and Investment",
        kind="ministry",
        party=PartyFactory(code="VNM"),
    )

    body = client.get("/api/bodies").json()

    assert body["count"] == 3
    assert [(b["code"], b["parent"], b["party"]) for b in body["items"]] == [
        ("vn-mpi", None, "VNM"),
        ("osce", None, None),
        ("osce-pc", "osce", None),
    ]


def test_a_body_shows_its_organs_and_counts_only_published_instruments(client, db):
    asp = BodyFactory(code="icc-asp", name="Assembly of States Parties")
    BodyFactory(code="icc-asp-bureau", name="Bureau", parent=asp)
    InstrumentFactory(body=asp)
    InstrumentFactory(body=asp, publication="in_review")

    response = client.get("/api/bodies/icc-asp")

    assert response.status_code == 200
    detail = response.json()
    assert detail["organs"] == [{"code": "icc-asp-bureau", "name": "Bureau"}]
    assert detail["instruments_count"] == 1
    assert detail["parent_name"] is None


def test_an_unknown_body_gives_404_naming_it(client, db):
    response = client.get("/api/bodies/nobody")

    assert response.status_code == 404
    assert "nobody" in response.json()["detail"]


def test_the_body_list_costs_the_same_queries_for_10_and_100_bodies(
    client, db, django_assert_num_queries
):
    def add(count: int) -> None:
        for _ in range(count):
            BodyFactory(parent=BodyFactory(), party=PartyFactory())

    add(5)
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get("/api/bodies?limit=500").json()["items"]) == 10
    add(45)

    with django_assert_num_queries(len(ten)):
        assert len(client.get("/api/bodies?limit=500").json()["items"]) == 100


def test_a_body_costs_the_same_queries_with_10_and_100_organs(
    client, db, django_assert_num_queries
):
    parent = BodyFactory(code="fao")
    BodyFactory.create_batch(10, parent=parent)
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get("/api/bodies/fao").json()["organs"]) == 10
    BodyFactory.create_batch(90, parent=parent)

    with django_assert_num_queries(len(ten)):
        assert len(client.get("/api/bodies/fao").json()["organs"]) == 100

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.models import Instrument, InstrumentRelation
from concord.registry.tests.factories import (
    BodyFactory,
    InstrumentFactory,
    ParticipationFactory,
    PartyFactory,
    ProvisionFactory,
    StatementFactory,
)


def test_an_instrument_is_listed_with_its_symbol_title_kind_date_and_body(client, db):
    pc = BodyFactory(code="osce-pc", name="Permanent Council")
    decision = InstrumentFactory(
        symbol="PC.DEC/1107/Corr.1",
        title="Addendum to the OSCE Action Plan",
        kind="decision",
        body=pc,
        adopted="2013-12-06",
    )

    body = client.get("/api/instruments").json()

    assert body["count"] == 1
    assert body["items"] == [
        {
            "id": decision.pk,
            "symbol": "PC.DEC/1107/Corr.1",
            "title": "Addendum to the OSCE Action Plan",
            "short_title": "",
            "kind": "decision",
            "number": "",
            "adopted_on": "2013-12-06",
            "adopted_precision": "day",
            "body": {"code": "osce-pc", "name": "Permanent Council"},
            "legal_status": "adopted",
            "publication": "published",
            "revision_of": None,
            "language": "en",
        }
    ]


@pytest.mark.parametrize(
    ("adopted", "edtf", "precision"),
    [
        ("2014", "2014", "year"),
        ("2001-11", "2001-11", "month"),
        ("../2004-05-31", "../2004-05-31", "range"),
    ],
)
def test_an_adoption_date_keeps_the_precision_it_is_known_to(client, db, adopted, edtf, precision):
    instrument = InstrumentFactory(adopted=adopted)

    detail = client.get(f"/api/instruments/{instrument.pk}").json()

    assert (detail["adopted_on"], detail["adopted_precision"]) == (edtf, precision)


def test_an_instrument_without_adoption_date_says_null(client, db):
    instrument = InstrumentFactory(adopted=None)

    detail = client.get(f"/api/instruments/{instrument.pk}").json()

    assert (detail["adopted_on"], detail["adopted_precision"]) == (None, None)


def test_unpublished_instruments_are_not_listed(
    client, published_instrument, unpublished_instrument
):
    body = client.get("/api/instruments").json()

    assert [i["id"] for i in body["items"]] == [published_instrument.pk]
    assert body["count"] == 1


def test_an_unpublished_instrument_answers_404_exactly_like_an_unknown_one(
    client, unpublished_instrument
):
    unknown_id = unpublished_instrument.pk + 1000

    unpublished = client.get(f"/api/instruments/{unpublished_instrument.pk}")
    unknown = client.get(f"/api/instruments/{unknown_id}")

    assert unpublished.status_code == unknown.status_code == 404
    assert unpublished.json() == {"detail": f"No instrument with id {unpublished_instrument.pk}."}
    assert unknown.json() == {"detail": f"No instrument with id {unknown_id}."}


def test_instruments_can_be_filtered_by_symbol_in_any_case(client, db):
    wanted = InstrumentFactory(symbol="ICC-ASP/10/Res.2")
    InstrumentFactory(symbol="ICC-ASP/11/Res.6")

    body = client.get("/api/instruments?symbol=icc-asp/10/res.2").json()

    assert [i["id"] for i in body["items"]] == [wanted.pk]


def test_instruments_can_be_filtered_by_kind_body_and_party(client, db):
    pc = BodyFactory(code="osce-pc")
    decision = InstrumentFactory(kind="decision", body=pc)
    resolution = InstrumentFactory(kind="resolution")
    ParticipationFactory(instrument=resolution, party=PartyFactory(code="CHE"))

    def ids(query: str) -> list[int]:
        return [i["id"] for i in client.get(f"/api/instruments?{query}").json()["items"]]

    assert ids("kind=decision") == [decision.pk]
    assert ids("body=osce-pc") == [decision.pk]
    assert ids("party=CHE") == [resolution.pk]
    assert ids("party=CHE&kind=decision") == []


def test_instruments_can_be_searched_with_q(client, db):
    wanted = InstrumentFactory(title="Plan of action on asset recovery")
    InstrumentFactory(title="Programme of work")

    body = client.get("/api/instruments?q=recovery").json()

    assert [i["id"] for i in body["items"]] == [wanted.pk]


def test_an_unknown_instrument_kind_gives_422_naming_the_field(client, db):
    response = client.get("/api/instruments?kind=poem")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kind"]


def test_an_instrument_id_that_is_not_a_number_gives_422(client, db):
    response = client.get("/api/instruments/abc")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "instrument_id"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/instruments/99999999999999999999999",
        "/api/instruments/-1",
        "/api/instruments/99999999999999999999999/provisions",
        "/api/instruments?q=%00",
        "/api/instruments?symbol=a%00b",
        "/api/instruments?party=" + "x" * 5000,
        "/api/instruments?q=" + "freeze " * 1000,
        "/api/instruments?offset=99999999999999999999999",
        "/api/instruments?after=%00",
        "/api/instruments?limit=-5",
    ],
)
def test_odd_input_gets_a_4xx_answer_never_a_server_error(client, db, url):
    response = client.get(url)

    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_an_instrument_shows_its_relations_both_ways_but_not_to_unpublished_ones(client, db):
    action_plan = InstrumentFactory(title="Action Plan")
    addendum = InstrumentFactory(title="Addendum")
    draft = InstrumentFactory(title="Draft", publication="proposed")
    InstrumentRelation.objects.create(source=addendum, target=action_plan, kind="complements")
    InstrumentRelation.objects.create(source=action_plan, target=draft, kind="recalls")
    InstrumentRelation.objects.create(source=draft, target=action_plan, kind="implements")

    plan = client.get(f"/api/instruments/{action_plan.pk}").json()
    add = client.get(f"/api/instruments/{addendum.pk}").json()

    assert [(r["direction"], r["kind"], r["instrument"]["id"]) for r in plan["relations"]] == [
        ("in", "complements", addendum.pk)
    ]
    assert [(r["direction"], r["kind"], r["instrument"]["id"]) for r in add["relations"]] == [
        ("out", "complements", action_plan.pk)
    ]


def test_an_instrument_shows_its_revision_chain_and_counts(client, db):
    original = InstrumentFactory(symbol="PC.DEC/1107", adopted="2013-12-06")
    corrigendum = InstrumentFactory(
        symbol="PC.DEC/1107/Corr.1", revision_of=original, adopted="2013-12-06"
    )
    ProvisionFactory.create_batch(3, instrument=corrigendum)
    ParticipationFactory(instrument=corrigendum)
    StatementFactory.create_batch(4, instrument=corrigendum)

    detail = client.get(f"/api/instruments/{corrigendum.pk}").json()
    first = client.get(f"/api/instruments/{original.pk}").json()

    assert detail["revision_of"] == original.pk
    assert [i["symbol"] for i in detail["revision_chain"]] == ["PC.DEC/1107", "PC.DEC/1107/Corr.1"]
    assert [i["symbol"] for i in first["revisions"]] == ["PC.DEC/1107/Corr.1"]
    assert [i["symbol"] for i in first["revision_chain"]] == ["PC.DEC/1107", "PC.DEC/1107/Corr.1"]
    assert (
        detail["provisions_count"],
        detail["participants_count"],
        detail["statements_count"],
    ) == (
        3,
        1,
        4,
    )


def test_an_unpublished_original_is_not_named_by_its_revision(client, db):
    original = InstrumentFactory(publication="in_review")
    revision = InstrumentFactory(revision_of=original)

    detail = client.get(f"/api/instruments/{revision.pk}").json()
    listed = client.get("/api/instruments").json()["items"]

    assert detail["revision_of"] is None
    assert [i["id"] for i in detail["revision_chain"]] == [revision.pk]
    assert listed[0]["revision_of"] is None


def test_a_title_comes_in_french_where_it_exists_and_says_when_it_falls_back(client, db):
    instrument = InstrumentFactory(title="Strengthening cooperation")
    instrument.set_translation("fr", "title", "Renforcement de la coopération")
    instrument.save()

    french = client.get(f"/api/instruments/{instrument.pk}", headers={"accept-language": "fr"})
    spanish = client.get(f"/api/instruments/{instrument.pk}", headers={"accept-language": "es"})

    assert (french.json()["title"], french.json()["language"]) == (
        "Renforcement de la coopération",
        "fr",
    )
    assert (spanish.json()["title"], spanish.json()["language"]) == (
        "Strengthening cooperation",
        "en",
    )


def test_the_instrument_list_costs_the_same_queries_for_10_and_100_instruments(
    client, db, django_assert_num_queries
):
    body = BodyFactory()
    InstrumentFactory.create_batch(10, body=body)
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get("/api/instruments?limit=500").json()["items"]) == 10
    InstrumentFactory.create_batch(90, body=body, revision_of=Instrument.objects.first())

    with django_assert_num_queries(len(ten)):
        assert len(client.get("/api/instruments?limit=500").json()["items"]) == 100


def test_an_instrument_costs_the_same_queries_with_10_and_100_related_rows(
    client, db, django_assert_num_queries
):
    instrument = InstrumentFactory()

    def relate(count: int) -> None:
        for _ in range(count):
            InstrumentRelation.objects.create(
                source=InstrumentFactory(), target=instrument, kind="implements"
            )
            InstrumentFactory(revision_of=instrument)
            ProvisionFactory(instrument=instrument)

    relate(10)
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get(f"/api/instruments/{instrument.pk}").json()["relations"]) == 10
    relate(90)

    with django_assert_num_queries(len(ten)):
        assert len(client.get(f"/api/instruments/{instrument.pk}").json()["relations"]) == 100

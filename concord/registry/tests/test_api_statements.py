from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.tests.factories import (
    InstrumentFactory,
    PartyFactory,
    ProvisionFactory,
    StatementFactory,
)


def test_a_statement_is_listed_with_its_party_kinds_date_provisions_and_text(
    client, published_instrument
):
    paragraph = ProvisionFactory(instrument=published_instrument, ref="III.5", seq=5)
    statement = StatementFactory(
        instrument=published_instrument,
        party=PartyFactory(code="AZE", name="Azerbaijan"),
        kind="interpretative",
        self_described_kind="reservation",
        label="Attachment 3",
        made="2013-12-06",
        text="The delegation expresses its reservation ...",
    )
    statement.provisions.add(paragraph)

    body = client.get(f"/api/instruments/{published_instrument.pk}/statements").json()

    assert body["count"] == 1
    assert body["items"] == [
        {
            "id": statement.pk,
            "party": "AZE",
            "party_name": "Azerbaijan",
            "kind": "interpretative",
            "self_described_kind": "reservation",
            "label": "Attachment 3",
            "date": "2013-12-06",
            "date_precision": "day",
            "provisions": [{"instrument": published_instrument.pk, "ref": "III.5"}],
            "text": "The delegation expresses its reservation ...",
            "language": "en",
        }
    ]


def test_a_statement_that_calls_itself_what_it_is_listed_as_says_null(client, published_instrument):
    StatementFactory(instrument=published_instrument, kind="declaration")

    item = client.get(f"/api/instruments/{published_instrument.pk}/statements").json()["items"][0]

    assert item["self_described_kind"] is None
    assert item["provisions"] == []


def test_a_statement_names_paragraphs_of_another_published_instrument_but_no_unpublished_one(
    client, published_instrument, unpublished_instrument
):
    addendum = InstrumentFactory(title="Addendum")
    annexed = ProvisionFactory(instrument=addendum, ref="III.osce.5")
    hidden = ProvisionFactory(instrument=unpublished_instrument, ref="II.1")
    statement = StatementFactory(instrument=published_instrument)
    statement.provisions.add(annexed, hidden)

    item = client.get(f"/api/instruments/{published_instrument.pk}/statements").json()["items"][0]

    assert item["provisions"] == [{"instrument": addendum.pk, "ref": "III.osce.5"}]


def test_the_statements_on_an_unpublished_instrument_answer_404(client, unpublished_instrument):
    StatementFactory(instrument=unpublished_instrument)

    response = client.get(f"/api/instruments/{unpublished_instrument.pk}/statements")

    assert response.status_code == 404
    assert response.json() == {"detail": f"No instrument with id {unpublished_instrument.pk}."}


def test_the_statement_list_costs_the_same_queries_for_10_and_100_statements(
    client, published_instrument, django_assert_num_queries
):
    provisions = ProvisionFactory.create_batch(3, instrument=published_instrument)

    def add(count: int) -> None:
        for statement in StatementFactory.create_batch(count, instrument=published_instrument):
            statement.provisions.add(*provisions)

    add(10)
    url = f"/api/instruments/{published_instrument.pk}/statements?limit=500"
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get(url).json()["items"]) == 10
    add(90)

    with django_assert_num_queries(len(ten)):
        assert len(client.get(url).json()["items"]) == 100

from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.registry.tests.factories import ParticipationFactory, PartyFactory


def test_participants_are_listed_by_party_name_with_their_role_and_dates(
    client, published_instrument
):
    ParticipationFactory(
        instrument=published_instrument,
        party=PartyFactory(code="CHE", name="Switzerland"),
        role="ratified",
        start="2012-09-25",
    )
    ParticipationFactory(
        instrument=published_instrument,
        party=PartyFactory(code="AUS", name="Australia"),
        role="endorsed",
        start="../2004-05-31",
    )
    ParticipationFactory(
        instrument=published_instrument,
        party=PartyFactory(code="CHN", name="China"),
        role="observer",
        start="2003",
        end="2004",
    )

    body = client.get(f"/api/instruments/{published_instrument.pk}/participants").json()

    assert body["count"] == 3
    assert body["items"] == [
        {
            "party": "AUS",
            "party_name": "Australia",
            "role": "endorsed",
            "date": "../2004-05-31",
            "date_precision": "range",
            "date_earliest": None,
            "date_latest": "2004-05-31",
            "end": None,
            "note": "",
        },
        {
            "party": "CHN",
            "party_name": "China",
            "role": "observer",
            "date": "2003",
            "date_precision": "year",
            "date_earliest": "2003-01-01",
            "date_latest": "2003-12-31",
            "end": "2004",
            "note": "",
        },
        {
            "party": "CHE",
            "party_name": "Switzerland",
            "role": "ratified",
            "date": "2012-09-25",
            "date_precision": "day",
            "date_earliest": "2012-09-25",
            "date_latest": "2012-09-25",
            "end": None,
            "note": "",
        },
    ]


def test_the_participants_of_an_unpublished_instrument_answer_404(client, unpublished_instrument):
    ParticipationFactory(instrument=unpublished_instrument)

    response = client.get(f"/api/instruments/{unpublished_instrument.pk}/participants")

    assert response.status_code == 404
    assert response.json() == {"detail": f"No instrument with id {unpublished_instrument.pk}."}


def test_participants_with_the_same_name_are_paged_without_loss(client, published_instrument):
    for n in range(5):
        ParticipationFactory(
            instrument=published_instrument, party=PartyFactory(code=f"P{n}", name="Same name")
        )
    url = f"/api/instruments/{published_instrument.pk}/participants?limit=2"

    seen, cursor = [], ""
    while cursor is not None:
        page = client.get(url + (f"&after={cursor}" if cursor else "")).json()
        seen += [p["party"] for p in page["items"]]
        cursor = page["next"]

    assert sorted(seen) == ["P0", "P1", "P2", "P3", "P4"]


def test_the_participant_list_costs_the_same_queries_for_10_and_100_participants(
    client, published_instrument, django_assert_num_queries
):
    ParticipationFactory.create_batch(10, instrument=published_instrument)
    url = f"/api/instruments/{published_instrument.pk}/participants?limit=500"
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get(url).json()["items"]) == 10
    ParticipationFactory.create_batch(90, instrument=published_instrument)

    with django_assert_num_queries(len(ten)):
        assert len(client.get(url).json()["items"]) == 100

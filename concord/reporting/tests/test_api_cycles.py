"""Reporting cycles and questionnaires through the HTTP API."""

import pytest

from concord.registry.tests.factories import InstrumentFactory
from concord.reporting.models import ReportingCycle
from concord.reporting.tests.conftest import open_cycle


def cycle_body(of, **changes) -> dict:
    return {
        "instrument": of.pk,
        "name": "Self-assessment 2027",
        "phase": "self_assessment",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "opens_on": "2027-01-10",
        "deadline": "2027-04-30",
        "parties": ["FRA"],
        "provisions": ["2", "1"],
        "scale": "recommendation",
        "questions": [{"text": "Budget", "answer_type": "number", "unit": "EUR"}],
        **changes,
    }


def create(client, body):
    return client.post("/api/cycles", body, content_type="application/json")


def test_the_secretariat_opens_a_cycle_with_its_questionnaire(
    instrument, client_as, body_secretariat, party_a
):
    response = create(client_as(body_secretariat), cycle_body(instrument))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["parties"], data["provisions"]) == (["FRA"], ["1", "2"])
    questions = client_as(None).get(f"/api/cycles/{data['id']}/questionnaire").json()
    assert [(q["key"], q["answer_type"], q["scale"]) for q in questions[:2]] == [
        ("1", "status", "recommendation"),
        ("2", "status", "recommendation"),
    ]
    assert questions[2]["unit"] == "EUR"
    assert ReportingCycle.objects.get().history.get().history_user == body_secretariat


def test_opening_a_cycle_needs_credentials_and_the_secretariat(
    instrument, client_as, focal_point, party_a
):
    assert create(client_as(None), cycle_body(instrument)).status_code == 401
    assert create(client_as(focal_point), cycle_body(instrument)).status_code == 403
    assert not ReportingCycle.objects.exists()


def test_a_secretariat_of_another_body_cannot_open_a_cycle(client_as, body_secretariat, party_a):
    response = create(client_as(body_secretariat), cycle_body(InstrumentFactory()))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phase": "harvest"}, "phase"),
        ({"parties": ["ZZZ"]}, "parties"),
        ({"provisions": ["77"]}, "provisions"),
        ({"deadline": "2026-01-01"}, "deadline"),
        ({"questions": [{"text": " ", "answer_type": "text"}]}, "questions"),
    ],
)
def test_bad_input_gets_422_naming_the_field(
    changes, field, instrument, client_as, secretariat, party_a
):
    response = create(client_as(secretariat), cycle_body(instrument, **changes))
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]
    assert not ReportingCycle.objects.exists()


def test_unknown_instrument_or_cycle_is_404(client_as, secretariat, instrument):
    assert (
        create(client_as(secretariat), cycle_body(instrument, instrument=999999)).status_code == 404
    )
    assert client_as(None).get("/api/cycles/999999").status_code == 404


def test_cycles_of_unpublished_instruments_are_hidden_from_the_public(
    cycle, client_as, secretariat
):
    cycle.instrument.publication = "in_review"
    cycle.instrument.save()
    assert client_as(None).get(f"/api/cycles/{cycle.pk}").status_code == 404
    assert client_as(None).get("/api/cycles").json()["count"] == 0
    assert client_as(secretariat).get(f"/api/cycles/{cycle.pk}").status_code == 200


def test_the_public_lists_and_reads_cycles_of_published_instruments(cycle, client_as):
    listed = client_as(None).get("/api/cycles").json()
    assert [c["name"] for c in listed["items"]] == ["Stocktaking 2026"]
    detail = client_as(None).get(f"/api/cycles/{cycle.pk}").json()
    assert (detail["phase"], detail["parties"]) == ("stocktaking", ["FRA", "UKR"])


def test_the_cycle_list_reads_in_a_constant_number_of_queries(
    cycle, instrument, secretariat, party_a, client_as, django_assert_max_num_queries
):
    client = client_as(None)
    with django_assert_max_num_queries(4):
        assert client.get("/api/cycles").json()["count"] == 1
    for _ in range(3):
        open_cycle(instrument, secretariat, [party_a])
    with django_assert_max_num_queries(4):
        assert client.get("/api/cycles").json()["count"] == 4


def test_the_openapi_document_lists_the_reporting_operations(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    operations = paths["/api/cycles/{cycle_id}/submissions/{party}"]
    assert set(operations) == {"get", "put"}
    assert operations["put"]["tags"] == ["reporting"]
    assert "409" in operations["put"]["responses"]

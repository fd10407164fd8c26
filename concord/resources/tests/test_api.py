"""The resources API over HTTP: partners, modalities, contributions, funding by result."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from concord.registry.models import Publication
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
)
from concord.resources.models import Contribution, ExchangeRate, Priority
from concord.resources.tests.conftest import DAY

pytestmark = pytest.mark.django_db


def body(payload: dict) -> dict:
    return {"data": json.dumps(payload), "content_type": "application/json"}


@pytest.fixture
def recorded(org_secretariat, netherlands, sweden, organization, framework, modalities):
    def record(partner, reference, amount, currency, shares, published):
        contribution = contribution_create(
            user=org_secretariat,
            partner=partner,
            organization=organization,
            reference=reference,
            status="received",
            on=DAY,
            data=ContributionData(
                title=reference, amount=amount, currency=currency, modality=modalities["fmm"]
            ),
        )
        allocations_set(user=org_secretariat, contribution=contribution, shares=shares)
        contribution.published = published
        contribution.save()
        return contribution

    nodes = framework.nodes
    return {
        "public": record(netherlands, "NL-1", "1000", "USD", [Share(nodes["A.1.1"], "100")], True),
        "hidden": record(sweden, "SE-1", "2000", "EUR", [Share(nodes["B1"], "50")], False),
    }


def test_partners_and_modalities_are_public(client_as, netherlands, sweden, modalities, framework):
    Priority.objects.create(partner=netherlands, node=framework.nodes["A1"], source="Annex")
    client = client_as(None)
    listed = client.get("/api/partners").json()
    assert [(p["code"], p["organisation_type_name"]) for p in listed["items"]] == [
        ("NLD", "Government"),
        ("SWE", "Government"),
    ]
    detail = client.get("/api/partners/nld").json()
    assert detail["priorities"][0]["node"] == "A1"
    assert client.get("/api/partners/XXX").status_code == 404
    modalities_listed = client.get("/api/modalities?organization=org").json()
    assert [(m["code"], m["window_of"]) for m in modalities_listed] == [
        ("fmm", None),
        ("sfera", None),
        ("airc", "sfera"),
    ]
    csv = b"".join(client.get("/api/partners?format=csv").streaming_content).decode()
    assert csv.splitlines()[0].startswith("code,name,kind") and "Netherlands" in csv


def test_each_reader_lists_the_contributions_they_may_see(
    client_as, recorded, swedish_partner, org_secretariat
):
    def references(person, query=""):
        items = client_as(person).get(f"/api/contributions{query}").json()["items"]
        return sorted(c["reference"] for c in items)

    assert references(None) == ["NL-1"]
    assert references(swedish_partner) == ["NL-1", "SE-1"]
    assert references(org_secretariat) == ["NL-1", "SE-1"]
    assert references(org_secretariat, "?partner=swe") == ["SE-1"]
    hidden = recorded["hidden"].pk
    assert client_as(None).get(f"/api/contributions/{hidden}").status_code == 404
    detail = client_as(swedish_partner).get(f"/api/contributions/{hidden}").json()
    assert detail["allocations"] == [
        {
            "node": "B1",
            "node_id": recorded["hidden"].allocations.get().node_id,
            "share": "50",
            "amount": None,
        }
    ]
    assert detail["status_history"] == [{"status": "received", "on": "2012-06-30"}]


def test_the_secretariat_records_a_contribution_with_its_allocations(
    client_as, org_secretariat, netherlands, framework, modalities
):
    payload = {
        "reference": "NL-FMM-2",
        "title": "Lightly earmarked support",
        "partner": "NLD",
        "organization": "org",
        "modality": "fmm",
        "amount": "500000",
        "currency": "EUR",
        "status": "signed",
        "on": "2012-09-01",
        "allocations": [{"node": framework.nodes["A1"].pk, "share": "40"}],
    }
    response = client_as(org_secretariat).post("/api/contributions", **body(payload))
    assert response.status_code == 201, response.content
    assert response.json()["allocations"][0]["share"] == "40"
    created = Contribution.objects.get(reference="NL-FMM-2")
    assert created.history.get().history_user == org_secretariat


def test_a_refused_allocation_writes_nothing(client_as, org_secretariat, netherlands, framework):
    payload = {
        "reference": "NL-X",
        "title": "Too much",
        "partner": "NLD",
        "organization": "org",
        "amount": "100",
        "currency": "USD",
        "status": "approved",
        "on": "2012-09-01",
        "allocations": [{"node": framework.nodes["A1"].pk, "amount": "100.01"}],
    }
    response = client_as(org_secretariat).post("/api/contributions", **body(payload))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "allocations"]
    assert not Contribution.objects.exists()


def test_partners_pledge_for_themselves_only(
    client_as, dutch_partner, netherlands, sweden, organization
):
    pledge = {
        "reference": "NL-P",
        "title": "Pledge",
        "partner": "NLD",
        "organization": "org",
        "amount": "1",
        "currency": "USD",
        "on": "2012-09-01",
    }
    client = client_as(dutch_partner)
    assert client.post("/api/contributions", **body(pledge)).status_code == 201
    other = {**pledge, "reference": "SE-P", "partner": "SWE"}
    assert client.post("/api/contributions", **body(other)).status_code == 403
    assert client_as(None).post("/api/contributions", **body(other)).status_code == 401
    assert list(Contribution.objects.values_list("reference", flat=True)) == ["NL-P"]


def test_funding_by_result_in_one_currency_with_its_rates(
    client_as, recorded, org_secretariat, framework
):
    ExchangeRate.objects.create(
        currency="EUR", on=dt.date(2012, 1, 1), rate=Decimal("1.3"), source="Test rates"
    )
    url = f"/api/instruments/{framework.pk}/funding?on=2012-12-31"
    answer = client_as(org_secretariat).get(url).json()
    nodes = {n["code"]: n for n in answer["nodes"]}
    assert nodes["goal"]["allocated"] == "2300"  # USD 1,000 + EUR 1,000 at 1.3
    assert nodes["B1"]["partners"] == ["SWE"] and nodes["A.1.2"]["funded"] is False
    assert answer["rates"][0]["rate"] == "1.3" and answer["unconverted"] == {}
    public = client_as(None).get(url).json()
    assert {n["code"]: n["allocated"] for n in public["nodes"]}["goal"] == "1000"
    in_eur = client_as(org_secretariat).get(url + "&currency=EUR").json()
    assert {n["code"]: n["allocated"] for n in in_eur["nodes"]}["B1"] == "1000"
    csv = b"".join(client_as(None).get(url + "&format=csv").streaming_content).decode()
    assert csv.splitlines()[0].startswith("currency,id,parent,code,level")
    assert csv.splitlines()[1].startswith("USD,")
    assert client_as(None).get(url + "&currency=XXX").status_code == 422


def test_the_funding_of_an_unpublished_framework_is_not_found(client_as, recorded, framework):
    framework.publication = Publication.IN_REVIEW
    framework.save()
    assert client_as(None).get(f"/api/instruments/{framework.pk}/funding").status_code == 404

"""Registering partners, recording their priorities and exchange rates: services and pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.registry.models import Publication
from concord.registry.tests import factories
from concord.resources.models import ExchangeRate, Priority, ResourcePartner
from concord.resources.partnering import partner_register, priority_add, rate_put

pytestmark = pytest.mark.django_db


def test_the_secretariat_registers_a_partner_with_an_iati_type(org_secretariat, dutch_partner):
    party = factories.PartyFactory(code="BEL", name="Belgium")
    with pytest.raises(PermissionDenied):
        partner_register(user=dutch_partner, party=party, organisation_type="10")
    with pytest.raises(ValidationError) as error:
        partner_register(user=org_secretariat, party=party, organisation_type="99")
    assert "organisation_type" in error.value.message_dict
    partner = partner_register(user=org_secretariat, party=party, organisation_type="10")
    assert partner.history.get().history_user == org_secretariat
    with pytest.raises(ValidationError):
        partner_register(user=org_secretariat, party=party, organisation_type="10")
    assert ResourcePartner.objects.filter(party=party).count() == 1


def test_a_partner_records_its_own_priorities_only(
    dutch_partner, netherlands, sweden, framework, modalities
):
    priority = priority_add(
        user=dutch_partner,
        partner=netherlands,
        node=framework.nodes["A1"],
        sdg_target="16.5",
        modality=modalities["fmm"],
    )
    assert priority.history.get().history_user == dutch_partner
    with pytest.raises(PermissionDenied):
        priority_add(user=dutch_partner, partner=sweden, sdg_target="16.5")
    with pytest.raises(ValidationError) as error:
        priority_add(user=dutch_partner, partner=netherlands, sdg_target="16.99")
    assert "sdg_target" in error.value.message_dict
    with pytest.raises(ValidationError):
        priority_add(user=dutch_partner, partner=netherlands, modality=modalities["fmm"])
    framework.publication = Publication.IN_REVIEW
    framework.save()
    with pytest.raises(ValidationError) as error:
        priority_add(user=dutch_partner, partner=netherlands, node=framework.nodes["A1"])
    assert "node" in error.value.message_dict
    assert Priority.objects.count() == 1


def test_a_rate_is_recorded_corrected_and_checked(org_secretariat, dutch_partner):
    on = dt.date(2012, 1, 2)
    with pytest.raises(PermissionDenied):
        rate_put(user=dutch_partner, currency="EUR", on=on, rate="1.29", source="ECB")
    for bad in (
        {"currency": "XYZ"},
        {"rate": "0"},
        {"rate": "1,29"},
        {"source": " "},
        {"base": "EUR"},
    ):
        arguments = {"currency": "EUR", "on": on, "rate": "1.29", "source": "ECB", **bad}
        with pytest.raises(ValidationError):
            rate_put(user=org_secretariat, **arguments)
    rate_put(user=org_secretariat, currency="eur", on=on, rate="1.29", source="ECB")
    rate_put(user=org_secretariat, currency="EUR", on=on, rate="1.2939", source="ECB")
    rate = ExchangeRate.objects.get()
    assert (rate.currency, rate.base, rate.rate) == ("EUR", "USD", Decimal("1.2939"))
    assert rate.history.count() == 2


def test_the_pages(
    client_as, org_secretariat, dutch_partner, swedish_partner, netherlands, framework
):
    party = factories.PartyFactory(code="BEL", name="Belgium")
    secretariat = client_as(org_secretariat)
    assert secretariat.get("/resources/partners/new").status_code == 200
    bad = secretariat.post("/resources/partners/new", {"party": "BEL", "organisation_type": "99"})
    assert bad.status_code == 422
    made = secretariat.post("/resources/partners/new", {"party": "BEL", "organisation_type": "10"})
    assert made.status_code == 302 and ResourcePartner.objects.filter(party=party).exists()
    assert client_as(dutch_partner).get("/resources/partners/new").status_code == 403

    url = "/resources/partners/NLD/priorities/new"
    dutch = client_as(dutch_partner)
    page = dutch.get("/resources/partners/NLD").content.decode()
    assert url in page
    assert dutch.post(url, {"sdg_target": "16.5"}).status_code == 302
    assert client_as(swedish_partner).get(url).status_code == 404
    refused = dutch.post(url, {"sdg_target": "99.9"})
    assert refused.status_code == 422 and "not an SDG target" in refused.content.decode()

    assert (
        secretariat.post(
            "/resources/rates/new",
            {
                "currency": "EUR",
                "base": "USD",
                "rate": "1.2939",
                "on": "2012-01-02",
                "source": "ECB",
            },
        ).status_code
        == 302
    )
    rates = client_as(None).get("/resources/rates").content.decode()
    assert "1.2939 USD" in rates and "ECB" in rates
    assert client_as(None).get("/resources/rates/new").status_code == 302  # to sign in


def test_a_focal_point_records_a_need_of_their_country_by_form(
    client_as, focal_point, party_a, party_b, secretariat, framework
):
    from concord.resources.models import Need

    client = client_as(focal_point)
    page = client.get("/resources/needs/new").content.decode()
    assert 'name="published"' not in page and framework.nodes["A1"].title in page
    form = {
        "title": "Legal drafting advice",
        "kind": "technical",
        "country": party_a.code,
        "sdg_targets": "16.5, 16.6",
        "nodes": [str(framework.nodes["A1"].pk)],
    }
    made = client.post("/resources/needs/new", form)
    need = Need.objects.get()
    assert made.status_code == 302 and made["Location"].endswith(f"/{need.pk}")
    assert (need.country, need.sdg_targets, need.published) == (party_a, ["16.5", "16.6"], False)
    assert list(need.nodes.all()) == [framework.nodes["A1"]]
    other = client.post("/resources/needs/new", {**form, "country": party_b.code})
    assert other.status_code == 422 and Need.objects.count() == 1
    bad = client.post("/resources/needs/new", {**form, "sdg_targets": "99.1"})
    assert bad.status_code == 422 and "not an SDG target" in bad.content.decode()
    assert 'name="published"' in client_as(secretariat).get("/resources/needs/new").content.decode()

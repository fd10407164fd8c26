"""Recording a contribution or a pledge by form, reading one, and the secretariat's steps."""

from decimal import Decimal

import pytest

from concord.resources.models import Contribution

pytestmark = pytest.mark.django_db

NEW = "/resources/contributions/new"


def form(instrument, **changes) -> dict:
    return {
        "partner": "NLD",
        "organization": "org",
        "modality": "fmm",
        "reference": "NL-FMM-9",
        "title": "Multipartner support",
        "amount": "1000",
        "currency": "usd",
        "status": "approved",
        "on": "2012-06-30",
        "framework": str(instrument.pk),
        "allocations": "A1 40%\nB1 600",
        **changes,
    }


def test_the_secretariat_records_a_contribution_with_its_allocations(
    client_as, org_secretariat, netherlands, framework, modalities
):
    client = client_as(org_secretariat)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, form(framework))
    created = Contribution.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{created.pk}")
    assert sorted(
        (a.node.code, a.share, a.amount) for a in created.allocations.select_related("node")
    ) == [("A1", Decimal("40.0000"), None), ("B1", None, Decimal("600.00"))]
    page = client.get(response["Location"]).content.decode()
    assert "Not public" in page and "Record the step" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"allocations": "A1 70%\nB1 600"}, "allocations", "more than the"),
        ({"allocations": "Z9 10%"}, "allocations", "Line 1"),
        ({"framework": ""}, "framework", "Name the framework"),
        ({"currency": "ZZZ"}, "currency", "ZZZ is not a code"),
    ],
)
def test_a_refused_form_names_the_field_and_writes_nothing(
    client_as, org_secretariat, netherlands, framework, modalities, changes, field, message
):
    response = client_as(org_secretariat).post(NEW, form(framework, **changes))
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and f'id="id_{field}-error"' in html
    assert not Contribution.objects.exists()


def test_a_partner_records_its_own_pledge_only(
    client_as, dutch_partner, netherlands, sweden, framework, modalities
):
    client = client_as(dutch_partner)
    page = client.get(NEW).content.decode()
    partners = page.split('name="partner"', 1)[1].split("</select>", 1)[0]
    statuses = page.split('name="status"', 1)[1].split("</select>", 1)[0]
    assert "Record a pledge" in page and "Sweden" not in partners and "Netherlands" in partners
    assert 'value="pipeline"' in statuses and 'value="signed"' not in statuses
    refused = client.post(NEW, form(framework, partner="SWE", status="pipeline"))
    assert refused.status_code == 422
    assert client.post(NEW, form(framework, status="pipeline")).status_code == 302
    pledge = Contribution.objects.get()
    assert pledge.status == "pipeline" and not pledge.published


def test_the_secretariat_moves_it_along_and_publishes_it(
    client_as, org_secretariat, dutch_partner, swedish_partner, netherlands, framework, modalities
):
    client = client_as(org_secretariat)
    client.post(NEW, form(framework))
    contribution = Contribution.objects.get()
    url = f"/resources/contributions/{contribution.pk}"
    assert client_as(None).get(url).status_code == 404
    assert client_as(swedish_partner).get(url).status_code == 404
    assert client_as(dutch_partner).get(url).status_code == 200
    assert (
        client.post(f"{url}/status", {"status": "received", "on": "2012-09-01"}).status_code == 302
    )
    backwards = client.post(f"{url}/status", {"status": "signed", "on": "2012-10-01"})
    assert backwards.status_code == 422 and "moves only forward" in backwards.content.decode()
    too_much = client.post(f"{url}/spending", {"period": "2012", "amount": "1000.01"})
    assert too_much.status_code == 422
    assert client.post(f"{url}/spending", {"period": "2012", "amount": "400"}).status_code == 302
    assert (
        client_as(dutch_partner)
        .post(f"{url}/status", {"status": "closed", "on": "2013-01-01"})
        .status_code
        == 404
    )
    assert client.post(f"{url}/publication", {"published": "1"}).status_code == 302
    public = client_as(None).get(url).content.decode()
    assert "Received" in public or "received" in public
    assert "400.00" in public and "Record the step" not in public


def test_each_field_is_on_the_form_once_and_unpublished_frameworks_are_not_offered(
    client_as, dutch_partner, netherlands, framework, modalities
):
    from concord.registry.models import Publication
    from concord.registry.tests.factories import InstrumentFactory

    hidden = InstrumentFactory(
        body=framework.body, title="Draft strategy", publication=Publication.IN_REVIEW
    )
    hidden.results_nodes.create(seq=0, code="X1", level="output", title="Hidden output")
    page = client_as(dutch_partner).get(NEW).content.decode()
    assert page.count('name="on"') == 1 and page.count('id="id_on"') == 1
    assert "Draft strategy" not in page and framework.title in page
    refused = client_as(dutch_partner).post(
        NEW, form(framework, framework=str(hidden.pk), allocations="X1 10%", status="pipeline")
    )
    assert refused.status_code == 422 and not Contribution.objects.exists()


def test_a_secretariat_of_another_organization_gets_404_on_the_steps(
    client_as, org_secretariat, netherlands, framework, modalities
):
    from concord.accounts.models import RoleKind
    from concord.conftest import make_person
    from concord.registry.tests.factories import BodyFactory

    client_as(org_secretariat).post(NEW, form(framework))
    contribution = Contribution.objects.get()
    contribution.published = True
    contribution.save()
    other = make_person("other-secretariat", (RoleKind.SECRETARIAT, BodyFactory(code="other")))
    url = f"/resources/contributions/{contribution.pk}/publication"
    assert client_as(other).post(url, {"published": "0"}).status_code == 404

"""The resources pages over HTTP: the overview, a partner, a modality, funding by result."""

import pytest

from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
)
from concord.resources.tests.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributions(org_secretariat, netherlands, sweden, organization, framework, modalities):
    def record(partner, reference, modality, node, published, illustrative=False):
        contribution = contribution_create(
            user=org_secretariat,
            partner=partner,
            organization=organization,
            reference=reference,
            status="approved",
            on=DAY,
            data=ContributionData(
                title=f"Contribution {reference}",
                amount="1000",
                currency="USD",
                modality=modalities[modality],
                illustrative=illustrative,
            ),
        )
        allocations_set(
            user=org_secretariat,
            contribution=contribution,
            shares=[Share(framework.nodes[node], share="100")],
        )
        contribution.published = published
        contribution.save()
        return contribution

    return [
        record(netherlands, "NL-1", "fmm", "A.1.1", True, illustrative=True),
        record(sweden, "SE-1", "airc", "B1", False),
    ]


def test_the_overview_leads_to_frameworks_partners_and_modalities(
    client_as, contributions, framework
):
    html = client_as(None).get("/resources/").content.decode()
    assert f"/resources/funding/{framework.pk}" in html
    assert "/resources/partners/NLD" in html and "/resources/modalities/org/airc" in html


def test_a_partner_page_shows_its_public_contributions_and_marks_illustrative_ones(
    client_as, contributions, swedish_partner
):
    dutch = client_as(None).get("/resources/partners/nld").content.decode()
    assert "Contribution NL-1" in dutch and "illustrative" in dutch
    swedish = client_as(None).get("/resources/partners/SWE").content.decode()
    assert "Contribution SE-1" not in swedish
    own = client_as(swedish_partner).get("/resources/partners/SWE").content.decode()
    assert "Contribution SE-1" in own and "not public" in own
    assert client_as(None).get("/resources/partners/XYZ").status_code == 404


def test_a_modality_page_includes_its_windows(client_as, contributions, org_secretariat):
    html = client_as(org_secretariat).get("/resources/modalities/org/sfera").content.decode()
    assert "Inputs window" in html and "Contribution SE-1" in html


def test_funding_by_result_drills_down_from_the_goal(client_as, contributions, framework):
    client = client_as(None)
    goal = client.get(f"/resources/funding/{framework.pk}").content.decode()
    assert "Some amounts on this page are illustrative" in goal
    assert "1,000.00" in goal  # the public contribution only
    outcome = framework.nodes["A"]
    assert f"node={outcome.pk}" in goal
    drilled = client.get(f"/resources/funding/{framework.pk}?node={outcome.pk}").content.decode()
    assert "Outcome A:" in drilled and "Netherlands" in drilled
    assert "A.1.2" in drilled.split("Results nobody funds", 1)[1]


def test_a_bad_filter_is_named_with_422(client_as, contributions, framework):
    response = client_as(None).get(f"/resources/funding/{framework.pk}?currency=XYZ&period=x")
    assert response.status_code == 422
    html = response.content.decode()
    assert "XYZ is not an ISO 4217 currency." in html and 'aria-invalid="true"' in html


def test_an_unknown_framework_is_not_found(client_as, framework):
    assert client_as(None).get("/resources/funding/999999").status_code == 404

"""Contributions worth exporting to IATI: an organization that publishes, two published
contributions (one received, spent and allocated to the results framework, one a signed
regional contribution in another currency) and an unpublished one that must never leave."""

import datetime as dt

import pytest

from concord.indicators.models import Indicator, Unit
from concord.indicators.periods import period_for
from concord.registry.tests import factories
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
    contribution_publish,
    expenditure_put,
    status_advance,
)
from concord.resources.models import IatiPublisher

ANNOTATED = "activity-standard-example-annotated.xml"


@pytest.fixture
def publisher(organization):
    return IatiPublisher.objects.create(
        body=organization, identifier="XM-DAC-41301", organisation_type="40"
    )


@pytest.fixture
def indicator(framework):
    """The example's indicator, known to Concord and broken down by sex and age."""
    return Indicator.objects.create(
        code="B1",
        name="Indicator title",
        unit=Unit.COUNT,
        instrument=framework,
        dimensions=["sex", "age"],
    )


@pytest.fixture
def afghanistan(db):
    return factories.PartyFactory(code="AFG", name="Afghanistan", kind="state")


def _create(user, partner, organization, reference, status, on, **data):
    return contribution_create(
        user=user,
        partner=partner,
        organization=organization,
        reference=reference,
        status=status,
        on=on,
        data=ContributionData(**data),
    )


@pytest.fixture
def exported(
    org_secretariat,
    organization,
    framework,
    modalities,
    netherlands,
    sweden,
    afghanistan,
    publisher,
):
    """FMM-NL-1 (received, spent in 2012 and 2013-Q1, allocated to A and A1), SFERA-SE-1
    (signed, to a region, in SEK), and SFERA-SE-2 (a pledge, unpublished)."""
    netherlands.iati_identifier = "XM-DAC-7"
    netherlands.save()
    user = org_secretariat
    nl = _create(
        user,
        netherlands,
        organization,
        "FMM-NL-1",
        "pipeline",
        dt.date(2012, 1, 10),
        title="Multipartner support, Netherlands",
        modality=modalities["fmm"],
        country=afghanistan,
        amount="1000000",
        currency="USD",
        starts_on=dt.date(2012, 1, 1),
        ends_on=dt.date(2013, 12, 31),
        note="Agreement of 10 January 2012.",
        source="Agreement FMM/GLO/NL, page 2",
    )
    status_advance(user=user, contribution=nl, status="approved", on=dt.date(2012, 2, 1))
    status_advance(user=user, contribution=nl, status="signed", on=dt.date(2012, 3, 1))
    status_advance(user=user, contribution=nl, status="received", on=dt.date(2012, 4, 2))
    nodes = framework.nodes
    allocations_set(
        user=user,
        contribution=nl,
        shares=[Share(nodes["A"], share="40"), Share(nodes["A1"], amount="250000.50")],
    )
    expenditure_put(user=user, contribution=nl, period=period_for("2012"), amount="300000")
    expenditure_put(user=user, contribution=nl, period=period_for("2013-Q1"), amount="12500.25")
    indicator = Indicator.objects.create(
        code="share-delivered", name="Share of outputs delivered", unit=Unit.PERCENT
    )
    indicator.results.add(nodes["A1"])
    se = _create(
        user,
        sweden,
        organization,
        "SFERA-SE-1",
        "signed",
        dt.date(2012, 5, 5),
        title="Emergency inputs, Sweden",
        modality=modalities["airc"],
        region="289",
        amount="2500000",
        currency="SEK",
        illustrative=True,
    )
    allocations_set(user=user, contribution=se, shares=[Share(nodes["goal"], share="100")])
    pledge = _create(
        user,
        sweden,
        organization,
        "SFERA-SE-2",
        "pipeline",
        dt.date(2012, 6, 1),
        title="A pledge still under discussion",
        amount="9",
        currency="SEK",
    )
    for contribution in (nl, se):
        contribution_publish(user=user, contribution=contribution)
    return {"nl": nl, "se": se, "pledge": pledge}

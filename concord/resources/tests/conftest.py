"""A results framework of two outcomes, two resource partners, FAO-like modalities, and the
people who act on them (the organization's secretariat, a partner, another partner)."""

import datetime as dt

import pytest

from concord.accounts.models import RoleKind
from concord.conftest import make_person
from concord.registry.models import PartyKind, ResultsLevel, ResultsNode
from concord.registry.tests import factories
from concord.resources.models import Earmarking, FundingModality, ResourcePartner

DAY = dt.date(2012, 6, 30)


@pytest.fixture
def organization(db):
    return factories.BodyFactory(code="org", name="The Organization")


@pytest.fixture
def framework(organization):
    """goal > A > A1 > (A.1.1, A.1.2); goal > B > B1 (no activity)."""
    instrument = factories.InstrumentFactory(body=organization, title="Resource strategy")
    nodes = {}
    rows = [
        ("goal", ResultsLevel.GOAL, None),
        ("A", ResultsLevel.OUTCOME, "goal"),
        ("A1", ResultsLevel.OUTPUT, "A"),
        ("A.1.1", ResultsLevel.ACTIVITY, "A1"),
        ("A.1.2", ResultsLevel.ACTIVITY, "A1"),
        ("B", ResultsLevel.OUTCOME, "goal"),
        ("B1", ResultsLevel.OUTPUT, "B"),
    ]
    for seq, (code, level, parent) in enumerate(rows):
        nodes[code] = ResultsNode.objects.create(
            framework=instrument,
            seq=seq,
            code=code,
            level=level,
            title=f"Result {code}",
            parent=nodes.get(parent),
        )
    instrument.nodes = nodes
    return instrument


@pytest.fixture
def modalities(organization):
    fmm = FundingModality.objects.create(
        organization=organization, code="fmm", name="Multipartner", earmarking=Earmarking.LIGHTLY
    )
    sfera = FundingModality.objects.create(
        organization=organization, code="sfera", name="Emergency", earmarking=Earmarking.UNEARMARKED
    )
    airc = FundingModality.objects.create(
        organization=organization,
        parent=sfera,
        code="airc",
        name="Inputs window",
        earmarking=Earmarking.EARMARKED,
    )
    return {"fmm": fmm, "sfera": sfera, "airc": airc}


@pytest.fixture
def netherlands(db):
    party = factories.PartyFactory(code="NLD", name="Netherlands", kind=PartyKind.STATE)
    return ResourcePartner.objects.create(party=party, organisation_type="10")


@pytest.fixture
def sweden(db):
    party = factories.PartyFactory(code="SWE", name="Sweden", kind=PartyKind.STATE)
    return ResourcePartner.objects.create(party=party, organisation_type="10")


@pytest.fixture
def org_secretariat(organization):
    return make_person("org-secretariat", (RoleKind.SECRETARIAT, organization))


@pytest.fixture
def dutch_partner(netherlands):
    return make_person("dutch-partner", (RoleKind.RESOURCE_PARTNER, netherlands.party))


@pytest.fixture
def swedish_partner(sweden):
    return make_person("swedish-partner", (RoleKind.RESOURCE_PARTNER, sweden.party))

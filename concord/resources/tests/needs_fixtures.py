"""Needs to match: a published reform project of France (the focal point persona's party) with
a financial and a technical support need, an unpublished need of Ukraine, and partners'
priorities on them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from concord.registry.tests import factories
from concord.reporting.models import ReformProject, SupportNeed
from concord.resources.models import Need, NeedKind, Priority
from concord.resources.needs import needs_from_projects

__all__ = ["hidden_need", "priorities", "project", "project_needs"]


@pytest.fixture
def project(party_a, secretariat):
    instrument = factories.InstrumentFactory(title="Action plan")
    project = ReformProject.objects.create(
        party=party_a,
        instrument=instrument,
        created_by=secretariat,
        published_at=timezone.now(),
        title="Train investigators",
        priority_area="Law enforcement",
        objectives="Train 300 investigators.",
        responsible_agency="Ministry of Justice",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )
    SupportNeed.objects.create(
        project=project,
        kind="financial",
        description="Training seminars",
        amount=Decimal("250000"),
        currency="USD",
    )
    SupportNeed.objects.create(project=project, kind="training", description="Trainers")
    return project


@pytest.fixture
def project_needs(project, secretariat):
    needs_from_projects(user=secretariat)
    needs = Need.objects.filter(support_need__project=project)
    return {need.kind: need for need in needs}


@pytest.fixture
def hidden_need(party_b):
    return Need.objects.create(
        title="Forensic laboratory", country=party_b, kind=NeedKind.IN_KIND, published=False
    )


@pytest.fixture
def priorities(netherlands, sweden, party_a, framework, modalities):
    """The Netherlands: France through FMM in 2026; Sweden: France, no modality."""
    return {
        "dutch": Priority.objects.create(
            partner=netherlands,
            country=party_a,
            modality=modalities["fmm"],
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            sdg_target="16.5",
        ),
        "swedish": Priority.objects.create(partner=sweden, country=party_a),
    }

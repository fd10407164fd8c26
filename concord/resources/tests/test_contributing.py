"""Recording contributions: who may, what is refused, the status history, the allocations to
the results framework, and what is spent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concord.indicators.periods import period_for
from concord.registry.tests import factories
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
    contribution_differs,
    contribution_update,
    expenditure_put,
    status_advance,
)
from concord.resources.models import Allocation, Contribution, ContributionStatus
from concord.resources.tests.conftest import DAY
from concord.resources.visibility import contributions_visible_to

pytestmark = pytest.mark.django_db


def record(user, partner, organization, reference="FMM-1", status="approved", **data):
    data = {"title": "Support to the programme", "amount": "1000000", "currency": "USD", **data}
    return contribution_create(
        user=user,
        partner=partner,
        organization=organization,
        reference=reference,
        status=status,
        on=DAY,
        data=ContributionData(**data),
    )


@pytest.fixture
def fmm_nl(org_secretariat, netherlands, organization, modalities):
    return record(org_secretariat, netherlands, organization, modality=modalities["fmm"])


def test_the_secretariat_records_a_contribution_with_its_first_status(fmm_nl, org_secretariat):
    assert fmm_nl.amount == Decimal("1000000") and fmm_nl.currency == "USD"
    assert [(c.status, c.on) for c in fmm_nl.status_changes.all()] == [("approved", DAY)]
    assert fmm_nl.history.get().history_user == org_secretariat


def test_a_partner_pledges_for_itself_only(dutch_partner, netherlands, sweden, organization):
    pledge = record(dutch_partner, netherlands, organization, status="pipeline")
    assert pledge.status == ContributionStatus.PIPELINE and not pledge.published
    with pytest.raises(ValidationError) as error:
        record(dutch_partner, netherlands, organization, reference="FMM-2", status="signed")
    assert "status" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        record(dutch_partner, sweden, organization, reference="FMM-3", status="pipeline")
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"currency": "XYZ"}, "currency"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "1,000"}, "amount"),
        ({"currency": ""}, "currency"),
        ({"region": "999"}, "region"),
        ({"title": " "}, "title"),
        ({"starts_on": dt.date(2013, 1, 1), "ends_on": dt.date(2012, 1, 1)}, "ends_on"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(
    org_secretariat, netherlands, organization, data, field
):
    with pytest.raises(ValidationError) as error:
        record(org_secretariat, netherlands, organization, **data)
    assert field in error.value.message_dict
    assert not Contribution.objects.exists()


def test_a_modality_of_another_organization_and_a_reused_reference_are_refused(
    fmm_nl, org_secretariat, netherlands, organization
):
    other = factories.BodyFactory(code="other", name="Other")
    from concord.resources.models import FundingModality

    theirs = FundingModality.objects.create(
        organization=other, code="x", name="X", earmarking="earmarked"
    )
    with pytest.raises(ValidationError) as error:
        record(org_secretariat, netherlands, organization, reference="FMM-9", modality=theirs)
    assert "modality" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(org_secretariat, netherlands, organization)
    assert "reference" in error.value.message_dict


def test_the_status_moves_forward_each_step_dated(fmm_nl, org_secretariat):
    later = dt.date(2012, 9, 1)
    status_advance(user=org_secretariat, contribution=fmm_nl, status="received", on=later)
    with pytest.raises(ValidationError):
        status_advance(user=org_secretariat, contribution=fmm_nl, status="signed", on=later)
    with pytest.raises(ValidationError):
        status_advance(
            user=org_secretariat, contribution=fmm_nl, status="delivered", on=dt.date(2012, 8, 1)
        )
    fmm_nl.refresh_from_db()
    assert (fmm_nl.status, fmm_nl.status_on) == ("received", later)
    assert [c.status for c in fmm_nl.status_changes.all()] == ["approved", "received"]


def test_allocations_add_up_to_at_most_the_whole(fmm_nl, org_secretariat, framework):
    nodes = framework.nodes
    allocations_set(
        user=org_secretariat,
        contribution=fmm_nl,
        shares=[Share(nodes["A.1.1"], share="60"), Share(nodes["B1"], amount="400000")],
    )
    assert Allocation.objects.count() == 2
    for shares in (
        [Share(nodes["A.1.1"], share="60"), Share(nodes["B1"], amount="400000.01")],
        [Share(nodes["A.1.1"], share="100.5")],
        [Share(nodes["A.1.1"], share="50"), Share(nodes["A.1.1"], share="10")],
        [Share(nodes["A.1.1"], share="50", amount="10")],
    ):
        with pytest.raises(ValidationError):
            allocations_set(user=org_secretariat, contribution=fmm_nl, shares=shares)
    assert sorted(Allocation.objects.values_list("node__code", flat=True)) == ["A.1.1", "B1"]
    with pytest.raises(ValidationError):
        contribution_update(
            user=org_secretariat,
            contribution=fmm_nl,
            data=ContributionData(title="Smaller", amount="900000", currency="USD"),
        )
    assert Contribution.objects.get().amount == Decimal("1000000")


def test_a_contribution_without_an_amount_is_allocated_by_shares(
    org_secretariat, netherlands, organization, framework
):
    agreement = record(org_secretariat, netherlands, organization, amount=None, currency="")
    nodes = framework.nodes
    with pytest.raises(ValidationError):
        allocations_set(
            user=org_secretariat, contribution=agreement, shares=[Share(nodes["A1"], amount="5")]
        )
    allocations_set(
        user=org_secretariat, contribution=agreement, shares=[Share(nodes["A1"], share="100")]
    )
    assert agreement.allocations.get().share == Decimal(100)


def test_spending_never_exceeds_the_contribution(fmm_nl, org_secretariat):
    expenditure_put(
        user=org_secretariat, contribution=fmm_nl, period=period_for("2012"), amount="600000"
    )
    with pytest.raises(ValidationError):
        expenditure_put(
            user=org_secretariat, contribution=fmm_nl, period=period_for("2013"), amount="400001"
        )
    corrected = expenditure_put(
        user=org_secretariat, contribution=fmm_nl, period=period_for("2012"), amount="500000"
    )
    assert corrected.amount == Decimal("500000") and fmm_nl.expenditures.count() == 1


def test_a_partner_changes_its_pledge_until_the_secretariat_takes_it_on(
    dutch_partner, org_secretariat, netherlands, organization, framework
):
    pledge = record(dutch_partner, netherlands, organization, status="pipeline")
    changed = contribution_update(
        user=dutch_partner,
        contribution=pledge,
        data=ContributionData(title="Bigger pledge", amount="2000000", currency="EUR"),
    )
    assert (changed.amount, changed.currency) == (Decimal("2000000"), "EUR")
    with pytest.raises(PermissionDenied):
        status_advance(user=dutch_partner, contribution=pledge, status="approved", on=DAY)
    status_advance(user=org_secretariat, contribution=pledge, status="approved", on=DAY)
    pledge.refresh_from_db()
    with pytest.raises(PermissionDenied):
        contribution_update(
            user=dutch_partner, contribution=pledge, data=ContributionData(title="Again")
        )


def test_nobody_sees_another_partners_unpublished_contribution(
    fmm_nl, dutch_partner, swedish_partner, org_secretariat
):
    assert list(contributions_visible_to(dutch_partner)) == [fmm_nl]
    assert list(contributions_visible_to(org_secretariat)) == [fmm_nl]
    assert not contributions_visible_to(swedish_partner).exists()
    assert not swedish_partner.has_perm("resources.view_contribution", fmm_nl)
    fmm_nl.published = True
    fmm_nl.save()
    assert list(contributions_visible_to(swedish_partner)) == [fmm_nl]


def test_spending_needs_the_contributions_currency(org_secretariat, netherlands, organization):
    agreement = record(org_secretariat, netherlands, organization, amount=None, currency="")
    with pytest.raises(ValidationError) as error:
        expenditure_put(
            user=org_secretariat, contribution=agreement, period=period_for("2012"), amount="5"
        )
    assert "currency" in error.value.message_dict["amount"][0]


def test_the_currency_cannot_change_under_amounts_allocated_or_spent(
    fmm_nl, org_secretariat, framework
):
    allocations_set(
        user=org_secretariat,
        contribution=fmm_nl,
        shares=[Share(framework.nodes["B1"], amount="400000")],
    )
    with pytest.raises(ValidationError) as error:
        contribution_update(
            user=org_secretariat,
            contribution=fmm_nl,
            data=ContributionData(title="Support", amount="1000000", currency="EUR"),
        )
    assert "currency" in error.value.message_dict
    assert Contribution.objects.get().currency == "USD"


def test_a_partner_does_not_learn_that_another_partners_reference_exists(
    fmm_nl, dutch_partner, netherlands, organization
):
    with pytest.raises(ValidationError) as error:
        record(dutch_partner, netherlands, organization, reference="FMM-1", status="pipeline")
    assert "Another contribution" not in str(error.value)


def test_a_beneficiary_must_be_a_country(org_secretariat, netherlands, organization):
    union = factories.PartyFactory(code="eu", name="European Union", kind="organization")
    with pytest.raises(ValidationError) as error:
        record(org_secretariat, netherlands, organization, country=union)
    assert "country" in error.value.message_dict


def test_contribution_differs_names_what_an_update_would_change(fmm_nl, modalities):
    same = ContributionData(
        title=fmm_nl.title,
        modality=modalities["fmm"],
        amount=Decimal("1000000.00"),
        currency="usd ",
    )
    assert contribution_differs(fmm_nl, same) == []
    changed = ContributionData(
        title="Renamed", modality=modalities["fmm"], amount="1000000", currency="EUR"
    )
    assert contribution_differs(fmm_nl, changed) == ["title", "currency"]

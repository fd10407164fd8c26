"""Funding by result on a known dataset: allocated, received, delivered per node, rolled up, in
one currency with the rates used; unfunded nodes; filters; what each reader may count."""

import datetime as dt
from decimal import Decimal

import pytest

from concord.indicators.periods import period_for
from concord.resources.contributing import (
    ContributionData,
    Share,
    allocations_set,
    contribution_create,
    expenditure_put,
    status_advance,
)
from concord.resources.funding import Filters, funding_tree
from concord.resources.models import ExchangeRate
from concord.resources.tests.conftest import DAY

pytestmark = pytest.mark.django_db
END = dt.date(2012, 12, 31)


@pytest.fixture
def dataset(
    org_secretariat, dutch_partner, netherlands, sweden, organization, framework, modalities
):
    nodes = framework.nodes

    def record(user, partner, reference, status, amount, currency, modality, shares):
        contribution = contribution_create(
            user=user,
            partner=partner,
            organization=organization,
            reference=reference,
            status=status,
            on=DAY,
            data=ContributionData(
                title=reference, amount=amount, currency=currency, modality=modalities[modality]
            ),
        )
        allocations_set(user=user, contribution=contribution, shares=shares)
        return contribution

    dutch = record(
        org_secretariat,
        netherlands,
        "NL-FMM",
        "approved",
        "1000000",
        "USD",
        "fmm",
        [Share(nodes["A.1.1"], share="60"), Share(nodes["B1"], amount="400000")],
    )
    status_advance(user=org_secretariat, contribution=dutch, status="received", on=END)
    expenditure_put(
        user=org_secretariat, contribution=dutch, period=period_for("2012"), amount="500000"
    )
    record(
        org_secretariat,
        sweden,
        "SE-AIRC",
        "signed",
        "800000",
        "EUR",
        "airc",
        [Share(nodes["A1"], share="100")],
    )
    record(
        dutch_partner,
        netherlands,
        "NL-PLEDGE",
        "pipeline",
        "300000",
        "USD",
        "fmm",
        [Share(nodes["A.1.2"], share="100")],
    )
    ExchangeRate.objects.create(
        currency="EUR", on=dt.date(2012, 1, 2), rate=Decimal("1.25"), source="Test rates"
    )
    return framework


def usd(*amounts: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(amount) for amount in amounts)


def figures(tree) -> dict[str, tuple]:
    return {
        item.node.code: (item.allocated, item.received, item.delivered, sorted(item.partners))
        for item in tree.nodes()
    }


def test_each_node_adds_up_its_own_and_those_under_it(dataset, org_secretariat):
    tree = funding_tree(dataset, user=org_secretariat, on=END)
    got = figures(tree)
    assert got["A.1.1"] == (
        Decimal("600000.00"),
        Decimal("600000.00"),
        Decimal("300000.00"),
        ["NLD"],
    )
    assert got["B1"] == (Decimal("400000.00"), Decimal("400000.00"), Decimal("200000.00"), ["NLD"])
    # Sweden's EUR 800,000 at 1.25, not yet received; the pipeline pledge does not count.
    assert got["A1"] == (
        Decimal("1600000.00"),
        Decimal("600000.00"),
        Decimal("300000.00"),
        ["NLD", "SWE"],
    )
    assert got["A.1.2"] == (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), [])
    assert got["goal"] == (
        Decimal("2000000.00"),
        Decimal("1000000.00"),
        Decimal("500000.00"),
        ["NLD", "SWE"],
    )
    assert [item.node.code for item in tree.unfunded()] == ["A.1.2"]
    assert tree.total.amount == Decimal("2000000.00")
    assert [(r["currency"], r["rate"]) for r in tree.total.rates_used()] == [
        ("EUR", Decimal("1.25"))
    ]
    goal = tree.roots[0]
    assert goal.balance == Decimal("500000.00") and goal.delivery_rate == Decimal("50.0")


def test_an_amount_without_a_rate_is_left_out_and_reported(dataset, org_secretariat):
    tree = funding_tree(dataset, user=org_secretariat, on=dt.date(2011, 12, 31))
    assert figures(tree)["A1"][0] == Decimal("600000.00")
    assert tree.total.unconverted == {"EUR": Decimal("800000")}


def test_filters_by_modality_with_its_windows_partner_and_earmarking(dataset, org_secretariat):
    def goal(**filters):
        tree = funding_tree(dataset, user=org_secretariat, on=END, filters=Filters(**filters))
        return figures(tree)["goal"][0]

    assert goal(modality="fmm") == Decimal("1000000.00")
    assert goal(modality="sfera") == Decimal("1000000.00")  # its AIRC window
    assert goal(partner="SWE") == Decimal("1000000.00")
    assert goal(earmarking="lightly") == Decimal("1000000.00")
    assert goal(period=period_for("2013")) == Decimal("0.00")


def test_each_reader_counts_only_what_they_may_see(dataset, swedish_partner, dutch_partner):
    assert figures(funding_tree(dataset, user=None, on=END))["goal"][0] == Decimal("0.00")
    assert figures(funding_tree(dataset, user=swedish_partner, on=END))["goal"][0] == Decimal(
        "1000000.00"
    )
    assert figures(funding_tree(dataset, user=dutch_partner, on=END))["goal"][0] == Decimal(
        "1000000.00"
    )

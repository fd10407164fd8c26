"""FAO's X1.4 computed from the contributions and recorded as the indicator's figure."""

import datetime as dt
from decimal import Decimal

import pytest

from concord.indicators.models import Indicator, Unit, ValueStatus
from concord.indicators.periods import period_for
from concord.resources.contributing import ContributionData, contribution_create, status_advance
from concord.resources.kpi import voluntary_contributions_put
from concord.resources.models import Contribution, ExchangeRate

pytestmark = pytest.mark.django_db


def test_published_contributions_first_approved_in_the_biennium_are_summed_with_their_rates(
    org_secretariat, netherlands, sweden, organization, framework
):
    indicator = Indicator.objects.create(
        code="x1-4", name="Approved voluntary contributions", unit=Unit.USD, instrument=framework
    )

    def record(reference, status, on, amount, currency, partner=netherlands):
        return contribution_create(
            user=org_secretariat,
            partner=partner,
            organization=organization,
            reference=reference,
            status=status,
            on=on,
            data=ContributionData(title=reference, amount=amount, currency=currency),
        )

    early = record("A", "approved", dt.date(2011, 12, 1), "100", "USD")
    status_advance(
        user=org_secretariat, contribution=early, status="received", on=dt.date(2012, 2, 1)
    )
    record("B", "approved", dt.date(2012, 3, 1), "1000", "USD")
    record("C", "signed", dt.date(2013, 5, 1), "1000", "EUR", partner=sweden)
    record("D", "approved", dt.date(2013, 6, 1), None, "")
    record("E", "pipeline", dt.date(2013, 7, 1), "5000", "USD")
    Contribution.objects.update(published=True)
    record("F", "approved", dt.date(2012, 8, 1), "999", "USD")  # unpublished: never summed
    ExchangeRate.objects.create(
        currency="EUR", on=dt.date(2013, 12, 31), rate=Decimal("1.38"), source="Test"
    )
    value = voluntary_contributions_put(
        user=org_secretariat,
        indicator=indicator,
        organization=organization,
        period=period_for("2012-2013"),
    )
    assert value.number == Decimal("2380")  # B and C (EUR 1,000 at 1.38); A was approved in 2011
    assert value.body == organization and value.status == ValueStatus.FINAL
    assert "2 contributions" in value.note and "1 more have no amount" in value.note
    assert "1 EUR = 1.38 USD" in value.note

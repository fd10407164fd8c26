"""Adding money across currencies: only with a dated rate, and saying which rates were used."""

import datetime as dt
from decimal import Decimal

import pytest

from concord.resources.models import ExchangeRate
from concord.resources.money import Converter

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates():
    source = "Test rates"
    for currency, on, rate in [
        ("EUR", dt.date(2012, 1, 2), "1.2939"),
        ("EUR", dt.date(2012, 7, 2), "1.2590"),
        ("SEK", dt.date(2012, 1, 2), "0.1450"),
    ]:
        ExchangeRate.objects.create(currency=currency, on=on, rate=Decimal(rate), source=source)


def test_the_latest_rate_on_or_before_the_day_is_used_and_named(rates):
    total = Converter("USD", dt.date(2012, 6, 30)).total(
        [(Decimal("1000000"), "EUR"), (Decimal("250000"), "USD")]
    )
    assert total.amount == Decimal("1543900.00")  # 1,000,000 x 1.2939 + 250,000
    assert [(r["currency"], r["on"]) for r in total.rates_used()] == [("EUR", dt.date(2012, 1, 2))]
    later = Converter("USD", dt.date(2012, 12, 31)).total([(Decimal("1000000"), "EUR")])
    assert later.amount == Decimal("1259000.00")


def test_a_currency_without_a_rate_is_reported_apart_never_added_at_par(rates):
    total = Converter("USD", dt.date(2011, 12, 31)).total(
        [(Decimal("100"), "EUR"), (Decimal("5"), "USD"), (Decimal("7"), "NOK")]
    )
    assert total.amount == Decimal("5.00")
    assert total.unconverted == {"EUR": Decimal("100"), "NOK": Decimal("7")}
    assert not total.complete


def test_other_currencies_convert_inverted_or_through_the_dollar(rates):
    into_eur = Converter("EUR", dt.date(2012, 6, 30))
    assert into_eur.total([(Decimal("1293.90"), "USD")]).amount == Decimal("1000.00")
    through_usd = into_eur.total([(Decimal("1000"), "SEK")])
    assert through_usd.amount == Decimal("112.06")  # 1000 x 0.1450 / 1.2939
    assert {r["currency"] for r in through_usd.rates_used()} == {"EUR", "SEK"}

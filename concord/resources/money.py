"""Adding money across currencies: only with a dated exchange rate, and saying which.

A rate says how many units of its base one unit of a currency was worth on a day. Converting on
a date takes each currency's latest rate on or before it; a currency with none is not converted
and its amounts are reported apart, never added in at par.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from concord.resources.models import ExchangeRate

CENT = Decimal("0.01")


@dataclass
class Total:
    """A sum in one currency, the rates it used, and what could not be converted."""

    currency: str
    on: date
    amount: Decimal = Decimal(0)
    rates: dict[str, ExchangeRate] = field(default_factory=dict)
    unconverted: dict[str, Decimal] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.unconverted

    def rates_used(self) -> list[dict]:
        return [
            {
                "currency": rate.currency,
                "base": rate.base,
                "rate": Decimal(rate.rate_text),
                "on": rate.on,
                "source": rate.source,
            }
            for rate in sorted(self.rates.values(), key=lambda r: (r.currency, r.base))
        ]


class Converter:
    """Converts into one currency on one date, reading each rate once."""

    def __init__(self, currency: str, on: date) -> None:
        self.currency, self.on = currency.upper(), on
        self._rates: dict[str, ExchangeRate | None] = {}

    def _rate(self, currency: str, base: str) -> ExchangeRate | None:
        key = f"{currency}/{base}"
        if key not in self._rates:
            self._rates[key] = (
                ExchangeRate.objects.filter(currency=currency, base=base, on__lte=self.on)
                .order_by("-on")
                .first()
            )
        return self._rates[key]

    def factor(self, currency: str) -> tuple[Decimal, list[ExchangeRate]] | None:
        """How many units of the target one unit of ``currency`` is worth, and the rates used:
        directly, inverted, or through USD."""
        currency = currency.upper()
        if currency == self.currency:
            return Decimal(1), []
        direct = self._rate(currency, self.currency)
        if direct:
            return direct.rate, [direct]
        inverse = self._rate(self.currency, currency)
        if inverse:
            return 1 / inverse.rate, [inverse]
        to_usd, target_usd = self._rate(currency, "USD"), self._rate(self.currency, "USD")
        if to_usd and (self.currency == "USD" or target_usd):
            if self.currency == "USD":
                return to_usd.rate, [to_usd]
            return to_usd.rate / target_usd.rate, [to_usd, target_usd]
        return None

    def total(self, amounts: Iterable[tuple[Decimal, str]]) -> Total:
        by_currency: dict[str, Decimal] = defaultdict(Decimal)
        for amount, currency in amounts:
            if amount is not None and currency:
                by_currency[currency.upper()] += amount
        total = Total(self.currency, self.on)
        for currency, amount in sorted(by_currency.items()):
            found = self.factor(currency)
            if found is None:
                total.unconverted[currency] = amount
                continue
            factor, rates = found
            total.amount += amount * factor
            for rate in rates:
                total.rates[f"{rate.currency}/{rate.base}"] = rate
        total.amount = total.amount.quantize(CENT)
        return total

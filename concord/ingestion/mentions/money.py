"""Money: an amount with its currency, ``{"amount": 2000000000, "currency": "USD"}``.

Read: a currency before the amount (``USD 2 billion``, ``US$27.9 billion``, ``$5 million``,
``EUR 3.5 million``, ``€ 12,500``) or after it (``2 million US dollars``, ``300 euros``,
``5,000 USD``), with ``thousand``/``million``/``billion``/``trillion`` (``bn``, ``m``). A
bare ``$`` is the US dollar. Amounts are computed with ``Decimal``: an integer when whole
(always, for scaled amounts in practice), else the decimal as a string.
"""

import re
from decimal import Decimal
from typing import Any

from concord.ingestion.mentions.base import Mention, MentionType, from_match

_CURRENCY_BEFORE = {
    "US$": "USD",
    "USD": "USD",
    "US dollars": "USD",
    "$": "USD",
    "EUR": "EUR",
    "€": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "CHF": "CHF",
    "JPY": "JPY",
    "¥": "JPY",
    "CAD": "CAD",
    "C$": "CAD",
    "AUD": "AUD",
    "A$": "AUD",
    "CNY": "CNY",
    "RMB": "CNY",
    "INR": "INR",
    "SDR": "XDR",
}
_CURRENCY_AFTER = {
    "US dollars": "USD",
    "United States dollars": "USD",
    "dollars": "USD",
    "USD": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "EUR": "EUR",
    "pounds sterling": "GBP",
    "Swiss francs": "CHF",
    "CHF": "CHF",
    "yen": "JPY",
}
_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m)\b)?"


def _alternation(names: dict[str, str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_BEFORE = re.compile(
    rf"(?<![\w$])(?P<currency>{_alternation(_CURRENCY_BEFORE)})\s?{_NUMBER}{_SCALE}(?![\w,.]\d)"
)
_AFTER = re.compile(
    rf"(?<![\w.,$]){_NUMBER}{_SCALE}\s+(?P<currency>{_alternation(_CURRENCY_AFTER)})\b"
)


def amount_of(number: str, scale: str | None) -> int | str:
    """Return the amount as an integer when whole, else as a decimal string."""
    amount = Decimal(number.replace(",", "")) * _SCALES.get(scale or "", 1)
    return int(amount) if amount == amount.to_integral_value() else str(amount)


def _value(match: re.Match[str], currencies: dict[str, str]) -> dict[str, Any]:
    return {
        "amount": amount_of(match["number"], match["scale"]),
        "currency": currencies[match["currency"]],
    }


def find_money(text: str) -> list[Mention]:
    mentions = [
        from_match(MentionType.MONEY, m, _value(m, _CURRENCY_BEFORE))
        for m in _BEFORE.finditer(text)
    ]
    mentions += [
        from_match(MentionType.MONEY, m, _value(m, _CURRENCY_AFTER)) for m in _AFTER.finditer(text)
    ]
    return mentions

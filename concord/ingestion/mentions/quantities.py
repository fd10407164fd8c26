"""Quantities and targets: a number with its unit, a comparator and a rate.

``6 days or less`` -> ``{"value": 6, "unit": "day", "comparator": "<="}``; ``171 hours per
annum`` -> ``{"value": 171, "unit": "hour", "per": "year"}``; ``16.8%`` and ``55 percent`` ->
``{"value": 16.8, "unit": "percent"}``; ``at least 30 participants`` -> comparator ``>=``.
Units are a closed list (time, percent, people, distance, weight), so that a number followed
by any other word is not a quantity. Comparators: ``at least``, ``no less than``, ``or more``
are ``>=``; ``at most``, ``no more than``, ``up to``, ``or less``/``or fewer`` are ``<=``;
``more than``/``over``/``above`` ``>``; ``less than``/``fewer than``/``under``/``below``
``<``; ``about``/``approximately``/``around`` ``~``.
"""

import re
from decimal import Decimal
from typing import Any

from concord.ingestion.mentions.base import Mention, MentionType, from_match

_UNITS = {
    "day": "day", "days": "day", "working days": "working day", "working day": "working day",
    "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
    "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year",
    "percent": "percent", "per cent": "percent", "%": "percent",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "participants": "participant", "participant": "participant",
    "persons": "person", "person": "person", "people": "person",
    "staff": "staff", "officials": "official", "experts": "expert",
    "countries": "country", "States": "state",
    "km": "km", "kilometres": "km", "kilometers": "km",
    "tonnes": "tonne", "tons": "tonne", "hectares": "hectare", "ha": "hectare",
}  # fmt: skip
_WORD_UNITS = {word: unit for word, unit in _UNITS.items() if word != "%"}
_BEFORE = {
    "at least": ">=", "no less than": ">=", "not less than": ">=", "no fewer than": ">=",
    "at most": "<=", "no more than": "<=", "not more than": "<=", "up to": "<=",
    "more than": ">", "over": ">", "above": ">", "in excess of": ">",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<",
    "about": "~", "approximately": "~", "around": "~", "some": "~",
}  # fmt: skip
_AFTER = {
    "or less": "<=", "or fewer": "<=", "or below": "<=", "and below": "<=", "or under": "<=",
    "or more": ">=", "or above": ">=", "and above": ">=", "or over": ">=",
}  # fmt: skip
_PER = {
    "per annum": "year", "per year": "year", "a year": "year", "each year": "year",
    "annually": "year", "per month": "month", "a month": "month", "per week": "week",
    "a week": "week", "per day": "day", "a day": "day",
}  # fmt: skip


def _alternation(words: dict[str, str]) -> str:
    return "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )


_QUANTITY = re.compile(
    rf"(?:\b(?P<before>(?i:{_alternation(_BEFORE)}))\s+)?"
    r"(?<![\w.,$€£/-])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:(?P<percent>%)|\s?(?P<unit>{_alternation(_WORD_UNITS)})\b)"
    rf"(?:\s+(?P<after>{_alternation(_AFTER)})\b)?"
    rf"(?:\s+(?P<per>{_alternation(_PER)})\b)?"
)


def _key(words: str) -> str:
    return " ".join(words.split())


def _number(text: str) -> int | float:
    number = Decimal(text.replace(",", ""))
    return int(number) if number == number.to_integral_value() else float(number)


def _value(match: re.Match[str]) -> dict[str, Any]:
    unit = "percent" if match["percent"] else _UNITS[_key(match["unit"])]
    value: dict[str, Any] = {"value": _number(match["number"]), "unit": unit}
    if match["before"]:
        value["comparator"] = _BEFORE[_key(match["before"]).lower()]
    elif match["after"]:
        value["comparator"] = _AFTER[_key(match["after"])]
    if match["per"]:
        value["per"] = _PER[_key(match["per"])]
    return value


def find_quantities(text: str) -> list[Mention]:
    return [from_match(MentionType.QUANTITY, m, _value(m)) for m in _QUANTITY.finditer(text)]

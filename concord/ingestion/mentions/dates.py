"""Dates and periods, written as EDTF by ``concord.registry.dates.PartialDate``.

Read (English): ``29 March 2012``, ``March 29, 2012``, ``18-20 September 2012``,
``December 2000``, ``2012-03-29``; periods of years ``2004-2006`` (or with an en dash), ``2010-11``,
``biennium 2012 - 2013``, ``from 2004 to 2006``, ``between 2004 and 2006``. A bare year is a
date only after a word that makes it one: ``in``/``during``/``throughout 2003`` is the year
(``2003``), ``by``/``until 2015`` ends there (``../2015``), ``since``/``from 1995`` starts
there (``1995/..``); the word is part of the mention's text. Years run from 1900 to 2099; a
two-digit end (``2010-11``) must come after the start, so ``2012-03`` is not a period. Numbers
inside symbols, paths or longer numbers are never read as years.
"""

import re

from concord.ingestion.mentions.base import Mention, MentionType, from_match
from concord.registry.dates import PartialDate, PartialDateError

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_EDGE_BEFORE = r"(?<![\w/.-])"
_EDGE_AFTER = r"(?![\w/]|[.,]\d|-\d)"
_SPACE = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"
_DASH = r"\s?[-\u2013\u2014]\s?"

_DAY_MONTH_YEAR = re.compile(
    rf"{_EDGE_BEFORE}(?P<day>\d{{1,2}})(?:{_DASH}(?P<day2>\d{{1,2}}))?{_SPACE}{_MONTH}{_SPACE}{_YEAR}{_EDGE_AFTER}"
)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}{_SPACE}(?P<day>\d{{1,2}}),{_SPACE}{_YEAR}{_EDGE_AFTER}")
_MONTH_YEAR = re.compile(rf"(?<!\d[ \t])\b{_MONTH}{_SPACE}{_YEAR}{_EDGE_AFTER}")
_ISO = re.compile(
    rf"{_EDGE_BEFORE}{_YEAR}-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01]){_EDGE_AFTER}"
)
_PERIOD = re.compile(
    rf"{_EDGE_BEFORE}(?:(?P<lead>biennium|triennium|period|fiscal year|financial year|FY)\s+)?"
    rf"(?P<start>(?:19|20)\d\d){_DASH}(?P<end>(?:19|20)\d\d|\d\d){_EDGE_AFTER}",
    re.IGNORECASE,
)
_FROM_TO = re.compile(
    rf"\b(?:from|between)\s+(?P<start>(?:19|20)\d\d)\s+(?:to|and|until|till)\s+"
    rf"(?P<end>(?:19|20)\d\d){_EDGE_AFTER}",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(
    rf"\b(?P<word>in|during|throughout|by|until|till|since|from){_SPACE}{_YEAR}{_EDGE_AFTER}",
    re.IGNORECASE,
)
_YEAR_ONLY = {"in", "during", "throughout"}
_ENDS = {"by", "until", "till"}


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".")] if name.rstrip(".") in _MONTHS else _MONTHS[name]


def _span_of_years(start: int, end: int) -> str | None:
    if end <= start:
        return None
    return PartialDate.between(PartialDate.year(start), PartialDate.year(end)).edtf


def _period_end(start: str, end: str) -> int:
    return int(end) if len(end) == 4 else int(start[:2] + end)


def _dates(text: str) -> list[tuple[re.Match[str], str]]:
    found: list[tuple[re.Match[str], str]] = []
    for match in _DAY_MONTH_YEAR.finditer(text):
        year, month = int(match["year"]), _month(match["month"])
        try:
            first = PartialDate.day(year, month, int(match["day"]))
            if match["day2"]:
                last = PartialDate.day(year, month, int(match["day2"]))
                if last.earliest <= first.earliest:
                    continue
                found.append((match, PartialDate.between(first, last).edtf))
            else:
                found.append((match, first.edtf))
        except (ValueError, PartialDateError):
            continue
    for match in _MONTH_DAY_YEAR.finditer(text):
        try:
            day = PartialDate.day(int(match["year"]), _month(match["month"]), int(match["day"]))
        except (ValueError, PartialDateError):
            continue
        found.append((match, day.edtf))
    for match in _MONTH_YEAR.finditer(text):
        found.append((match, PartialDate.month(int(match["year"]), _month(match["month"])).edtf))
    for match in _ISO.finditer(text):
        try:
            found.append((match, PartialDate.parse(match.group()).edtf))
        except PartialDateError:
            continue
    for pattern in (_PERIOD, _FROM_TO):
        for match in pattern.finditer(text):
            edtf = _span_of_years(int(match["start"]), _period_end(match["start"], match["end"]))
            if edtf:
                found.append((match, edtf))
    for match in _BARE_YEAR.finditer(text):
        word, year = match["word"].lower(), match["year"]
        if word in _YEAR_ONLY:
            found.append((match, year))
        elif word in _ENDS:
            found.append((match, f"../{year}"))
        else:
            found.append((match, f"{year}/.."))
    return found


def find_dates(text: str) -> list[Mention]:
    return [from_match(MentionType.DATE, match, value) for match, value in _dates(text)]

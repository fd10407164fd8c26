"""Reading an IATI 2.03 activity file into plain records, before anything touches the database.

Each record keeps the line of the element it comes from, so that every later error can name
the element and its line. What Concord's own exports add in their namespace (the dated status
history, the allocation's share, the source, a figure's status and caution) is read
when present; a file from elsewhere is read from the standard elements alone
(``concord.resources.iati.importing`` says how).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from concord.resources.iati.schema import NS, IatiProblem

C = f"{{{NS}}}"
QUALITATIVE = "5"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# A day of the years 1 to 9999, as xsd:date and xsd:dateTime begin (the schema also allows
# negative and five-digit years, which no date of Concord's can be).
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[TZ+-])")


@dataclass
class Org:
    line: int
    tag: str
    ref: str
    type: str
    name: str
    role: str = ""


@dataclass
class Money:
    line: int
    kind: str
    on: date
    amount: Decimal
    currency: str
    period: str = ""  # Concord's own: the period an expenditure is for


@dataclass
class FigureRead:
    """A baseline, a period's target or a period's actual of an indicator."""

    line: int
    tag: str
    number: Decimal | None
    comment: str
    dimensions: list[tuple[str, str]]
    locations: int
    year: int = 0  # a baseline's
    # Concord's own, when the file is one of its exports (a figure's source is the activity's)
    status: str = ""
    flag: str = ""


@dataclass
class PeriodRead:
    line: int
    starts_on: date | None  # None when not a date (a problem of the figures)
    ends_on: date | None
    targets: list[FigureRead]
    actuals: list[FigureRead]


@dataclass
class IndicatorRead:
    line: int
    title: str
    description: str
    code: str  # the reporting organisation's own code (vocabulary 99), if any
    measure: str
    stands_for_node: bool
    ascending: bool | None = None  # None when the file does not say
    baselines: list[FigureRead] = field(default_factory=list)
    periods: list[PeriodRead] = field(default_factory=list)


@dataclass
class ResultRead:
    line: int
    type: str
    title: str
    code: str  # the node's code (vocabulary 99), if any
    indicators: list[IndicatorRead]
    share: Decimal | None = None
    amount: Decimal | None = None


@dataclass
class Place:
    line: int
    tag: str
    code: str
    vocabulary: str
    percentage: str


@dataclass
class ActivityRead:
    line: int
    identifier: str
    identifier_line: int
    reporting: Org
    title: str
    title_line: int
    description: str
    orgs: list[Org]
    status: str
    status_line: int
    dates: dict[str, date]
    places: list[Place]
    tags: list[tuple[int, str, str, bool]]  # line, vocabulary, code, Concord's modality tag
    money: list[Money]
    results: list[ResultRead]
    last_updated: date | None
    # Concord's own, when the file is one of its exports
    concord: bool = False
    reference: str = ""
    source: str = ""
    illustrative: bool = False
    has_note: bool = True
    statuses: list[tuple[str, date]] = field(default_factory=list)
    # Figures that are not numbers: errors only when the results are recorded
    figure_problems: list[IatiProblem] = field(default_factory=list)

    @property
    def funders(self) -> list[Org]:
        return [org for org in self.orgs if org.role == "1"]


def narrative(element: etree._Element | None, language: str = "en") -> str:
    """The text of an element's narrative in ``language`` (or without one), else its first."""
    if element is None:
        return ""
    narratives = element.findall("narrative")
    for item in narratives:
        if item.get(XML_LANG, language) == language:
            return (item.text or "").strip()
    return (narratives[0].text or "").strip() if narratives else ""


def _date(text: str | None, line: int, tag: str, problems: list[IatiProblem]) -> date | None:
    """The day ``text`` begins with; None (and a problem) when it is not one Concord can use."""
    if text is None:
        return None
    found = DAY.match(text.strip())
    try:
        return date(*map(int, found.groups()))
    except (AttributeError, ValueError):
        message = _("%(text)s is not a date Concord can use (YYYY-MM-DD, years 1 to 9999).")
        problems.append(IatiProblem(line, tag, message % {"text": text}))
        return None


def _decimal(text: str | None, line: int, tag: str, problems: list[IatiProblem]) -> Decimal | None:
    if text is None:
        return None
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        problems.append(IatiProblem(line, tag, _("%(text)s is not a number.") % {"text": text}))
        return None
    return number


def _org(element: etree._Element, language: str) -> Org:
    return Org(
        element.sourceline,
        element.tag,
        (element.get("ref") or "").strip(),
        element.get("type") or "",
        narrative(element, language),
        element.get("role") or "",
    )


def _money(
    element: etree._Element, default_currency: str, problems: list[IatiProblem]
) -> Money | None:
    value = element.find("value")
    amount = _decimal(value.text, value.sourceline, "value", problems)
    day = element.find("transaction-date")
    on = _date(day.get("iso-date"), day.sourceline, day.tag, problems)
    if amount is None or on is None:
        return None
    return Money(
        element.sourceline,
        element.find("transaction-type").get("code"),
        on,
        amount,
        value.get("currency") or default_currency,
        element.get(f"{C}period", ""),
    )


def _figure(
    element: etree._Element, language: str, quantitative: bool, problems: list[IatiProblem]
) -> FigureRead:
    line, text = element.sourceline, element.get("value")
    ours = element.find(f"{C}figure")
    attributes = {} if ours is None else ours.attrib
    return FigureRead(
        line,
        element.tag,
        _decimal(text, line, element.tag, problems) if quantitative else None,
        narrative(element.find("comment"), language),
        [(d.get("name", ""), d.get("value", "")) for d in element.findall("dimension")],
        len(element.findall("location")),
        int(element.get("year") or 0),
        attributes.get("status", ""),
        attributes.get("flag", ""),
    )


def _indicator(item: etree._Element, language: str, problems: list[IatiProblem]) -> IndicatorRead:
    code = next(
        (r.get("code") for r in item.findall("reference") if r.get("vocabulary") == "99"), ""
    )
    measure = item.get("measure")
    ascending = item.get("ascending")
    quantitative = measure != QUALITATIVE

    def figures(parent: etree._Element, tag: str) -> list[FigureRead]:
        return [_figure(f, language, quantitative, problems) for f in parent.findall(tag)]

    def day(period: etree._Element, tag: str) -> date | None:
        found = period.find(tag)
        return _date(found.get("iso-date"), found.sourceline, tag, problems)

    return IndicatorRead(
        item.sourceline,
        narrative(item.find("title"), language),
        narrative(item.find("description"), language),
        code,
        measure,
        item.get(f"{C}stands-for") == "node",
        None if ascending is None else ascending in ("1", "true"),
        figures(item, "baseline"),
        [
            PeriodRead(
                period.sourceline,
                day(period, "period-start"),
                day(period, "period-end"),
                figures(period, "target"),
                figures(period, "actual"),
            )
            for period in item.findall("period")
        ],
    )


def _result(
    element: etree._Element,
    language: str,
    problems: list[IatiProblem],
    figure_problems: list[IatiProblem],
) -> ResultRead:
    reference = next(
        (r.get("code") for r in element.findall("reference") if r.get("vocabulary") == "99"), ""
    )
    indicators = [
        _indicator(item, language, figure_problems) for item in element.findall("indicator")
    ]
    result = ResultRead(
        element.sourceline,
        element.get("type"),
        narrative(element.find("title"), language),
        reference,
        indicators,
    )
    allocation = element.find(f"{C}allocation")
    if allocation is not None:
        line = allocation.sourceline
        result.share = _decimal(allocation.get("share"), line, "concord:allocation", problems)
        result.amount = _decimal(allocation.get("amount"), line, "concord:allocation", problems)
    return result


def read_activity(
    element: etree._Element, problems: list[IatiProblem], file_language: str = "en"
) -> ActivityRead:
    """Read one ``iati-activity`` (already valid against the schema)."""
    language = element.get(XML_LANG, file_language)
    currency = element.get("default-currency", "")
    identifier = element.find("iati-identifier")
    title = element.find("title")
    descriptions = [d for d in element.findall("description") if d.get("type", "1") == "1"]
    status = element.find("activity-status")
    figure_problems: list[IatiProblem] = []
    activity = ActivityRead(
        line=element.sourceline,
        identifier=(identifier.text or "").strip(),
        identifier_line=identifier.sourceline,
        reporting=_org(element.find("reporting-org"), language),
        title=narrative(title, language),
        title_line=title.sourceline,
        description=narrative(descriptions[0], language) if descriptions else "",
        orgs=[_org(org, language) for org in element.findall("participating-org")],
        status=status.get("code"),
        status_line=status.sourceline,
        dates={
            d.get("type"): _date(d.get("iso-date"), d.sourceline, d.tag, problems)
            for d in element.findall("activity-date")
            if d.get(f"{C}from") is None
        },
        places=[
            Place(
                p.sourceline,
                p.tag,
                p.get("code"),
                p.get("vocabulary", "1"),
                p.get("percentage", ""),
            )
            for p in element
            if p.tag in ("recipient-country", "recipient-region")
        ],
        tags=[
            (t.sourceline, t.get("vocabulary"), t.get("code"), t.get(f"{C}kind") == "modality")
            for t in element.findall("tag")
        ],
        money=[
            found
            for found in (_money(t, currency, problems) for t in element.findall("transaction"))
            if found is not None
        ],
        results=[
            _result(r, language, problems, figure_problems) for r in element.findall("result")
        ],
        last_updated=_date(
            element.get("last-updated-datetime"), element.sourceline, element.tag, problems
        ),
        figure_problems=figure_problems,
    )
    extension = element.find(f"{C}contribution")
    if extension is not None:
        activity.concord = True
        activity.reference = extension.get("reference", "")
        activity.source = extension.get("source", "")
        activity.illustrative = extension.get("illustrative") == "1"
        activity.has_note = extension.get("note") != "0"
        activity.statuses = [
            (s.get("code"), _date(s.get("on"), s.sourceline, "concord:status", problems))
            for s in extension.findall(f"{C}status")
        ]
    return activity

"""What the charts and the map draw: plain data the pages embed with ``json_script`` and
``static/indicators/charts.js`` hands to Chart.js. Every figure drawn is also in a table beside
its chart, and every word on a chart (labels, titles, the summary read by screen readers) comes
from here, translated; the script holds no text of its own.

Charts show public figures only: approved ones, as the benchmark does. A trend compares only
periods of one length; the periods of other lengths are named, never drawn on the same axis.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import pycountry
from django.db.models import F
from django.templatetags.static import static
from django.utils.translation import gettext as _

from concord.indicators.benchmark import Benchmark, public_values, resolve_target
from concord.indicators.models import Approval, Indicator, Period, Value
from concord.indicators.periods import comparable
from concord.indicators.views.describe import describe_target, figure_text, places
from concord.indicators.views.tables import subject_keys, with_subjects
from concord.registry.models import Body, Group, Party

MAX_SERIES = 8
MAP_GEOMETRY = "vendor/world-atlas/countries-50m.json"
SUBJECT_MODELS = (("party", Party, "code"), ("group", Group, "slug"), ("body", Body, "code"))


def public_figures(indicator: Indicator):
    """Every approved figure of an indicator, totals and breakdowns alike."""
    return with_subjects(Value.objects.filter(indicator=indicator, approval=Approval.APPROVED))


def _number(number: Decimal | None) -> float | None:
    return None if number is None else float(number)


def _name(subject) -> str:
    return subject.translated("name").text


def breakdown_label(key: str) -> str:
    """A breakdown key in words, as ``tables.breakdown_text`` says a breakdown: ``sex: female``."""
    return ", ".join(pair.replace("=", ": ", 1) for pair in key.split(";"))


@dataclass
class Line:
    key: str
    label: str
    numbers: list[Decimal | None]
    target: bool = False


@dataclass
class Trend:
    indicator: Indicator
    periods: list[Period]
    lines: list[Line]
    choices: list[tuple[str, str]]
    chosen: list[str]
    other_lengths: list[str] = field(default_factory=list)
    max_lines: int = MAX_SERIES

    @property
    def drawn(self) -> bool:
        return len(self.periods) >= 2 and any(not line.target for line in self.lines)

    @property
    def targets_drawn(self) -> bool:
        return any(line.target for line in self.lines)

    def table(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The chart as rows: each line's label, then each period's code and figure ("" if none)."""
        numbers = [n for line in self.lines for n in line.numbers if n is not None]
        decimals = max((places(n) for n in numbers), default=0)
        return [
            (
                line.label,
                [
                    (period.code, figure_text(number, decimals))
                    for period, number in zip(self.periods, line.numbers, strict=True)
                ],
            )
            for line in self.lines
        ]

    def as_json(self) -> dict:
        unit = str(self.indicator.get_unit_display())
        names = [line.label for line in self.lines if not line.target]
        return {
            "kind": "trend",
            "labels": [period.code for period in self.periods],
            "positions": [_year_position(period) for period in self.periods],
            "axis": unit,
            "datasets": [
                {
                    "label": line.label,
                    "data": [_number(n) for n in line.numbers],
                    "target": line.target,
                }
                for line in self.lines
            ],
            "summary": _(
                "Line chart of %(indicator)s (%(unit)s) from %(first)s to %(last)s for %(names)s. "
                "The table after the chart gives the same figures."
            )
            % {
                "indicator": self.indicator.name,
                "unit": unit,
                "first": self.periods[0].code,
                "last": self.periods[-1].code,
                "names": ", ".join(names),
            },
        }


def _year_position(period: Period) -> float:
    """Where a period starts on a time axis counted in years, so that 2000, 2005, 2008 and 2015
    are drawn as far apart as they are."""
    start = period.starts_on
    return round(start.year + (start.timetuple().tm_yday - 1) / 366, 4)


def _usual_length(periods: list[Period]) -> list[Period]:
    """The periods of the length most periods have (the latest such length on a tie)."""
    lengths: list[list[Period]] = []
    for period in periods:
        same = next((kept for kept in lengths if comparable(kept[0], period)), None)
        if same is None:
            lengths.append([period])
        else:
            same.append(period)
    return max(lengths, key=lambda kept: (len(kept), kept[-1].starts_on), default=[])


def _subject_names(subjects: set[str]) -> dict[str, str]:
    """The names, in the reader's language, of subjects (``party:VNM``, ``group:asean-6``)."""
    codes: dict[str, set[str]] = {"party": set(), "group": set(), "body": set()}
    for subject in subjects:
        kind, _colon, code = subject.partition(":")
        codes[kind].add(code)
    names = {}
    for kind, model, code_field in SUBJECT_MODELS:
        if codes[kind]:
            for item in model.objects.filter(**{f"{code_field}__in": codes[kind]}):
                names[f"{kind}:{getattr(item, code_field)}"] = _name(item)
    return names


def _key_label(names: dict[str, str], subject: str, key: str) -> str:
    return f"{names[subject]} ({breakdown_label(key)})" if key else names[subject]


def trend(indicator: Indicator, chosen: list[str]) -> Trend:
    """The trend over periods of one length, for the chosen lines (by default the first
    ``MAX_SERIES`` in the table's order: groups, then parties, then bodies, by name), with the
    targets drawn in. Reads the lines' names, and the figures of the lines drawn only."""
    public = Value.objects.filter(indicator=indicator, approval=Approval.APPROVED)
    periods = list(
        Period.objects.filter(pk__in=public.values("period_id")).order_by("starts_on", "ends_on")
    )
    shown_periods = _usual_length(periods)
    other = [p.code for p in periods if p not in shown_periods]
    keys = [(row["subject"], row["breakdown_key"]) for row in subject_keys(public, shown_periods)]
    names = _subject_names({subject for subject, _key in keys})
    labels = {
        f"{subject}|{key}" if key else subject: _key_label(names, subject, key)
        for subject, key in keys
    }
    choices = list(labels.items())
    wanted = [key for key in labels if key in chosen][:MAX_SERIES] or list(labels)[:MAX_SERIES]
    pairs = [key.partition("|") for key in wanted]
    drawn = public.filter(
        period__in=shown_periods,
        subject__in={subject for subject, _bar, _key in pairs},
        breakdown_key__in={key for _subject, _bar, key in pairs},
    ).values_list("subject", "breakdown_key", "period_id", "number")
    found = {
        (f"{subject}|{key}" if key else subject, period): number
        for subject, key, period, number in drawn
    }
    lines = [
        Line(key, labels[key], [found.get((key, p.pk)) for p in shown_periods]) for key in wanted
    ]
    lines += _target_lines(indicator, shown_periods, wanted)
    return Trend(indicator, shown_periods, lines, choices, wanted, other)


def _target_lines(indicator: Indicator, periods: list[Period], wanted: list[str]) -> list[Line]:
    """A line for each target that names a figure: for every party, or for a party drawn."""
    parties = {key.split("|")[0] for key in wanted}
    lines = []
    targets = indicator.targets.select_related("party", "group", "reference_period")
    # Every party's target first, then the parties' own, on every database alike.
    for target in targets.order_by(F("party").asc(nulls_first=True), "id"):
        if target.trend or (target.party_id and f"party:{target.party.code}" not in parties):
            continue
        if target.group_id and not target.reference_period_id:
            numbers = [resolve_target(target, period).value for period in periods]
        else:  # the same figure in every period: resolved once
            numbers = [resolve_target(target, periods[0]).value] * len(periods)
        if all(n is None for n in numbers):
            continue
        whom = _name(target.party) if target.party_id else _("every party")
        label = _("Target for %(whom)s: %(target)s") % {
            "whom": whom,
            "target": describe_target(target, indicator),
        }
        lines.append(Line(f"target:{target.pk}", label, numbers, target=True))
    return lines


def _bars(labels: list[str], numbers: list, unit: str, summary: str, highlight=()) -> dict:
    return {
        "kind": "bars",
        "labels": labels,
        "axis": unit,
        "datasets": [{"label": unit, "data": [_number(n) for n in numbers]}],
        "highlight": list(highlight),
        "summary": summary,
    }


def ranking(result: Benchmark) -> dict | None:
    """The benchmark's bars, best first, then the group's statistics as bars of their own."""
    rows = [row for row in result.rows if row.value is not None]
    if not rows:
        return None
    rows.sort(key=lambda row: (row.rank or 0, _name(row.party)))
    indicator = result.indicator
    labels = [_name(row.party) for row in rows]
    numbers = [row.value for row in rows]
    statistics = result.statistics
    if result.group:
        whom = {"group": _name(result.group)}
        names = (_("Average of %(group)s") % whom, _("Median of %(group)s") % whom)
    else:
        names = (_("Average"), _("Median"))
    for label, number in zip(names, (statistics.mean, statistics.median), strict=True):
        if number is not None:
            labels.append(label)
            numbers.append(number)
    unit = str(indicator.get_unit_display())
    summary = _(
        "Bar chart of %(indicator)s (%(unit)s) in %(period)s: %(count)d parties, then the "
        "group's average and median. The table after the chart gives the same figures."
    ) % {
        "indicator": indicator.name,
        "unit": unit,
        "period": result.period.code,
        "count": len(rows),
    }
    return _bars(labels, numbers, unit, summary, highlight=range(len(rows), len(labels)))


@dataclass
class Comparison:
    """Two indicators' figures for the same parties in one period."""

    indicators: tuple[Indicator, Indicator]
    period: Period
    rows: list[tuple[Party, Decimal | None, Decimal | None]]

    def charts(self) -> list[dict]:
        labels = [_name(party) for party, _first, _second in self.rows]
        drawn = []
        for index, indicator in enumerate(self.indicators):
            unit = str(indicator.get_unit_display())
            summary = _(
                "Bar chart of %(indicator)s (%(unit)s) in %(period)s for %(count)d parties, in "
                "the same order as the other chart. The table after the charts gives the figures."
            ) % {
                "indicator": indicator.name,
                "unit": unit,
                "period": self.period.code,
                "count": len(labels),
            }
            numbers = [row[index + 1] for row in self.rows]
            drawn.append(_bars(labels, numbers, unit, summary))
        return drawn

    def table(self) -> list[tuple[Party, str, str]]:
        columns = []
        for index in (1, 2):
            numbers = [row[index] for row in self.rows if row[index] is not None]
            decimals = max((places(n) for n in numbers), default=0)
            columns.append([figure_text(row[index], decimals) for row in self.rows])
        return [(row[0], *texts) for row, *texts in zip(self.rows, *columns, strict=True)]


def common_periods(first: Indicator, second: Indicator) -> list[Period]:
    """The periods in which both indicators have a party's public total, latest first."""
    shared = Period.objects.all()
    for indicator in (first, second):
        with_party = public_values(indicator).filter(party__isnull=False)
        shared = shared.filter(pk__in=with_party.values("period_id"))
    return list(shared.order_by("-starts_on", "-ends_on"))


def comparison(first: Indicator, second: Indicator, period: Period) -> Comparison:
    """The parties with a public total of either indicator in ``period``, by name."""
    numbers = [
        dict(
            public_values(indicator)
            .filter(period=period, party__isnull=False)
            .values_list("party_id", "number")
        )
        for indicator in (first, second)
    ]
    parties = Party.objects.filter(pk__in={*numbers[0], *numbers[1]}).order_by("name")
    rows = [(party, numbers[0].get(party.pk), numbers[1].get(party.pk)) for party in parties]
    return Comparison((first, second), period, rows)


def country_number(party: Party) -> str | None:
    """The ISO 3166-1 numeric code the world geometry names a country by, if the party is one."""
    country = pycountry.countries.get(alpha_3=party.code)
    return country.numeric if country else None


@dataclass
class MapView:
    indicator: Indicator
    periods: list[Period]
    period: Period | None
    breakdowns: list[tuple[str, str]]
    breakdown: str
    figures: list[Value]
    off_map: list[str]

    def table(self) -> list[tuple[Party, str]]:
        decimals = max((places(v.number) for v in self.figures), default=0)
        return [(value.party, figure_text(value.number, decimals)) for value in self.figures]

    def as_json(self) -> dict:
        unit = str(self.indicator.get_unit_display())
        where = self.period.code + (
            f" ({breakdown_label(self.breakdown)})" if self.breakdown else ""
        )
        return {
            "kind": "map",
            "geometry": static(MAP_GEOMETRY),
            "axis": unit,
            "missing": _("No figure"),
            "countries": [
                {
                    "id": country_number(value.party),
                    "name": _name(value.party),
                    "value": _number(value.number),
                    "text": figure_text(value.number),
                }
                for value in self.figures
                if value.party.code not in self.off_map
            ],
            "summary": _(
                "World map of %(indicator)s (%(unit)s) in %(where)s, each country shaded by its "
                "figure; %(count)d countries have one. The table after the map gives the figures."
            )
            % {
                "indicator": self.indicator.name,
                "unit": unit,
                "where": where,
                "count": len(self.figures) - len(self.off_map),
            },
        }


def world_map(indicator: Indicator, period_code: str, breakdown: str) -> MapView:
    """The parties' figures for one period and one breakdown (the total unless chosen); the latest
    period with a party's figure unless another is chosen."""
    figures = public_figures(indicator).filter(party__isnull=False)
    periods = list(
        Period.objects.filter(pk__in=figures.values("period_id")).order_by("-starts_on", "-ends_on")
    )
    period = next((p for p in periods if p.code == period_code), periods[0] if periods else None)
    if period is None:
        return MapView(indicator, [], None, [], "", [], [])
    in_period = figures.filter(period=period)
    keys = sorted(set(in_period.values_list("breakdown_key", flat=True)))
    breakdown = breakdown if breakdown in keys else ("" if "" in keys else keys[0])
    choices = [(key, breakdown_label(key) if key else _("Total")) for key in keys]
    shown = list(in_period.filter(breakdown_key=breakdown).order_by("party__name"))
    off_map = [v.party.code for v in shown if country_number(v.party) is None]
    return MapView(indicator, periods, period, choices, breakdown, shown, off_map)

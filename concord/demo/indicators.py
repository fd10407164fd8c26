"""The demo's indicators: the figures seeds 001 and 003 print, each citing its table or paragraph.

Played once, as the ``secretariat`` demo account, through ``entry.value_put`` (so each figure is
approved, attributed and kept in the history). The tables' figures are read from the seed at
load time, row by row, and a row that no longer reads as expected stops the example with the
line it cites; the figures printed in the text are checked against the lines they cite.

What the seeds leave open, and what the example decides (each written on the figure's ``flag``
or the indicator's definition, so the pages say it):

- Resolution 19's four tasks are five indicators (customs clearance has one target for exports
  and one for imports), attached to the Resolution of 2014 and reported by the Ministry of
  Planning and Investment, with Viet Nam's targets. The seed names no ministry for each task:
  it says only that the tasks come with measures "for each ministry, together with a quarterly
  reporting mechanism specifically led by the Ministry of Planning and Investment" (lines
  332-334), so that ministry reports all five; ``concord/demo/quarterly.py`` plays its
  quarterly reports. The ASEAN-6 averages the seed prints (tax
  hours, electricity days, customs days) are the group's own figures; the seed gives no year
  for them, so they are recorded for 2014, the year Resolution 19 was first issued, and
  flagged. The relative targets refer to that year.
- Table 1 (cumulative FDI, 1988-2015): two indicators, projects and capital, whose subjects are
  the investors: the group ASEAN and the parties Korea, Japan, Taiwan and the British Virgin
  Islands. "Others" names no investor and "Total" is the sum of the rows (checked when loaded):
  neither is recorded, so no figure is counted twice with its parts.
- Table 2: one indicator broken down by ownership; its 2013 state figure (73, where the text
  says that growth slowed) is loaded as printed and flagged.
- Table 3: the country column only, under 2009 (the year of its source), flagged; simulated
  figures are estimates.
- Table 4 has no column headings: the columns are read as 2000, 2005, 2008 and 2015 (the text
  compares 2000 with 2008 and 2008 with 2015, and the source note dates the last column),
  every figure flagged; the 2015 column, the authors' calculation, is an estimate.
- The trade growth rates: one indicator broken down by flow, for 1995-2014 (the span of the
  figure the sentence cites), flagged.
- FAO's X1.4: the indicator and its target (a stable trend of about USD 2 billion for the
  biennium 2012-2013); its figures come with the resources issue.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from concord.demo.facts import asean, fao
from concord.demo.indicator_specs import (
    ASEAN_6_YEAR,
    CODES,
    FAO_X1_4,
    FDI_CAPITAL,
    FDI_PROJECTS,
    FLAG_ASEAN_6,
    FLAG_STATE_2013,
    FLAG_TABLE_3,
    FLAG_TABLE_4,
    FLAG_TRADE,
    INVESTMENT_GROWTH,
    MPAC_EFFECT,
    PPP_INCOME,
    R19_ELECTRICITY,
    R19_EXPORTS,
    R19_IMPORTS,
    R19_START,
    R19_TAXES,
    RESOLUTION_PLACE,
    SECRETARIAT,
    SOURCE_001,
    SOURCE_003,
    SPECS,
    TABLE_1_INVESTORS,
    TABLE_1_LINES,
    TABLE_1_REST,
    TABLE_2_COLUMNS,
    TABLE_2_LINES,
    TABLE_2_YEARS,
    TABLE_3_COUNTRIES,
    TABLE_3_LINES,
    TABLE_3_YEAR,
    TABLE_4_COUNTRIES,
    TABLE_4_LINES,
    TABLE_4_PERIODS,
    TRADE_GROWTH,
    TRADE_PERIOD,
    Row,
    read_rows,
)
from concord.demo.seeds import Quote, SeedError, SeedMismatch, SeedText, seeds_dir
from concord.indicators.entry import Figure, value_put
from concord.indicators.models import (
    Comparator,
    Indicator,
    Statistic,
    Target,
    Trend,
    ValueStatus,
)
from concord.indicators.periods import period_for
from concord.ingestion.resolver import Resolver
from concord.registry.models import Body, Group, Instrument, InstrumentKind, Party, ResultsNode


@dataclass
class Played:
    """What the example recorded, for its message and its tests."""

    indicators: dict[str, Indicator] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    values: int = 0


@dataclass(frozen=True)
class Registry:
    """The registry facts the example hangs on (seeds 001 and 003 loaded)."""

    viet_nam: Party
    asean: Group
    asean_6: Group
    resolution: Instrument
    ministry: Body
    fao: Body
    fao_tc: Body
    strategy: Instrument

    @classmethod
    def find(cls) -> "Registry | None":
        found = {
            "viet_nam": Party.objects.filter(code="VNM").first(),
            "asean": Group.objects.filter(slug="asean").first(),
            "asean_6": Group.objects.filter(slug="asean-6").first(),
            "resolution": Instrument.objects.filter(title="Resolution 19 of 2014").first(),
            "ministry": Body.objects.filter(code="vnm-mpi").first(),
            "fao": Body.objects.filter(code="fao").first(),
            "fao_tc": Body.objects.filter(code="fao-tc").first(),
            "strategy": Instrument.objects.filter(
                kind=InstrumentKind.STRATEGY, body__code="fao", short_title="RMMS"
            ).first(),
        }
        if any(record is None for record in found.values()):
            return None
        return cls(**found)


def load_indicator_example(stdout: IO[str] | Any, *, directory: Path | None = None) -> bool:
    """Create the example once; return False (and say why) when it is there or cannot be."""
    registry = Registry.find()
    if registry is None:
        stdout.write(_("Indicators example: skipped, seeds 001 and 003 are not loaded."))
        return False
    user = get_user_model().objects.filter(username=SECRETARIAT).first()
    if user is None:
        stdout.write(_("Indicators example: skipped, the demo accounts are not created."))
        return False
    if Indicator.objects.filter(code__in=CODES).exists():
        stdout.write(_("Indicators example: already there, left as it is."))
        return False
    folder = Path(directory or seeds_dir())
    try:
        with transaction.atomic():
            played = _play(
                user,
                registry,
                SeedText(folder / asean.SEED),
                SeedText(folder / fao.SEED),
            )
    except SeedError as exc:
        stdout.write(_("Indicators example: skipped, %(problem)s") % {"problem": exc})
        return False
    stdout.write(
        _(
            "Indicators example: %(indicators)d indicators from seeds 001 and 003, "
            "%(targets)d targets and %(values)d figures, each citing its table or paragraph "
            "(see /indicators/)."
        )
        % {
            "indicators": len(played.indicators),
            "targets": len(played.targets),
            "values": played.values,
        }
    )
    return True


class _Example:
    """Records the example's indicators, targets and figures as one person."""

    def __init__(self, user: Any, registry: Registry, seed: SeedText) -> None:
        self.user = user
        self.registry = registry
        self.seed = seed
        self.played = Played()

    def indicators(self) -> None:
        r = self.registry
        for spec in SPECS:
            indicator = Indicator(
                code=spec.code,
                name=spec.name,
                definition=spec.definition,
                unit=spec.unit,
                direction=spec.direction,
                dimensions=list(spec.dimensions),
                source=spec.source,
            )
            if spec.code.startswith("r19-"):
                indicator.instrument, indicator.responsible_body = r.resolution, r.ministry
            elif spec.code == FAO_X1_4:
                indicator.instrument, indicator.responsible_body = r.strategy, r.fao_tc
            indicator.full_clean()
            indicator._history_user = self.user
            indicator.save()
            self.played.indicators[spec.code] = indicator
        goal = ResultsNode.objects.filter(framework=r.strategy, code="goal").first()
        if goal is not None:
            self.played.indicators[FAO_X1_4].results.add(goal)

    def target(self, code: str, **fields: Any) -> Target:
        target = Target(indicator=self.played.indicators[code], **fields)
        target.full_clean()
        target._history_user = self.user
        target.save()
        self.played.targets.append(target)
        return target

    def figure(
        self,
        code: str,
        period: str,
        number: str,
        source: str,
        *,
        party: Party | None = None,
        group: Group | None = None,
        status: str = ValueStatus.FINAL,
        flag: str = "",
        note: str = "",
        breakdown: dict[str, str] | None = None,
    ) -> None:
        value_put(
            user=self.user,
            indicator=self.played.indicators[code],
            period=period_for(period),
            figure=Figure(
                number=number,
                status=status,
                source=source,
                note=note,
                flag=flag,
                breakdown=breakdown or {},
            ),
            party=party,
            group=group,
        )
        self.played.values += 1

    def checked(self, place: str, text: str, start: int, end: int | None = None) -> str:
        """Return the source of a figure printed in the text, once the seed says it there."""
        quote = self.seed.check(Quote(place, text, start, end))
        lines = f"line {quote.start}" if quote.end is None else f"lines {quote.start}-{quote.end}"
        return f"{SOURCE_001}, {place}, {lines}"

    def row_source(self, table: str, row: Row) -> str:
        return f"{SOURCE_001}, {table}, line {row.line}"


def _play(user: Any, registry: Registry, seed_001: SeedText, seed_003: SeedText) -> Played:
    example = _Example(user, registry, seed_001)
    example.indicators()
    _resolution_19(example)
    _table_1(example)
    _table_2(example)
    _table_3(example)
    _table_4(example)
    _trade(example)
    _fao(example, seed_003)
    return example.played


def _resolution_19(example: _Example) -> None:
    r = example.registry
    reference = period_for(ASEAN_6_YEAR)
    task = f"{RESOLUTION_PLACE}, task"
    source = example.checked(f"{task} (i)", "6 days or less", 322)
    example.target(
        R19_START, party=r.viet_nam, comparator=Comparator.AT_MOST, value=6, source=source
    )
    # (ii): at most the ASEAN-6 average, which the seed prints.
    source = example.checked(f"{task} (ii)", "average level of ASEAN-6, i.e. 171 hours", 326)
    example.target(
        R19_TAXES,
        party=r.viet_nam,
        comparator=Comparator.AT_MOST,
        group=r.asean_6,
        statistic=Statistic.MEAN,
        value=171,
        reference_period=reference,
        source=source,
    )
    example.figure(R19_TAXES, ASEAN_6_YEAR, "171", source, group=r.asean_6, flag=FLAG_ASEAN_6)
    # (iii): a fixed target; the ASEAN-6 average is given beside it.
    source = example.checked(f"{task} (iii)", "70 days or less", 327)
    example.target(
        R19_ELECTRICITY, party=r.viet_nam, comparator=Comparator.AT_MOST, value=70, source=source
    )
    source = example.checked(f"{task} (iii)", "figure for ASEAN-6 is 50.3 days", 328)
    example.figure(
        R19_ELECTRICITY, ASEAN_6_YEAR, "50.3", source, group=r.asean_6, flag=FLAG_ASEAN_6
    )
    # (iv): at most the ASEAN-6 averages, one for exports and one for imports.
    for code, text, end, number in [
        (R19_EXPORTS, "ASEAN-6 (i.e. 14 days for exports", None, "14"),
        (R19_IMPORTS, "13 days for imports", 332, "13"),
    ]:
        source = example.checked(f"{task} (iv)", text, 330, end)
        example.target(
            code,
            party=r.viet_nam,
            comparator=Comparator.AT_MOST,
            group=r.asean_6,
            statistic=Statistic.MEAN,
            value=Decimal(number),
            reference_period=reference,
            source=source,
        )
        example.figure(code, ASEAN_6_YEAR, number, source, group=r.asean_6, flag=FLAG_ASEAN_6)


def _table_1(example: _Example) -> None:
    place = "Table 1"
    example.seed.check(Quote(place, "Cumulative 1988-2015", 206))
    rows = read_rows(example.seed, TABLE_1_LINES, TABLE_1_INVESTORS + TABLE_1_REST, 2, place=place)
    for column in (0, 1):
        parts = sum(Decimal(rows[label].figures[column]) for label in rows if label != "Total")
        if parts != Decimal(rows["Total"].figures[column]):
            raise SeedMismatch(
                _(
                    "%(name)s %(place)s: the rows no longer add up to the total; the seed has "
                    "changed since the demo was written."
                )
                % {"name": example.seed.name, "place": place}
            )
    resolver = Resolver()
    for label in TABLE_1_INVESTORS:
        row = rows[label]
        subject = (
            {"group": example.registry.asean}
            if label == "ASEAN"
            else {"party": _party(resolver, label, example.seed, place)}
        )
        source = example.row_source(place, row)
        example.figure(FDI_PROJECTS, "1988-2015", row.figures[0], source, **subject)
        example.figure(FDI_CAPITAL, "1988-2015", row.figures[1], source, **subject)


def _table_2(example: _Example) -> None:
    place = "Table 2"
    rows = read_rows(example.seed, TABLE_2_LINES, TABLE_2_YEARS, 3, place=place)
    for year in TABLE_2_YEARS:
        row = rows[year]
        for ownership, number in zip(TABLE_2_COLUMNS, row.figures, strict=True):
            flagged = year == "2013" and ownership == "State"
            example.figure(
                INVESTMENT_GROWTH,
                year,
                number,
                example.row_source(place, row),
                party=example.registry.viet_nam,
                breakdown={"ownership": ownership},
                flag=FLAG_STATE_2013 if flagged else "",
            )


def _table_3(example: _Example) -> None:
    place = "Table 3, ranking by country"
    rows = read_rows(
        example.seed, TABLE_3_LINES, TABLE_3_COUNTRIES, 1, place=place, column_after="|"
    )
    resolver = Resolver()
    for label in TABLE_3_COUNTRIES:
        row = rows[label]
        example.figure(
            MPAC_EFFECT,
            TABLE_3_YEAR,
            row.figures[0],
            example.row_source(place, row),
            party=_party(resolver, label, example.seed, place),
            status=ValueStatus.ESTIMATE,
            flag=FLAG_TABLE_3,
        )


def _table_4(example: _Example) -> None:
    place = "Table 4"
    rows = read_rows(example.seed, TABLE_4_LINES, TABLE_4_COUNTRIES, 4, place=place)
    resolver = Resolver()
    for label in TABLE_4_COUNTRIES:
        row = rows[label]
        party = _party(resolver, label, example.seed, place)
        for period, number in zip(TABLE_4_PERIODS, row.figures, strict=True):
            last = period == TABLE_4_PERIODS[-1]
            example.figure(
                PPP_INCOME,
                period,
                number,
                example.row_source(place, row),
                party=party,
                status=ValueStatus.ESTIMATE if last else ValueStatus.FINAL,
                note="The authors' calculation from World Bank statistics." if last else "",
                flag=FLAG_TABLE_4,
            )


def _trade(example: _Example) -> None:
    place = "Impacts on Viet Nam's economy"
    example.seed.check(Quote("Figure 2, title", TRADE_PERIOD, 158))
    for flow, text, number in [
        ("exports", "16.8% per annum for exports", "16.8"),
        ("imports", "13.0% per annum for imports", "13.0"),
    ]:
        example.figure(
            TRADE_GROWTH,
            TRADE_PERIOD,
            number,
            example.checked(place, text, 152, 153),
            party=example.registry.viet_nam,
            breakdown={"flow": flow},
            flag=FLAG_TRADE,
        )


def _fao(example: _Example, seed: SeedText) -> None:
    place = "paragraph 9"
    for text in ("performance indicator X1.4", "biennium 2012 \u2013 2013", "USD 2 billion"):
        seed.check(Quote(place, text, 85))
    example.target(
        FAO_X1_4,
        trend=Trend.STABLE_OR_RISING,
        value=Decimal(2_000_000_000),
        deadline=dt.date(2013, 12, 31),
        source=f"{SOURCE_003}, {place}, line 85",
        note="A stable trend of approved voluntary contributions, about USD 2 billion for the "
        "biennium 2012-2013, set from the contributions of 2008-2009.",
    )


def _party(resolver: Resolver, label: str, seed: SeedText, place: str) -> Party:
    party = resolver.party(label)
    if party is None:
        raise SeedMismatch(
            _("%(name)s %(place)s names %(label)s, which the registry does not hold.")
            % {"name": seed.name, "place": place, "label": label}
        )
    return party

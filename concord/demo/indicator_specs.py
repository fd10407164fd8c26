"""What the demo's indicators are, and where each table of seed 001 lies and how it is read.

``concord.demo.indicators`` plays them; the reasons for each choice are in its docstring.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from concord.demo.seeds import SeedMismatch, SeedText, normalize_space
from concord.indicators.models import (
    Direction,
    Unit,
)

SECRETARIAT = "secretariat"
SOURCE_001 = "ASEAN integration and Viet Nam (seed 001)"
SOURCE_003 = "FAO Resource Mobilization and Management Strategy (seed 003)"

ASEAN_6_YEAR = "2014"
FLAG_ASEAN_6 = (
    "The seed gives no year for this ASEAN-6 average: recorded for 2014, the year "
    "Resolution 19 was first issued."
)
FLAG_STATE_2013 = (
    "Printed as 73, though the text says state investment growth slowed in 2013 (13.5 in "
    "2012): perhaps 7.3. Loaded as printed."
)
TABLE_3_YEAR = "2009"
FLAG_TABLE_3 = (
    "The seed gives no period for the simulation: recorded for 2009, the year of its "
    "source (ERIA 2009)."
)
TABLE_4_PERIODS = ("2000", "2005", "2008", "2015")
FLAG_TABLE_4 = (
    "Table 4 prints no column headings: its columns are read as 2000, 2005, 2008 and 2015, "
    "since the text compares 2000 with 2008 and 2008 with 2015 and the source note dates the "
    "last column 2015. The second column's year is a guess."
)
TRADE_PERIOD = "1995-2014"
FLAG_TRADE = (
    "The text gives no period for these averages: recorded for 1995-2014, the span of "
    "Figure 2, which the sentence cites."
)

# Resolution 19 ---------------------------------------------------------------------------
R19_START = "r19-start-business"
R19_TAXES = "r19-paying-taxes"
R19_ELECTRICITY = "r19-getting-electricity"
R19_EXPORTS = "r19-customs-exports"
R19_IMPORTS = "r19-customs-imports"
# The tables and the text of seed 001, and seed 003.
FDI_PROJECTS = "vnm-fdi-projects"
FDI_CAPITAL = "vnm-fdi-capital"
INVESTMENT_GROWTH = "vnm-investment-growth"
MPAC_EFFECT = "mpac-economic-effect"
PPP_INCOME = "ppp-income-relative-to-viet-nam"
TRADE_GROWTH = "vnm-asean-trade-growth"
FAO_X1_4 = "fao-x1-4"

RESOLUTION_PLACE = "Impacts on institutional reforms, Resolution 19"


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    unit: str
    direction: str
    definition: str
    source: str = ""
    dimensions: tuple[str, ...] = ()


SPECS = [
    Spec(
        R19_START,
        "Time to start a business",
        Unit.DAYS,
        Direction.LOWER,
        "Days from business registration to the start of business activity. Resolution 19, "
        "task (i).",
        "Quarterly reports of the ministries, led by the Ministry of Planning and Investment",
    ),
    Spec(
        R19_TAXES,
        "Time to pay taxes",
        Unit.HOURS_PER_YEAR,
        Direction.LOWER,
        "Hours a year an enterprise spends paying its taxes. Resolution 19, task (ii).",
        "Quarterly reports of the ministries, led by the Ministry of Planning and Investment",
    ),
    Spec(
        R19_ELECTRICITY,
        "Time to get electricity",
        Unit.DAYS,
        Direction.LOWER,
        "Days for an enterprise or an investment project to get connected to electricity. "
        "Resolution 19, task (iii).",
        "Quarterly reports of the ministries, led by the Ministry of Planning and Investment",
    ),
    Spec(
        R19_EXPORTS,
        "Time for customs clearance of exports",
        Unit.DAYS,
        Direction.LOWER,
        "Days to clear exports through customs. Resolution 19, task (iv), whose target for "
        "exports and for imports differs: two indicators.",
        "Quarterly reports of the ministries, led by the Ministry of Planning and Investment",
    ),
    Spec(
        R19_IMPORTS,
        "Time for customs clearance of imports",
        Unit.DAYS,
        Direction.LOWER,
        "Days to clear imports through customs. Resolution 19, task (iv), whose target for "
        "exports and for imports differs: two indicators.",
        "Quarterly reports of the ministries, led by the Ministry of Planning and Investment",
    ),
    Spec(
        FDI_PROJECTS,
        "Foreign direct investment projects in Viet Nam by investor, cumulative",
        Unit.COUNT,
        Direction.NONE,
        "Number of foreign direct investment projects in Viet Nam since 1988, by the investor's "
        "country, territory or group (Table 1). The table's rows 'Others' (no investor named) "
        "and 'Total' (the sum of the rows, checked when loaded) are not recorded, so that no "
        "figure is counted twice with its parts.",
        "Ministry of Planning and Investment, Viet Nam",
    ),
    Spec(
        FDI_CAPITAL,
        "Foreign direct investment capital registered in Viet Nam by investor, cumulative",
        Unit.USD_MILLION,
        Direction.NONE,
        "Capital registered by foreign direct investors in Viet Nam since 1988, by the "
        "investor's country, territory or group (Table 1). The table's rows 'Others' (no "
        "investor named) and 'Total' (the sum of the rows, checked when loaded) are not "
        "recorded, so that no figure is counted twice with its parts.",
        "Ministry of Planning and Investment, Viet Nam",
    ),
    Spec(
        INVESTMENT_GROWTH,
        "Growth of realised investment in Viet Nam by ownership",
        Unit.PERCENT,
        Direction.NONE,
        "Annual growth rate of realised investment, broken down by ownership: non-state, "
        "foreign direct investment and state (Table 2). No total is given.",
        "MUTRAP (2015)",
        ("ownership",),
    ),
    Spec(
        MPAC_EFFECT,
        "Simulated economic effect of ASEAN connectivity",
        Unit.PERCENT,
        Direction.HIGHER,
        "Economic effect of the Master Plan on ASEAN Connectivity by country, as simulated by "
        "ERIA's Geographical Simulation Model (Table 3, country column; the regions are not "
        "recorded).",
        "ERIA (2009)",
    ),
    Spec(
        PPP_INCOME,
        "Purchasing power parity income relative to Viet Nam",
        Unit.RATIO,
        Direction.HIGHER,
        "Purchasing power parity income of ASEAN Member States, with Viet Nam's set at 1 "
        "(Table 4). The table has no column headings: see what we assumed.",
        "Ministry of Planning and Investment, Viet Nam",
    ),
    Spec(
        TRADE_GROWTH,
        "Average annual growth of Viet Nam's trade with ASEAN",
        Unit.PERCENT,
        Direction.HIGHER,
        "Average growth a year of Viet Nam's exports to and imports from ASEAN, broken down by "
        "flow.",
        "General Statistics Office of Vietnam",
        ("flow",),
    ),
    Spec(
        FAO_X1_4,
        "Approved voluntary contributions (X1.4)",
        Unit.USD,
        Direction.HIGHER,
        "FAO's performance indicator X1.4: voluntary contributions approved in a biennium, the "
        "measure of the strategy's goal (paragraph 9).",
        "FAO Technical Cooperation Department",
    ),
]
CODES = [spec.code for spec in SPECS]

TABLE_1_INVESTORS = ["ASEAN", "Korea", "Japan", "Taiwan", "British Virgin Islands"]
TABLE_1_REST = ["Others", "Total"]
TABLE_2_YEARS = [str(year) for year in range(2006, 2015)]
TABLE_2_COLUMNS = ["Non-state", "Foreign direct investment", "State"]
TABLE_3_COUNTRIES = [
    "Myanmar",
    "Viet Nam",
    "Lao PDR",
    "Thailand",
    "Cambodia",
    "Indonesia",
    "Philippines",
    "Malaysia",
    "India",
    "Singapore",
    "China",
    "Bangladesh",
    "Hong Kong",
]
TABLE_4_COUNTRIES = [
    "Cambodia",
    "Indonesia",
    "Lao PDR",
    "Malaysia",
    "Philippines",
    "Singapore",
    "Thailand",
    "Viet Nam",
]
# Where each table's rows lie in seed 001 (first and last line).
TABLE_1_LINES = (205, 217)
TABLE_2_LINES = (227, 241)
TABLE_3_LINES = (254, 275)
TABLE_4_LINES = (358, 369)

_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")


@dataclass(frozen=True)
class Row:
    """A table row as printed: its label, its figures (without thousands separators), its line."""

    label: str
    figures: tuple[str, ...]
    line: int


def read_rows(
    seed: SeedText,
    lines: tuple[int, int],
    labels: Sequence[str],
    width: int,
    *,
    place: str,
    column_after: str = "",
) -> dict[str, Row]:
    """Read the rows of a table: each label followed by ``width`` figures, within ``lines``.

    ``column_after`` keeps only the text after the last occurrence of a separator (Table 3's
    country column follows a ``|``). A label not found so fails naming the table and lines.
    """
    found: dict[str, Row] = {}
    for number in range(lines[0], lines[1] + 1):
        text = seed.line(number)
        if column_after:
            text = text.rsplit(column_after, 1)[-1]
        text = normalize_space(text)
        for label in labels:
            if label in found or not text.startswith(label + " "):
                continue
            figures = text[len(label) :].split()
            if len(figures) == width and all(_NUMBER.match(f) for f in figures):
                found[label] = Row(
                    label, tuple(f.replace(",", "").rstrip("%") for f in figures), number
                )
    missing = [label for label in labels if label not in found]
    if missing:
        raise SeedMismatch(
            _(
                '%(name)s lines %(start)d-%(end)d (%(place)s) no longer print a row "%(label)s" '
                "with %(width)d figures; the seed has changed since the demo was written."
            )
            % {
                "name": seed.name,
                "start": lines[0],
                "end": lines[1],
                "place": place,
                "label": missing[0],
                "width": width,
            }
        )
    return found

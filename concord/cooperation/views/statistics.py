"""The public statistics of cooperation requests: kinds by statuses, one table per year."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from concord.cooperation import statistics
from concord.cooperation.disclosure import THRESHOLD, Cell, Table
from concord.cooperation.models import RequestKind, RequestStatus
from concord.cooperation.views import SECTION
from concord.portal.views.pages import page


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: Cell


@dataclass
class YearTable:
    year: int
    columns: list[str]
    rows: list[Row]
    totals: Row


def year_table(year: int, table: Table) -> YearTable:
    """Lay a protected table out as the page shows it: labelled rows, then the totals."""
    return YearTable(
        year=year,
        columns=[RequestStatus(c).label for c in table.columns],
        rows=[
            Row(
                label=RequestKind(r).label,
                cells=[table.cells[r, c] for c in table.columns],
                total=table.row_totals[r],
            )
            for r in table.rows
        ],
        totals=Row(
            label="",
            cells=[table.column_totals[c] for c in table.columns],
            total=table.total,
        ),
    )


@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    tables = statistics.yearly_tables()
    context = {
        "years": [year_table(year, table) for year, table, _fictitious in tables],
        "threshold": THRESHOLD,
        "fictitious": any(fictitious for _year, _table, fictitious in tables),
    }
    return page(request, "cooperation/statistics.html", context, section=SECTION)

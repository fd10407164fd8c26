"""Statistical disclosure control for public counts of confidential cooperation requests.

A table of counts (say kind by status, for a year) is published with its row, column and grand
totals. Every entry under THRESHOLD is withheld, zeros included: "no request of this kind was
refused" is a fact about confidential requests too, and withholding 0 like 1-4 keeps a withheld
entry from hinting which it is. More entries are then withheld until none can be worked out.

The reader knows every published number, that each line adds up (a row or column with its total,
the row or column totals with the grand total) and that counts are never negative. Against that
reader the result is exact: for every withheld entry some other table of counts, within 1 of the
true one everywhere, publishes the same numbers and differs there. The cheap rule comes first: a
line never holds exactly one withheld entry (subtraction would give it). Then an audit finds what
it misses: an entry that alone links two groups of withheld ones (two rows minus two columns give
it), or withheld cells that are all 0 beside a published total.

Not guaranteed: how narrow the reader's range gets (0-1, say, rather than 0-4); what a reader who
reruns this algorithm on candidate tables can rule out (a secondary entry is the smallest left in
its line); the fewest entries withheld (the choice is greedy, not linear programming); and what
two releases of one period tell apart: publish a period once, when it is closed.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

THRESHOLD = 5
"""Smallest count published as a number.

Below five, a party that knows its own requests can subtract them from a count and come close
to naming another party's; five is a common minimum frequency in official statistics.
"""

TOTAL = "total"
"""Label of the totals in as_rows; no row or column may use it."""

Key = tuple[str | None, str | None]  # (row, column); None stands for the total of that dimension
Line = tuple[str, str | None]  # ("row", name) or ("column", name)


@dataclass(frozen=True)
class Cell:
    count: int | None  # None when withheld

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def shown(self) -> int | str:
        """Return the count, or the one text every withheld entry shares.

        Secondary entries may be 5 or more, so the text cannot say "fewer than 5" alone; and it
        must not differ from the primary ones', or "5 or more" would narrow the rest of the line.
        """
        if self.count is None:
            return _("fewer than %(n)s or withheld") % {"n": THRESHOLD}
        return self.count


@dataclass
class Table:
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], Cell]
    row_totals: dict[str, Cell]
    column_totals: dict[str, Cell]
    total: Cell


def protect(
    counts: Mapping[tuple[str, str], int], rows: Sequence[str], columns: Sequence[str]
) -> Table:
    """Tabulate counts (missing ones are 0), withholding every entry that could reveal a request."""
    rows, columns = list(rows), list(columns)
    _check(counts, rows, columns)
    full: dict[Key, int] = {(r, c): counts.get((r, c), 0) for r in rows for c in columns}
    full |= {(r, None): sum(full[r, c] for c in columns) for r in rows}
    full |= {(None, c): sum(full[r, c] for r in rows) for c in columns}
    full[None, None] = sum(full[r, None] for r in rows)
    withheld = {key for key, count in full.items() if count < THRESHOLD}
    while (extra := _next_secondary(full, withheld)) is not None:
        withheld.add(extra)

    def cell(key: Key) -> Cell:
        return Cell(None if key in withheld else full[key])

    return Table(
        rows=rows,
        columns=columns,
        cells={(r, c): cell((r, c)) for r in rows for c in columns},
        row_totals={r: cell((r, None)) for r in rows},
        column_totals={c: cell((None, c)) for c in columns},
        total=cell((None, None)),
    )


def as_rows(table: Table) -> list[dict]:
    """List every entry for the API, row by row with its total, then the totals row."""
    cells: dict[tuple[str, str], Cell] = dict(table.cells)
    cells |= {(r, TOTAL): cell for r, cell in table.row_totals.items()}
    cells |= {(TOTAL, c): cell for c, cell in table.column_totals.items()}
    cells[TOTAL, TOTAL] = table.total
    return [
        {"row": r, "column": c, "count": cells[r, c].count, "shown": str(cells[r, c].shown)}
        for r in [*table.rows, TOTAL]
        for c in [*table.columns, TOTAL]
    ]


def _check(counts: Mapping[tuple[str, str], int], rows: list[str], columns: list[str]) -> None:
    if not rows or not columns:
        raise ValueError("A table needs at least one row and one column.")
    for names in (rows, columns):
        if len(set(names)) != len(names) or TOTAL in names:
            raise ValueError(f"Names must be distinct and not {TOTAL!r}: {names}.")
    for (r, c), count in counts.items():
        if r not in rows or c not in columns or count < 0:
            raise ValueError(f"Count {count} for ({r!r}, {c!r}) is negative or outside the table.")


def _next_secondary(full: dict[Key, int], withheld: set[Key]) -> Key | None:
    """Return the next entry to withhold, or None when every withheld entry is safe.

    The partner is the smallest cell of the exposed entry's lines (totals last), or, for the
    audit, the first entry in that order, then the rest of the table's, that makes it safe.
    """
    lines: dict[Line, list[Key]] = defaultdict(list)
    for key in full:
        lines["row", key[0]].append(key)
        lines["column", key[1]].append(key)
    order = {key: (key.count(None), count, i) for i, (key, count) in enumerate(full.items())}
    for entries in lines.values():
        if len([key for key in entries if key in withheld]) == 1:
            return min((key for key in entries if key not in withheld), key=order.__getitem__)
    for key in full:
        if key in withheld and not _hidden(key, full, withheld):
            own = [k for k in full if k not in withheld and (k[0] == key[0] or k[1] == key[1])]
            rest = [k for k in full if k not in withheld and k not in own]
            candidates = sorted(own, key=order.__getitem__) + sorted(rest, key=order.__getitem__)
            fixes = (k for k in candidates if _hidden(key, full, withheld | {k}))
            return next(fixes, candidates[0])
    return None


def _steps(key: Key, count: int) -> list[tuple[Line, Line]]:
    """Return the ways a +1 step along a cycle may cross this entry without making it negative."""
    row, column = ("row", key[0]), ("column", key[1])
    if count:
        return [(row, column), (column, row)]
    # Row and column totals take the opposite sign in the +1/-1 alternation around a cycle.
    return [(column, row)] if (key[0] is None) != (key[1] is None) else [(row, column)]


def _hidden(key: Key, full: dict[Key, int], withheld: set[Key]) -> bool:
    """Tell whether some other table publishes the same numbers and a different value for key."""
    graph: dict[Line, list[Line]] = defaultdict(list)
    for other in withheld - {key}:
        for start, end in _steps(other, full[other]):
            graph[start].append(end)
    for start, end in _steps(key, full[key]):
        seen, stack = {end}, [end]
        while stack:
            for nxt in graph[stack.pop()]:
                if nxt == start:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
    return False

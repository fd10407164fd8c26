"""Ruled tables on a PDF page: rows and cells found from the rules drawn around them.

A ruled table is drawn as thin horizontal and vertical lines that touch one another. The
horizontal rules cut it into rows; in each row, the vertical rules that cross it cut it into
cells (so merged cells and rows with fewer cells are read as drawn). Tables without vertical
rules, and cells drawn only as shaded boxes, are not found: their text is read as lines.
"""

import itertools
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_THIN = 2.0  # points: a rule is at most this thick
_TOUCH = 3.0  # points: rules this close belong to the same table


@dataclass
class Table:
    left: float
    bottom: float
    right: float
    top: float
    rows: list[tuple[float, float]]  # (top, bottom) of each row, from the top down
    columns: list[list[float]]  # for each row, the x of the rules between its cells

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        """Return the (row, column) holding the point, or None outside the table."""
        if not (self.left <= x <= self.right and self.bottom <= y <= self.top):
            return None
        for row, (top, bottom) in enumerate(self.rows):
            if bottom <= y <= top:
                rules = self.columns[row]
                column = sum(1 for rule in rules[1:-1] if rule < x)
                return row, column
        return None


def _merge(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > _TOUCH:
            merged.append(value)
    return merged


def _groups(boxes: list[tuple[float, float, float, float]]) -> list[list[int]]:
    """Return the indexes of the boxes that touch one another, group by group."""
    parent = list(range(len(boxes)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, (left, bottom, right, top) in enumerate(boxes):
        for j in range(i):
            other = boxes[j]
            if (
                left - _TOUCH <= other[2]
                and other[0] <= right + _TOUCH
                and bottom - _TOUCH <= other[3]
                and other[1] <= top + _TOUCH
            ):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for index in range(len(boxes)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


def ruled_tables(page: pdfium.PdfPage) -> list[Table]:
    """Return the ruled tables drawn on ``page``."""
    rules: list[tuple[float, float, float, float]] = []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = path.get_bounds()
        horizontal = top - bottom <= _THIN and right - left > _TOUCH
        vertical = right - left <= _THIN and top - bottom > _TOUCH
        if horizontal or vertical:
            rules.append((left, bottom, right, top))
    tables = []
    for group in _groups(rules):
        members = [rules[i] for i in group]
        horizontals = [r for r in members if r[3] - r[1] <= _THIN and r[2] - r[0] > _TOUCH]
        verticals = [r for r in members if r not in horizontals]
        if len(horizontals) < 2 or len(verticals) < 2:
            continue
        edges = _merge([(r[1] + r[3]) / 2 for r in horizontals])[::-1]
        rows, columns = [], []
        for top, bottom in itertools.pairwise(edges):
            middle = (top + bottom) / 2
            crossing = [(r[0] + r[2]) / 2 for r in verticals if r[1] <= middle <= r[3]]
            if len(crossing) >= 2:
                rows.append((top, bottom))
                columns.append(_merge(crossing))
        if rows:
            tables.append(
                Table(
                    left=min(r[0] for r in members),
                    bottom=min(r[1] for r in members),
                    right=max(r[2] for r in members),
                    top=max(r[3] for r in members),
                    rows=rows,
                    columns=columns,
                )
            )
    return tables

"""Disclosure control of public counts: hand-made tables, and properties checked by brute force."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.cooperation.disclosure import THRESHOLD, TOTAL, Cell, as_rows, protect

WITHHELD = "fewer than 5 or withheld"


def grid(values: list[list[int]], rows: str, columns: str) -> dict[tuple[str, str], int]:
    return {
        (r, c): n
        for r, line in zip(rows, values, strict=True)
        for c, n in zip(columns, line, strict=True)
    }


def published(counts, rows, columns) -> dict[tuple[str, str], int | None]:
    """Protect the counts and return every entry as the API lists it, totals under TOTAL."""
    return {(e["row"], e["column"]): e["count"] for e in as_rows(protect(counts, rows, columns))}


def truth(counts, rows, columns) -> dict[tuple[str, str], int]:
    full = {(r, c): counts.get((r, c), 0) for r in rows for c in columns}
    full |= {(r, TOTAL): sum(full[r, c] for c in columns) for r in rows}
    full |= {(TOTAL, c): sum(full[r, c] for r in rows) for c in columns}
    full[TOTAL, TOTAL] = sum(full[r, TOTAL] for r in rows)
    return full


def lines(rows, columns) -> list[list[tuple[str, str]]]:
    """Each row with its total, each column with its total, and the two lines of totals."""
    rows, columns = [*rows, TOTAL], [*columns, TOTAL]
    return [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]


def withheld(entries: dict) -> set[tuple[str, str]]:
    return {key for key, count in entries.items() if count is None}


def neighbours(true, entries, rows, columns):
    """Yield every table within 1 of the true one in each cell that publishes the same numbers.

    If a withheld entry is not pinned down by the published ones (with counts never negative),
    moving by 1 around a cycle of withheld entries gives such a table, so searching within 1 is
    enough to find it: an entry that no neighbour changes can be worked out exactly.
    """
    per_row = []
    for r in rows:
        options = [
            [true[r, c]]
            if entries[r, c] is not None
            else [n for n in (true[r, c] + d for d in (-1, 0, 1)) if n >= 0]
            for c in columns
        ]
        per_row.append(
            [line for line in product(*options) if entries[r, TOTAL] in (None, sum(line))]
        )
    for choice in product(*per_row):
        table = {
            (r, c): n
            for r, line in zip(rows, choice, strict=True)
            for c, n in zip(columns, line, strict=True)
        }
        full = truth(table, rows, columns)
        if all(entries[key] in (None, full[key]) for key in full):
            yield full


# Cells ----------------------------------------------------------------------------------------


def test_a_published_cell_shows_its_count():
    cell = Cell(12)
    assert cell.shown == 12
    assert not cell.suppressed


def test_a_withheld_cell_shows_the_threshold_and_not_a_count():
    cell = Cell(None)
    assert cell.suppressed
    assert cell.shown == WITHHELD
    assert str(THRESHOLD) in cell.shown


# Hand-made tables -----------------------------------------------------------------------------


def test_a_table_of_large_counts_is_published_whole_with_its_totals():
    counts = grid([[5, 8, 13], [21, 34, 55]], "ab", "xyz")
    table = protect(counts, ["a", "b"], ["x", "y", "z"])
    assert table.cells == {key: Cell(n) for key, n in counts.items()}
    assert table.row_totals == {"a": Cell(26), "b": Cell(110)}
    assert table.column_totals == {"x": Cell(26), "y": Cell(42), "z": Cell(68)}
    assert table.total == Cell(136)


def test_one_small_cell_withholds_a_rectangle_with_the_smallest_partners():
    counts = grid([[2, 9, 6], [8, 7, 20], [12, 30, 40]], "abc", "xyz")
    entries = published(counts, "abc", "xyz")
    # The row's smallest other cell is 6 (not 9), the column's is 8 (not 12); (b, z) closes it.
    assert withheld(entries) == {("a", "x"), ("a", "z"), ("b", "x"), ("b", "z")}
    assert entries["a", TOTAL] == 17
    assert entries[TOTAL, "x"] == 22
    assert entries[TOTAL, TOTAL] == 134


def test_a_row_of_small_cells_withholds_its_total_and_a_partner_row():
    counts = grid([[10, 11, 12], [1, 2, 1], [20, 21, 22]], "abc", "xyz")
    entries = published(counts, "abc", "xyz")
    assert withheld(entries) == {(r, c) for r in "ab" for c in [*"xyz", TOTAL]}
    assert [entries[TOTAL, c] for c in [*"xyz", TOTAL]] == [31, 34, 35, 100]


def test_a_column_total_under_the_threshold_is_withheld_with_its_neighbour():
    entries = published(grid([[1, 10], [3, 12]], "ab", "xy"), "ab", "xy")
    assert withheld(entries) == {(r, c) for r in ["a", "b", TOTAL] for c in "xy"}
    assert [entries["a", TOTAL], entries["b", TOTAL], entries[TOTAL, TOTAL]] == [11, 15, 26]


def test_a_grand_total_under_the_threshold_withholds_everything():
    entries = published(grid([[1, 0], [2, 1]], "ab", "xy"), "ab", "xy")
    assert all(count is None for count in entries.values())


def test_missing_counts_are_zero_and_zero_is_withheld():
    entries = published({("a", "x"): 40, ("b", "y"): 30}, "ab", "xy")
    assert entries["a", "y"] is None
    assert entries["b", "x"] is None
    assert entries[TOTAL, TOTAL] == 70


def test_withheld_zeros_beside_a_published_total_are_joined_by_a_nonzero_cell():
    # Row a published as "-, -, 10, 7, total 17" would give away both zeros: 17 - 10 - 7 = 0.
    counts = grid([[0, 0, 10, 7], [8, 9, 10, 11]], "ab", "xyzw")
    entries = published(counts, "ab", "xyzw")
    assert entries["a", TOTAL] == 17
    assert sum(counts[key] for key in withheld(entries) if key[0] == "a") > 0


def test_a_cell_linking_two_groups_of_withheld_cells_is_not_left_to_be_worked_out():
    # Line by line alone, (d, x) = 2 stays the only link between the withheld cells of rows a, c
    # and those of rows b, d: rows b and d minus columns w and y would give it exactly.
    counts = grid([[12, 1, 30, 5], [10, 6, 5, 10], [30, 3, 12, 1], [5, 2, 8, 8]], "abcd", "wxyz")
    entries = published(counts, "abcd", "wxyz")
    true = truth(counts, "abcd", "wxyz")
    changed = {
        key
        for table in neighbours(true, entries, "abcd", "wxyz")
        for key in table
        if table[key] != true[key]
    }
    assert ("d", "x") in changed
    assert withheld(entries) <= changed


def test_as_rows_lists_each_row_with_its_total_then_the_totals_row():
    entries = as_rows(protect(grid([[5, 2], [6, 7]], "ab", "xy"), ["a", "b"], ["x", "y"]))
    assert [(e["row"], e["column"]) for e in entries] == [
        ("a", "x"), ("a", "y"), ("a", TOTAL),
        ("b", "x"), ("b", "y"), ("b", TOTAL),
        (TOTAL, "x"), (TOTAL, "y"), (TOTAL, TOTAL),
    ]  # fmt: skip
    assert {"row": TOTAL, "column": TOTAL, "count": 20, "shown": "20"} in entries
    assert {"row": "a", "column": "y", "count": None, "shown": WITHHELD} in entries


@pytest.mark.parametrize(
    ("counts", "rows", "columns"),
    [
        ({}, [], ["x"]),
        ({}, ["a", "a"], ["x"]),
        ({}, ["a"], [TOTAL]),
        ({("a", "q"): 3}, ["a"], ["x"]),
        ({("a", "x"): -1}, ["a"], ["x"]),
    ],
)
def test_a_malformed_table_is_refused(counts, rows, columns):
    with pytest.raises(ValueError):
        protect(counts, rows, columns)


# Properties -----------------------------------------------------------------------------------

COUNTS = st.one_of(st.integers(0, THRESHOLD - 1), st.integers(THRESHOLD, 40))


@st.composite
def tables(draw, most: int):
    rows = [f"kind{i}" for i in range(draw(st.integers(1, most)))]
    columns = [f"status{i}" for i in range(draw(st.integers(1, most)))]
    return {(r, c): draw(COUNTS) for r in rows for c in columns}, rows, columns


@given(tables(most=5))
def test_every_published_number_is_true_and_at_least_the_threshold(table):
    entries, true = published(*table), truth(*table)
    for key, count in entries.items():
        assert count is None or count == true[key] >= THRESHOLD
        assert true[key] >= THRESHOLD or count is None


@given(tables(most=5))
def test_no_line_holds_exactly_one_withheld_entry(table):
    entries = published(*table)
    for line in lines(table[1], table[2]):
        assert len([key for key in line if entries[key] is None]) != 1


@settings(deadline=None)
@given(tables(most=3))
def test_every_withheld_entry_differs_in_some_table_publishing_the_same_numbers(table):
    """Adding 1 to a withheld entry, and making up for it around the table, publishes the same."""
    entries, true = published(*table), truth(*table)
    changed = {
        key
        for other in neighbours(true, entries, table[1], table[2])
        for key in other
        if other[key] != true[key]
    }
    assert withheld(entries) <= changed

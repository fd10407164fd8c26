"""``source_marks``: the source cut into plain runs and nested provision spans."""

from hypothesis import given
from hypothesis import strategies as st

from concord.ingestion.review import Mark, source_marks


def flat(marks: list[Mark]) -> list[tuple[int, int, object]]:
    """The leaves, in order: the plain runs that make up the text."""
    out = []
    for mark in marks:
        if mark.provision is None:
            out.append((mark.start, mark.end, None))
        else:
            out.extend(flat(mark.children))
    return out


def test_spans_become_marks_with_plain_runs_between():
    marks = source_marks(20, [(2, 5, "a"), (8, 12, "b")])
    assert [(m.start, m.end, m.provision) for m in marks] == [
        (0, 2, None),
        (2, 5, "a"),
        (5, 8, None),
        (8, 12, "b"),
        (12, 20, None),
    ]
    assert [(c.start, c.end) for c in marks[1].children] == [(2, 5)]


def test_a_span_inside_another_is_nested_in_it():
    (outer,) = source_marks(10, [(0, 10, "section"), (3, 6, "paragraph")])
    assert outer.provision == "section"
    assert [(m.start, m.end, m.provision) for m in outer.children] == [
        (0, 3, None),
        (3, 6, "paragraph"),
        (6, 10, None),
    ]


def test_a_span_running_past_its_holder_is_cut_and_bad_spans_are_skipped():
    marks = source_marks(10, [(0, 5, "a"), (3, 8, "b"), (6, 6, "empty"), (9, 4, "reversed")])
    assert [(m.start, m.end, m.provision) for m in marks] == [(0, 5, "a"), (5, 10, None)]
    assert [(m.start, m.end, m.provision) for m in marks[0].children] == [
        (0, 3, None),
        (3, 5, "b"),
    ]


def test_without_spans_the_text_is_one_run():
    assert [(m.start, m.end) for m in source_marks(7, [])] == [(0, 7)]


spans = st.lists(
    st.tuples(st.integers(-5, 120), st.integers(-5, 120), st.integers(0, 1000)), max_size=30
)


@given(st.integers(0, 100), spans)
def test_the_runs_always_tile_the_text_exactly_once(length, given_spans):
    leaves = flat(source_marks(length, given_spans))
    at = 0
    for start, end, _provision in leaves:
        assert start == at and end > start
        at = end
    assert at == length

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.registry.symbols import Symbol, parse_symbol


def test_a_corrigendum_of_a_revision_chains_back_to_the_original():
    symbol = parse_symbol("MC.DD/6/13/Rev.3/Corr.1")
    assert symbol.base == "MC.DD/6/13"
    assert symbol.revision_kind == "Corr"
    assert str(symbol.parent) == "MC.DD/6/13/Rev.3"
    assert str(symbol.parent.parent) == "MC.DD/6/13"
    assert symbol.parent.parent.parent is None


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("PC.DEC/1107/Corr.1", "PC.DEC/1107"),
        ("ICC-ASP/10/Res.2", "ICC-ASP/10/Res.2"),
        ("C 2009/3", "C 2009/3"),
    ],
)
def test_resolution_numbers_are_not_mistaken_for_revisions(text, base):
    assert parse_symbol(text).base == base


@given(
    st.from_regex(r"[A-Z]{1,4}(\.[A-Z]{1,4})?/[0-9]{1,4}", fullmatch=True),
    st.lists(st.tuples(st.sampled_from(["Rev", "Corr", "Add"]), st.integers(1, 20)), max_size=3),
)
def test_any_symbol_is_written_back_as_it_was_read(base, suffixes):
    symbol = Symbol(base, tuple(suffixes))
    assert parse_symbol(str(symbol)) == symbol

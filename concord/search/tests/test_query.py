from hypothesis import given
from hypothesis import strategies as st

from concord.search import query


def test_symbol_becomes_one_quoted_phrase():
    assert query.fts5_match("ICC-ASP/10/Res.2") == '"ICC-ASP/10/Res.2"'


def test_words_typed_with_a_star_are_searched_as_prefixes():
    assert query.fts5_match("freez* assets") == '"freez"* "assets"'
    assert query.fts5_match("asset freez") == '"asset" "freez"'


def test_short_words_are_never_prefixes():
    assert query.fts5_match("to* be*") == '"to" "be"'


def test_quoted_words_stay_together_and_quotes_are_doubled():
    assert query.phrases('"freezing of assets" court') == ["freezing of assets", "court"]
    assert query.fts5_match('say "a""b"') == '"say" "a" "b"'


def test_pieces_without_words_are_dropped():
    assert query.fts5_match('" ( * - NEAR(') == '"NEAR("'
    assert query.fts5_match('" ( * -') is None


def test_operator_words_are_searched_as_words():
    assert query.fts5_match("AND OR") == '"AND" "OR"'


def test_control_characters_are_dropped():
    assert query.clean("freeze\x00assets\n") == "freeze assets"


@given(st.text(max_size=80))
def test_every_phrase_of_any_text_is_one_closed_fts5_string(text):
    match = query.fts5_match(text)
    if match is None:
        return
    for piece in match.split('" "'):
        inner = piece.strip('"*')
        # Inside an FTS5 string a quote only appears doubled.
        assert '"' not in inner.replace('""', "")

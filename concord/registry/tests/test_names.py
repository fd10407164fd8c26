from hypothesis import given
from hypothesis import strategies as st

from concord.registry.names import normalize_name


def test_names_as_the_seeds_write_them_normalize_to_plain_words():
    assert normalize_name("Hong Kong, China") == "hong kong china"
    assert normalize_name("Korea (Republic of)") == "korea republic of"
    assert normalize_name("Côte d'Ivoire") == "cote d ivoire"
    assert normalize_name("People\u2019s Republic of China") == "people s republic of china"
    assert normalize_name("  Lao   PDR ") == "lao pdr"
    assert normalize_name("U.K.") == "u k"


def test_case_accents_and_punctuation_do_not_make_another_name():
    assert normalize_name("VIET NAM") == normalize_name("Viêt-Nam") == "viet nam"


@given(st.text())
def test_normalizing_twice_changes_nothing(name):
    once = normalize_name(name)
    assert normalize_name(once) == once


@given(st.text())
def test_a_normalized_name_has_no_edge_or_double_spaces(name):
    normalized = normalize_name(name)
    assert normalized == normalized.strip()
    assert "  " not in normalized

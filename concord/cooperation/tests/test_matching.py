"""Name matching: which reported names are suggested as one entity, with what evidence.

The names below are made up for these tests. Decisions on what is realistic to match:
- Cyrillic, Greek, Polish and German spellings meet their Latin ones through transliteration,
  and the usual romanization variants of Russian names (Sergey/Sergei, Petroff/Petrov) match.
- "ООО «Ромашка»" / "Romashka LLC" matches: the company name is transliterated and ООО is the
  Russian form of LLC. "ООО Сахель Трейдинг" / "Sahel Trading LLC" does not: "Трейдинг" renders
  the sound of the English word, not its letters, and 75 of 100 is too far to tell from a near
  miss. The officer links such pairs by hand.
- Arabic-script names match other Arabic-script spellings (here, a split word); they are not
  compared with Latin spellings, since transliteration drops the short vowels.
"""

# Cyrillic and Greek letters that look Latin are the point of these tests.
# ruff: noqa: RUF001, RUF002

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from concord.cooperation.matching import (
    KINDS,
    MATCH_MIN,
    Name,
    compare,
    groups,
    normalize,
    suggest,
)

POSITIVE = [
    ("Иван Петров", "Ivan Petrov", "person", "same after transliteration: ivan petrov"),
    ("PETROV Ivan", "Ivan Petrov", "person", "same words in another order"),
    ("Petrov, Ivan", "IVAN PETROV", "person", "same words in another order"),
    ("Sahel Mining Ltd", "Sahel Mining Limited", "company", "(ltd / limited)"),
    ("Societe Generale S.A.", "Société Générale SA", "company", "same after transliteration"),
    ("Nordlicht Handels GmbH", "Nordlicht Handels G.m.b.H.", "company", "same after normalization"),
    ("ООО «Ромашка»", "Romashka LLC", "company", "(ooo / llc)"),
    ("Αλέξανδρος Παπαδόπουλος", "Alexandros Papadopoulos", "person", "papadopoulos / papadopoylos"),
    ("Łukasz Wałęsa-Nowak", "Lukasz Walesa Nowak", "person", "same after transliteration"),
    ("Jürgen Müller", "Juergen Mueller", "person", "compared after transliteration"),
    ("Sergey Ivanov", "Sergei Ivanov", "person", "sergei / sergey"),
    ("Aleksandr Petroff", "Alexander Petrov", "person", "aleksandr / alexander"),
    ("Mikhail Khodorov", "Mihail Hodorov", "person", "mihail / mikhail"),
    ("Ivan Petrov", "Ivan Ivanovich Petrov", "person", "one name adds: ivanovich"),
    ("Sahel Trading Co., Ltd.", "SAHEL TRADING COMPANY LIMITED", "company", "(co / company)"),
    ("Sahel Mining Ltd", "Sahel Mining", "company", "legal form given on one side only: ltd"),
    ("Petro Chem Ltd", "PetroChem Limited", "company", "same apart from spacing: petro chem"),
    ("Alpha Holdings 2", "Alpha Holdings II", "company", "numbers written differently (2 / ii)"),
    ("Smith & Sons Ltd", "Smith and Sons Ltd", "company", "same after normalization"),
    ("محمد عبد الله", "محمد عبدالله", "person", "same apart from spacing"),
]

NEGATIVE = [
    ("Sahel Mining Ltd", "Sahel Trading Ltd", "company", "company", "another distinctive word"),
    ("Ivan Petrov", "Ivan Petrenko", "person", "person", "another surname, score still 83"),
    ("Ivan Sidorov", "Ivan Sidorenko", "person", "person", "another surname"),
    ("Alpha Holdings", "Alpha Holdings 2", "company", "company", "a number on one side"),
    ("Alpha Holdings 2", "Alpha Holdings 3", "company", "company", "other numbers"),
    ("Alpha Holdings", "Alpha Holdings Group", "company", "company", "an extra company word"),
    ("Alpha Holdings", "Alfa Holdings", "company", "company", "Alfa is another word"),
    ("Ivan Petrov", "Ivan Petrov", "person", "company", "a person is never a company"),
    ("Ivan Petrov LLC", "Ivan Petrov", "company", "person", "a person is never a company"),
    ("Ivan Petrov", "Ivana Petrova", "person", "person", "relatives: feminine forms"),
    ("Ivan Petrov", "Anna Petrova", "person", "person", "relatives: wife or daughter"),
    ("Jan Kowalski", "Jan Kowalska", "person", "person", "relatives: Polish feminine form"),
    ("Sahel Mining Ltd", "Sahel Mining SARL", "company", "company", "companies in two countries"),
    ("Ivan Petrov", "Pyotr Ivanov", "person", "person", "other people"),
    ("Ivan Petrov", "I. Petrov", "person", "person", "an initial is not expanded"),
    ("Ivan Petrov", "Ivan Sergeyevich Petrov Ivanov", "person", "person", "two extra names"),
    ("Petrov", "Ivan Petrov", "person", "person", "a surname alone"),
    ("Sahel Gold", "Sahel Goldfields", "company", "company", "another word"),
    ("ООО Сахель Трейдинг", "Sahel Trading LLC", "company", "company", "phonetic, see top"),
    ("Ltd", "Limited", "company", "company", "nothing distinctive"),
    ("", "", "other", "other", "nothing at all"),
]


@pytest.mark.parametrize(("x", "y", "kind", "reason"), POSITIVE)
def test_spellings_of_one_entity_are_suggested_with_evidence(x, y, kind, reason):
    suggestion = compare(Name(1, x, kind, "State A"), Name(2, y, kind, "State B"))
    assert suggestion is not None
    assert suggestion.score >= MATCH_MIN
    either_way = {reason, re.sub(r"(\w+) / (\w+)", r"\2 / \1", reason)}
    assert any(r in line for r in either_way for line in suggestion.reasons), suggestion.reasons
    assert suggestion.reasons[-1] == f"similarity {round(suggestion.score)} of 100"
    assert (suggestion.a.key, suggestion.b.key) == (1, 2)


@pytest.mark.parametrize(("x", "y", "kind_x", "kind_y", "why"), NEGATIVE)
def test_near_misses_are_not_suggested(x, y, kind_x, kind_y, why):
    assert compare(Name(1, x, kind_x), Name(2, y, kind_y)) is None, why


def test_a_name_of_kind_other_may_match_a_person_or_a_company():
    assert compare(Name(1, "Ivan Petrov", "other"), Name(2, "PETROV Ivan", "person"))
    assert compare(Name(1, "Sahel Mining", "other"), Name(2, "Sahel Mining Ltd", "company"))


def test_a_person_name_is_not_read_for_legal_forms():
    # "Co" in a person's name is a word like any other, so it must agree.
    assert compare(Name(1, "Li Co", "person"), Name(2, "Li", "person")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Иван   ПЕТРОВ ", "ivan petrov"),
        ("Sahel Mining Limited", "sahel mining ltd"),
        ("SAHEL MINING, LTD.", "sahel mining ltd"),
        ("Société Générale, société anonyme", "societe generale sa"),
        ("Société Générale S.A.", "societe generale sa"),
        ("ООО «Ромашка»", "llc romashka"),
        ("Romashka Limited Liability Company", "romashka llc"),
        ("Alpha Co. Incorporated", "alpha co inc"),
        ("Big Corporation plc", "big corp plc"),
        ("Nordlicht Aktiengesellschaft", "nordlicht ag"),
        ("O'Brien & Sons", "obrien and sons"),
        ("Alpha2 Holdings", "alpha 2 holdings"),
        ("Δέλτα Ναυτιλιακή", "delta naytiliaki"),
        ("", ""),
    ],
)
def test_normalize_transliterates_and_spells_legal_forms_one_way(text, expected):
    assert normalize(text) == expected


def test_name_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        Name(1, "Ivan Petrov", "vessel")


NAMES = [
    Name("a1", "Иван Петров", "person", "State A"),
    Name("b1", "PETROV Ivan", "person", "State B"),
    Name("c1", "Ivan Petrenko", "person", "State C"),
    Name("a2", "Sahel Mining Ltd", "company", "State A"),
    Name("b2", "SAHEL MINING LIMITED", "company", "State B"),
    Name("c2", "Sahel Trading Ltd", "company", "State C"),
    Name("c3", "Ivan Petroff", "person", "State C"),
    Name("b3", "Sahel Mining Ltd", "company", "State B"),
    Name("a3", "Alpha Holdings", "company", "State A"),
    Name("b4", "Alpha Holdings 2", "company", "State B"),
]


def test_suggest_finds_every_pair_that_compare_accepts_best_first():
    found = suggest(NAMES)
    expected = {
        frozenset((a.key, b.key))
        for i, a in enumerate(NAMES)
        for b in NAMES[i + 1 :]
        if compare(a, b) is not None
    }
    assert {frozenset((s.a.key, s.b.key)) for s in found} == expected
    assert expected >= {frozenset(("a1", "b1")), frozenset(("a2", "b2")), frozenset(("a2", "b3"))}
    assert frozenset(("a1", "c1")) not in expected
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)
    assert len(found) == len(expected)


def test_suggest_skips_rejected_pairs_and_names_of_one_key():
    rejected = {frozenset(("a1", "b1"))}
    names = [*NAMES, Name("a1", "Ivan Petrov", "person", "State A, second reply")]
    keys = {frozenset((s.a.key, s.b.key)) for s in suggest(names, rejected=rejected)}
    assert frozenset(("a1", "b1")) not in keys
    assert all(len(pair) == 2 for pair in keys)
    assert frozenset(("b1", "c3")) in keys


def test_suggest_of_nothing_is_empty():
    assert suggest([]) == []


def test_groups_join_confirmed_pairs_transitively_in_order_of_first_mention():
    confirmed = {frozenset(("b1", "a1")), frozenset(("c3", "b1")), frozenset(("a2", "b2"))}
    result = groups(NAMES, confirmed)
    keys = [[name.key for name in group] for group in result]
    assert keys == [
        ["a1", "b1", "c3"],
        ["c1"],
        ["a2", "b2"],
        ["c2"],
        ["b3"],
        ["a3"],
        ["b4"],
    ]


def test_groups_list_each_name_once_and_ignore_pairs_of_unknown_keys():
    names = [*NAMES, NAMES[0]]
    result = groups(names, {frozenset(("a1", "zz")), frozenset(("b4",))})
    flat = [name.key for group in result for name in group]
    assert sorted(flat) == sorted(name.key for name in NAMES)
    assert len(result) == len(NAMES)


def test_groups_do_not_depend_on_the_order_of_confirmations():
    pairs = [frozenset(("a2", "b2")), frozenset(("b3", "a2")), frozenset(("b2", "b3"))]
    first = groups(NAMES, set(pairs))
    second = groups(NAMES, set(reversed(pairs)))
    assert first == second
    assert [[name.key for name in group] for group in first if len(group) > 1] == [
        ["a2", "b2", "b3"]
    ]


WORD = st.text(
    alphabet=st.characters(
        categories=("Lu", "Ll", "Nd"),
        include_characters="ßçéñøåłðþ",
        max_codepoint=0x052F,  # Latin, Greek and Cyrillic
    ),
    min_size=1,
    max_size=12,
)
NAME_TEXT = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
KIND = st.sampled_from(KINDS)


@given(NAME_TEXT, NAME_TEXT, KIND, KIND)
def test_compare_is_symmetric(x, y, kind_x, kind_y):
    one = compare(Name(1, x, kind_x), Name(2, y, kind_y))
    other = compare(Name(2, y, kind_y), Name(1, x, kind_x))
    assert (one is None) == (other is None)
    if one and other:
        assert one.score == other.score
        assert one.reasons == other.reasons


REALISTIC = sorted({text for x, y, *_rest in POSITIVE + NEGATIVE for text in (x, y)})
NEAR_NAME = st.one_of(
    st.sampled_from(REALISTIC),
    st.sampled_from(REALISTIC).map(lambda text: " ".join(reversed(text.split()))),
    st.tuples(st.sampled_from(REALISTIC), st.integers(0, 30)).map(
        lambda drop: drop[0][: drop[1]] + drop[0][drop[1] + 1 :]
    ),
    st.tuples(st.sampled_from(REALISTIC), st.sampled_from(REALISTIC)).map(" ".join),
)
"""Names like the tables above, some with a letter dropped, words reversed or another appended."""


@given(NEAR_NAME, NEAR_NAME, KIND, KIND)
def test_compare_is_symmetric_on_names_near_each_other(x, y, kind_x, kind_y):
    one = compare(Name(1, x, kind_x), Name(2, y, kind_y))
    other = compare(Name(2, y, kind_y), Name(1, x, kind_x))
    assert (one is None) == (other is None)
    if one and other:
        assert (one.score, one.reasons) == (other.score, other.reasons)


@given(NEAR_NAME, NEAR_NAME, KIND)
def test_suggest_prefilter_loses_no_pair_that_compare_accepts(x, y, kind):
    a, b = Name(1, x, kind), Name(2, y, kind)
    assert [(s.a, s.b) for s in suggest([a, b])] == ([(a, b)] if compare(a, b) else [])


@given(NAME_TEXT, KIND)
def test_a_name_matches_its_upper_case_and_spaced_out_variant(text, kind):
    assume(compare(Name(1, text, kind), Name(2, text, kind)) is not None)
    variant = "  " + "   ".join(text.upper().split()) + " \t"
    suggestion = compare(Name(1, text, kind), Name(2, variant, kind))
    assert suggestion is not None
    assert suggestion.score == 100

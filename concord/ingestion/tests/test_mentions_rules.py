"""Each mention finder on small texts of its own, and a property over arbitrary text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.ingestion.mentions import find_mentions
from concord.ingestion.mentions.base import Mention


def found(text: str, type_: str) -> list[tuple[str, object]]:
    return [(m.text, m.value) for m in find_mentions(text) if m.type == type_]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Viet Nam", "VNM"),
        ("Lao PDR", "LAO"),
        ("Hong Kong, China", "HKG"),
        ("Kyrgyz Republic", "KGZ"),
        ("Korea (Republic of)", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Fiji Islands", "FJI"),
        ("Holy See", "VAT"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d\u2019Ivoire", "CIV"),
        ("the United States", "USA"),
        ("the U.K.", "GBR"),
        ("Vietnamese", "VNM"),
        ("Ukrainian", "UKR"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Iran, Islamic Republic of", "IRN"),
    ],
)
def test_party_names_aliases_and_adjectives_resolve_to_alpha_3(text, code):
    (mention,) = found(f"Delegations of {text} attended.", "party")
    assert mention[1] == code
    assert mention[0] in text


def test_longest_party_name_wins():
    assert found("Papua New Guinea and Hong Kong, China", "party") == [
        ("Papua New Guinea", "PNG"),
        ("Hong Kong, China", "HKG"),
    ]


def test_a_name_after_a_personal_title_is_a_person_not_a_party():
    assert found("Statement by Mr Richard China of the Secretariat", "party") == []
    assert found("Dr. Jordan spoke; Ms Chad replied.", "party") == []


def test_country_names_are_proper_nouns():
    assert found("a turkey in chad and guinea fowl", "party") == []
    assert found("Chad and Guinea", "party") == [("Chad", "TCD"), ("Guinea", "GIN")]


def test_short_country_acronyms_match_only_in_capitals():
    assert found("the UK and the uk", "party") == [("UK", "GBR")]


def test_regional_adjectives_name_no_party():
    assert found("Asian and European economies", "party") == []


def test_organizations_by_acronym_and_name_with_slug():
    text = "The OSCE, ODIHR, the World Bank, Interpol and the wto (lower case: no)."
    assert found(text, "organization") == [
        ("OSCE", "osce"),
        ("ODIHR", "odihr"),
        ("World Bank", "world-bank"),
        ("Interpol", "interpol"),
    ]


def test_organization_name_beats_its_shorter_part():
    assert found("the United Nations Security Council", "organization") == [
        ("United Nations Security Council", "unsc")
    ]


@pytest.mark.parametrize(
    ("text", "base", "suffixes"),
    [
        ("ICC-ASP/10/Res.2", "ICC-ASP/10/Res.2", []),
        ("PC.DEC/1107/Corr.1", "PC.DEC/1107", [{"kind": "Corr", "number": 1}]),
        (
            "MC.DD/6/13/Rev.3/Corr.1",
            "MC.DD/6/13",
            [{"kind": "Rev", "number": 3}, {"kind": "Corr", "number": 1}],
        ),
        ("C 2009/3", "C 2009/3", []),
        ("CL 141/10", "CL 141/10", []),
        ("JM 2011.1/3", "JM 2011.1/3", []),
        ("RC/Dec.2", "RC/Dec.2", []),
        ("ICC-02/05-01/09-3", "ICC-02/05-01/09-3", []),
        ("A/RES/66/1", "A/RES/66/1", []),
    ],
)
def test_symbols_are_found_and_parsed(text, base, suffixes):
    ((printed, value),) = found(f"See document {text}.", "symbol")
    assert printed == text
    assert value == {"symbol": text, "base": base, "suffixes": suffixes}


def test_slashed_words_without_digits_are_not_symbols():
    text = "ADB/OECD, June/July, SR/CTHB and http://example.org/A/1 and UK 2009/10"
    assert found(text, "symbol") == []


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("29 March 2012", "2012-03-29"),
        ("March 29, 2012", "2012-03-29"),
        ("December 2000", "2000-12"),
        ("2012-03-29", "2012-03-29"),
        ("18-20 September 2012", "2012-09-18/2012-09-20"),
        ("2004-2006", "2004/2006"),
        ("2004\u20132006", "2004/2006"),
        ("biennium 2012 - 2013", "2012/2013"),
        ("2010-11", "2010/2011"),
        ("from 2004 to 2006", "2004/2006"),
        ("in 2003", "2003"),
        ("by 2025", "../2025"),
        ("since 1995", "1995/.."),
    ],
)
def test_dates_and_periods_are_edtf(text, edtf):
    assert found(f"It happened {text}; then more.", "date") == [(text, edtf)]


def test_bare_years_and_impossible_dates_are_not_dates():
    assert found("The 2003 seminar; 2012-03; 31 February 2012; 2013-2010.", "date") == []


def test_a_date_does_not_run_across_a_blank_line():
    assert found("September\n\n2015", "date") == []


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("USD 2 billion", 2_000_000_000, "USD"),
        ("US$27.9 billion", 27_900_000_000, "USD"),
        ("US$651.9 million", 651_900_000, "USD"),
        ("$5 million", 5_000_000, "USD"),
        ("EUR 3.5 million", 3_500_000, "EUR"),
        ("€12,500", 12_500, "EUR"),
        ("2 million US dollars", 2_000_000, "USD"),
        ("$0.25", "0.25", "USD"),
    ],
)
def test_money_has_an_exact_amount_and_a_currency(text, amount, currency):
    assert found(f"A budget of {text} was approved.", "money") == [
        (text, {"amount": amount, "currency": currency})
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6 days or less", {"value": 6, "unit": "day", "comparator": "<="}),
        ("171 hours per annum", {"value": 171, "unit": "hour", "per": "year"}),
        ("50.3 days", {"value": 50.3, "unit": "day"}),
        ("55 percent", {"value": 55, "unit": "percent"}),
        ("16.8%", {"value": 16.8, "unit": "percent"}),
        ("at least 30 participants", {"value": 30, "unit": "participant", "comparator": ">="}),
        ("no more than 10 working days", {"value": 10, "unit": "working day", "comparator": "<="}),
    ],
)
def test_quantities_and_targets(text, value):
    assert found(f"The target is {text} overall.", "quantity") == [(text, value)]


def test_a_number_without_a_known_unit_is_not_a_quantity():
    assert found("Paragraph 12 lists 30 measures.", "quantity") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "article 93, paragraph 1(k), of the Statute",
            {"article": "93", "paragraph": "1(k)", "instrument": "Statute"},
        ),
        (
            "article 12, paragraph 3, of the Rome Statute",
            {"article": "12", "paragraph": "3", "instrument": "Rome Statute"},
        ),
        (
            "Article 103 of the United Nations Charter",
            {"article": "103", "instrument": "United Nations Charter"},
        ),
        (
            "Rule 21 of the Rules of Procedure and Evidence",
            {"rule": "21", "instrument": "Rules of Procedure and Evidence"},
        ),
        (
            "operative paragraph 13 of resolution ICC-ASP/10/Res.2",
            {
                "paragraph": "13",
                "operative": True,
                "instrument": "ICC-ASP/10/Res.2",
                "instrument_kind": "resolution",
            },
        ),
        (
            "paragraph IV.1(A)6 of the Rules of Procedure",
            {"paragraph": "IV.1(A)6", "instrument": "Rules of Procedure"},
        ),
        ("Article 5 bis", {"article": "5 bis"}),
    ],
)
def test_legal_references_hold_their_parts(text, value):
    assert found(f"Under {text}, States act.", "legal_reference") == [(text, value)]


def test_a_bare_paragraph_number_is_not_a_legal_reference():
    assert found("as set out in paragraph 4 above", "legal_reference") == []


def test_nested_mentions_of_different_types_are_kept_and_sorted():
    text = "Recalling operative paragraph 13 of resolution ICC-ASP/10/Res.2 of 2011."
    mentions = find_mentions(text)
    assert [m.type for m in mentions] == ["legal_reference", "symbol"]
    assert mentions[0].span[0] < mentions[1].span[0] < mentions[1].span[1] <= mentions[0].span[1]


def test_same_type_overlaps_keep_the_longest():
    assert [m.text for m in find_mentions("from 2004 to 2006") if m.type == "date"] == [
        "from 2004 to 2006"
    ]


def test_mention_to_json_has_the_schema_fields():
    mention = Mention("party", "Viet Nam", (0, 8), "VNM")
    assert mention.to_json() == {
        "type": "party", "text": "Viet Nam", "span": [0, 8], "value": "VNM",
    }  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(
                [
                    " ",
                    "\n",
                    "\n\n",
                    "/",
                    "-",
                    "\u2013",
                    ".",
                    ",",
                    "(",
                    ")",
                    "%",
                    "$",
                    "US$",
                    "USD ",
                    "Mr ",
                    "Viet Nam",
                    "Hong Kong, China",
                    "article 93",
                    ", paragraph ",
                    "1(k)",
                    " of the ",
                    "Statute",
                    "ICC-ASP/10/Res.2",
                    "C 2009/3",
                    "Rev.3",
                    "29 March 2012",
                    "2004-2006",
                    "in 2003",
                    " billion",
                    " days",
                    " or less",
                    "at least ",
                    "30",
                    "16.8",
                    "OSCE",
                ]
            ),
        ),
        max_size=30,
    ).map("".join)
)
def test_arbitrary_text_never_raises_and_spans_cut_their_text(text):
    for mention in find_mentions(text):
        start, end = mention.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == mention.text

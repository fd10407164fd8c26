"""Mentions in the five seeds: spans cut their text, and what a reader sees is found."""

import pytest

from concord.ingestion.mentions import find_mentions
from concord.ingestion.tests.conftest import seed_source


def mentions_of(prefix: str, type_: str) -> list[tuple[str, object]]:
    return [(m.text, m.value) for m in find_mentions(seed_source(prefix).text) if m.type == type_]


def test_every_mention_span_cuts_exactly_its_text(any_seed):
    text = seed_source(any_seed).text
    mentions = find_mentions(text)
    assert mentions
    for mention in mentions:
        start, end = mention.span
        assert text[start:end] == mention.text
    assert [m.span[0] for m in mentions] == sorted(m.span[0] for m in mentions)


def test_every_seed_mentions_parties_organizations_and_dates(any_seed):
    types = {m.type for m in find_mentions(seed_source(any_seed).text)}
    assert {"party", "organization", "date"} <= types


def test_strategy_mentions_its_member_economies_and_its_period():
    parties = mentions_of("000", "party")
    for name, code in [
        ("Hong Kong, China", "HKG"),
        ("Kyrgyz Republic", "KGZ"),
        ("Korea (Republic of)", "KOR"),
        ("Fiji Islands", "FJI"),
        ("Papua New Guinea", "PNG"),
        ("Viet Nam", "VNM"),
    ]:
        assert (name, code) in parties
    dates = mentions_of("000", "date")
    assert ("2004-2006", "2004/2006") in dates
    assert ("October 1999", "1999-10") in dates
    assert ("over 30 participants", {"value": 30, "unit": "participant", "comparator": ">"}) in (
        mentions_of("000", "quantity")
    )


def test_country_paper_mentions_targets_money_and_its_own_country():
    quantities = mentions_of("001", "quantity")
    assert ("6 days or less", {"value": 6, "unit": "day", "comparator": "<="}) in quantities
    assert ("171 hours per annum", {"value": 171, "unit": "hour", "per": "year"}) in quantities
    assert ("70 days or less", {"value": 70, "unit": "day", "comparator": "<="}) in quantities
    assert ("50.3 days", {"value": 50.3, "unit": "day"}) in quantities
    assert ("16.8%\nper annum", {"value": 16.8, "unit": "percent", "per": "year"}) in quantities
    money = mentions_of("001", "money")
    assert ("US$27.9 billion", {"amount": 27_900_000_000, "currency": "USD"}) in money
    assert ("US$651.9 million", {"amount": 651_900_000, "currency": "USD"}) in money
    parties = mentions_of("001", "party")
    assert ("Viet Nam", "VNM") in parties
    assert ("Lao PDR", "LAO") in parties
    assert ("December 1997", "1997-12") in mentions_of("001", "date")
    assert ("ASEAN", "asean") in mentions_of("001", "organization")


def test_no_person_named_china_is_a_party():
    text = seed_source("003").text
    person = text.index("Richard China")
    chinas = [m for m in find_mentions(text) if m.type == "party" and m.value == "CHN"]
    assert all(not (person <= m.span[0] < person + len("Richard China")) for m in chinas)


def test_resolution_mentions_symbols_and_legal_references():
    symbols = dict(mentions_of("002", "symbol"))
    assert symbols["ICC-ASP/10/Res.2"]["base"] == "ICC-ASP/10/Res.2"
    assert "RC/Dec.2" in symbols
    assert "ICC-02/05-01/09-3" in symbols
    references = mentions_of("002", "legal_reference")
    assert (
        "article 93, paragraph 1(k), of the Statute",
        {"article": "93", "paragraph": "1(k)", "instrument": "Statute"},
    ) in references
    assert (
        "Rule 21 of the Rules of Procedure and Evidence",
        {"rule": "21", "instrument": "Rules of Procedure and Evidence"},
    ) in references
    assert (
        "Article 103 of the United Nations Charter",
        {"article": "103", "instrument": "United Nations Charter"},
    ) in references
    assert ("29 March 2012", "2012-03-29") in mentions_of("002", "date")
    assert ("International Criminal Court", "icc") in mentions_of("002", "organization")


def test_fao_strategy_mentions_its_budget_its_documents_and_its_biennium():
    assert ("USD 2 billion", {"amount": 2_000_000_000, "currency": "USD"}) in mentions_of(
        "003", "money"
    )
    symbols = [text for text, _value in mentions_of("003", "symbol")]
    assert {"C 2009/3", "CL 141/10", "JM 2011.1/3"} <= set(symbols)
    dates = mentions_of("003", "date")
    assert any(text.startswith("biennium 2012") and value == "2012/2013" for text, value in dates)
    assert ("55 percent", {"value": 55, "unit": "percent"}) in mentions_of("003", "quantity")


@pytest.mark.parametrize(
    ("symbol", "base", "suffixes"),
    [
        ("PC.DEC/1107/Corr.1", "PC.DEC/1107", [{"kind": "Corr", "number": 1}]),
        (
            "MC.DD/6/13/Rev.3/Corr.1",
            "MC.DD/6/13",
            [{"kind": "Rev", "number": 3}, {"kind": "Corr", "number": 1}],
        ),
    ],
)
def test_journal_mentions_its_decisions_symbols(symbol, base, suffixes):
    symbols = dict(mentions_of("004", "symbol"))
    assert symbols[symbol] == {"symbol": symbol, "base": base, "suffixes": suffixes}


def test_journal_mentions_the_rules_of_procedure_and_the_date_of_its_meeting():
    references = [value for _text, value in mentions_of("004", "legal_reference")]
    assert {"paragraph": "IV.1(A)6", "instrument": "Rules of Procedure of the OSCE"} in references
    assert ("6 December 2013", "2013-12-06") in mentions_of("004", "date")
    organizations = {value for _text, value in mentions_of("004", "organization")}
    assert {"osce", "odihr"} <= organizations

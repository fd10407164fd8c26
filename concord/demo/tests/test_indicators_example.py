"""The indicators example on the real seeds: its figures, targets, cautions and sources."""

from decimal import Decimal
from io import StringIO

import pytest
from django.test import Client

from concord.accounts.demo import create_demo_accounts
from concord.demo import indicators as example_module
from concord.demo.indicator_specs import (
    CODES,
    FLAG_ASEAN_6,
    FLAG_STATE_2013,
    FLAG_TABLE_4,
    read_rows,
)
from concord.demo.indicators import load_indicator_example
from concord.demo.seeds import SeedMismatch, SeedText, seeds_dir
from concord.indicators.benchmark import benchmark
from concord.indicators.models import Approval, Indicator, Target, Value
from concord.indicators.periods import period_for
from concord.registry.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(demo, settings):
    settings.DEBUG = True
    create_demo_accounts(stdout=StringIO())
    out = StringIO()
    assert load_indicator_example(out)
    return out.getvalue()


def _values(code: str):
    return Value.objects.filter(indicator__code=code).select_related("period", "party", "group")


def test_the_example_records_every_indicator_and_says_what_it_did(example):
    assert set(Indicator.objects.values_list("code", flat=True)) == set(CODES)
    assert "12 indicators" in example and "6 targets" in example and "88 figures" in example
    assert Value.objects.count() == 88
    # Every figure is the secretariat's, approved, and cites its table or paragraph.
    assert set(Value.objects.values_list("approval", flat=True)) == {Approval.APPROVED}
    assert set(Value.objects.values_list("entered_by__username", flat=True)) == {"secretariat"}
    for value in Value.objects.all():
        assert value.source.startswith("ASEAN integration and Viet Nam (seed 001), ")
        assert " line" in value.source
    for target in Target.objects.all():
        assert "(seed 00" in target.source and "line" in target.source


def test_resolution_19_targets_are_viet_nams_against_asean_6(example):
    targets = {
        t.indicator.code: t
        for t in Target.objects.select_related("indicator", "party", "group", "reference_period")
    }
    start = targets["r19-start-business"]
    assert (start.party.code, start.comparator, start.value, start.form) == (
        "VNM",
        "<=",
        Decimal(6),
        "fixed",
    )
    assert targets["r19-getting-electricity"].value == 70
    taxes = targets["r19-paying-taxes"]
    assert taxes.form == "relative" and taxes.group.slug == "asean-6"
    assert (taxes.statistic, taxes.value, taxes.reference_period.code) == ("mean", 171, "2014")
    assert targets["r19-customs-exports"].value == 14
    assert targets["r19-customs-imports"].value == 13
    assert "task (iv), line 330" in targets["r19-customs-exports"].source
    indicator = Indicator.objects.get(code="r19-paying-taxes")
    assert indicator.instrument.title == "Resolution 19 of 2014"
    assert indicator.responsible_body.code == "vnm-mpi"


def test_the_asean_6_averages_are_group_figures_for_an_assumed_year(example):
    averages = {
        v.indicator.code: v
        for v in Value.objects.filter(group__slug="asean-6").select_related("indicator", "period")
    }
    assert {code: v.number for code, v in averages.items()} == {
        "r19-paying-taxes": 171,
        "r19-getting-electricity": Decimal("50.3"),
        "r19-customs-exports": 14,
        "r19-customs-imports": 13,
    }
    assert {v.period.code for v in averages.values()} == {"2014"}
    assert {v.flag for v in averages.values()} == {FLAG_ASEAN_6}
    assert "task (iii), line 328" in averages["r19-getting-electricity"].source


def test_table_1_records_the_investors_and_neither_others_nor_the_total(example):
    capital = {v.subject: v for v in _values("vnm-fdi-capital")}
    assert set(capital) == {"group:asean", "party:KOR", "party:JPN", "party:TWN", "party:VGB"}
    assert capital["group:asean"].number == 59_050
    assert capital["party:VGB"].number == 19_275
    assert capital["party:KOR"].source.endswith("Table 1, line 210")
    projects = {v.subject: v.number for v in _values("vnm-fdi-projects")}
    assert projects["party:JPN"] == 2_914
    assert {v.period.code for v in _values("vnm-fdi-projects")} == {"1988-2015"}
    assert "'Others'" in Indicator.objects.get(code="vnm-fdi-capital").definition


def test_table_2_is_broken_down_by_ownership_and_the_2013_state_figure_is_flagged(example):
    growth = _values("vnm-investment-growth")
    assert growth.count() == 27
    assert {v.breakdown["ownership"] for v in growth} == {
        "Non-state",
        "Foreign direct investment",
        "State",
    }
    state_2013 = growth.get(period__code="2013", breakdown__ownership="State")
    assert (state_2013.number, state_2013.flag) == (73, FLAG_STATE_2013)
    assert state_2013.source.endswith("Table 2, line 238")
    assert growth.exclude(flag="").count() == 1
    assert growth.get(period__code="2008", breakdown__ownership="Non-state").number == -4


def test_table_3_takes_the_country_column(example):
    effect = {v.party.code: v for v in _values("mpac-economic-effect")}
    assert len(effect) == 13
    assert effect["VNM"].number == Decimal("114.6")
    assert effect["HKG"].number == Decimal("8.2")
    assert effect["MMR"].status == "estimate"
    ranked = benchmark(Indicator.objects.get(code="mpac-economic-effect"), period_for("2009"))
    ranks = {row.party.code: row.rank for row in ranked.rows}
    assert (ranks["MMR"], ranks["VNM"]) == (1, 2)


def test_table_4_columns_are_assumed_and_flagged(example):
    ppp = _values("ppp-income-relative-to-viet-nam")
    assert ppp.count() == 32
    assert sorted({v.period.code for v in ppp}) == ["2000", "2005", "2008", "2015"]
    assert {v.flag for v in ppp} == {FLAG_TABLE_4}
    assert ppp.get(party__code="SGP", period__code="2000").number == Decimal("23.7")
    assert ppp.get(party__code="THA", period__code="2008").number == Decimal("2.2")
    assert set(ppp.filter(party__code="VNM").values_list("number", flat=True)) == {1}
    assert {v.status for v in ppp.filter(period__code="2015")} == {"estimate"}


def test_trade_growth_is_a_span_broken_down_by_flow(example):
    trade = {v.breakdown["flow"]: v for v in _values("vnm-asean-trade-growth")}
    assert (trade["exports"].number, trade["imports"].number) == (Decimal("16.8"), 13)
    assert trade["exports"].period.code == "1995-2014"
    assert trade["exports"].period.kind == "span"
    assert trade["imports"].flag


def test_fao_x1_4_has_its_target_and_no_figure(example):
    indicator = Indicator.objects.get(code="fao-x1-4")
    assert indicator.instrument.short_title == "RMMS"
    assert indicator.responsible_body.code == "fao-tc"
    assert indicator.results.get().code == "goal"
    target = indicator.targets.get()
    assert (target.trend, target.value, target.form) == (
        "stable_or_rising",
        Decimal(2_000_000_000),
        "trend",
    )
    assert target.deadline.isoformat() == "2013-12-31"
    assert target.source.endswith("paragraph 9, line 85")
    assert not indicator.values.exists()


def test_a_second_load_leaves_the_example_as_it_is(example):
    out = StringIO()
    assert not load_indicator_example(out)
    assert "already there" in out.getvalue()
    assert Value.objects.count() == 88


def test_the_example_is_skipped_without_the_seeds_registry(demo, settings):
    settings.DEBUG = True
    create_demo_accounts(stdout=StringIO())
    Group.objects.filter(slug="asean-6").update(slug="renamed")
    out = StringIO()
    assert not load_indicator_example(out)
    assert "seeds 001 and 003 are not loaded" in out.getvalue()
    assert not Indicator.objects.exists()


def test_a_seed_that_no_longer_reads_as_cited_leaves_nothing(demo, settings, tmp_path):
    settings.DEBUG = True
    create_demo_accounts(stdout=StringIO())
    for name in (example_module.asean.SEED, example_module.fao.SEED):
        text = (seeds_dir() / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("Korea 4,970", "Korea 4 970"), encoding="utf-8")
    out = StringIO()
    assert not load_indicator_example(out, directory=tmp_path)
    assert 'row "Korea"' in out.getvalue()
    assert not Indicator.objects.exists() and not Value.objects.exists()


def test_read_rows_refuses_a_row_with_too_few_figures():
    seed = SeedText(seeds_dir() / example_module.asean.SEED)
    with pytest.raises(SeedMismatch):
        read_rows(seed, example_module.TABLE_4_LINES, ["Cambodia"], 5, place="Table 4")


def test_the_pages_say_what_was_assumed(example):
    client = Client()
    page = client.get("/indicators/vnm-investment-growth").content.decode()
    assert "What we assumed" in page
    assert "Printed as 73" in page and 'href="#note-1"' in page
    assert "MUTRAP (2015)" in page
    taxes = client.get("/indicators/r19-paying-taxes").content.decode()
    assert "the year Resolution 19 was first issued" in taxes
    assert "At most the average of ASEAN-6 in 2014" in taxes
    fao = client.get("/indicators/fao-x1-4").content.decode()
    assert "Stable or rising, about 2,000,000,000 US dollars" in fao
    assert "No figure is public yet." in fao
    listing = client.get("/indicators/").content.decode()
    assert all(f'href="/indicators/{code}"' in listing for code in CODES)

"""The facts issue 4 lists are in the demo, loaded from the real seeds."""

import datetime as dt

import pytest

from concord.registry.models import (
    Citation,
    Group,
    GroupMembership,
    Instrument,
    InstrumentRelation,
    Participation,
    Party,
    PartyAlias,
    Provision,
    Publication,
    ResultsNode,
    Statement,
)

pytestmark = pytest.mark.django_db

ACTION_PLAN = "Anti-Corruption Action Plan for Asia-Pacific"
LATER = {"AUS", "KHM", "HKG", "KAZ"}


def endorsements():
    return Participation.objects.filter(instrument__title=ACTION_PLAN, role="endorsed")


def test_twenty_one_countries_endorsed_the_adb_oecd_action_plan(demo):
    assert endorsements().count() == 21
    assert Party.objects.get(code="HKG").kind == "territory"


def test_seventeen_endorsed_it_in_november_2001_known_to_the_month(demo):
    tokyo = endorsements().exclude(party__code__in=LATER)
    assert tokyo.count() == 17
    assert {p.start.edtf for p in tokyo} == {"2001-11"}
    assert {p.start_precision for p in tokyo} == {"month"}
    assert Instrument.objects.get(title=ACTION_PLAN).adopted.edtf == "2001-11"


def test_four_endorsed_it_later_between_2002_and_2003(demo):
    later = endorsements().filter(party__code__in=LATER)
    assert later.count() == 4
    assert {p.start.edtf for p in later} == {"2002/2003"}


def test_china_observed_in_2003(demo):
    china = Participation.objects.get(party__code="CHN", instrument__title=ACTION_PLAN)
    assert china.role == "observer"
    assert china.start.edtf == "2003"


def test_the_adb_oecd_initiative_group_holds_the_endorsers(demo):
    group = Group.objects.get(slug="adb-oecd-initiative")
    assert set(group.members.values_list("code", flat=True)) == set(
        endorsements().values_list("party__code", flat=True)
    )


def test_switzerland_ratified_apic_on_25_september_2012(demo):
    ratification = Participation.objects.get(party__code="CHE", instrument__short_title="APIC")
    assert ratification.role == "ratified"
    assert ratification.start.edtf == "2012-09-25"
    assert ratification.start_precision == "day"


def test_ukraine_is_party_to_apic_but_not_to_the_rome_statute(demo):
    assert Participation.objects.filter(party__code="UKR", instrument__short_title="APIC").exists()
    assert not Participation.objects.filter(
        party__code="UKR", instrument__short_title="Rome Statute"
    ).exists()


def test_osce_decisions_1107_and_1108_were_adopted_on_6_december_2013(demo):
    d1107 = Instrument.objects.get(symbol="PC.DEC/1107/Corr.1")
    d1108 = Instrument.objects.get(symbol="PC.DEC/1108")
    assert (d1107.number, d1108.number) == ("1107", "1108")
    assert d1107.adopted_earliest == d1108.adopted_earliest == dt.date(2013, 12, 6)
    assert d1107.revision_of.symbol == "PC.DEC/1107"
    assert d1107.body.name == "Permanent Council"
    journal = InstrumentRelation.objects.get(source=d1108, kind="annexed_to").target
    assert journal.number == "976"


def test_the_addendum_complements_the_2003_action_plan_and_is_annexed_to_1107(demo):
    addendum = Instrument.objects.get(kind="addendum")
    relations = {(r.kind, r.target.title) for r in addendum.relations_out.select_related("target")}
    assert ("complements", "OSCE Action Plan to Combat Trafficking in Human Beings") in relations
    assert ("annexed_to", Instrument.objects.get(symbol="PC.DEC/1107/Corr.1").title) in relations
    assert Provision.objects.get(instrument=addendum, ref="III.s1.1.10").text.endswith(
        "employment of domestic workers;"
    )


def test_the_four_statements_on_1107_name_the_provisions_they_concern(demo):
    statements = {
        s.party.code: s
        for s in Statement.objects.filter(instrument__symbol="PC.DEC/1107/Corr.1")
        .select_related("party")
        .prefetch_related("provisions")
    }
    assert set(statements) == {"RUS", "VAT", "AZE", "ARM"}
    assert {s.kind for s in statements.values()} == {"interpretative"}
    assert statements["VAT"].self_described_kind == "reservation"
    assert [p.ref for p in statements["VAT"].provisions.all()] == ["III.s2.5"]
    assert [p.ref for p in statements["AZE"].provisions.all()] == ["III.s1.1.5"]
    assert [p.ref for p in statements["ARM"].provisions.all()] == ["V.s2.2"]
    assert list(statements["RUS"].provisions.all()) == []
    assert "Gender Section" in statements["VAT"].text
    assert statements["AZE"].made.edtf == "2013-12-06"


def test_decision_1108_forwards_ten_drafts_with_their_revision_chains(demo):
    drafts = Instrument.objects.filter(
        relations_in__kind="forwards", relations_in__source__symbol="PC.DEC/1108"
    )
    assert drafts.count() == 10
    assert {d.legal_status for d in drafts} == {"draft"}
    corrigendum = drafts.get(symbol="MC.DD/6/13/Rev.3/Corr.1")
    assert corrigendum.revision_of.symbol == "MC.DD/6/13/Rev.3"
    assert corrigendum.revision_of.revision_of.symbol == "MC.DD/6/13"
    assert drafts.get(symbol="MC.DD/17/13").revision_of is None


def test_the_icc_draft_resolution_has_its_paragraphs_verbs_and_marks(demo):
    draft = Instrument.objects.get(title="Draft resolution on cooperation")
    assert (draft.legal_status, draft.publication) == ("draft", "published")
    provisions = {p.ref: p for p in draft.provisions.all()}
    assert len([p for p in provisions.values() if p.kind == "operative"]) == 24
    assert len([p for p in provisions.values() if p.kind == "preambular"]) == 3
    assert provisions["1"].verb == "Welcomes"
    assert provisions["3"].verb == "Emphasizes also"
    assert provisions["8"].verb == "Calls upon"
    assert provisions["4"].is_bracketed and not provisions["5"].is_bracketed
    assert provisions["21"].has_placeholder
    assert draft.footnotes.get().provision == provisions["1"]
    recalled = set(
        draft.relations_out.filter(kind="recalls").values_list("target__symbol", flat=True)
    )
    assert {"ICC-ASP/10/Res.2", "ICC-ASP/8/Res.2", "ICC-ASP/9/Res.3"} <= recalled


def test_annex_ii_recommends_to_the_court_and_to_states(demo):
    recommendations = Provision.objects.filter(kind="recommendation").exclude(
        instrument__kind="strategy"
    )
    assert recommendations.count() == 13
    court = recommendations.filter(addressees__body__code="icc")
    assert sorted(int(p.number.rstrip(".")) for p in court) == list(range(1, 9))
    states = recommendations.filter(addressees__label__startswith="States")
    assert sorted(int(p.number.rstrip(".")) for p in states) == list(range(9, 14))


def test_the_fao_results_framework_is_one_framework_printed_twice(demo):
    strategy = Instrument.objects.get(short_title="RMMS")
    work_plan = Instrument.objects.get(
        relations_out__kind="implements", relations_out__target=strategy
    )
    nodes = ResultsNode.objects.filter(framework=strategy)
    assert list(nodes.filter(level="outcome").values_list("code", flat=True)) == list("ABCD")
    assert nodes.filter(level="output").count() == 16
    assert nodes.filter(level="activity").count() == 43
    a1 = nodes.get(code="A1")
    assert {p.instrument_id for p in a1.provisions.all()} == {strategy.pk, work_plan.pk}
    assert not nodes.get(code="D4").provisions.filter(instrument=work_plan).exists()
    both = work_plan.provisions.filter(number__startswith="C.5.2")
    assert sorted(p.ref for p in both) == ["C.5.2", "C.5.2-2"]
    assert {p.parent.ref for p in both} == {"C.5"}
    assert work_plan.provisions.get(ref="A.1.1").parent.parent.parent.ref == "goal"


def test_viet_nam_has_been_an_asean_member_since_1995(demo):
    membership = GroupMembership.objects.get(group__slug="asean", party__code="VNM")
    assert membership.since.edtf == "1995"


def test_clmv_has_four_members_and_asean_6_six(demo):
    assert set(Group.objects.get(slug="clmv").members.values_list("code", flat=True)) == {
        "KHM",
        "LAO",
        "MMR",
        "VNM",
    }
    assert Group.objects.get(slug="asean-6").members.count() == 6
    assert Group.objects.get(slug="asean").members.count() == 10


def test_resolution_19_and_its_renewals_and_the_paper_that_names_its_tasks(demo):
    assert Instrument.objects.get(title="Resolution 19 of 2016").revision_of.adopted.edtf == "2015"
    paper = Instrument.objects.get(source_document__startswith="001_", kind="report")
    tasks = paper.provisions.get(text__contains="(i) simplifying the procedures")
    assert "171 hours per annum" in tasks.text and "(iv) simplifying" in tasks.text


def test_the_names_the_seeds_use_are_aliases_of_iso_coded_parties(demo):
    for name, code in [
        ("Viet Nam", "VNM"),
        ("Lao PDR", "LAO"),
        ("Korea (Republic of)", "KOR"),
        ("Hong Kong, China", "HKG"),
        ("Fiji Islands", "FJI"),
        ("Kyrgyz Republic", "KGZ"),
        ("Holy See", "VAT"),
        ("Cook Islands", "COK"),
    ]:
        assert PartyAlias.objects.get(name=name).party.code == code
    assert Party.objects.get(code="osce").kind == "organization"


def test_every_demo_instrument_is_published(demo):
    assert not Instrument.objects.exclude(publication=Publication.PUBLISHED).exists()


@pytest.mark.parametrize(
    "model",
    [Party, PartyAlias, GroupMembership, Participation, Instrument, InstrumentRelation, Statement,
     Provision],
)  # fmt: skip
def test_every_loaded_fact_cites_its_seed(demo, model):
    cited = set(
        Citation.objects.filter(content_type__model=model._meta.model_name).values_list(
            "object_id", flat=True
        )
    )
    uncited = model.objects.exclude(pk__in=cited)
    assert not uncited.exists(), list(uncited[:5])

"""The structure proposed for each seed, as a careful reader of the seed would note it."""

from collections import Counter

from concord.ingestion.structure import ProposedInstrument, ProposedProvision
from concord.ingestion.tests.conftest import seed_document, seed_source


def kinds_under(provision: ProposedProvision, kind: str) -> list[ProposedProvision]:
    return [p for p in provision.walk() if p.kind == kind]


def numbers(provisions: list[ProposedProvision]) -> list[str | None]:
    return [p.number for p in provisions]


def by_title(prefix: str, start: str) -> ProposedInstrument:
    return next(i for i in seed_document(prefix).instruments if (i.title or "").startswith(start))


# ICC: report of the Bureau, draft resolution, workshop recommendations, informal paper ------


def test_icc_report_holds_four_instruments_of_the_right_kinds():
    instruments = seed_document("002").instruments
    assert [i.kind for i in instruments] == ["report", "resolution", "report", "other"]
    assert instruments[0].title == "Report of the Bureau on cooperation"
    assert instruments[1].title == "Draft resolution on cooperation"
    assert instruments[1].draft
    assert instruments[1].adopted_on is None


def test_icc_draft_resolution_has_3_preambular_and_24_operative_paragraphs():
    resolution = seed_document("002").instruments[1]
    kinds = Counter(p.kind for p in resolution.walk())
    assert kinds == {"preambular": 3, "operative": 24}
    operative = [p for p in resolution.walk() if p.kind == "operative"]
    assert numbers(operative) == [f"{n}." for n in range(1, 25)]
    assert resolution.body == "Assembly of States Parties"


def test_icc_operative_4_is_bracketed_and_21_a_placeholder():
    resolution = seed_document("002").instruments[1]
    assert [p.ref for p in resolution.walk() if p.bracketed] == ["4"]
    assert [p.ref for p in resolution.walk() if p.placeholder] == ["21"]


def test_icc_verbs_are_read_from_italics_with_their_particles():
    resolution = seed_document("002").instruments[1]
    verbs = {p.ref: p.verb for p in resolution.walk()}
    assert verbs["pp.1"] == "Recalling"
    assert verbs["pp.2"] == "Determined"
    assert verbs["pp.3"] == "Stressing"
    assert verbs["1"] == "Welcomes"
    assert verbs["2"] == "Emphasizes"
    assert verbs["3"] == "Emphasizes also"
    assert verbs["4"] == "Encourages"
    assert verbs["8"] == "Calls upon"
    assert verbs["21"] == "Notes"
    assert verbs["22"] == "Requests"
    assert verbs["23"] == "Decides"


def test_icc_operative_addressees_are_the_collectives_named_after_the_verb():
    resolution = seed_document("002").instruments[1]
    addressees = {p.ref: p.addressees for p in resolution.walk()}
    assert addressees["8"] == ["States Parties"]
    assert addressees["22"] == ["the Bureau"]


def test_icc_workshop_list_has_13_recommendations_8_to_the_court_and_5_to_states():
    workshop = seed_document("002").instruments[2]
    recommendations = [p for p in workshop.walk() if p.kind == "recommendation"]
    assert numbers(recommendations) == [f"{n}." for n in range(1, 14)]
    addressees = [p.addressees[0] for p in recommendations]
    assert addressees[:8] == ["the Court"] * 8
    assert all(a.startswith("States") for a in addressees[8:])


def test_icc_report_numbers_paragraphs_1_to_18_across_its_sections():
    report = seed_document("002").instruments[0]
    paragraphs = [p for p in report.walk() if p.number and p.number[0].isdigit()]
    assert numbers(paragraphs) == [f"{n}." for n in range(1, 19)]
    assert [p.ref for p in report.provisions if p.number] == ["I", "II", "III"]
    section_two = report.find("II")
    assert [p.ref for p in section_two.children if p.kind == "section"] == [
        "II.A", "II.B", "II.C", "II.D",
    ]  # fmt: skip
    assert numbers(report.find("II.4").children) == ["(a)", "(b)", "(c)", "(d)"]


def test_icc_footnotes_are_kept_apart_from_the_text():
    report, resolution, *_ = seed_document("002").instruments
    assert [f.marker for f in report.footnotes] == ["¹", "²", "³", "⁴"]
    assert [f.text for f in resolution.footnotes] == ["ICC-ASP/11/21, para. 80."]
    assert not any("ICC-ASP/11/21" in p.text for p in resolution.walk())


def test_icc_informal_paper_joins_paragraph_7_across_its_footnotes():
    paper = seed_document("002").instruments[3]
    seven = next(p for p in paper.walk() if p.number == "7.")
    assert "by virtue of the mention of APIC in article 48" in seven.text
    assert "Switzerland" not in seven.text
    assert "joined" in seven.flags
    questions = paper.find("C.9")
    assert numbers(questions.children) == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert {p.kind for p in questions.children} == {"point"}


# OSCE: journal, decision 1107, its Addendum and statements, decision 1108 ----------------------


def test_osce_journal_holds_a_journal_two_decisions_and_the_addendum():
    instruments = seed_document("004").instruments
    assert [i.kind for i in instruments] == ["journal", "decision", "addendum", "decision"]
    journal, decision, addendum, forwarding = instruments
    assert journal.adopted_on == "2013-12-06"
    assert (decision.number, decision.symbol) == ("1107", "PC.DEC/1107/Corr.1")
    assert (forwarding.number, forwarding.symbol) == ("1108", "PC.DEC/1108")
    assert decision.adopted_on == forwarding.adopted_on == "2013-12-06"
    assert decision.body == forwarding.body == "Permanent Council"
    assert addendum.title == (
        "Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings: One Decade Later"
    )


def test_osce_decision_1107_has_six_preambular_paragraphs_and_decides():
    decision = seed_document("004").instruments[1]
    assert [(p.kind, p.verb) for p in decision.walk()] == [
        ("preambular", "Reaffirming"),
        ("preambular", "Recalling"),
        ("preambular", "Deeply concerned"),
        ("preambular", "Drawing"),
        ("preambular", "Recognizing"),
        ("preambular", "Taking note"),
        ("operative", "Decides"),
    ]


def test_osce_four_interpretative_statements_are_attached_to_decision_1107():
    decision = seed_document("004").instruments[1]
    assert [s.party for s in decision.statements] == [
        "Russian Federation", "Holy See", "Republic of Azerbaijan", "Armenia",
    ]  # fmt: skip
    assert all(s.title.startswith("Interpretative Statement under") for s in decision.statements)
    addendum = seed_document("004").instruments[2]
    assert not any("We join in the consensus" in p.text for p in addendum.walk())


def test_osce_addendum_has_6_13_11_6_national_actions_and_2_8_3_3_for_institutions():
    addendum = seed_document("004").instruments[2]
    chapters = {p.ref: p for p in addendum.provisions}
    assert list(chapters) == ["I", "II", "III", "IV", "V"]
    national = [
        len(kinds_under(chapters[c], "recommended_action")) for c in ("II", "III", "IV", "V")
    ]
    institutions = [len(kinds_under(chapters[c], "action")) for c in ("II", "III", "IV", "V")]
    assert national == [6, 13, 11, 6]
    assert institutions == [2, 8, 3, 3]


def test_osce_national_actions_address_the_national_level_and_actions_their_subject():
    addendum = seed_document("004").instruments[2]
    assert addendum.find("III.s1.1.5").addressees == ["national level"]
    actions = [p for p in addendum.walk() if p.kind == "action"]
    addressees = {a for p in actions for a in p.addressees}
    assert {"the SR/CTHB", "ODIHR", "the Gender Section of the Secretariat"} <= addressees


def test_osce_addendum_III_1_10_is_joined_across_the_page_break():
    addendum = seed_document("004").instruments[2]
    paragraph = addendum.find("III.s1.1.10")
    assert paragraph.number == "1.10"
    assert "the victims of THB receive relevant assistance" in paragraph.text
    assert paragraph.text.endswith("employment of domestic workers;")
    assert "joined" in paragraph.flags


def test_osce_addendum_II_2_1_is_joined_across_a_footnote_that_stays_apart():
    addendum = seed_document("004").instruments[2]
    paragraph = addendum.find("II.s1.2.1")
    assert "confiscated proceeds to fund anti-trafficking initiatives" in paragraph.text
    assert "removed from the title" not in paragraph.text
    assert [f.text for f in addendum.footnotes] == [
        "The word “draft” has been removed from the title."
    ]


def test_osce_bullets_under_a_paragraph_are_its_points():
    addendum = seed_document("004").instruments[2]
    paragraph = addendum.find("III.s1.2.1")
    assert [p.ref for p in paragraph.children] == [f"III.s1.2.1.{c}" for c in "abcdef"]
    assert {p.kind for p in paragraph.children} == {"point"}


def test_osce_decision_1108_forwards_ten_drafts_then_recommends():
    forwarding = seed_document("004").instruments[3]
    decides, recommends = forwarding.provisions
    assert (decides.verb, recommends.verb) == ("Decides", "Recommends")
    assert len(decides.children) == 10


# FAO: strategy (outcomes and outputs) and its annexed work plan (activities) ------------------


def test_fao_strategy_lists_outcomes_a_to_d_with_16_outputs():
    strategy = seed_document("003").instruments[0]
    assert strategy.kind == "strategy"
    assert strategy.title == "Resource Mobilization and Management Strategy"
    outcomes = strategy.find("IV.11").children
    assert numbers(outcomes) == ["A.", "B.", "C.", "D."]
    assert {p.kind for p in outcomes} == {"outcome"}
    outputs = [p for o in outcomes for p in o.walk() if p.kind == "output"]
    assert numbers(outputs) == [
        "A1.", "A2.", "A3.", "B1.", "B2.", "B3.", "B4.",
        "C1.", "C2.", "C3.", "C4.", "C5.", "D1.", "D2.", "D3.", "D4.",
    ]  # fmt: skip
    assert [p.ref for p in outputs][:2] == ["IV.11.A.1", "IV.11.A.2"]
    assert len(strategy.footnotes) == 8


def test_fao_work_plan_has_a_goal_4_outcomes_15_outputs_and_43_activities():
    plan = seed_document("003").instruments[1]
    assert plan.kind == "work_plan"
    kinds = Counter(p.kind for p in plan.walk())
    assert kinds == {"goal": 1, "outcome": 4, "output": 15, "activity": 43}
    outputs = [p.ref for p in plan.walk() if p.kind == "output"]
    assert "D.4" not in outputs


def test_fao_two_activities_numbered_c_5_2_are_kept_apart_and_flagged():
    plan = seed_document("003").instruments[1]
    twins = [p for p in plan.walk() if p.number == "C.5.2)"]
    assert [p.ref for p in twins] == ["C.5.2", "C.5.2-2"]
    assert twins[0].text != twins[1].text
    assert "duplicate_number" in twins[1].flags
    assert "duplicate_number" not in twins[0].flags


def test_fao_work_plan_rows_cut_by_a_page_break_are_joined():
    plan = seed_document("003").instruments[1]
    assert plan.find("B").text.endswith("through a communication plan")
    assert plan.find("B.1").text.endswith("within the Strategic Framework (SOs and IFAs)")
    assert plan.find("C.3").text.endswith("frequent support missions conducted")
    assert plan.find("A.1.5").number == "A.1. 5)"


# ADB/OECD: strategy and work plan with numbered paragraphs -----------------------------------


def test_adb_oecd_has_paragraphs_1_to_39_under_sections_i_to_iii_with_letters():
    (strategy,) = seed_document("000").instruments
    assert strategy.kind == "strategy"
    assert [p.ref for p in strategy.provisions if p.number] == ["I", "II", "III"]
    paragraphs = [p for p in strategy.walk() if p.number and p.number[0].isdigit()]
    assert numbers(paragraphs) == [f"{n}." for n in range(1, 40)]
    assert {p.kind for p in paragraphs} == {"paragraph"}
    letters = {
        s.ref: [c.ref for c in s.children if c.kind == "section"] for s in strategy.provisions
    }
    assert letters["II"] == ["II.A", "II.B", "II.C", "II.D", "II.E"]
    assert letters["III"] == [f"III.{c}" for c in "ABCDEFG"]
    assert strategy.find("III.20").text.startswith("Asian and Pacific governments")


def test_adb_oecd_page_furniture_is_dropped():
    (strategy,) = seed_document("000").instruments
    nineteen = strategy.find("II.E.19")
    assert nineteen.text.endswith("Asia-Pacific Group on Money Laundering.")
    texts = [p.text for p in strategy.walk()]
    assert not any("\u2013 6 \u2013" in text for text in texts)
    assert not any(text == "The Secretariat" for text in texts)


def test_adb_oecd_footnote_continues_after_a_blank_line():
    (strategy,) = seed_document("000").instruments
    (footnote,) = strategy.footnotes
    assert footnote.marker == "1"
    assert footnote.text.startswith("Australia;")
    assert footnote.text.endswith("(status as of 31 May 2004).")


# ERIA: a paper, narrative paragraphs under unnumbered headings -------------------------------


def test_eria_paper_keeps_headings_and_joins_paragraphs_cut_by_blank_lines():
    (paper,) = seed_document("001").instruments
    headings = [p.text for p in paper.provisions if p.kind == "section"]
    assert headings[0] == "Introduction"
    assert "Key Issues and Challenges" in headings
    assert headings[-1] == "Conclusion"
    first = paper.provisions[0].children[0]
    assert "adopted the ASEAN Vision 2020" in first.text
    assert "establishment of the AEC in December 2015" in first.text
    assert [f.marker for f in paper.footnotes] == ["1", "2"]
    assert any("In September 2015, Viet Nam was the fifth" in p.text for p in paper.walk())


def test_seed_sources_are_read_as_utf8_text():
    assert seed_source("002").encoding == "utf-8"


def paragraph_counts(section: ProposedProvision) -> dict[str, int]:
    """Count the paragraphs right under ``section`` and under each of its sub-sections."""
    counts = {section.ref: sum(1 for p in section.children if p.kind == "paragraph")}
    for child in section.children:
        if child.kind == "section":
            counts.update(paragraph_counts(child))
    return counts


def test_adb_oecd_is_titled_by_what_it_calls_itself():
    (strategy,) = seed_document("000").instruments
    assert (strategy.title, strategy.kind) == ("Strategy and 2004-2006 Work Plan", "strategy")
    assert (strategy.symbol, strategy.adopted_on, strategy.body) == (None, None, None)


def test_adb_oecd_paragraphs_per_section_and_no_editorial_note():
    (strategy,) = seed_document("000").instruments
    counts = {}
    for chapter in strategy.provisions:
        counts.update(paragraph_counts(chapter))
    assert counts == {
        "I": 5,
        "II": 1, "II.A": 2, "II.B": 2, "II.C": 3, "II.D": 2, "II.E": 4,
        "III": 1, "III.A": 4, "III.B": 2, "III.C": 3, "III.D": 3, "III.E": 3, "III.F": 2,
        "III.G": 2,
    }  # fmt: skip
    assert not any("designations employed" in p.text for p in strategy.walk())


def test_eria_paper_is_a_report_titled_by_what_it_discusses():
    (paper,) = seed_document("001").instruments
    assert (paper.title, paper.kind) == ("The Impacts of ASEAN Integration on Viet Nam", "report")
    assert (paper.symbol, paper.adopted_on, paper.body) == (None, None, None)


def test_eria_paper_sections_sub_sections_and_paragraphs():
    (paper,) = seed_document("001").instruments
    assert [(p.ref, p.text) for p in paper.provisions] == [
        ("s1", "Introduction"),
        ("s2", "ASEAN in Viet Nam\u2019s Economic Integration Process"),
        ("s3", "Impacts of ASEAN Integration on Viet Nam\u2019s Economy and Reforms"),
        ("s6", "Key Issues and Challenges"),
        ("s7", "Conclusion"),
    ]
    impacts = paper.find("s3")
    assert "joined" in impacts.flags
    assert [p.text for p in impacts.children] == [
        "Impacts on Viet Nam\u2019s economy", "Impacts on Viet Nam\u2019s institutional reforms",
    ]  # fmt: skip
    counts = {}
    for section in paper.provisions:
        counts.update(paragraph_counts(section))
    assert counts == {"s1": 5, "s2": 7, "s3": 0, "s4": 6, "s5": 4, "s6": 4, "s7": 4}
    assert {p.kind for p in paper.walk()} == {"section", "paragraph"}


def test_eria_figures_and_tables_are_not_provisions():
    (paper,) = seed_document("001").instruments
    texts = [p.text for p in paper.walk()]
    assert not any(t.startswith(("Country/Territory", "Year Non-state", "Kota ", "Cambodia 0.6"))
                   for t in texts)  # fmt: skip
    assert "Imports from ASEAN" not in texts
    assert not any(t.startswith(("Cumulative", "1995-2011", "Bank\u2019s World")) for t in texts)
    assert any(t.startswith("Table 2 suggests that") for t in texts)


def test_fao_front_matter_is_not_part_of_the_strategy():
    strategy = seed_document("003").instruments[0]
    assert strategy.provisions[0].text == "Executive Summary"
    texts = [p.text for p in strategy.walk()]
    assert not any("Tel." in t or "printed in limited numbers" in t for t in texts)
    assert not any(t.startswith("Queries on the substantive content") for t in texts)


def test_fao_results_framework_is_one_node_per_outcome_output_and_activity():
    document = seed_document("003")
    nodes = document.results_framework
    assert Counter(n["level"] for n in nodes) == {
        "goal": 1, "outcome": 4, "output": 16, "activity": 43,
    }  # fmt: skip
    outputs = [n for n in nodes if n["level"] == "output"]
    assert [n["code"] for n in outputs] == [
        "A1", "A2", "A3", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4", "C5", "D1", "D2", "D3",
        "D4",
    ]  # fmt: skip
    in_both = [n["code"] for n in outputs if {o["instrument"] for o in n["occurrences"]} == {0, 1}]
    assert len(in_both) == 15 and "D4" not in in_both
    by_code = {n["code"]: n for n in nodes}
    assert by_code["D4"]["occurrences"] == [{"instrument": 0, "ref": "IV.11.D.4"}]
    assert by_code["A1"]["occurrences"] == [
        {"instrument": 0, "ref": "IV.11.A.1"}, {"instrument": 1, "ref": "A.1"},
    ]  # fmt: skip
    assert [o["ref"] for o in by_code["C"]["occurrences"]] == ["C", "IV.11.C", "C"]
    assert (by_code["A.1.1"]["parent"], by_code["A1"]["parent"], by_code["A"]["parent"]) == (
        "A1", "A", "goal",
    )  # fmt: skip
    assert by_code["A1"]["title"] == (
        "New and existing resource partners engaged in a variety of resource partnerships"
    )


def test_fao_codes_are_normalized_wherever_printed_and_the_twin_c_5_2_stays_two_nodes():
    strategy, plan = seed_document("003").instruments
    assert strategy.find("IV.11.A.1").framework == {"level": "output", "code": "A1"}
    assert plan.find("A.3").framework == {"level": "output", "code": "A3"}  # printed "A3)"
    assert plan.find("C.5").framework == {"level": "output", "code": "C5"}  # printed "C 5)"
    assert plan.find("A.1.5").framework == {"level": "activity", "code": "A.1.5"}
    assert plan.find("goal").framework == {"level": "goal", "code": "goal"}
    assert plan.find("C.5.2").framework["code"] == "C.5.2"
    assert plan.find("C.5.2-2").framework["code"] == "C.5.2-2"
    assert strategy.find("IV.11.A.s1").text == "Outputs"
    assert all(p.framework is None for p in strategy.walk() if p.kind in ("section", "paragraph"))


def test_osce_journal_records_items_agenda_items_and_no_page_furniture():
    journal = seed_document("004").instruments[0]
    assert [p.number for p in journal.provisions if p.number] == ["1.", "2.", "3.", "4."]
    agenda = journal.find("3").children
    assert [p.number for p in agenda] == [f"Agenda item {n}:" for n in range(1, 5)]
    assert {p.kind for p in agenda} == {"section"}
    assert [len(p.children) for p in agenda] == [2, 1, 0, 0]
    assert agenda[0].children[0].text.startswith("Decision: The Permanent Council adopted")
    assert [p.text for p in journal.find("1").children] == ["Opened: 3 p.m.", "Closed: 3.25 p.m."]
    assert [p.text for p in journal.find("4").children] == [
        "Thursday, 12 December 2013, at 10 a.m., in the Neuer Saal"
    ]
    texts = [p.text for i in seed_document("004").instruments for p in i.walk()]
    for furniture in ("Chairperson", "None", "Canada, Turkey, France, Chairperson",
                      "976th Plenary Meeting", "PC Journal No. 976, Agenda item 1"):  # fmt: skip
        assert furniture not in texts


def test_osce_page_heads_are_not_part_of_a_statement():
    source = seed_source("004").text
    decision = seed_document("004").instruments[1]
    russian = decision.statements[0]
    assert source[russian.span[0] : russian.span[1]].endswith("Permanent Council.\u201d")


def test_osce_sub_headings_hold_their_restarted_numbering():
    addendum = seed_document("004").instruments[2]
    for chapter in ("II", "III", "IV", "V"):
        national, institutions = addendum.find(chapter).children
        assert (national.ref, national.text) == (
            f"{chapter}.s1", "Recommended action at the national level",
        )  # fmt: skip
        assert (institutions.ref, institutions.text) == (
            f"{chapter}.s2", "Action for OSCE institutions and bodies",
        )  # fmt: skip
    assert [p.ref for p in addendum.find("III.s2").children] == [f"III.s2.{n}" for n in range(1, 9)]
    assert [p.ref for p in addendum.find("V.s1").children] == [f"V.s1.{n}" for n in range(1, 7)]
    assert addendum.find("III.s2.5").addressees == ["the Gender Section of the Secretariat"]


def test_no_ref_carries_a_suffix_but_the_fao_twin(any_seed):
    suffixed = [
        p.ref for i in seed_document(any_seed).instruments for p in i.walk() if "-" in p.ref
    ]
    assert suffixed == (["C.5.2-2"] if any_seed == "003" else [])


def test_osce_statements_are_linked_to_the_provisions_they_name():
    decision = seed_document("004").instruments[1]
    assert [s.provisions for s in decision.statements] == [
        [],
        [{"instrument": 2, "ref": "III.s2.5"}],
        [{"instrument": 2, "ref": "III.s1.1.5"}],
        [{"instrument": 2, "ref": "V.s2.2"}],
    ]

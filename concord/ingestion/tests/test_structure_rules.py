"""The general structure rules, each on a small document written for the rule."""

from hypothesis import given, settings
from hypothesis import strategies as st

from concord.ingestion.readers import SourceText
from concord.ingestion.structure import flatten, propose
from concord.ingestion.structure.kinds import bracketed, operative_verb, placeholder, subject_of
from concord.ingestion.structure.numbering import parse_number


def structure(text: str):
    return propose(SourceText(text=text, path="test.txt", media_type="text/plain"))


def only(text: str):
    (instrument,) = structure(text).instruments
    return instrument


def test_numbering_schemes_are_read_with_their_printed_form():
    cases = {
        "12. Text": ("12.", ["12"]), "- 1.1 Text": ("1.1", ["1", "1"]),
        "(a) Text": ("(a)", ["a"]), "- (a) Text": ("(a)", ["a"]),
        "A.1.2) Text": ("A.1.2)", ["A", "1", "2"]), "A1. Text": ("A1.", ["A", "1"]),
        "II. Text": ("II.", ["II"]), "Annex I": ("Annex I", ["I"]),
        "Article 5 bis": ("Article 5 bis", ["5", "bis"]),
    }  # fmt: skip
    for line, (printed, parts) in cases.items():
        number = parse_number(line)
        assert number is not None, line
        assert (number.printed, number.parts) == (printed, parts)
    assert parse_number("1 Footnote text") is None
    assert parse_number("2015, a year") is None


def test_page_numbers_and_running_feet_are_dropped():
    instrument = only(
        "1. The first paragraph ends here.\n\nThe Organization\n\n\u2013 7 \u2013\n\n"
        "2. The second paragraph.\n"
    )
    assert [p.text for p in instrument.walk()] == [
        "The first paragraph ends here.", "The second paragraph.",
    ]  # fmt: skip


def test_a_paragraph_cut_by_a_blank_line_or_a_footnote_is_joined():
    instrument = only(
        "1. The parties agree to cooperate with the\n\n"
        "¹ A footnote.\n\n"
        "relevant bodies.\n\n2. Next paragraph.\n"
    )
    first, second = instrument.provisions
    assert first.text == "The parties agree to cooperate with the relevant bodies."
    assert first.flags == ["joined"]
    assert [f.text for f in instrument.footnotes] == ["A footnote."]
    assert second.number == "2."


def test_upper_case_after_a_cut_joins_only_a_phrase_left_open():
    instrument = only("1. Assistance to victims of\n\nTHB is given.\n\n2. Recalling,\n\nMore.\n")
    assert instrument.provisions[0].text == "Assistance to victims of THB is given."
    assert [p.text for p in instrument.walk()][-1] == "More."


def test_headings_nest_by_rank_and_paragraphs_under_them():
    instrument = only(
        "I. FIRST CHAPTER\n\nA. A section\n\n1. Para one.\n\n2. Para two.\n\n"
        "B. Another section\n\n3. Para three.\n\nII. SECOND CHAPTER\n\n4. Para four.\n"
    )
    refs = [p.ref for p in instrument.walk()]
    assert refs == ["I", "I.A", "I.A.1", "I.A.2", "I.B", "I.B.3", "II", "II.4"]


def test_dotted_numbers_nest_under_their_parent_number():
    instrument = only(
        "1. Heading of a group\n - 1.1 Taking measures;\n - 1.2 Promoting action.\n"
        "2. Another group\n - 2.1 Ensuring access.\n"
    )
    assert [(p.ref, p.kind) for p in instrument.walk()] == [
        ("1", "section"), ("1.1", "recommended_action"), ("1.2", "recommended_action"),
        ("2", "section"), ("2.1", "recommended_action"),
    ]  # fmt: skip


def test_a_duplicate_number_keeps_its_number_and_gets_a_distinct_ref_and_a_flag():
    instrument = only("1. First.\n2. Second.\n2. Second again.\n3. Third.\n")
    assert [(p.ref, p.number, p.flags) for p in instrument.walk()] == [
        ("1", "1.", []), ("2", "2.", []), ("2-2", "2.", ["duplicate_number"]), ("3", "3.", []),
    ]  # fmt: skip


def test_preamble_and_operative_paragraphs_after_an_opening_line():
    instrument = only(
        "The General Conference,\n\nMindful of its mandate,\n\nGravely alarmed by the facts,\n\n"
        "1. *Urges* Member States to act;\n2. *Takes note with appreciation* of the report;\n"
        "3. Decides to remain seized of the matter.\n"
    )
    assert instrument.body == "General Conference"
    assert [(p.kind, p.verb) for p in instrument.walk()] == [
        ("preambular", "Mindful"), ("preambular", "Gravely alarmed"),
        ("operative", "Urges"), ("operative", "Takes note with appreciation"),
        ("operative", "Decides"),
    ]  # fmt: skip
    assert instrument.find("1").addressees == ["Member States"]


def test_drafting_marks():
    assert bracketed("[Encourages States to act;]")
    assert bracketed("Encourages States [to act quickly and fully];")
    assert not bracketed("“[t]he Court\u2019s cooperation”")
    assert placeholder("[Placeholder]Notes the outcome;")
    assert not bracketed("[Placeholder]Notes the outcome;")
    assert placeholder("Decides [to be completed];")


def test_recommendations_and_actions_name_who_should_or_will_act():
    assert subject_of("The Secretariat should report yearly.", ("should",)) == "the Secretariat"
    assert subject_of("In case of doubt, States should ask.", ("should",)) == "States"
    assert subject_of("States taking action should inform.", ("should",)) == "States"
    assert subject_of("Should States inform?", ("should",)) is None
    assert (
        subject_of("The Office for Legal Affairs (OLA), where needed, will help.", ("will",))
        == "OLA"
    )
    instrument = only(
        "Action for the institutions\n\n1. The Registry will assist States.\n"
        "2. The Registry will report.\n"
    )
    assert [(p.kind, p.addressees) for p in instrument.walk()][1:] == [
        ("action", ["the Registry"]), ("action", ["the Registry"]),
    ]  # fmt: skip


def test_operative_verb_needs_a_preamble_unless_it_is_a_known_verb():
    assert operative_verb("Decides to act", "Decides to act", after_preamble=False) == "Decides"
    assert operative_verb("Parties agree", "Parties agree", after_preamble=True) is None
    assert operative_verb("States should", "States should", after_preamble=True) is None


def test_an_annex_starts_a_new_instrument_titled_by_the_next_line():
    document = structure(
        "Report of the Committee\n\n1. The Committee met.\n\nAnnex I\n\n"
        "Draft decision on budgets\n\nThe Assembly,\n\n1. Decides to act.\n"
    )
    assert [(i.title, i.kind, i.draft) for i in document.instruments] == [
        ("Report of the Committee", "report", False),
        ("Draft decision on budgets", "decision", True),
    ]


def test_a_results_table_gives_goal_outcomes_outputs_and_activities():
    instrument = only(
        "Annex: Work plan 2020-2021\n\nGoal: Better results\t\t\n"
        "OUTCOMES\tOUTPUTS\tActivities\n"
        "A) First outcome\tA.1) First output\tA.1.1) First activity\n"
        "\t\tA.1.2) Second activity\n"
        "\tcontinued output\t\t\n"
    )
    assert [(p.ref, p.kind, p.text) for p in instrument.walk()] == [
        ("goal", "goal", "Better results"),
        ("A", "outcome", "First outcome"),
        ("A.1", "output", "First output continued output"),
        ("A.1.1", "activity", "First activity"),
        ("A.1.2", "activity", "Second activity"),
    ]


_LINES = [
    "", "1. Text;", "- (a) item", "II. HEADING", "A. Heading", "\u00b9 Note.", "\u2013 3 \u2013",
    "lower case rest", "Upper Case Line", "A.1.1) x\ty\tz", "\t\t", "The Council,",
    "*Welcomes* it;", "**Bold**", "[Placeholder]", "Annex II",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_LINES),
            st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
        ),
        max_size=25,
    )
)
def test_any_text_gives_spans_inside_the_source_that_cut_their_text(lines):
    text = "\n".join(lines)
    for instrument in structure(text).instruments:
        for provision in instrument.walk():
            start, end = provision.span
            assert 0 <= start <= end <= len(text)
            if "joined" not in provision.flags:
                assert flatten(text[start:end]) == provision.text


def test_an_unnumbered_sub_heading_in_a_numbered_division_holds_the_restarted_numbering():
    instrument = only(
        "II. Prevention\n\nWhat States will do\n\n1. Awareness\n - 1.1 Taking measures;\n"
        " - 1.2 Promoting action.\n\nWhat the Office will do\n\n1. The Office will assist.\n"
        "2. The Office will report.\n\nIII. Protection\n\n1. Ensuring access.\n"
    )
    assert [p.ref for p in instrument.walk()] == [
        "II", "II.s1", "II.s1.1", "II.s1.1.1", "II.s1.1.2", "II.s2", "II.s2.1", "II.s2.2",
        "III", "III.1",
    ]  # fmt: skip
    assert instrument.find("II.s2").kind == "section"


def test_a_label_inside_a_list_gets_a_ref_but_leaves_the_numbering_as_printed():
    instrument = only(
        "4. The plan has two outcomes:\n\n- A. Better funding.\n\nOutputs\n\n"
        "- A1. Partners engaged.\n- A2. Priorities aligned.\n"
    )
    assert [(p.ref, p.kind) for p in instrument.walk()] == [
        ("4", "paragraph"), ("4.A", "outcome"), ("4.A.s1", "section"),
        ("4.A.1", "output"), ("4.A.2", "output"),
    ]  # fmt: skip


def test_a_heading_printed_without_a_blank_line_and_its_sentence_case_sub_headings():
    instrument = only(
        "Introduction\n\nTrade grew fast.\n\n"
        "1 A footnote that ends here.\nEffects of Trade on the Economy\n\n"
        "and Society\nEffects on wages\n\nWages rose.\n\n"
        "Effects on prices\n\nPrices fell.\n\nConclusion\n\nAll is well.\n"
    )
    assert [(p.ref, p.text) for p in instrument.provisions] == [
        ("s1", "Introduction"),
        ("s2", "Effects of Trade on the Economy and Society"),
        ("s5", "Conclusion"),
    ]
    assert [p.text for p in instrument.find("s2").children] == [
        "Effects on wages", "Effects on prices",
    ]  # fmt: skip
    assert [f.text for f in instrument.footnotes] == ["A footnote that ends here."]


def test_what_a_figure_or_a_table_holds_and_an_editorial_note_are_no_provisions():
    instrument = only(
        "1. Trade grew.\n\nTable 1. Exports by Partner,\n2000-2010 (%)\n\n"
        "Partner Value Share\nChina 12 30\nJapan 8 20\n\nSource: Customs office.\n\n"
        "2. Investment grew too.\n\nFigure 2. Imports\n(b) From the region\nSource: Office.\n\n"
        "3. The end.\n\nNOTE\n\nThe designations employed imply no opinion.\n"
    )
    assert [p.text for p in instrument.walk()] == [
        "Trade grew.", "Investment grew too.", "The end.",
    ]  # fmt: skip


def test_a_caption_with_no_source_line_leaves_the_text_after_it_alone():
    instrument = only(
        "Figure 1. Partners\nAmong the partners of the region, three have mattered more than\n\n"
        "the others.\n"
    )
    assert [p.text for p in instrument.walk()] == [
        "Among the partners of the region, three have mattered more than the others."
    ]


def test_a_title_printed_in_capitals_is_given_in_title_case_keeping_acronyms():
    document = structure(
        "ADDENDUM TO THE OSCE PLAN ON CO-OPERATION: ONE DECADE LATER\n\n"
        "1. The OSCE will report to the UN.\n"
    )
    assert document.instruments[0].title == (
        "Addendum to the OSCE Plan on Co-operation: One Decade Later"
    )
    designated = structure("**DECISION No. 12**\n\nThe Council,\n\nDecides to act.\n")
    assert designated.instruments[0].title == "Decision No. 12"
    mixed = structure("**SPECIAL MEETING (5th Meeting)**\n\n1. The Council met.\n")
    assert mixed.instruments[0].title == "Special Meeting (5th Meeting)"
    kept = structure("**The WIDER Agenda of 2030**\n\n1. The Council met.\n")
    assert kept.instruments[0].title == "The WIDER Agenda of 2030"


def test_an_untitled_document_is_titled_by_what_it_says_it_is():
    paper = only(
        "Introduction\n\nThis paper discusses the effects of trade on growth in ASEAN. It ends.\n"
    )
    assert (paper.title, paper.kind) == ("The Effects of Trade on Growth in ASEAN", "report")
    plan = only("I. INTRODUCTION\n\n1. As set out in the present strategy and work plan, we act.\n")
    assert (plan.title, plan.kind) == ("Strategy and Work Plan", "strategy")
    assert only("1. Nothing says what this is.\n").title is None


def test_who_to_ask_and_how_it_is_printed_are_front_matter_after_the_title():
    instrument = only(
        "JOINT MEETING\n\nFUNDING STRATEGY\n\nQueries may be addressed to:\n\n"
        "Ms A. Person\nDirector, Division\nTel. +39 06 1234\n\n"
        "This document is printed in limited numbers.\n\nExecutive Summary\n\n- It says.\n"
    )
    assert instrument.title == "Funding Strategy"
    assert [p.text for p in instrument.walk()] == ["Executive Summary", "It says."]


def test_a_journal_holds_agenda_items_without_speakers_and_page_heads():
    document = structure(
        "**MEETING OF THE COUNCIL**\n\n1. Date: Monday, 2 May 2016\n\nOpened: 10 a.m.\n\n"
        "2. Subjects discussed:\n\nAgenda item 1: DECISION ON BUDGETS\n\nChair\n\n"
        "Decision: The Council adopted Decision No. 7.\n\nFrance, Chair\n\n"
        "Agenda item 2: ANY OTHER BUSINESS\n\nNone\n\n3. Next meeting:\n\n"
        "Tuesday, 3 May 2016, at 10 a.m.\n\n12th Meeting\n\nJournal No. 12, Agenda item 1\n\n"
        "**DECISION No. 7\nBUDGETS**\n\nThe Council,\n\nDecides to act.\n"
    )
    journal, decision = document.instruments
    assert [(p.ref, p.kind, p.text) for p in journal.walk()] == [
        ("1", "paragraph", "Date: Monday, 2 May 2016"),
        ("p1", "paragraph", "Opened: 10 a.m."),
        ("2", "paragraph", "Subjects discussed:"),
        ("2.1", "section", "DECISION ON BUDGETS"),
        ("p2", "paragraph", "Decision: The Council adopted Decision No. 7."),
        ("2.2", "section", "ANY OTHER BUSINESS"),
        ("3", "paragraph", "Next meeting:"),
        ("p3", "paragraph", "Tuesday, 3 May 2016, at 10 a.m."),
    ]
    assert decision.title == "Decision No. 7 Budgets"


def test_results_framework_codes_are_one_node_wherever_printed():
    document = structure(
        "1. The strategy has one outcome:\n\n- A. Partnerships consolidated. More text.\n\n"
        "Outputs\n\n- A1. Partners engaged.\n- A2. Priorities aligned.\n\n"
        "Annex: Work plan\n\nGoal: Better funding\t\t\nOUTCOMES\tOUTPUTS\tActivities\n"
        "A) Partnerships\tA.1) Partners engaged\tA.1.1) Meet partners\n"
        "\t\tA.1.2) Write to partners\n\t\tA.1.2) Call partners\n"
    )
    strategy, plan = document.instruments
    assert strategy.find("1.A.1").framework == {"level": "output", "code": "A1"}
    assert plan.find("A.1").framework == {"level": "output", "code": "A1"}
    nodes = {n["code"]: n for n in document.results_framework}
    assert list(nodes) == ["goal", "A", "A1", "A.1.1", "A.1.2", "A.1.2-2", "A2"]
    assert nodes["A"]["title"] == "Partnerships consolidated"
    assert nodes["A"]["occurrences"] == [
        {"instrument": 0, "ref": "1.A"}, {"instrument": 1, "ref": "A"},
    ]  # fmt: skip
    assert nodes["A2"]["occurrences"] == [{"instrument": 0, "ref": "1.A.2"}]
    assert (nodes["A.1.2-2"]["parent"], nodes["A2"]["parent"], nodes["goal"]["parent"]) == (
        "A1", "A", None,
    )  # fmt: skip


_STATEMENTS = (
    "**DECISION No. 3\nPLAN**\n\nThe Council,\n\nDecides to adopt the Plan.\n\n"
    "**ADDENDUM ON TRADE**\n\nII. Prevention\n\nAction at the national level\n\n"
    "1. Taking measures.\n2. Promoting action.\n\nAction for the institutions\n\n"
    "1. The Office will assist States.\n2. The Office will promote regional co-operation on "
    "trade with partners.\n3. The Office will publish a yearly report.\n\n"
    "**STATEMENT**\n\nBy the delegation of Ruritania:\n\n"
)


def test_a_statement_naming_a_provision_by_place_is_linked_to_it():
    document = structure(
        _STATEMENTS + "\u201cWe object to paragraph 2 under Chapter II, subtitle \u2018Actions "
        "for Institutions\u2019, and to Section II, paragraph 1.\u201d\n"
    )
    (statement,) = document.instruments[0].statements
    assert statement.provisions == [{"instrument": 1, "ref": "II.s2.2"}]


def test_a_statement_naming_a_task_is_linked_to_the_provision_that_gives_it():
    document = structure(_STATEMENTS + "This decision tasks the Office to promote regional "
                         "co-operation on trade.\n")  # fmt: skip
    (statement,) = document.instruments[0].statements
    assert statement.provisions == [{"instrument": 1, "ref": "II.s2.2"}]


def test_a_reference_that_fits_nothing_stays_unlinked():
    document = structure(_STATEMENTS + "We note paragraph 9 of Chapter IV and tasks the Bureau "
                         "to act.\n")  # fmt: skip
    (statement,) = document.instruments[0].statements
    assert statement.provisions == []

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
